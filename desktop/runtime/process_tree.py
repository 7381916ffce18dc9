"""Ending a run's whole process tree: children, grandchildren, pool workers, manager servers.

On POSIX the run process makes itself a process-group leader, so everything it
starts (and everything those start) shares its group even after being
re-parented; one ``killpg`` reaches them all. As a second net, and on Windows
where there are no process groups, the tree is walked with psutil and every
pid the run ever reported is killed too.

psutil is imported only where it is used: the run process imports this module
at start-up to become a group leader, and psutil would add ~20 ms to every spawn.

Processes are killed outright: a run that is stopped has no state worth saving,
and a ``SIGTERM`` that Python ignores while blocked in C would only cost time.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import psutil

KILL_TIMEOUT = 2.0


def become_group_leader() -> None:
    """Make the calling process lead a new session and process group (POSIX only)."""
    if hasattr(os, "setsid"):
        try:
            os.setsid()
        except OSError:
            pass  # already a group leader


def group_of(pid: int) -> int | None:
    """The process group ``pid`` leads, or None (not a leader, gone, or Windows)."""
    if not hasattr(os, "getpgid"):
        return None
    try:
        pgid = os.getpgid(pid)
    except (ProcessLookupError, PermissionError):
        return None
    return pgid if pgid == pid and pgid != os.getpgrp() else None


def kill_group(pgid: int | None) -> None:
    """SIGKILL every member of process group ``pgid``, which survives its leader."""
    if pgid is None or not hasattr(os, "killpg") or pgid == os.getpgrp():
        return
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def kill_tree(
    root: psutil.Process | None,
    extra: Iterable[psutil.Process] = (),
    pgid: int | None = None,
    timeout: float = KILL_TIMEOUT,
) -> list[int]:
    """Kill ``root``, its descendants, process group ``pgid`` and ``extra``; wait until gone.

    Returns:
        pids still alive after ``timeout`` (empty when the tree is gone).
    """
    import psutil

    victims: dict[int, psutil.Process] = {}
    for _ in range(3):  # a process may be starting a child while we look: look again
        found = dict(victims)
        if root is not None:
            try:
                if root.is_running():
                    found[root.pid] = root
                    for child in root.children(recursive=True):
                        found.setdefault(child.pid, child)
            except psutil.Error:
                pass
        for proc in extra:
            found.setdefault(proc.pid, proc)
        kill_group(pgid)
        for proc in found.values():
            try:
                proc.kill()
            except psutil.Error:
                pass
        if found.keys() == victims.keys():
            break
        victims = found
    return [proc.pid for proc in wait_dead(list(victims.values()), timeout)]


def wait_dead(procs: list[psutil.Process], timeout: float = KILL_TIMEOUT) -> list[psutil.Process]:
    """Wait until every process in ``procs`` has ended; return those still alive after ``timeout``.

    A zombie counts as ended: it has exited and holds no memory, file or CPU,
    and only its parent (or, for an orphan, PID 1) can reap it. A killed
    worker's parent is killed with it, so reaping falls to PID 1, and some
    container init processes reap only about once a second: waiting for the
    pid to vanish made a Stop take 1.2-1.6 s here instead of a few milliseconds.
    """
    import psutil

    deadline = time.monotonic() + timeout
    pending, pause = list(procs), 0.001
    while True:
        still = []
        for proc in pending:
            try:
                if proc.status() != psutil.STATUS_ZOMBIE:
                    still.append(proc)
            except psutil.NoSuchProcess:
                pass  # gone (and reaped)
            except psutil.Error:
                still.append(proc)  # cannot tell: count it as alive
        pending = still
        if not pending or time.monotonic() >= deadline:
            return pending
        time.sleep(pause)
        pause = min(pause * 2, 0.02)


def is_resource_tracker(proc: psutil.Process) -> bool:
    """Whether ``proc`` is multiprocessing's resource tracker.

    A process starts one tracker on first use of multiprocessing and keeps it
    until it exits; the tracker belongs to that process, not to any one run.
    """
    import psutil

    try:
        return any("resource_tracker" in part for part in proc.cmdline())
    except psutil.Error:
        return False


def descendants(pid: int | None = None) -> list[psutil.Process]:
    """Living descendants of ``pid`` (default: this process), without zombies or the resource tracker."""
    import psutil

    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []
    alive = []
    for child in children:
        try:
            if child.status() != psutil.STATUS_ZOMBIE and not is_resource_tracker(child):
                alive.append(child)
        except psutil.Error:
            pass
    return alive
