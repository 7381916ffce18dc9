"""Where instrumentation sends what it sees: the process's probe, with the student's line attached.

One probe per process (the run process's own, or the one a child received in
its spawn preparation data). Everything here is a no-op until :func:`use` has
been called, so a patched primitive used before the probe arrives (or after
it is gone) simply works uninstrumented.

States come from the shared vocabulary (:class:`desktop.model.events.State`):
each waiting state names what the worker is blocked on.
"""

from __future__ import annotations

import contextlib
import os
import threading
from types import FrameType
from typing import Any

from desktop.runtime import telemetry
from desktop.runtime.instrument import frames, get_watch, tally
from desktop.runtime.telemetry import State

RUNNING = State.RUNNING
WAITING_LOCK = State.WAITING_LOCK
WAITING_SEMAPHORE = State.WAITING_SEMAPHORE
WAITING_EVENT = State.WAITING_EVENT  # events and conditions
WAITING_BARRIER = State.WAITING_BARRIER
WAITING_JOIN = State.WAITING_JOIN
WAITING_GET = State.WAITING_GET  # a queue's get, a pool's or a future's result
WAITING_PUT = State.WAITING_PUT
WAITING_IO = State.WAITING_IO  # pipes and sockets
SLEEPING = State.SLEEPING
FINISHED = State.FINISHED
FAILED = State.FAILED

STDOUT, STDERR, NOTE = "stdout", "stderr", "note"  # the name of a log event: which stream it came from

_probe: Any = None
_tally: tally.Tally | None = None  # this process's queue counts, reported through _probe (made at the first)
_watch: get_watch.GetWatch | None = None  # this process's running queue gets, shown waiting by the flusher
_tally_lock = threading.Lock()  # two threads' first counts make one tally (and one watch)


def use(probe: Any) -> None:
    """Report through ``probe`` from now on (None: stop reporting)."""
    global _probe, _tally, _watch
    if probe is _probe:
        return
    if _tally is not None:
        _tally.send_all()  # what was counted so far goes through the probe it was counted for
    _probe, _tally, _watch = probe, None, None


def _start_tally() -> tally.Tally:
    global _tally
    with _tally_lock:
        counts = _tally
        if counts is None:
            counts = _tally = tally.Tally(_probe)
            _probe.add_flush_hook(counts.send_all)  # sent periodically and at every flush, the last at exit
    return counts


def watch() -> get_watch.GetWatch | None:
    """This process's watch on running queue gets (None without a probe)."""
    global _watch
    if _watch is None and _probe is not None:
        with _tally_lock:
            if _watch is None:
                _watch = get_watch.GetWatch(_probe)
                _probe.add_flush_hook(_watch.show_waits)
    return _watch


def _after_fork_in_child() -> None:
    global _tally_lock
    _tally_lock = threading.Lock()
    if _tally is not None:
        _tally.forget()
    if _watch is not None:
        _watch.forget()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def probe() -> Any:
    return _probe


def forget_worker_name() -> None:
    """This thread's worker name is computed again at its next event (a forked child inherits its parent's)."""
    if _probe is not None:
        _probe._thread_state.__dict__.pop("worker", None)


def state(name: str, detail: str | dict[str, str] = "", frame: FrameType | None = None) -> None:
    """The calling worker (process or thread) is now in state ``name``; ``frame`` is the student's line.

    ``detail`` is plain text (a name from the script), or ``{"en", "zh"}`` for words the app says.
    """
    if _probe is not None:
        _probe._emit(telemetry.STATE, name, detail, frames.where(frame))


def log(stream: str, text: str) -> None:
    """A line the worker wrote to ``stream`` (``stdout``/``stderr``), or a note from the runtime."""
    if _probe is not None:
        _probe._emit(telemetry.LOG, stream, text)


def error(kind: str, traceback_text: str) -> None:
    if _probe is not None:
        _probe._emit(telemetry.ERROR, kind, traceback_text, control=True)
        flush()


def count(name: str, delta: float) -> None:
    if _probe is not None:
        _probe.count(name, delta)


def queue_created(name: str, maxsize: int) -> None:
    if _probe is not None:
        _probe.queue_created(name, maxsize)


def put(name: str) -> None:
    """One item went into queue ``name`` (counted, reported with others: see :mod:`.tally`)."""
    if _tally is not None:
        _tally.put(name)
    elif _probe is not None:
        _start_tally().put(name)


def got(name: str) -> None:
    """One item came out of queue ``name``."""
    if _tally is not None:
        _tally.got(name)
    elif _probe is not None:
        _start_tally().got(name)


def flush() -> None:
    if _probe is not None:
        with contextlib.suppress(OSError, ValueError):  # the run's reader is gone: nothing to report to
            _probe.flush()


class Waiting:
    """``with Waiting(state, detail, frame):`` the worker waits in ``state``, then runs again."""

    __slots__ = ("_detail", "_frame", "_state")

    def __init__(self, state_name: str, detail: str | dict[str, str], frame: FrameType | None):
        self._state, self._detail, self._frame = state_name, detail, frame

    def __enter__(self) -> None:
        state(self._state, self._detail, self._frame)

    def __exit__(self, *exc: object) -> None:
        state(RUNNING, "", self._frame)
