"""A process queue's ``get`` shown waiting when it waits, without asking the pipe before every get.

Asking the pipe whether an item is there (one ``poll``, a system call) cost a
queue-heavy script about a microsecond per get, more than the rest of the
instrumentation together. Instead each get notes when it started and ends by
taking its note back. At every flush of the probe (every ``FLUSH_INTERVAL`` by
its flusher thread) the gets the student's code made that have been running
for longer than :data:`SLOW` are shown waiting from the moment they started,
at the student's line; the get, once it returns, shows its worker running
again. A wait therefore appears on its lane up to ``FLUSH_INTERVAL`` after it
began, drawn from its true start; a wait shorter than :data:`SLOW` is not shown.

Whoever takes a note (the get when it returns, or the flusher when it shows the
wait) is decided by one ``dict.pop``, atomic under the interpreter lock: a get
is shown waiting at most once, and running again only if it was.
"""

from __future__ import annotations

import itertools
from time import perf_counter as _clock  # the probe's clock; a test may set its own
from types import FrameType
from typing import Any

from desktop.runtime import telemetry
from desktop.runtime.instrument import frames

SLOW = 0.005  # seconds: a get running longer than this is waiting (an item in the pipe takes microseconds)


class GetWatch:
    """The gets of this process's counted process queues that are running now (see the module)."""

    def __init__(self, probe: Any):
        self._probe = probe
        self._names = probe._thread_state  # per thread: its worker name, once the probe has computed it
        self._running: dict[int, tuple[float, FrameType, str, str]] = {}  # note -> (started, caller, queue, worker)
        self._notes = itertools.count()

    def started(self, queue: str, caller: FrameType) -> int:
        """A get of ``queue`` called from ``caller`` starts; returns its note, for :meth:`ended`."""
        note = next(self._notes)
        try:
            worker = self._names.worker
        except AttributeError:
            worker = self._probe._current_worker()
        self._running[note] = (_clock(), caller, queue, worker)
        return note

    def ended(self, note: int) -> bool:
        """The get returned; True if it was shown waiting (its worker must be shown running again)."""
        return self._running.pop(note, None) is None

    def forget(self) -> None:
        """In a forked child: the gets the parent's other threads were making are not running here."""
        self._running = {}

    def show_waits(self) -> None:
        """Show every get the student's code made that has run longer than :data:`SLOW` waiting (a flush hook)."""
        now = _clock()
        for note, (started, caller, queue, worker) in list(self._running.items()):
            if now - started < SLOW:
                continue
            student = frames.user_frame_from(caller)
            if student is None or self._running.pop(note, None) is None:
                continue  # the queue's own machinery waiting, or the get has just returned
            where = frames.where(student)
            self._probe._emit_at(started, worker, telemetry.STATE, telemetry.State.WAITING_GET, queue, where)
