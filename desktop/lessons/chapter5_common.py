"""Helpers shared by the chapter 5 lessons (threads and the GIL).

Pools start their workers lazily or in the background, so a batch timed right
after creating a pool also times the start-up of some workers. Lessons that
compare pools first make sure every worker has answered, and time start-up
separately.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable

WARM_UP_TASK_S = 0.03


def worker_identity(_: int) -> tuple[int, int]:
    """A short task that says which worker ran it: (process id, thread id)."""
    time.sleep(WARM_UP_TASK_S)  # long enough that one worker cannot take every task
    return os.getpid(), threading.get_ident()


def start_every_worker(
    pool_map: Callable[[Callable, Iterable], Iterable],
    workers: int,
    timeout: float = 30.0,
    task: Callable[[int], tuple[int, int]] = worker_identity,
) -> int:
    """Run rounds of short tasks through ``pool_map`` until ``workers`` different workers answered.

    ``task`` does what :func:`worker_identity` does; a lesson passes one defined
    in its own module, so that each process worker imports that module (which
    the timed tasks need too) while it warms up, not in the first timed task.

    Returns how many answered (fewer only if ``timeout`` seconds passed first).
    """
    seen: set[tuple[int, int]] = set()
    deadline = time.perf_counter() + timeout
    while len(seen) < workers and time.perf_counter() < deadline:
        seen.update(pool_map(task, range(workers)))
    return len(seen)
