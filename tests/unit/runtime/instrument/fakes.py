"""Stand-ins for the probe's pipe and for the clock, shared by the instrumentation's unit tests."""

from __future__ import annotations

import threading

from desktop.runtime.telemetry import Event


class RecordingProbe:
    """Stands in for the pipe: keeps what is reported (the counting or watching is under test, not the pipe)."""

    def __init__(self):
        self.events: list[Event] = []
        self._thread_state = threading.local()  # the probe keeps each thread's worker name here

    def _current_worker(self) -> str:
        self._thread_state.worker = "MainProcess"
        return "MainProcess"

    def _emit_at(self, t, worker, kind, name, value, where=None):
        self.events.append(Event(t, 1, worker, kind, name, value, where))


class Clock:
    """A clock a test moves by hand (``clock.now += 0.01``)."""

    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now
