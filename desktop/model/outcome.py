"""What a verdict is computed from: the events that arrived and the samples taken.

The runtime builds an :class:`Outcome` after the run process has ended and
hands it to the lesson's ``verdict``. Helpers here answer the questions many
verdicts ask (counter totals, queue depth over time, CPU used during a phase),
so lessons don't each re-implement them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence

from desktop.model.events import COUNT as _COUNT
from desktop.model.events import GOT as _GOT
from desktop.model.events import HELLO as _HELLO
from desktop.model.events import PHASE as _PHASE
from desktop.model.events import PUT as _PUT
from desktop.model.events import STATE as _STATE
from desktop.model.events import depth_step as _depth_step
from desktop.model.record_type import Record

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import Any


class Outcome(Record):
    """Everything measured during one run.

    Attributes:
        result: the dict the lesson's main returned.
        events: every event, sorted by time (see ``desktop.runtime.telemetry.Event``).
        samples: monitor samples taken while the run was alive (``t``, ``per_core``,
            ``processes`` = {pid: (cpu %, rss bytes)}, ``app_cpu`` = CPU % of the app itself).
        started, ended: perf_counter() times bracketing the run.
    """

    __slots__ = ("result", "events", "samples", "started", "ended")
    result: dict
    events: Sequence[Any]
    samples: Sequence[Any]
    started: float
    ended: float

    def counter(self, name: str) -> float:
        """Sum of every ``probe.count(name, delta)``."""
        return sum(e.value for e in self.events if e.kind == _COUNT and e.name == name)

    def depth_curve(self, queue: str = "queue", capacity: int = 0) -> list[tuple[float, int]]:
        """(t, depth) after each put/get report of ``queue``, depth = items put - items got so far.

        Stamps are taken just after each call returns, and the process that
        returns second may be stamped first: a get can carry an earlier stamp
        than the put of the same item, and a put unblocked by a get can be
        stamped before that get. The reconstructed depth can therefore step
        one past what the queue physically held; it is clamped to 0 and, for a
        bounded queue, to its ``capacity`` (maxsize).
        """
        depth = 0
        curve = []
        for event in self.events:
            if event.name != queue or event.kind not in (_PUT, _GOT):
                continue
            depth += _depth_step(event)
            shown = max(depth, 0)
            curve.append((event.t, min(shown, capacity) if capacity > 0 else shown))
        return curve

    def max_depth(self, queue: str = "queue", capacity: int = 0) -> int:
        return max((d for _, d in self.depth_curve(queue, capacity)), default=0)

    def phase_windows(self) -> list[tuple[str, float, float]]:
        """(name, start, end) of every phase in order: from its mark to the next phase mark or the run's end."""
        marks = [e for e in self.events if e.kind == _PHASE]
        ends = [mark.t for mark in marks[1:]] + [self.ended]
        return [(mark.name, mark.t, end) for mark, end in zip(marks, ends, strict=True)]

    def phase_window(self, name: str) -> tuple[float, float]:
        """(start, end) of the first phase called ``name`` (see :meth:`phase_windows`)."""
        for phase, start, end in self.phase_windows():
            if phase == name:
                return start, end
        raise KeyError(f"no phase {name!r} in this run")

    def phase_background(self, name: str) -> float:
        """Cores other programs used during phase ``name`` (:meth:`background_cores` over its window).

        Lessons that compare CPU-bound phases judge each one against this, not
        the run's mean: a burst of other work inside one short phase spoils
        that phase's figure while the mean stays low.
        """
        return self.background_cores(*self.phase_window(name))

    def samples_within(self, start: float, end: float) -> list[Any]:
        """Samples whose measuring interval lies inside [start, end]."""
        return [s for s in self.samples if start < s.t <= end]

    def mean_run_cpu(self, start: float, end: float, skip: float = 0.0) -> float:
        """Mean CPU of the run's own processes in [start + skip, end]; 100 = one core busy."""
        samples = self.samples_within(start + skip, end)
        if not samples:
            return 0.0
        return sum(sum(cpu for cpu, _ in s.processes.values()) for s in samples) / len(samples)

    def background_cores(self, start: float | None = None, end: float | None = None) -> float:
        """Mean number of cores other programs used during the run (or during [start, end]), 0..cores.

        Per sample: the machine total minus the run's own processes and the app
        that runs it, averaged unclamped (readings of the machine and of the
        processes end a few milliseconds apart, and that noise cancels out).
        The CPU a worker used before it said hello (its start-up) is counted
        by the machine total before the sampler watches it: the samples carry
        it as ``unseen_cpu`` and it is subtracted here. So is a worker's CPU
        between its last reading and its last event, when it ended before the
        next reading (estimated at its last reading's rate, see
        :func:`_exit_cpu`): up to 0.1 s of a core per exiting worker, a fifth
        of the load of a short phase. Still counted as other programs:
        processes of the run that never say hello (a Manager's server, the
        resource tracker), and a worker's exit after its last event.

        A window is judged by the samples whose measuring intervals overlap it,
        each weighted by the part of its interval inside the window (a sample
        at ``t`` measured the interval since the previous sample; the first
        one, an interval as long as the next). At 10 Hz a phase of 0.25 s is
        judged by its two or three whole samples and the parts of the two
        straddling its ends; a phase shorter than one interval, with no sample
        inside it, by the one or two samples whose intervals cover it: the
        load over up to 0.1 s around the phase, the finest the sampler tells.
        A window outside every interval (before the first sample, after the
        last) takes the nearest sample. No samples at all: 0.0.
        """
        weighted = _weights(self.samples, start, end)
        if not weighted:
            return 0.0
        samples, exits = self.samples, _exit_cpu(self.samples, self.events)
        total = sum(weight for _, weight, _ in weighted)
        spare = sum(_background(samples[i]) * weight for i, weight, _ in weighted) / total
        span = sum(interval * weight for _, weight, interval in weighted)
        unseen = sum((getattr(samples[i], "unseen_cpu", 0.0) + exits[i]) * weight for i, weight, _ in weighted)
        if span > 0:
            spare -= unseen / span
        return min(float(len(samples[0].per_core)), max(0.0, spare))

    def cores(self) -> int:
        """Logical cores of the machine the samples were taken on."""
        return len(self.samples[0].per_core) if self.samples else (os.cpu_count() or 1)

    def pids(self) -> set[int]:
        return {e.pid for e in self.events if e.kind == _HELLO}

    def workers(self) -> list[str]:
        seen: dict[str, None] = {}
        for event in self.events:
            seen.setdefault(event.worker, None)
        return list(seen)

    def states_of(self, worker: str) -> list[tuple[float, str]]:
        return [(e.t, e.name) for e in self.events if e.kind == _STATE and e.worker == worker]


def _background(sample: Any) -> float:
    """Cores used by others in one sample, unclamped (duck-typed: any record with the sampler's fields)."""
    run = sum(cpu for cpu, _ in sample.processes.values()) + getattr(sample, "app_cpu", 0.0)
    return (sum(sample.per_core) - run) / 100


def _weights(samples: Sequence[Any], start: float | None, end: float | None) -> list[tuple[int, float, float]]:
    """(index, weight, interval) of the samples measuring [start, end] (see ``Outcome.background_cores``).

    The weight is the share of the sample's interval inside the window: 1
    for every sample when there is no window, 1 for the sample nearest the
    window's end when no interval overlaps the window.
    """
    if not samples:
        return []
    first = samples[1].t - samples[0].t if len(samples) > 1 else 0.0
    intervals = [s.t - (samples[i - 1].t if i else s.t - first) for i, s in enumerate(samples)]
    if start is None or end is None:
        return [(i, 1.0, interval) for i, interval in enumerate(intervals)]
    weighted = []
    for i, interval in enumerate(intervals):
        t = samples[i].t
        overlap = min(t, end) - max(t - interval, start)
        if interval > 0 and overlap > 0:
            weighted.append((i, overlap / interval, interval))
        elif interval <= 0 and start < t <= end:  # one sample alone: no interval known
            weighted.append((i, 1.0, interval))
    if not weighted:  # a window of no length, or outside every interval: the sample covering its end, or the last
        nearest = next((i for i, s in enumerate(samples) if s.t >= end), len(samples) - 1)
        weighted.append((nearest, 1.0, intervals[nearest]))
    return weighted


def _exit_cpu(samples: Sequence[Any], events: Sequence[Any]) -> list[float]:
    """Per sample, CPU seconds of the run's workers that ended in its interval, used after their last reading.

    A worker read in one sample and gone from the next ran at its last
    reading's rate until its last event (then it exits), and the machine
    total of the next sample counted that CPU. Without this, a worker
    computing to its end looks like other programs' load there.
    """
    last_event: dict[int, float] = {}
    for event in events:
        last_event[event.pid] = event.t
    exits = [0.0] * len(samples)
    for index, (before, now) in enumerate(itertools.pairwise(samples), start=1):
        for pid, (cpu, _) in before.processes.items():
            if pid not in now.processes and pid in last_event:
                ran = min(max(last_event[pid] - before.t, 0.0), now.t - before.t)
                exits[index] += cpu / 100 * ran
    return exits
