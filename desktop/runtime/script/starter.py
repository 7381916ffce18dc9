"""Starter scripts: plain Python 3 programs, one per topic, that a student opens, runs and changes.

They are data, not modules of the app: ``resources/starters/<file>`` (shipped
in a frozen build under the same relative path, see :func:`path`). Each is a
complete program with its ``if __name__ == "__main__":`` guard, no import of
this app, and a few lines of output.

Steps to add one:

1. Write ``resources/starters/<topic>.py``: a docstring saying what it shows,
   then the program; it must run in a second or two with ``python <file>``.
2. Add a :class:`Starter` to :data:`STARTERS` below: its file, a title in
   English and Simplified Chinese, the processes and threads it starts and
   one line it prints. A lesson names its exercise itself (``Lesson.exercise``).
3. Add what its lanes must show to ``EXPECTED`` in
   ``tests/integration/runtime/script/test_starters.py``: the test runs every
   starter through the instrumentation and fails for a starter without an
   entry. ``script-self-test`` (and so the frozen and Windows checks) runs it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop import resources
from desktop.model.events import HELLO, LOG
from desktop.model.record_type import Record
from desktop.model.run_record import PASSED
from desktop.model.text import Text

FOLDER = "starters"


class Starter(Record):
    """One starter script and what a run of it must measure.

    Attributes:
        file: its name under ``resources/starters``.
        title: shown in the playground's starter menu.
        processes, threads: how many it starts (the summary must count exactly these).
        prints: a line its output must contain.
    """

    __slots__ = ("file", "title", "processes", "threads", "prints")
    file: str
    title: Text
    processes: int
    threads: int
    prints: str


STARTERS = (
    Starter(
        "process_join.py",
        Text("Process with join()", "Process 与 join()"),
        processes=2,
        threads=0,
        prints="main: both finished, exit codes 0 0",
    ),
    Starter(
        "process_subclass.py",
        Text("A Process subclass with run()", "重写 run() 的 Process 子类"),
        processes=2,
        threads=0,
        prints="main: all rockets launched",
    ),
    Starter(
        "pool_apply_map.py",
        Text("Pool: apply, apply_async and map", "进程池：apply、apply_async 与 map"),
        processes=3,
        threads=0,
        prints="map: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]",
    ),
    Starter(
        "queue_writer_reader.py",
        Text("Queue: a writer and a reader", "队列：一个写、一个读"),
        processes=2,
        threads=0,
        prints="reader: total 45",
    ),
    Starter(
        "pipe.py",
        Text("Pipe between two processes", "两个进程之间的管道"),
        processes=1,
        threads=0,
        prints="sent bye got bye",
    ),
    Starter(
        "lock_prints.py",
        Text("A Lock around prints", "用锁保护打印"),
        processes=3,
        threads=0,
        prints="worker-2: end",
    ),
    Starter(
        "semaphore.py",
        Text("Semaphore: two at a time", "信号量：一次两个"),
        processes=5,
        threads=0,
        prints="guest-4 left",
    ),
    Starter(
        "event.py",
        Text("Event: wait for the signal", "事件：等待信号"),
        processes=3,
        threads=0,
        prints="main: go!",
    ),
    Starter(
        "manager_dict.py",
        Text("Manager dict as a shared counter", "Manager 字典作共享计数器"),
        processes=4,
        threads=0,
        prints="{'and': 6, 'bird': 3, 'cat': 3, 'dog': 3, 'the': 9}",
    ),
    Starter(
        "value_array.py",
        Text("Value and Array in shared memory", "共享内存中的 Value 与 Array"),
        processes=5,
        threads=0,
        prints="total: 30",
    ),
    Starter(
        "shared_memory.py",
        Text("SharedMemory by name", "按名字共享的 SharedMemory"),
        processes=1,
        threads=0,
        prints="after the child: [2, 4, 6, 8, 10]",
    ),
    Starter(
        "threads_lock.py",
        Text("Threads with a Lock", "线程与锁"),
        processes=0,
        threads=4,
        prints="counter: 40000",
    ),
    Starter(
        "thread_pool_executor.py",
        Text("ThreadPoolExecutor for IO", "用 ThreadPoolExecutor 处理 IO"),
        processes=0,
        threads=4,
        prints="page 7: 100 bytes",
    ),
    Starter(
        "asyncio_gather.py",
        Text("asyncio.gather", "asyncio.gather"),
        processes=0,
        threads=0,
        prints="results: [0.3, 0.2, 0.1]",
    ),
    Starter(
        "echo_server_pool.py",
        Text("A loopback echo server with a pool", "本机回显服务器与进程池"),
        processes=2,
        threads=1,
        prints="['ALPHA', 'BETA', 'GAMMA', 'DELTA']",
    ),
)


def path(starter: Starter) -> Path:
    """Where the starter's file is, from source and in a frozen build."""
    return resources.path(f"{FOLDER}/{starter.file}")


def named(file: str) -> Starter | None:
    """The starter whose file is ``file`` (a lesson's ``exercise``: "Open as exercise"), if there is one."""
    return next((s for s in STARTERS if s.file == file), None)


def problems(starter: Starter, record: Any, summary: dict) -> list[str]:
    """What is wrong with a run of ``starter`` (empty when it measured what the starter does)."""
    found = []
    if summary["status"] != PASSED:
        found.append(f"status {summary['status']}: {(record.error or summary['stopped_because']).strip()[:300]}")
    if summary["processes_started"] != starter.processes:
        found.append(f"{summary['processes_started']} processes started, expected {starter.processes}")
    if summary["threads_started"] != starter.threads:
        found.append(f"{summary['threads_started']} threads started, expected {starter.threads}")
    printed = [e.value for e in record.events if e.kind == LOG and e.name == "stdout"]
    if starter.prints not in printed:
        found.append(f"did not print {starter.prints!r}")
    for event in record.events:
        if event.kind == HELLO:
            if event.value.get("start_method") != "spawn":
                found.append(f"{event.worker} started by {event.value.get('start_method')!r}, not spawn")
            if event.value.get("qt_loaded"):
                found.append(f"{event.worker} has PySide6 loaded")
    return found
