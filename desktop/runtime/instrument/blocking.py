"""The blocking calls of the standard library, reported as the waiting state they are.

Each wrapper reports only when the student's code made the call
(:func:`desktop.runtime.instrument.frames.user_frame`) and, where it can
tell cheaply, only when the call really has to wait (a free lock, a set
event, a pipe with data waiting send no events). The lane then shows, for
example, "waiting for a semaphore: room" from the moment the call blocks to
the moment it returns.

Python-level methods are patched in place on their classes (every instance,
whoever created it, sees them). multiprocessing's locks and semaphores bind
their C ``acquire`` to each instance, so ``SemLock._make_methods`` is wrapped
to bind a reporting one instead. ``threading``, ``time`` and ``input()`` are
patched at once; each other module when the process first imports it
(:mod:`desktop.runtime.import_hook`): a pool worker never pays for ``concurrent.futures``.
"""

from __future__ import annotations

import builtins
import functools
import select
import sys
import threading
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

from desktop.runtime import import_hook
from desktop.runtime.instrument import frames, report

_INPUT_NOTE = "input() has no keyboard in a run: the script gets end of file (EOFError)"


def install() -> None:
    _install_threading()
    _install_io()
    for name, patch in (
        ("multiprocessing.synchronize", _install_synchronize),
        ("multiprocessing.process", _install_process),
        ("multiprocessing.pool", _install_pool),
        ("multiprocessing.connection", _install_connection),
        ("concurrent.futures._base", _install_futures),
        ("concurrent.futures.thread", lambda module: _install_executor(module.ThreadPoolExecutor)),
        ("concurrent.futures.process", lambda module: _install_executor(module.ProcessPoolExecutor)),
        ("socket", _install_socket),
    ):
        import_hook.when_imported(name, patch)


# ---------------------------------------------------------------- helpers
# What a wait is on when the object has no name of its own (no variable, no ``name=``): its kind, said in
# both languages as the other details are ({"en", "zh"}, read with events.state_detail; a saved run of an
# older version has the English string, shown as it is). A class name (Lock, Event) is code: as written.
_KINDS_SAID = {
    kind: {"en": kind, "zh": chinese}
    for kind, chinese in (
        ("thread", "线程"),
        ("process", "进程"),
        ("pool", "进程池"),
        ("pool result", "进程池的一个结果"),
        ("pool results", "进程池的结果"),
        ("pipe", "管道"),
        ("socket", "套接字"),
        ("future", "Future 对象的结果"),
        ("futures", "多个 Future 对象"),
        ("executor", "执行器"),
    )
}


def said(kind: str) -> str | dict[str, str]:
    """``kind`` as a wait's detail: in both languages if it is a word (``"future"``), else as written."""
    return _KINDS_SAID.get(kind, kind)


def _name(obj: Any, kind: str | dict[str, str]) -> str | dict[str, str]:
    return getattr(obj, "_lab_name", None) or kind


def _naming_init(cls: type, kind: str) -> None:
    """Objects of ``cls`` the student's code creates remember the variable they are stored in."""
    original = cls.__init__

    @functools.wraps(original)
    def named_init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if frames.user_frame() is not None:
            self._lab_name = frames.creation_name(kind)

    cls.__init__ = named_init


def _waits(state: str, kind: str, ready: Callable[[Any], bool] | None = None) -> Callable[[Any], Any]:
    """Decorate a blocking method: report ``state`` while a call from the student's code waits."""

    detail = said(kind)

    def decorate(method: Any) -> Any:
        @functools.wraps(method)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            frame = frames.user_frame()
            if frame is None or (ready is not None and ready(self)):
                return method(self, *args, **kwargs)
            with report.Waiting(state, _name(self, detail), frame):
                return method(self, *args, **kwargs)

        return wrapper

    return decorate


def _patch(cls: type, attribute: str, state: str, kind: str, ready: Callable[[Any], bool] | None = None) -> None:
    setattr(cls, attribute, _waits(state, kind, ready)(getattr(cls, attribute)))


# -------------------------------------------------------------- threading
def _semaphore_acquire(original: Any) -> Any:
    @functools.wraps(original)
    def acquire(self: Any, blocking: bool = True, timeout: float | None = None) -> bool:
        frame = frames.user_frame()
        if frame is None:
            return original(self, blocking, timeout)
        if original(self, False):
            return True
        if not blocking or timeout == 0:
            return False
        with report.Waiting(report.WAITING_SEMAPHORE, _name(self, "Semaphore"), frame):
            return original(self, True, timeout)

    return acquire


def _install_threading() -> None:
    for cls, kind in (
        (threading.Semaphore, "Semaphore"),
        (threading.BoundedSemaphore, "BoundedSemaphore"),
        (threading.Event, "Event"),
        (threading.Condition, "Condition"),
        (threading.Barrier, "Barrier"),
    ):
        _naming_init(cls, kind)
    threading.Semaphore.acquire = _semaphore_acquire(threading.Semaphore.acquire)
    threading.Semaphore.__enter__ = threading.Semaphore.acquire
    _patch(threading.Event, "wait", report.WAITING_EVENT, "Event", ready=lambda e: e.is_set())
    _patch(threading.Condition, "wait", report.WAITING_EVENT, "Condition")
    _patch(threading.Condition, "wait_for", report.WAITING_EVENT, "Condition")
    _patch(threading.Barrier, "wait", report.WAITING_BARRIER, "Barrier")
    _patch(threading.Thread, "join", report.WAITING_JOIN, "thread", ready=lambda t: not t.is_alive())
    threading.Thread._lab_name = property(lambda t: t.name)


# -------------------------------------------------------- multiprocessing
_SEMLOCK_STATES = {
    "Lock": report.WAITING_LOCK,
    "RLock": report.WAITING_LOCK,
    "Semaphore": report.WAITING_SEMAPHORE,
    "BoundedSemaphore": report.WAITING_SEMAPHORE,
}


def _semlock_acquire(lock: Any, raw: Any) -> Callable[[Any, bool, float | None], bool]:
    """The slow path of ``acquire``: the lock was taken; wait for it, reported for the student's ``frame``."""
    state = _SEMLOCK_STATES.get(type(lock).__name__, report.WAITING_LOCK)

    def acquire_slow(frame: Any, block: bool = True, timeout: float | None = None) -> bool:
        if not block:
            return False
        if frame is None:
            return raw(True, timeout)
        with report.Waiting(state, _name(lock, type(lock).__name__), frame):
            return raw(True, timeout)

    return acquire_slow


def _install_synchronize(sync: ModuleType) -> None:
    original_make_methods = sync.SemLock._make_methods

    def _make_methods(self: Any) -> None:
        original_make_methods(self)
        raw = self._semlock.acquire
        acquire_slow = self._lab_acquire_slow = _semlock_acquire(self, raw)

        def acquire(block: bool = True, timeout: float | None = None) -> bool:
            # A free lock is taken at C speed: only a wait looks at who is calling.
            return raw(False) or acquire_slow(frames.user_frame(), block, timeout)

        self.acquire = acquire

    def enter(self: Any) -> bool:
        return self._semlock.acquire(False) or self._lab_acquire_slow(frames.user_frame())

    sync.SemLock._make_methods = _make_methods
    sync.SemLock.__enter__ = enter
    for cls in (sync.Lock, sync.RLock, sync.Semaphore, sync.BoundedSemaphore, sync.Event, sync.Condition):
        _naming_init(cls, cls.__name__)
    _carry_name(sync.SemLock)
    _patch(sync.Event, "wait", report.WAITING_EVENT, "Event", ready=lambda e: e.is_set())
    _patch(sync.Condition, "wait", report.WAITING_EVENT, "Condition")


def _install_process(process: ModuleType) -> None:
    _patch(process.BaseProcess, "join", report.WAITING_JOIN, "process")
    process.BaseProcess._lab_name = property(lambda p: p.name)


def _install_pool(pool: ModuleType) -> None:
    _patch(pool.Pool, "join", report.WAITING_JOIN, "pool")
    for method in ("map", "starmap", "apply"):
        _patch(pool.Pool, method, report.WAITING_GET, "pool results")
    _patch(pool.ApplyResult, "get", report.WAITING_GET, "pool result", ready=lambda r: r.ready())
    _patch(pool.ApplyResult, "wait", report.WAITING_GET, "pool result", ready=lambda r: r.ready())
    _patch(pool.IMapIterator, "next", report.WAITING_GET, "pool results")


def _install_connection(module: ModuleType) -> None:
    connection = module.Connection
    for method in ("recv", "recv_bytes", "recv_bytes_into"):
        _patch(connection, method, report.WAITING_IO, "pipe", ready=_has_data)


def _has_data(connection: Any) -> bool:
    return readable(connection)


_HAS_POLL = sys.platform != "win32" and hasattr(select, "poll")


def readable(connection: Any) -> bool:
    """Whether a multiprocessing connection has data waiting (True if it cannot tell: the real call decides).

    ``Connection.poll(0)`` builds a selector each time (some 10 µs). On POSIX a
    ``select.poll`` object registered once per connection (kept on it) answers
    the same in about 1.5 µs, half a zero-timeout ``select`` (a pool worker asks
    before each task; a counted queue's ``get`` does not ask: see :mod:`.get_watch`).
    """
    try:
        if sys.platform == "win32":
            return connection.poll(0)
        if connection._handle is None:
            return True  # closed: the real call raises
        if not _HAS_POLL:
            return bool(select.select([connection._handle], [], [], 0)[0])
        poller = connection.__dict__.get("_lab_poller")
        if poller is None:
            poller = connection._lab_poller = select.poll()
            poller.register(connection._handle, select.POLLIN)
        return bool(poller.poll(0))
    except (OSError, EOFError, ValueError, AttributeError):
        return True


def _carry_name(cls: type) -> None:
    """A lock sent to a child keeps its name there (the state gets one more item)."""
    getstate, setstate = cls.__getstate__, cls.__setstate__

    def getstate_with_name(self: Any) -> tuple:
        return (*getstate(self), getattr(self, "_lab_name", None))

    def setstate_with_name(self: Any, state: tuple) -> None:
        setstate(self, state[:-1])
        if state[-1]:
            self._lab_name = state[-1]

    cls.__getstate__, cls.__setstate__ = getstate_with_name, setstate_with_name


# ------------------------------------------------------------------ futures
_FUTURES = said("futures")


def _install_futures(base: ModuleType) -> None:
    future = base.Future
    _patch(future, "result", report.WAITING_GET, "future", ready=lambda f: f.done())
    _patch(future, "exception", report.WAITING_GET, "future", ready=lambda f: f.done())
    original_wait = base.wait

    @functools.wraps(original_wait)
    def wait(*args: Any, **kwargs: Any) -> Any:
        frame = frames.user_frame()
        if frame is None:
            return original_wait(*args, **kwargs)
        with report.Waiting(report.WAITING_GET, _FUTURES, frame):
            return original_wait(*args, **kwargs)

    base.wait = wait
    package = sys.modules.get("concurrent.futures")  # being imported: it takes ``wait`` from _base next
    if getattr(package, "wait", None) is original_wait:
        package.wait = wait
    _patch(base.Executor, "shutdown", report.WAITING_JOIN, "executor")


def _install_executor(executor: type) -> None:
    _patch(executor, "shutdown", report.WAITING_JOIN, "executor")


# ---------------------------------------------------------- sleep, IO, input
def _install_io() -> None:
    original_sleep = time.sleep

    @functools.wraps(original_sleep)  # pickles as time.sleep (e.g. a Process target)
    def sleep(seconds: float) -> None:
        frame = frames.user_frame()
        if frame is None or seconds <= 0:
            return original_sleep(seconds)
        with report.Waiting(report.SLEEPING, {"en": f"{seconds:g} s", "zh": f"{seconds:g} 秒"}, frame):
            return original_sleep(seconds)

    time.sleep = sleep
    builtins.input = functools.wraps(builtins.input)(_input)


def _install_socket(module: ModuleType) -> None:
    for method in ("accept", "connect", "recv", "recv_into", "recvfrom", "sendall"):
        _patch(module.socket, method, report.WAITING_IO, "socket", ready=_nonblocking)


def _nonblocking(sock: Any) -> bool:
    try:
        return sock.gettimeout() == 0.0
    except OSError:
        return True


def _input(prompt: object = "") -> str:
    """``input()``: a run has no keyboard; say so, then behave as at the end of the input."""
    if prompt:
        print(prompt, end="", flush=True)  # what the script asked to show
    report.log(report.NOTE, _INPUT_NOTE)
    raise EOFError(_INPUT_NOTE)
