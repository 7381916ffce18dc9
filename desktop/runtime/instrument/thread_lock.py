"""``threading.Lock`` and ``RLock`` that say when the script waits for them.

The lock type is written in C and cannot be patched in place, so the names
``threading.Lock`` and ``threading.RLock`` become factories: a lock the
student's code creates is wrapped in :class:`ReportedLock` /
:class:`ReportedRLock`; a lock the standard library creates for itself stays
the plain C lock (and costs nothing extra).

A wrapped lock first tries to take the lock without blocking; only when that
fails, and the caller is the student's code, does the worker's lane turn
"waiting for a lock" until it has it. An uncontended ``with lock:`` sends no
event at all.
"""

from __future__ import annotations

import _thread
import threading
from types import ModuleType
from typing import Any

from desktop.runtime import import_hook
from desktop.runtime.instrument import frames, report

_allocate_lock = _thread.allocate_lock
_plain_rlock = threading.RLock


class ReportedLock:
    """A ``threading.Lock`` created by the student's code."""

    __slots__ = ("__weakref__", "_lock", "name")

    def __init__(self, lock: Any, name: str):
        self._lock = lock
        self.name = name

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if self._lock.acquire(False):
            return True
        if not blocking:
            return False
        frame = frames.user_frame()
        if frame is None:
            return self._lock.acquire(True, timeout)
        with report.Waiting(report.WAITING_LOCK, self.name, frame):
            return self._lock.acquire(True, timeout)

    __enter__ = acquire

    def release(self) -> None:
        self._lock.release()

    def __exit__(self, *exc: object) -> None:
        self._lock.release()

    def locked(self) -> bool:
        return self._lock.locked()

    def _at_fork_reinit(self) -> None:
        self._lock._at_fork_reinit()

    def __repr__(self) -> str:
        return f"<{self.name}: {self._lock!r}>"


class ReportedRLock(ReportedLock):
    """A ``threading.RLock`` created by the student's code (Condition uses the extra methods)."""

    __slots__ = ()

    def _release_save(self) -> Any:
        return self._lock._release_save()

    def _acquire_restore(self, state: Any) -> None:
        self._lock._acquire_restore(state)

    def _is_owned(self) -> bool:
        return self._lock._is_owned()


def lock_factory() -> Any:
    """``threading.Lock()``: a reported lock for the student's code, the C lock for everyone else."""
    if frames.user_frame() is None:
        return _allocate_lock()
    return ReportedLock(_allocate_lock(), frames.creation_name("Lock"))


def rlock_factory(*args: Any, **kwargs: Any) -> Any:
    """``threading.RLock()``: as :func:`lock_factory`."""
    if frames.user_frame() is None:
        return _plain_rlock(*args, **kwargs)
    return ReportedRLock(_plain_rlock(*args, **kwargs), frames.creation_name("RLock"))


def install() -> None:
    # Pickled by name, as the originals are (e.g. a Thread target or a manager's registry).
    lock_factory.__module__ = rlock_factory.__module__ = "threading"
    lock_factory.__qualname__, rlock_factory.__qualname__ = "Lock", "RLock"
    threading.Lock = lock_factory
    threading.RLock = rlock_factory
    import_hook.when_imported("multiprocessing.managers", _install_managers)


def _install_managers(managers: ModuleType) -> None:
    """A manager's registry names threading.RLock as the type of its RLock proxies, and a
    manager pickles its registry to its server process by name: the name now means the factory."""
    registry = managers.SyncManager._registry
    for typeid, (function, *rest) in list(registry.items()):
        if function is _plain_rlock:
            registry[typeid] = (rlock_factory, *rest)
