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
import functools
import os
import sys
from collections.abc import Callable, Iterable
from types import ModuleType

from desktop.runtime import import_hook

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
    if os.path.isdir(SHM_DIR):  # when a process imports shared_memory: hashlib, secrets, ... cost every worker 5 ms
        import_hook.when_imported("multiprocessing.shared_memory", _name_segments)


def _name_segments(shared_memory: ModuleType) -> None:
    shared_memory._make_filename = functools.partial(_segment_name, shared_memory._make_filename)


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


# --------------------------------------------------------------- kill windows
# A process killed between creating a name and reporting it leaves a name nobody knows:
# ``SemLock`` opens the semaphore before it registers it, ``SharedMemory`` opens, sizes
# and maps its segment before it registers it, and multiprocessing's heap (``Value``,
# ``Array``) makes ``/dev/shm/pym-<pid>-*`` and unlinks it a moment later.
# Rapid Run/Stop hit those windows (one semaphore and one segment in 1,200 stops; a
# 5-byte ``psm_*`` of the SharedMemory starter in another 1,200), so every run names
# its semaphores with a prefix of its own (inherited by every ``Process`` it starts,
# through multiprocessing's process config), its segments (Linux) with that prefix's
# tail, and, after the run, the app removes whatever in /dev/shm carries them or a run
# pid's heap name.

SHM_DIR = "/dev/shm"  # where Linux keeps POSIX semaphores (sem.NAME) and multiprocessing's heap files
_SEMPREFIX_HEAD = "/mpcl"


def run_semprefix(scratch_dir: str) -> str:
    """The semaphore name prefix of the run with ``scratch_dir``: its random tail (short: macOS allows 31 chars)."""
    tail = os.path.basename(scratch_dir.rstrip("/\\"))[-8:]
    return _SEMPREFIX_HEAD + "".join(c for c in tail if c.isalnum())


def use_semprefix(prefix: str) -> None:
    """Name every semaphore this process and its descendants create ``<prefix>-<random>``."""
    import multiprocessing

    multiprocessing.current_process()._config["semprefix"] = prefix


def run_entry_heads(prefix: str) -> tuple[str, str]:
    """How the /dev/shm entries of the run with semaphore ``prefix`` begin: its semaphores', its segments'."""
    return f"sem.{prefix.lstrip('/')}-", f"psm_{prefix[len(_SEMPREFIX_HEAD) :]}_"


def _segment_name(original: Callable[[], str]) -> str:
    """A new ``SharedMemory``'s name: ``/psm_<the run's tail>_<random>`` in a run, else ``original()``."""
    import multiprocessing
    import secrets

    prefix = multiprocessing.current_process()._config.get("semprefix", "")
    if not prefix.startswith(_SEMPREFIX_HEAD) or len(prefix) == len(_SEMPREFIX_HEAD):
        return original()
    return "/" + run_entry_heads(prefix)[1] + secrets.token_hex(8)


def sweep(prefix: str, pids: Iterable[int]) -> list[str]:
    """Unlink the run's semaphores and segments (``prefix``) and heap files (``pym-<pid>-*``) left in /dev/shm.

    The app's resource tracker forgets the semaphores and segments too (see :func:`_forget`).
    Call only after every process of the run has ended. Returns the names removed.
    """
    # macOS and Windows: nothing to list (names are released by their tracker). Under Wine "/dev/shm" is the
    # Linux host's folder, seen through drive Z:, but a Windows Python has no _posixshmem to unlink with.
    if sys.platform == "win32" or not os.path.isdir(SHM_DIR):
        return []
    import _multiprocessing
    import _posixshmem

    sem_head, segment_head = run_entry_heads(prefix)
    heap_heads = tuple(f"pym-{pid}-" for pid in pids)
    removed = []
    try:
        names = os.listdir(SHM_DIR)
    except OSError:
        return removed
    for name in names:
        try:
            if name.startswith(sem_head):
                _multiprocessing.sem_unlink("/" + name[len("sem.") :])
                _forget("/" + name[len("sem.") :], "semaphore")
            elif name.startswith(segment_head):
                _posixshmem.shm_unlink("/" + name)
                _forget("/" + name, "shared_memory")
            elif heap_heads and name.startswith(heap_heads):
                os.unlink(os.path.join(SHM_DIR, name))
            else:
                continue
        except OSError:
            continue
        removed.append(name)
    return removed


def _forget(name: str, rtype: str) -> None:
    """Make the app's resource tracker forget ``name``, whether or not it was registered there.

    A process killed between registering a name with the tracker and reporting
    it leaves it in the tracker: the app then warned "There appear to be 1
    leaked semaphore objects to clean up at shutdown" on quit, for a name the
    sweep had already removed. The tracker fails on an unknown unregister, so
    register first: it keeps a set, and the run's processes are all gone.
    """
    from multiprocessing import resource_tracker

    with contextlib.suppress(Exception):
        resource_tracker.register(name, rtype)
        resource_tracker.unregister(name, rtype)
