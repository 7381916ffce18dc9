"""Named semaphores and shared-memory segments a stopped run would otherwise leak (POSIX).

Under spawn, every ``ctx.Lock()``, ``ctx.Queue()``, ``ctx.Semaphore()`` and
``SharedMemory`` is a named object in ``/dev/shm``. Its creator unlinks it when
the object is garbage-collected or the process exits. A run that is stopped is
killed outright, so nobody does: the names stay until the *app's* resource
tracker exits (spawned children share their parent's tracker), which in a GUI
session means hundreds of leaked names.

So each probe-using process reports every name it registers with the resource
tracker and every name it unregisters; when the run has ended, the parent
unlinks whatever is still registered and tells its tracker to forget it.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

NAMED_RESOURCE = "named-resource"  # telemetry kind: name = rtype, value = (resource name, registered?)
_TRACKED_TYPES = ("semaphore", "shared_memory")

_installed = False
_report: Callable[[str, str, bool], None] | None = None


def install(report: Callable[[str, str, bool], None]) -> None:
    """From now on call ``report(rtype, name, registered)`` for each semaphore / segment (POSIX only)."""
    global _installed, _report
    _report = report
    if _installed or sys.platform == "win32":
        return
    _installed = True
    from multiprocessing import resource_tracker

    original_register, original_unregister = resource_tracker.register, resource_tracker.unregister

    def register(name: str, rtype: str) -> None:
        original_register(name, rtype)
        _tell(rtype, name, True)

    def unregister(name: str, rtype: str) -> None:
        original_unregister(name, rtype)
        _tell(rtype, name, False)

    # synchronize.py and shared_memory.py look these up on the module at each call.
    resource_tracker.register, resource_tracker.unregister = register, unregister


def _tell(rtype: str, name: str, registered: bool) -> None:
    if _report is not None and rtype in _TRACKED_TYPES:
        with contextlib.suppress(Exception):  # reporting must never break creating a lock
            _report(rtype, name, registered)


def release(leftovers: dict[str, str]) -> list[str]:
    """Unlink each ``name -> rtype`` still present; return the names that were really leaked.

    Call only after every process of the run has ended.
    """
    if sys.platform == "win32" or not leftovers:
        return []
    import _multiprocessing
    from multiprocessing import resource_tracker

    try:
        import _posixshmem
    except ImportError:  # pragma: no cover - every POSIX CPython has it
        _posixshmem = None
    released = []
    for name, rtype in leftovers.items():
        try:
            if rtype == "semaphore":
                _multiprocessing.sem_unlink(name)
            elif _posixshmem is not None:
                _posixshmem.shm_unlink(name)
        except OSError:
            continue  # already unlinked by its owner
        released.append(name)
        # The run's processes registered it with our tracker: forget it there too,
        # or the tracker would try again (and warn) when the app exits.
        with contextlib.suppress(Exception):
            resource_tracker.unregister(name, rtype)
    return released
