"""Modules a script imports late (inside a function, in a child only) are instrumented all the same.

Each module is patched when a process first imports it (see
:mod:`desktop.runtime.import_hook`), so a process that never
imports asyncio does not load it, and one that imports it in the middle of
its work still gets its lanes and waits. Real spawned processes throughout.
"""

from __future__ import annotations

from desktop.model.events import State, state_detail
from desktop.runtime.instrument.lifecycle import THREAD_STARTED
from desktop.runtime.telemetry import GOT, LOG, PUT, STATE
from tests.integration.runtime.script.conftest import events_of, items_of, line_of


def printed(record) -> list[str]:
    return [e.value for e in events_of(record, LOG, "stdout")]


def waits(record, state: str) -> list:
    return [e for e in events_of(record, STATE, state)]


def test_a_pool_worker_loads_none_of_the_modules_its_tasks_do_not_use(run_text):
    record, summary = run_text(
        """
        import multiprocessing as mp
        import sys

        HEAVY = ("asyncio", "concurrent.futures", "multiprocessing.managers", "ssl")

        def loaded(_):
            return [name for name in HEAVY if name in sys.modules]

        if __name__ == "__main__":
            with mp.get_context("spawn").Pool(2) as pool:
                print("workers loaded", pool.map(loaded, range(4), chunksize=1))
        """
    )
    assert summary["status"] == "passed"
    assert printed(record) == ["workers loaded [[], [], [], []]"]
    # The pool's own patches were applied when the worker imported multiprocessing.pool: its tasks are counted.
    assert items_of(record, PUT, "pool tasks") == items_of(record, GOT, "pool tasks") == 4


def test_asyncio_imported_inside_a_function_of_a_child_has_task_lanes(run_text):
    record, summary = run_text(
        """
        import multiprocessing as mp

        def crawl():
            import asyncio

            async def fetch(n):
                await asyncio.sleep(0.05)
                return n

            async def main():
                return await asyncio.gather(fetch(1), fetch(2))

            print("fetched", asyncio.run(main()))

        if __name__ == "__main__":
            child = mp.Process(target=crawl)
            child.start()
            child.join()
        """
    )
    assert summary["status"] == "passed"
    assert printed(record) == ["fetched [1, 2]"]
    assert summary["tasks_started"] == 3  # main() and two fetch()
    sleeping = {e.worker for e in waits(record, State.SLEEPING) if state_detail(e.value) == "asyncio.sleep"}
    assert sleeping == {"Process-1/Task-2 (fetch)", "Process-1/Task-3 (fetch)"}
    gathering = [e for e in waits(record, State.WAITING_GET) if e.worker == "Process-1/Task-1 (main)"]
    assert gathering and gathering[0].where == ("__main__", line_of(summary["path"], "await asyncio.gather"))


def test_concurrent_futures_imported_inside_functions_in_the_script_and_in_a_child(run_text):
    record, summary = run_text(
        """
        import multiprocessing as mp
        import time

        def square(x):
            return x * x

        def slow(x):
            time.sleep(0.5)  # still running when the main thread asks for its result
            return x

        def with_threads():
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(1) as helpers:
                future = helpers.submit(slow, 3)
                print("thread result", future.result())

        def with_processes():
            from concurrent.futures import ProcessPoolExecutor, wait

            with ProcessPoolExecutor(2) as jobs:
                futures = [jobs.submit(square, x) for x in range(4)]
                wait(futures)
                print("process results", [f.result() for f in futures])

        if __name__ == "__main__":
            with_threads()
            child = mp.Process(target=with_processes)
            child.start()
            child.join()
        """
    )
    assert summary["status"] == "passed"
    assert printed(record) == ["thread result 3", "process results [0, 1, 4, 9]"]
    path = summary["path"]
    # The executor's worker thread is a lane; the main thread waits for its future at its line.
    started = {e.worker for e in waits(record, State.RUNNING) if state_detail(e.value) == THREAD_STARTED}
    assert any(lane.startswith("MainProcess/ThreadPoolExecutor-") for lane in started)
    result_waits = [e for e in waits(record, State.WAITING_GET) if state_detail(e.value) == "future"]
    main_waits = [e.where for e in result_waits if e.worker == "MainProcess"]
    assert main_waits == [("__main__", line_of(path, "future.result()"))]
    # In the child: its executor's call queue is counted, and wait() and the shutdown are shown.
    assert items_of(record, PUT, "jobs calls") == items_of(record, GOT, "jobs calls") == 4
    child_waits = {(e.name, state_detail(e.value)) for e in events_of(record, STATE) if e.worker == "Process-1"}
    assert {(State.WAITING_GET, "futures"), (State.WAITING_JOIN, "executor")} <= child_waits


def test_a_manager_made_in_a_child_counts_its_queue(run_text):
    record, summary = run_text(
        """
        import multiprocessing as mp

        def relay(n):
            with mp.Manager() as manager:  # imports multiprocessing.managers in this child only
                mailbox = manager.Queue()
                for i in range(n):
                    mailbox.put(i)
                print("relayed", [mailbox.get() for _ in range(n)])

        if __name__ == "__main__":
            child = mp.Process(target=relay, args=(3,))
            child.start()
            child.join()
        """
    )
    assert summary["status"] == "passed"
    assert printed(record) == ["relayed [0, 1, 2]"]
    assert summary["queues"] == {"mailbox": 3}
    assert items_of(record, PUT, "mailbox") == items_of(record, GOT, "mailbox") == 3
