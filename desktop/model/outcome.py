"""What a verdict is computed from: the events that arrived and the samples taken.

The runtime builds an :class:`Outcome` after the run process has ended and
hands it to the lesson's ``verdict``. Helpers here answer the questions many
verdicts ask (counter totals, queue depth over time, CPU used during a phase),
so lessons don't each re-implement them.
"""

from __future__ import annotations

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

    def phase_window(self, name: str) -> tuple[float, float]:
        """(start, end) of phase ``name``: from its mark to the next phase mark or the run's end."""
        marks = [e for e in self.events if e.kind == _PHASE]
        for index, mark in enumerate(marks):
            if mark.name == name:
                end = marks[index + 1].t if index + 1 < len(marks) else self.ended
                return mark.t, end
        raise KeyError(f"no phase {name!r} in this run")

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
        it as ``unseen_cpu`` and it is subtracted here. Still counted as other
        programs: processes of the run that never say hello (a Manager's
        server, the resource tracker), and a worker's CPU between the last
        reading and its exit (at most one sampling interval of it).
        """
        samples = self.samples if start is None else self.samples_within(start, end)
        if not samples:
            return 0.0
        spare = sum(_background(s) for s in samples) / len(samples)
        span = (samples[-1].t - samples[0].t) * len(samples) / (len(samples) - 1) if len(samples) > 1 else 0.0
        unseen = sum(getattr(s, "unseen_cpu", 0.0) for s in samples)
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
