"""The probe: the one API lesson code uses to report what its workers do.

A lesson passes its probe to every process it starts, as an ordinary argument::

    ctx.Process(target=buyer, args=(probe, db_path, lock), name="buyer-1")

and pool workers receive it through the pool's initializer::

    ctx.Pool(4, initializer=probe.attach)   # tasks then call current_probe()

Workers then say what they do: ``probe.state(State.WAITING_LOCK, "ticket lock", zh="票锁")`` (what it
waits for), ``probe.log("bought a ticket", zh="买到一张票")``, ``probe.count("sold")``, ``probe.put("queue")``;
the app's own words in English and Chinese, the UI showing the one it speaks.

Events are buffered per process and sent in batches: at once when nothing was
sent for a flush interval (so a quiet worker's first event arrives within
milliseconds), otherwise by size or by a background flusher thread
``FLUSH_INTERVAL`` seconds after the last send. The flusher also notices when the
worker's parent has died and ends the orphaned worker, so a killed GUI leaves
nothing behind. With nothing buffered and no flush hooks it sleeps until an
event is left waiting or the parent dies, not by the clock: it runs inside the
very process a lesson measures, competing for the core and the GIL with what
the lesson times (the feeder thread of queue-basics' put(); empty()).

A probe can only travel to a process when that process is started (spawn
pickles it with the process's arguments); sending one through a pool task
raises multiprocessing's own "shared between processes through inheritance"
error.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.util
import os
import sys
import threading
import time
from collections.abc import Callable

from desktop.runtime import telemetry
from desktop.runtime.telemetry import State

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Probe", "State", "current_probe"]

FLUSH_INTERVAL = 0.05
BATCH_SIZE = 1024
ORPHAN_EXIT_CODE = 75

_current: Probe | None = None
# Bumped in the child of an os.fork(): a probe compares it per event instead of
# calling os.getpid() (a system call, a third of an event's cost).
_process_generation = 0


def _count_fork() -> None:
    global _process_generation
    _process_generation += 1


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_count_fork)


def current_probe() -> Probe:
    """The probe installed in this process (by a pool initializer or the run process)."""
    if _current is None:
        raise RuntimeError("no probe in this process: start the pool with initializer=probe.attach")
    return _current


class Probe:
    """Worker-side end of a run's telemetry channel."""

    def __init__(self, writer: Any):
        self._writer = writer
        self._setup_process_state()

    def __getstate__(self) -> dict:
        return {"writer": self._writer}

    def __setstate__(self, state: dict) -> None:
        self._writer = state["writer"]
        self._setup_process_state()

    def _setup_process_state(self) -> None:
        self._buffer: list[tuple] = []
        # Re-entrant: while a thread holds it, the garbage collector may run a finalizer on that very thread (a Lock
        # or Queue dropped in a reference cycle unregisters its semaphore; a dropped Pool terminates its workers) that
        # reports through this probe: with a Lock the thread waited for itself (pool-lifecycle hung so, now and then).
        self._buffer_lock = threading.RLock()
        self._sending = False  # a batch is being sent: a re-entrant flush leaves its events to that send
        self._has_control = False  # the buffer holds a control event (see telemetry.ROUTINE_KINDS)
        self._thread_state = threading.local()  # per thread: its worker name, computed once
        self._last_flush, self._pid = 0.0, 0
        self._generation = -1  # the _process_generation this probe started in; -1: not started
        self._flusher: threading.Thread | None = None
        self._flusher_asleep = False  # waiting without a timeout: an event left in the buffer or a new hook wakes it
        self._rouse: Any = None  # the writing end of the flusher's wake-up pipe
        self._orphan_handler: Callable[[], None] = _exit_orphaned
        self._token = int.from_bytes(os.urandom(4), "little")  # tells apart two probes in one process
        self._flush_hooks: list[Callable[[], None]] = []

    def _after_fork_in_child(self) -> None:
        """A forked child: the lock may be held by a parent's thread, the buffered events are the parent's to send."""
        self._buffer_lock = threading.RLock()
        self._buffer = []
        self._sending = self._has_control = self._flusher_asleep = False
        self._flusher = None

    # ----------------------------------------------------------------- reporting
    def state(self, state: str, detail: str = "", zh: str = "", at: float | None = None) -> None:
        """Report that the calling worker is now in ``state`` (a :class:`State` value), ``detail`` saying more.

        ``detail`` is English; ``zh`` is the same in Chinese, for the Chinese UI
        (the timeline's hover text and the event log): a lesson gives both, as
        it does for :meth:`log`. A detail without ``zh`` shows as it is in every language.

        Report it just before the call that may block, naming what it blocks on:
        ``State.WAITING_BARRIER`` before ``barrier.wait()``, ``State.WAITING_JOIN``
        before ``p.join()``, ``State.WAITING_GET`` before ``q.get()``, and so on
        (:class:`desktop.model.events.State` lists them all). The event also
        says where in the source it was reported (module and line of this
        call), so the app can highlight the worker's current step. ``at`` (a ``time.perf_counter()``
        reading) reports it after the fact, entered then: where a report before the call would be timed too.
        """
        caller = sys._getframe(1)
        value = _said(detail, zh) if zh else detail
        where = (caller.f_globals.get("__name__", ""), caller.f_lineno)
        if at is None:
            self._emit(telemetry.STATE, state, value, where)
        else:
            self._emit_at(at, self._current_worker(), telemetry.STATE, state, value, where)

    def log(self, text: str, zh: str = "") -> None:
        """Add a line to the run's event log: ``text`` in English and, for the Chinese UI, ``zh``.

        The app's own words go in both languages; a line without ``zh`` shows
        as it is in every language (what a script prints, say).
        """
        self._emit(telemetry.LOG, "", {"en": text, "zh": zh} if zh else text)

    def count(self, counter: str, delta: float = 1) -> None:
        """Move a named counter shown live (``sold``, ``produced``...)."""
        self._emit(telemetry.COUNT, counter, delta)

    def queue_created(self, queue: str = "queue", maxsize: int = 0) -> None:
        """Say that ``queue`` exists and holds at most ``maxsize`` items (0: unbounded).

        The depth plot then draws that limit and never shows more: depth is
        reconstructed from the moments puts and gets returned, which can run one
        item ahead of what a full queue really held.
        """
        self._emit(telemetry.QUEUE, queue, int(maxsize))

    def put(self, queue: str = "queue") -> None:
        """Count one item put into ``queue``; depth = puts - gets, never ``qsize()``."""
        self._emit(telemetry.PUT, queue, 1)

    def got(self, queue: str = "queue") -> None:
        """Count one item taken out of ``queue``."""
        self._emit(telemetry.GOT, queue, 1)

    def phase(self, name: str, zh: str = "") -> None:
        """Mark the start of a named phase (e.g. "threads", then "processes"), ``zh`` its Chinese name.

        ``name`` is what verdicts look up (:meth:`desktop.model.outcome.Outcome.phase_window`);
        the plots and the event log show ``zh`` in the Chinese UI.
        """
        self._emit(telemetry.PHASE, name, {"en": name, "zh": zh} if zh else None)
        self.flush()

    def result(self, result: dict) -> None:
        """Report the lesson main's return value (used by the run process)."""
        self._emit(telemetry.RESULT, "", result, control=True)
        self.flush()

    def error(self, error: BaseException, traceback_text: str) -> None:
        """Report an exception with its traceback."""
        self._emit(telemetry.ERROR, type(error).__name__, traceback_text, control=True)
        self.flush()

    def attach(self) -> None:
        """Install this probe as the process's current probe and announce the process.

        Use as a pool initializer: ``ctx.Pool(n, initializer=probe.attach)``.
        """
        global _current
        _current = self
        self._ensure_started()

    # ------------------------------------------------------------------ plumbing
    def _emit(
        self, kind: str, name: str, value: Any, where: tuple[str, int] | None = None, control: bool = False
    ) -> None:
        if self._generation != _process_generation:
            self._ensure_started()
        try:
            worker = self._thread_state.worker
        except AttributeError:  # first event of this thread: name it once
            worker = self._thread_state.worker = _worker_name()
        now = time.perf_counter()
        # Built before taking the lock: allocating it may run the garbage collector, whose finalizers may emit
        # (see _setup_process_state) and must not swap the buffer between reading self._buffer and appending to it.
        event = (now, self._pid, worker, kind, name, value, where)
        with self._buffer_lock:
            self._buffer.append(event)
            if control:
                self._has_control = True
            if len(self._buffer) >= BATCH_SIZE or now - self._last_flush >= FLUSH_INTERVAL:
                self._flush_locked(now)
            elif self._flusher_asleep:
                self._rouse_flusher()

    def add_flush_hook(self, hook: Callable[[], None]) -> None:
        """Run ``hook()`` first in every flush (explicit, periodic, at exit): a reporter that holds
        events back sends them there (a script's queue counts, :mod:`desktop.runtime.instrument.tally`)."""
        with self._buffer_lock:
            self._flush_hooks.append(hook)
            if self._flusher_asleep:  # asleep without a timeout: it must tick for the hook from now on
                self._rouse_flusher()

    def _emit_at(
        self, t: float, worker: str, kind: str, name: str, value: Any, where: tuple[str, int] | None = None
    ) -> None:
        """Report an event that happened at ``t`` in ``worker``, after the fact (what a flush hook held back)."""
        if self._generation != _process_generation:
            self._ensure_started(since=t)
        event = (t, self._pid, worker, kind, name, value, where)
        now = time.perf_counter()
        with self._buffer_lock:
            self._buffer.append(event)
            if len(self._buffer) >= BATCH_SIZE or now - self._last_flush >= FLUSH_INTERVAL:
                self._flush_locked(now)
            elif self._flusher_asleep:
                self._rouse_flusher()

    def _rouse_flusher(self) -> None:
        """Wake the flusher sleeping without a timeout (buffer lock held): an event waits for its send."""
        self._flusher_asleep = False
        try:
            self._rouse.send_bytes(b"")
        except (OSError, ValueError):
            pass  # the process is ending: its exit flush sends what is left

    def _current_worker(self) -> str:
        """The calling thread's worker name, as its events carry it."""
        if not hasattr(self._thread_state, "worker"):
            self._thread_state.worker = _worker_name()
        return self._thread_state.worker

    def flush(self) -> None:
        """Send everything buffered now."""
        for hook in self._flush_hooks:
            hook()
        with self._buffer_lock:
            self._flush_locked(time.perf_counter())

    def _flush_locked(self, now: float) -> None:
        self._last_flush = now
        if self._sending:
            # Re-entered on the sending thread (a finalizer run by the garbage collector while the
            # batch was encoded or sent): sending now would put this batch's frames between the
            # outer batch's, which share their sender's (pid, token) and would be joined into one.
            # The loop below sends these events as soon as the outer batch is out.
            return
        self._sending = True
        try:
            while self._buffer:
                batch, self._buffer = self._buffer, []
                control, self._has_control = self._has_control, False
                for frame in telemetry.frames(self._pid, self._token, telemetry.encode(batch), control):
                    self._writer.send_bytes(frame)  # one atomic write each: no lock between processes
        finally:
            self._sending = False

    def _ensure_started(self, since: float | None = None) -> None:
        """First use in a process: say hello, start the flusher, flush at exit. ``since``: the first report
        is dated then (:meth:`state` with ``at``), and so is the hello: the process was already there."""
        if self._pid == os.getpid():
            self._generation = _process_generation
            return
        # Imported at the first report: unpickling a worker's arguments imports the probe, in the timed start-up.
        from desktop.runtime import child_exits, fork_safety, named_resources
        from desktop.runtime.spawn import spawn_context
        from desktop.runtime.stderr_tee import StderrTee

        fork_safety.reinit_after_fork(self)
        self._pid = os.getpid()
        self._generation = _process_generation
        parent = multiprocessing.parent_process()
        hello = {
            "ppid": os.getppid(),
            "start_method": multiprocessing.get_start_method(allow_none=True),
            "qt_loaded": "PySide6" in sys.modules,
            "python": sys.version.split()[0],
        }
        at = time.perf_counter() if since is None else min(since, time.perf_counter())
        with self._buffer_lock:
            self._buffer.append((at, self._pid, self._current_worker(), telemetry.HELLO, "", hello, None))
            self._has_control = True
        self.flush()
        if not getattr(sys.stderr, "reports_to_probe", False):  # a script run's streams already report
            sys.stderr = StderrTee(self, sys.stderr)
        # Runs before multiprocessing closes its own queues (exitpriority 10).
        multiprocessing.util.Finalize(None, self._flush_quietly, exitpriority=100)
        child_exits.install(self._report_child_exit)
        named_resources.install(self._report_named_resource)
        wake, self._rouse = spawn_context().Pipe(duplex=False)
        self._flusher_asleep = False
        self._flusher = threading.Thread(
            target=self._flush_periodically, args=(parent, wake), name="probe-flusher", daemon=True
        )
        self._flusher.start()

    def _report_child_exit(self, pid: int, exitcode: int) -> None:
        """A child of this process ended abnormally, not by our own terminate()/kill()."""
        # Flushed at once: the exit handler reaps children after the final flush.
        from desktop.runtime.child_exits import CHILD_EXIT  # loaded by _ensure_started, which installed this

        self._emit(CHILD_EXIT, "", {"pid": pid, "exitcode": exitcode}, control=True)
        self._flush_quietly()

    def _report_named_resource(self, rtype: str, name: str, registered: bool) -> None:
        """A semaphore or shared-memory name was created or released (the parent cleans up after a kill)."""
        from desktop.runtime.named_resources import NAMED_RESOURCE  # as CHILD_EXIT above

        self._emit(NAMED_RESOURCE, rtype, (name, registered), control=True)
        self._flush_quietly()

    def _flush_quietly(self) -> None:
        try:
            self.flush()
        except (OSError, ValueError):
            pass  # the parent has gone; nothing left to report to

    def _flush_periodically(self, parent: Any, wake: Any) -> None:
        """The flusher thread: sends what waited ``FLUSH_INTERVAL`` since the last send, runs the flush hooks
        every ``FLUSH_INTERVAL``, ends the process when its parent dies; sleeps while there is nothing to do."""
        from multiprocessing.connection import wait

        # The parent's sentinel is ready once the parent has died (what parent.is_alive() asks without waiting).
        sources = [wake] if parent is None else [wake, parent.sentinel]
        while True:
            with self._buffer_lock:
                if self._flush_hooks:
                    timeout = FLUSH_INTERVAL
                elif self._buffer:
                    timeout = max(0.0, self._last_flush + FLUSH_INTERVAL - time.perf_counter())
                else:
                    timeout = None
                self._flusher_asleep = timeout is None
            ready = wait(sources, timeout)
            if parent is not None and parent.sentinel in ready:
                self._orphan_handler()
                return
            if wake in ready:
                try:
                    while wake.poll():
                        wake.recv_bytes()
                except (OSError, EOFError):
                    return
            try:
                for hook in self._flush_hooks:
                    hook()
            except (OSError, ValueError):
                return
            with self._buffer_lock:
                if self._buffer and time.perf_counter() - self._last_flush >= FLUSH_INTERVAL:
                    try:
                        self._flush_locked(time.perf_counter())
                    except (OSError, ValueError):
                        return

    def set_orphan_handler(self, handler: Callable[[], None]) -> None:
        """Replace what happens when this process's parent dies (default: exit at once)."""
        self._orphan_handler = handler


@functools.lru_cache(maxsize=256)
def _said(english: str, chinese: str) -> dict[str, str]:
    """``{"en": english, "zh": chinese}``, one object per pair: a batch that repeats a detail pickles it once."""
    return {"en": english, "zh": chinese}


def _worker_name() -> str:
    """The calling worker's name: its process's, plus the thread's for a secondary thread."""
    name = multiprocessing.current_process().name
    thread = threading.current_thread()
    return name if thread is threading.main_thread() else f"{name}/{thread.name}"


def _exit_orphaned() -> None:
    os._exit(ORPHAN_EXIT_CODE)
