"""What the worker timeline shows, without Qt: one lane per worker, state intervals in each.

A lane is a worker as the probe names it (``Event.worker``: a process, or
``process/thread``), in the order workers first reported anything. Each
``STATE`` event starts a new interval in its worker's lane, which lasts until
the worker's next state (or, for the last one, until "now"). A worker that
announced itself (``HELLO``) before reporting a state counts as running; one
that raised (``ERROR``) as failed. Times are seconds since the run started,
the x axis the CPU and queue-depth plots share.

The drawing side consumes intervals incrementally: every interval that closes
is queued once (:meth:`TimelineModel.take_closed`), so a 30 Hz redraw only
builds shapes for what changed. A lane keeps at most ``max_intervals`` of its
latest intervals; dropping old ones bumps :attr:`TimelineModel.generation`,
which tells the drawing side to rebuild everything once.

A finished run's lanes are built by :func:`prepare_timeline`, off the GUI
thread for a big one, and taken over whole (:meth:`TimelineModel.take_over`).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable
from typing import Any

from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event, State

STATES = State.ALL  # a state's position here is its colour index
STATE_INDEX = {state: index for index, state in enumerate(STATES)}
MAX_INTERVALS_PER_LANE = 4_000
Said = str | dict[str, str]  # a state's detail: plain text, or {"en": ..., "zh": ...}


@dataclasses.dataclass(frozen=True, slots=True)
class Interval:
    """One stretch of one worker in one state; ``end`` is None while it lasts.

    ``detail`` is as the worker reported it: text, or the lesson's words in
    both languages (:func:`desktop.model.events.state_detail` reads it in one).
    """

    worker: str
    pid: int
    state: str
    detail: Said
    start: float
    end: float | None


@dataclasses.dataclass(slots=True)
class Lane:
    """One worker's intervals, as parallel lists (cheap to append, to bisect and to trim)."""

    worker: str
    index: int
    pid: int
    starts: list[float] = dataclasses.field(default_factory=list)
    states: list[int] = dataclasses.field(default_factory=list)
    details: list[Said] = dataclasses.field(default_factory=list)
    pids: list[int] = dataclasses.field(default_factory=list)
    where: tuple[str, int] | None = None  # (module, line) of the worker's latest state report

    def interval(self, position: int) -> Interval:
        end = self.starts[position + 1] if position + 1 < len(self.starts) else None
        state = STATES[self.states[position]]
        return Interval(self.worker, self.pids[position], state, self.details[position], self.starts[position], end)


class TimelineModel:
    """The lanes of one run, fed with batches of events as they arrive."""

    def __init__(self, max_intervals: int = MAX_INTERVALS_PER_LANE):
        self._max_intervals = max_intervals
        self.origin = 0.0
        self.lanes: list[Lane] = []
        self._by_worker: dict[str, Lane] = {}
        self._closed: list[tuple[int, float, float, int]] = []  # (lane, start, end, state) not yet taken
        self.generation = 0  # bumped when intervals are dropped or everything is cleared
        self.first_time: float | None = None  # earliest interval start, run-relative
        self.last_time = 0.0  # latest event time seen, run-relative

    def start(self, origin: float) -> None:
        """Forget everything; times are measured from ``origin`` (perf_counter seconds) from now on."""
        self.origin = origin
        self.lanes.clear()
        self._by_worker.clear()
        self._closed.clear()
        self.generation += 1
        self.first_time = None
        self.last_time = 0.0

    @property
    def max_intervals(self) -> int:
        """The most intervals a lane keeps (its latest)."""
        return self._max_intervals

    def take_over(self, other: TimelineModel) -> None:
        """Hold what ``other`` holds (a finished run's lanes, built elsewhere); ``other`` is not used again."""
        self.origin = other.origin
        self.lanes, self._by_worker = other.lanes, other._by_worker
        self._closed = []
        self.generation += 1
        self.first_time, self.last_time = other.first_time, other.last_time

    def lane(self, worker: str) -> Lane | None:
        return self._by_worker.get(worker)

    def add(self, events: Iterable[Event]) -> bool:
        """Take a batch of events; True if any lane or interval was added."""
        changed = False
        for event in events:
            t = event.t - self.origin
            self.last_time = max(self.last_time, t)
            lane = self._by_worker.get(event.worker)
            if lane is None:
                lane = self._by_worker[event.worker] = Lane(event.worker, len(self.lanes), event.pid)
                self.lanes.append(lane)
                changed = True
            lane.pid = event.pid
            if event.kind == telemetry.STATE:
                state = State.current(event.name)  # an older saved run's name is drawn as today's state
                if state in STATE_INDEX:
                    detail = event.value if isinstance(event.value, dict) else str(event.value or "")
                    self._begin(lane, t, state, detail, event.pid)
                    changed = True
                lane.where = (str(event.where[0]), int(event.where[1])) if event.where else None
            elif event.kind == telemetry.HELLO and not lane.starts:
                self._begin(lane, t, State.RUNNING, "", event.pid)
                changed = True
            elif event.kind == telemetry.ERROR:
                self._begin(lane, t, State.FAILED, str(event.name), event.pid)
                changed = True
        return changed

    def _begin(self, lane: Lane, t: float, state: str, detail: Said, pid: int) -> None:
        if lane.starts:
            # One worker reports in order; a name reused by another process might not: never go back.
            t = max(t, lane.starts[-1])
            self._closed.append((lane.index, lane.starts[-1], t, lane.states[-1]))
        if self.first_time is None or t < self.first_time:
            self.first_time = t
        lane.starts.append(t)
        lane.states.append(STATE_INDEX[state])
        lane.details.append(detail)
        lane.pids.append(pid)
        if len(lane.starts) > self._max_intervals + self._max_intervals // 4:
            drop = len(lane.starts) - self._max_intervals
            for column in (lane.starts, lane.states, lane.details, lane.pids):
                del column[:drop]
            self.generation += 1

    def take_closed(self) -> list[tuple[int, float, float, int]]:
        """The intervals closed since the last call, as (lane, start, end, state index)."""
        closed, self._closed = self._closed, []
        return closed

    def closed_intervals(self) -> list[tuple[int, float, float, int]]:
        """Every closed interval still kept, as (lane, start, end, state index); empties the queue."""
        self._closed = []
        return [
            (lane.index, lane.starts[i], lane.starts[i + 1], lane.states[i])
            for lane in self.lanes
            for i in range(len(lane.starts) - 1)
        ]

    def open_intervals(self) -> list[tuple[int, float, int]]:
        """Every lane's current interval, as (lane, start, state index)."""
        return [(lane.index, lane.starts[-1], lane.states[-1]) for lane in self.lanes if lane.starts]

    def interval_at(self, lane_index: int, x: float) -> Interval | None:
        """The interval of lane ``lane_index`` that covers run time ``x``, or None."""
        if not 0 <= lane_index < len(self.lanes):
            return None
        lane = self.lanes[lane_index]
        position = bisect.bisect_right(lane.starts, x) - 1
        if position < 0:
            return None
        return lane.interval(position)

    def latest_state(self, worker: str) -> Interval | None:
        lane = self._by_worker.get(worker)
        return lane.interval(len(lane.starts) - 1) if lane is not None and lane.starts else None


def prepare_timeline(run: Any, pace: Any, max_intervals: int = MAX_INTERVALS_PER_LANE) -> TimelineModel:
    """The lanes of ``run`` (a :class:`~desktop.ui.live_view.FinishedRun`), paced by ``pace``; no Qt: any thread."""
    model = TimelineModel(max_intervals)
    model.start(run.origin)
    model.add(pace.each(run.events, len(run.events)))
    return model
