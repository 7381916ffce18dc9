"""Each run's scratch folder (``$TMPDIR/concurrency-lab-run-*``), and removing the ones a killed app left.

A run's processes use the folder as their temporary directory (ticket
databases, multiprocessing's ``pymp-*`` folders and manager sockets), so one
``rmtree`` removes whatever a stopped run left. Three parties remove it:

* the app's collector thread, when the run is over (:class:`~desktop.runtime.run.Run`);
* the run process, when it finds its parent gone (the app was killed) and
  takes its tree down (:func:`desktop.runtime.conductor.conduct`);
* the next app that starts (:func:`remove_stale`), for folders whose owner
  is gone: both of the above were killed outright.

The owner is written into the folder when it is made: the app's pid and that
process's start time, so a reused pid is not mistaken for the owner.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
import time

PREFIX = "concurrency-lab-run-"
OWNER_FILE = ".concurrency-lab-owner.json"
UNMARKED_STALE_AFTER = 3600.0  # seconds: a folder without an owner (older versions) is stale after this
MAX_ROOT_CHARS = 40  # 103 (macOS's Unix socket path limit) - 63 (what multiprocessing adds past the root)
SHORT_ROOT = "/tmp"
_SAME_START = 1.0  # seconds of slack when comparing a process's start time with the recorded one


def root() -> str:
    """Where scratch folders go: the temporary directory, or ``/tmp`` when that is too long for sockets.

    multiprocessing puts a manager's socket at ``<folder>/pymp-xxxxxxxx/listener-xxxxxxxx``,
    63 characters past the root, and a Unix socket's path may have at most 103 (macOS; 107
    on Linux). macOS's per-user ``/var/folders/xx/.../T/`` is 49 characters: managers failed
    with "AF_UNIX path too long".
    """
    base = tempfile.gettempdir()
    if os.name != "posix" or len(base) <= MAX_ROOT_CHARS:
        return base
    if os.path.isdir(SHORT_ROOT) and os.access(SHORT_ROOT, os.W_OK | os.X_OK):
        return SHORT_ROOT
    return base


def make() -> str:
    """Create a new scratch folder owned by this process; return its path."""
    path = tempfile.mkdtemp(prefix=PREFIX, dir=root())
    owner = {"pid": os.getpid(), "started": _start_time(os.getpid())}
    with open(os.path.join(path, OWNER_FILE), "w", encoding="utf-8") as marker:
        json.dump(owner, marker)
    return path


def remove(path: str) -> None:
    """Remove a scratch folder and everything in it (what cannot be removed is left)."""
    shutil.rmtree(path, ignore_errors=True)


def remove_stale(folder: str | None = None) -> list[str]:
    """Remove every scratch folder in ``folder`` (default: wherever :func:`make` puts them) whose owner is gone.

    Returns:
        the paths removed.
    """
    if folder is None:
        folders = dict.fromkeys([tempfile.gettempdir(), root()])  # both places make() may use
        return [path for each in folders for path in remove_stale(each)]
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.name.startswith(PREFIX) or not entry.is_dir(follow_symlinks=False):
                continue
        except OSError:
            continue
        if _owner_gone(entry.path):
            remove(entry.path)
            removed.append(entry.path)
    return removed


def remove_stale_in_background() -> threading.Thread:
    """:func:`remove_stale` on a daemon thread (the GUI thread never waits for a large folder)."""
    thread = threading.Thread(target=remove_stale, name="scratch-cleanup", daemon=True)
    thread.start()
    return thread


def _owner_gone(path: str) -> bool:
    try:
        with open(os.path.join(path, OWNER_FILE), encoding="utf-8") as marker:
            owner = json.load(marker)
        pid, started = int(owner["pid"]), owner.get("started")
        started = None if started is None else float(started)
    except FileNotFoundError:
        try:
            return time.time() - os.stat(path).st_mtime > UNMARKED_STALE_AFTER
        except OSError:
            return False
    except (OSError, ValueError, TypeError, KeyError):
        return False  # being written right now, or unreadable: leave it
    if pid == os.getpid():
        return False
    now_started = _start_time(pid)
    if now_started is None or started is None:
        return not _exists(pid)
    return abs(now_started - started) > _SAME_START


def _start_time(pid: int) -> float | None:
    import psutil

    try:
        return psutil.Process(pid).create_time()
    except psutil.Error:
        return None


def _exists(pid: int) -> bool:
    import psutil

    return psutil.pid_exists(pid)
