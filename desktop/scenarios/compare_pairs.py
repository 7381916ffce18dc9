"""Compare: two variants of each lesson worth running side by side, and the figures to set against each other.

A lesson with a natural switch compares it (lock off / on, threads / processes,
sleeping / waiting on a socket); the others vary the one parameter that
changes the story (1 worker / every core, few / many clients). ``figures`` are
the verdict figures whose ratio B/A tells the difference; ``simultaneous``
says whether running both at once still shows it (not for lessons that
measure speed or CPU share: two runs at once share the cores).

Qt-free: the compare window shows these, tests check them against the lessons.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from typing import Any

from desktop.scenarios.lesson import Text

CORES = os.cpu_count() or 1
MANY_WORKERS = min(max(2, CORES), 64)


@dataclasses.dataclass(frozen=True)
class Variant:
    """One side of a comparison: a label and the parameter overrides that make it."""

    label: Text
    overrides: Mapping[str, Any]


@dataclasses.dataclass(frozen=True)
class ComparePair:
    a: Variant
    b: Variant
    figures: tuple[str, ...]
    simultaneous: bool = True


def switch(name: str, off: tuple[str, str], on: tuple[str, str], figures: tuple[str, ...], **kw) -> ComparePair:
    """Compare a boolean parameter off (A) and on (B)."""
    return ComparePair(Variant(Text(*off), {name: False}), Variant(Text(*on), {name: True}), figures, **kw)


def vary(name: str, a: float, b: float, en: str, zh: str, figures: tuple[str, ...], **kw) -> ComparePair:
    """Compare two values of one parameter, labelled e.g. "2 children" / "2 个子进程" (``{}`` is the value)."""
    return ComparePair(
        Variant(Text(en.format(f"{a:g}"), zh.format(f"{a:g}")), {name: a}),
        Variant(Text(en.format(f"{b:g}"), zh.format(f"{b:g}")), {name: b}),
        figures,
        **kw,
    )


def ratio_b_over_a(a: float | None, b: float | None) -> float | None:
    """B/A, or None when it means nothing (a figure missing, or A is 0)."""
    if a is None or b is None or float(a) == 0.0:
        return None
    return float(b) / float(a)


def _with(pair: ComparePair, **common: Any) -> ComparePair:
    """``pair`` with ``common`` overrides added to both sides (e.g. a shorter run for both)."""
    return dataclasses.replace(
        pair,
        a=Variant(pair.a.label, {**common, **pair.a.overrides}),
        b=Variant(pair.b.label, {**common, **pair.b.overrides}),
    )


PAIRS: dict[str, ComparePair] = {
    "process-basics": vary("children", 2, 8, "{} napping children", "{} 个小睡的子进程", ("children", "exited_zero")),
    "join-parallel": vary(
        "children", 2, 8, "{} children", "{} 个子进程", ("wall_all_then_join_s", "wall_one_by_one_s", "slowdown")
    ),
    "daemon": vary(
        "parent_steps",
        1,
        4,
        "Parent works {} step(s)",
        "父进程工作 {} 步",
        ("daemon_steps_logged", "parent_waited_for_normal_s"),
    ),
    "main-guard": vary(
        "unguarded_children",
        1,
        4,
        "{} unguarded child(ren)",
        "{} 个无保护的子进程",
        ("bootstrap_errors", "child_exitcodes_nonzero"),
    ),
    "globals-not-shared": vary(
        "children", 1, 4, "{} child(ren)", "{} 个子进程", ("appended_by_children", "parent_lines_after")
    ),
    "print-interleave": vary(
        "writers", 2, 8, "{} writers", "{} 个写入者", ("malformed_without_lock", "malformed_rate_without_lock")
    ),
    "process-states": vary(
        "workers_per_core",
        1,
        2,
        "{} CPU-bound worker(s) per core",
        "每个核心 {} 个 CPU 密集型进程",
        ("mean_cpu_share", "mean_ready_share"),
        simultaneous=False,
    ),
    "ticket-lock": switch(
        "lock", ("Without a lock", "不加锁"), ("With a Lock", "加锁"), ("sold", "oversold", "wall_s")
    ),
    "semaphore-room": switch(
        "semaphore",
        ("Without a semaphore", "不用信号量"),
        ("With a Semaphore", "使用信号量"),
        ("peak_occupancy", "max_wait_s", "wall_s"),
    ),
    "event-traffic-light": vary(
        "patience",
        0.1,
        2.0,
        "Ambulances wait {} s",
        "救护车等待 {} 秒",
        ("ambulances_on_red", "ambulance_max_wait_s"),
    ),
    "manager-counter": switch(
        "lock", ("Without a lock", "不加锁"), ("With a Lock", "加锁"), ("final_count", "lost_updates", "wall_s")
    ),
    "shared-value-array": switch(
        "lock",
        ("Without get_lock()", "不持有 get_lock()"),
        ("Holding get_lock()", "持有 get_lock()"),
        ("total", "lost_updates", "wall_s"),
        simultaneous=False,  # the race needs the cores; a second run at once would hide it
    ),
    "deadlock": ComparePair(
        Variant(Text("Opposite lock orders", "相反的加锁顺序"), {"variant": 1}),
        Variant(Text("One fixed lock order", "固定的加锁顺序"), {"variant": 3}),
        ("deadlock", "rounds_completed", "wall_s"),
    ),
    "queue-basics": vary(
        "timeout", 0.1, 1.0, "Timeout {} s", "超时 {} 秒", ("put_timeout_blocked_s", "get_timeout_blocked_s")
    ),
    "producer-consumer": vary("consumers", 1, 4, "{} consumer(s)", "{} 个消费者", ("max_depth", "throughput_per_s")),
    "joinable-queue": vary("consumers", 1, 4, "{} consumer(s)", "{} 个消费者", ("wall_s", "task_done_at_join")),
    "pipe": _with(
        vary(
            "payload",
            100,
            10_000,
            "{}-byte messages",
            "{} 字节的消息",
            ("pipe_msgs_per_s", "queue_msgs_per_s", "pipe_vs_queue"),
            simultaneous=False,
        ),
        messages=5000,
    ),
    "manager-types": vary(
        "workers", 1, 8, "{} worker(s)", "{} 个工作进程", ("proxy_ops_per_s", "wall_s"), simultaneous=False
    ),
    "pool-speedup": _with(
        vary(
            "workers",
            1,
            MANY_WORKERS,
            "Pool of {}",
            "{} 个进程的池",
            ("speedup_apply_async", "speedup_map", "sequential_s"),
            simultaneous=False,
        ),
        sweep=False,
    ),
    "pool-lifecycle": vary(
        "max_tasks_per_child",
        1,
        6,
        "maxtasksperchild={}",
        "maxtasksperchild={}",
        ("distinct_worker_pids", "succeeded"),
    ),
    "pool-early-stop": vary(
        "target_at", 0.05, 0.5, "PIN at {} of the way", "PIN 位于 {} 处", ("tasks_run", "search_s"), simultaneous=False
    ),
    "crawler": vary("workers", 1, 8, "Pool of {}", "{} 个进程的池", ("pool_s", "speedup")),
    "socket-server": vary(
        "clients",
        2,
        16,
        "{} clients",
        "{} 个客户端",
        ("threads_requests_per_s", "asyncio_requests_per_s", "processes_requests_per_s"),
        simultaneous=False,
    ),
    "gil-cpu-bound": vary(
        "workers",
        1,
        MANY_WORKERS,
        "{} thread(s) / process(es)",
        "{} 个线程 / 进程",
        ("cpu_threads", "cpu_processes", "speedup_processes"),
        simultaneous=False,
    ),
    "threads-io-bound": switch(
        "socket",
        ("Threads sleep", "线程休眠"),
        ("Threads wait on a socket", "线程在套接字上等待"),
        ("thread_wall_s", "speedup"),
    ),
    "thread-lock-balance": vary(
        "switch_interval_ms",
        0.05,
        5.0,
        "Switch threads every {} ms",
        "每 {} 毫秒切换线程",
        ("nonzero_unlocked", "unlocked_wall_s"),
        simultaneous=False,
    ),
    "thread-local": vary("threads", 2, 16, "{} threads", "{} 个线程", ("shared_foreign_reads", "local_foreign_reads")),
    "dummy-pool": vary(
        "workers",
        1,
        4,
        "{} worker(s) per pool",
        "每个池 {} 个工作者",
        ("thread_io_s", "process_cpu_s"),
        simultaneous=False,
    ),
    "futures": switch(
        "processes",
        ("ThreadPoolExecutor", "ThreadPoolExecutor"),
        ("ProcessPoolExecutor", "ProcessPoolExecutor"),
        ("start_s", "as_completed_wall_s"),
    ),
    "coroutines": vary(
        "coroutines",
        1000,
        20_000,
        "{} coroutines",
        "{} 个协程",
        ("coroutines_wall_s", "coroutines_memory_mb"),
        simultaneous=False,
    ),
    "io-models": vary(
        "think",
        0.0,
        0.05,
        "Clients pause {} s",
        "客户端停顿 {} 秒",
        ("polling_server_cpu_percent", "polling_empty_polls", "selectors_requests_per_s"),
        simultaneous=False,
    ),
}


def for_lesson(lesson_id: str) -> ComparePair | None:
    """The default comparison for ``lesson_id`` (None for a lesson without one)."""
    return PAIRS.get(lesson_id)
