"""The watchdog: a run that reports nothing for too long is stuck, and the error says who waited for what.

Any batch of events counts as progress. When none has arrived for the run
target's ``stall_timeout``, :class:`~desktop.runtime.run.Run` kills the tree
and records :func:`describe_stall`: each worker's last reported state, so a
deadlock reads as "worker-1 waiting for lock B; worker-2 waiting for lock A".
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from desktop.model.events import STATE, Event, State
from desktop.runtime import child_exits


class Watchdog:
    """Measures the time since the run last made progress."""

    def __init__(self, stall_timeout: float):
        self.stall_timeout = stall_timeout
        self._last_progress = time.perf_counter()

    def progressed(self) -> None:
        """Events arrived: the run is alive."""
        self._last_progress = time.perf_counter()

    def stalled_for(self) -> float | None:
        """Seconds without progress if that is past the timeout, else None."""
        stalled = time.perf_counter() - self._last_progress
        return stalled if stalled > self.stall_timeout else None


def describe_stall(stalled_for: float, events: Iterable[Event], exit_codes: Mapping[int, int]) -> str:
    """Who was waiting for what when the watchdog fired: each worker's last state (and how it died, if it did)."""
    last_state: dict[str, Event] = {}
    for event in events:
        if event.kind == STATE:
            last_state[event.worker] = event
    waiting = [
        f"{worker} (pid {event.pid}) {event.name}"
        + (f": {event.value}" if event.value else "")
        + (
            f" (then died with {child_exits.describe_exitcode(exit_codes[event.pid])})"
            if event.pid in exit_codes
            else ""
        )
        for worker, event in sorted(last_state.items())
        if event.name not in (State.FINISHED, State.FAILED)
    ]
    return f"no progress for {stalled_for:.0f} s (watchdog); " + ("; ".join(waiting) or "no worker reported a state")
