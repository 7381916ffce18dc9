"""Short readable names for workers, as the timeline's lanes label them.

The probe names a worker after its process (and thread): lessons name their
own ("buyer-3", "main/io-7"), but what ``multiprocessing`` and ``threading``
name for them is cryptic: a pool's worker is "SpawnPoolWorker-23:2" (23 is
the run process's number, 2 the worker's), a thread "Thread-2 (worker)". Those
become "worker 2" ("工作进程 2") and "thread 2", translated; every other name
stays as the lesson chose it. The full name and the PID (:func:`worker_and_pid`)
are in the hover text: of a timeline lane and of the event log's Worker cell,
which both show the short name.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

_POOL_WORKER = re.compile(r"^(?:Spawn|Fork|Forkserver)?PoolWorker-[\d:]*?(\d+)$")
_PROCESS = re.compile(r"^(?:Spawn|Fork|Forkserver)?Process-[\d:]*?(\d+)$")
_THREAD = re.compile(r"^Thread-(\d+)(?: \(.*\))?$")
_EXECUTOR_THREAD = re.compile(r"^ThreadPoolExecutor-\d+_(\d+)$")


def _part(name: str) -> str:
    """One part (a process's or a thread's name) made readable."""
    if match := _POOL_WORKER.match(name):
        return QCoreApplication.translate("WorkerName", "worker {number}").format(number=match.group(1))
    if match := _PROCESS.match(name):
        return QCoreApplication.translate("WorkerName", "process {number}").format(number=match.group(1))
    if match := _THREAD.match(name):
        return QCoreApplication.translate("WorkerName", "thread {number}").format(number=match.group(1))
    if match := _EXECUTOR_THREAD.match(name):
        number = int(match.group(1)) + 1  # the executor counts its threads from 0
        return QCoreApplication.translate("WorkerName", "pool thread {number}").format(number=number)
    if name == "QueueFeederThread":
        return QCoreApplication.translate("WorkerName", "queue feeder")
    return name


def readable_worker(worker: str) -> str:
    """``worker`` (a process name, or "process/thread") as a short readable name in the UI's language."""
    process, slash, thread = worker.partition("/")
    return _part(process) + (slash + _part(thread) if slash else "")


def worker_and_pid(worker: str, pid: int) -> str:
    """``worker``'s full name and its process's ``pid``, for hover text beside the short name."""
    return QCoreApplication.translate("WorkerName", "{worker} (pid {pid})").format(worker=worker, pid=pid)
