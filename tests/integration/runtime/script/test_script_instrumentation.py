"""A plain script, no probe calls, in real spawned processes: lanes, states, queues, output, errors."""

from __future__ import annotations

import os
import sys

import pytest

from desktop.model.events import State, state_detail
from desktop.runtime.instrument.lifecycle import PROCESS_STARTED, THREAD_STARTED
from desktop.runtime.telemetry import GOT, HELLO, LOG, PUT, QUEUE, STATE
from tests.integration.runtime.script.conftest import events_of, items_of, line_of


def states(record, name: str) -> list:
    return [e for e in events_of(record, STATE) if e.name == name]


def test_processes_their_output_and_a_queue_are_measured(run_text):
    record, summary = run_text(
        """
        import multiprocessing as mp

        def work(jobs, n):
            print("child", mp.current_process().name, n)
            jobs.put(n * n)

        if __name__ == "__main__":
            jobs = mp.Queue()
            workers = [mp.Process(target=work, args=(jobs, i)) for i in range(3)]
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            print(sorted(jobs.get() for _ in range(3)))
        """
    )
    assert summary["status"] == "passed"
    assert summary["processes_started"] == 3
    assert 1 <= summary["max_running_processes"] <= 3
    assert summary["exit_codes"] == {"Process-1": 0, "Process-2": 0, "Process-3": 0, "MainProcess": 0}
    assert 1 <= summary["queues"]["jobs"] <= 3
    assert items_of(record, PUT, "jobs") == 3
    assert items_of(record, GOT, "jobs") == 3
    assert events_of(record, QUEUE, "jobs")[0].value == 0
    lines = {(e.worker, e.value) for e in events_of(record, LOG, "stdout")}
    assert {("Process-1", "child Process-1 0"), ("Process-3", "child Process-3 2")} <= lines
    assert ("MainProcess", "[0, 1, 4]") in lines
    assert summary["stdout_lines"] == 4
    assert {e.worker for e in record.events} >= {"MainProcess"}
    assert "main" not in {e.worker for e in record.events}  # the run process is the script's MainProcess lane
    hellos = events_of(record, HELLO)
    assert all(h.value["start_method"] == "spawn" and not h.value["qt_loaded"] for h in hellos)
    started = {e.worker for e in states(record, State.RUNNING) if state_detail(e.value) == PROCESS_STARTED}
    assert started == {"Process-1", "Process-2", "Process-3"}
    joins = [e for e in events_of(record, STATE) if e.worker == "MainProcess" and e.value == "Process-1"]
    assert joins and joins[0].where == ("__main__", line_of(summary["path"], "w.join()"))


def test_threads_contending_for_a_lock_show_waiting_for_it_at_the_line(run_text):
    record, summary = run_text(
        """
        import threading
        import time

        lock = threading.Lock()
        start = threading.Barrier(3)

        def add():
            start.wait()
            with lock:
                time.sleep(0.05)

        threads = [threading.Thread(target=add, name=f"adder-{i}") for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        """
    )
    assert summary["status"] == "passed"
    assert summary["threads_started"] == 3
    assert summary["max_running_threads"] == 3
    waits = [e for e in states(record, State.WAITING_LOCK) if e.value == "lock"]
    assert len({e.worker for e in waits}) >= 2  # at least two of the three had to wait
    assert all(e.worker.startswith("MainProcess/adder-") for e in waits)
    assert {e.where for e in waits} == {("__main__", line_of(summary["path"], "with lock:"))}
    assert {e.worker for e in states(record, State.RUNNING) if state_detail(e.value) == THREAD_STARTED} == {
        f"MainProcess/adder-{i}" for i in range(3)
    }
    assert len([e for e in states(record, State.FINISHED) if "/" in e.worker]) == 3


def test_a_process_subclass_waiting_for_a_semaphore(run_text):
    record, summary = run_text(
        """
        import multiprocessing as mp
        import time

        class Guest(mp.Process):
            def __init__(self, room):
                super().__init__()
                self.room = room

            def run(self):
                with self.room:
                    time.sleep(0.3)

        if __name__ == "__main__":
            room = mp.Semaphore(1)
            guests = [Guest(room) for _ in range(3)]
            for g in guests:
                g.start()
            for g in guests:
                g.join()
        """
    )
    assert summary["status"] == "passed"
    waits = states(record, State.WAITING_SEMAPHORE)
    assert waits, "no guest ever waited for the room"
    assert {e.value for e in waits} == {"room"}
    assert {e.where for e in waits} == {("__main__", line_of(summary["path"], "with self.room:"))}
    assert {e.worker for e in waits} <= {"Guest-1", "Guest-2", "Guest-3"}


def test_pool_executor_and_manager_queues_are_counted(run_text):
    record, summary = run_text(
        """
        import multiprocessing as mp
        import time
        from concurrent.futures import ProcessPoolExecutor

        def square(x):
            return x * x

        if __name__ == "__main__":
            with mp.Pool(2) as pool:
                print(pool.map(square, range(8), chunksize=1))
                time.sleep(0.3)  # the idle workers wait for a task meanwhile (a get shows once it has waited 5 ms)
            with ProcessPoolExecutor(2) as ex:
                print(list(ex.map(square, range(4))))
            with mp.Manager() as manager:
                mailbox = manager.Queue()
                mailbox.put("a")
                mailbox.put("b")
                print(mailbox.get(), mailbox.get())
        """
    )
    assert summary["status"] == "passed"
    printed = [e.value for e in events_of(record, LOG, "stdout")]
    assert printed == ["[0, 1, 4, 9, 16, 25, 36, 49]", "[0, 1, 4, 9]", "a b"]
    queues = summary["queues"]
    assert set(queues) == {"pool tasks", "ex calls", "mailbox"}
    assert queues["mailbox"] == 2
    assert items_of(record, PUT, "pool tasks") == 8  # one per chunk, the stop sentinels not counted
    assert items_of(record, GOT, "pool tasks") == 8
    assert items_of(record, PUT, "ex calls") == items_of(record, GOT, "ex calls")
    workers = {e.worker for e in states(record, State.WAITING_GET)}
    assert any(w.startswith("SpawnPoolWorker-") for w in workers)
    assert any(name.startswith("SyncManager") for name in summary["exit_codes"])
    names = {e.worker for e in events_of(record, HELLO)}
    # A pool worker still starting when the other has done every task is terminated before it says hello.
    pool_workers = {n for n in names if n.startswith("SpawnPoolWorker-")}
    assert 1 <= len(pool_workers) <= 2
    executor_workers = {n for n in names if n.startswith("SpawnProcess-")}
    assert 1 <= len(executor_workers) <= 2  # 3.11+ spawns them as tasks arrive
    # counted by the parent when start() returned: both pool workers, whether or not they said hello
    assert summary["processes_started"] == 2 + len(executor_workers) + 1  # and the manager's server


def test_a_child_that_raises_is_reported_with_its_line(run_text):
    record, summary = run_text(
        """
        import multiprocessing as mp

        def divide():
            return 1 / 0

        if __name__ == "__main__":
            p = mp.Process(target=divide)
            p.start()
            p.join()
            print("exit code", p.exitcode)
        """
    )
    assert summary["status"] == "failed"
    (error,) = summary["errors"]
    assert error["process"] == "Process-1"
    assert error["type"] == "ZeroDivisionError"
    assert error["message"] == "division by zero"
    assert (error["file"], error["line"]) == (summary["path"], line_of(summary["path"], "1 / 0"))
    assert summary["exit_codes"]["Process-1"] == 1
    assert ("MainProcess", "exit code 1") in {(e.worker, e.value) for e in events_of(record, LOG, "stdout")}


def test_a_thread_that_raises_is_reported_by_its_name(run_text):
    _, summary = run_text(
        """
        import threading

        def boom():
            raise KeyError("missing")

        t = threading.Thread(target=boom, name="boomer")
        t.start()
        t.join()
        """
    )
    (error,) = summary["errors"]
    assert error["process"] == "MainProcess/boomer"
    assert (error["type"], error["line"]) == ("KeyError", line_of(summary["path"], "raise KeyError"))


def test_a_script_without_the_main_guard_shows_the_real_error_and_the_hint(run_text):
    _, summary = run_text(
        """
        import multiprocessing as mp

        def work():
            print("working")

        p = mp.Process(target=work)
        p.start()
        p.join()
        """
    )
    assert summary["status"] == "failed"
    (error,) = summary["errors"]
    assert error["type"] == "RuntimeError"
    assert "bootstrapping phase" in error["message"]
    assert error["hint"] == "main-guard"
    assert error["line"] == line_of(summary["path"], "p.start()")  # at the top level, re-run by the child
    assert summary["exit_codes"]["Process-1"] == 1


def test_sys_exit_with_a_code_fails_the_run_and_says_so(run_text):
    _, summary = run_text("import sys\nprint('bye')\nsys.exit(3)\n")
    assert summary["status"] == "failed"
    assert summary["exit_codes"]["MainProcess"] == 3
    assert "sys.exit(3)" in summary["errors"][0]["message"]


def test_the_script_sees_what_python_script_py_sees(run_text):
    record, _ = run_text(
        """
        import multiprocessing as mp
        import os
        import sys

        if __name__ == "__main__":
            print(mp.current_process().name, mp.parent_process(), mp.get_start_method())
            here = os.path.dirname(__file__)
            print(os.path.basename(sys.argv[0]), sys.path[0] == here)
            mp.set_start_method("spawn")
        """
    )
    lines = [e.value for e in events_of(record, LOG, "stdout")]
    assert lines[0] == "MainProcess None spawn"
    assert lines[1] == "script.py True"
    assert os.path.basename(record.params["path"]) == "script.py"


def test_a_missing_package_is_named_with_what_scripts_can_use(run_text):
    from desktop.runtime.script.summary import MISSING_MODULE_HINT, missing_module_text

    _, summary = run_text("import numpy\nimport surely_not_installed_pkg.sub\n")
    (error,) = summary["errors"]
    assert (error["type"], error["hint"], error["module"]) == (
        "ModuleNotFoundError",
        MISSING_MODULE_HINT,
        "surely_not_installed_pkg",
    )
    assert error["line"] == 2
    assert "standard library" in missing_module_text(error["module"]).en


@pytest.mark.skipif(sys.platform == "win32", reason="signals and fork are POSIX")
def test_a_worker_killed_by_a_signal_is_named_with_the_signal(run_text):
    _, summary = run_text(
        """
        import multiprocessing as mp
        import os
        import signal

        def die():
            os.kill(os.getpid(), signal.SIGKILL)

        if __name__ == "__main__":
            p = mp.Process(target=die)
            p.start()
            p.join()
        """
    )
    (error,) = summary["errors"]
    assert error["process"] == "Process-1"
    assert "exit code -9 (killed by SIGKILL)" in error["message"]


@pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")
def test_a_script_that_chooses_fork_still_gets_a_lane_per_process(run_text):
    record, summary = run_text(
        """
        import multiprocessing as mp

        def hello():
            print("hello from", mp.current_process().name)

        if __name__ == "__main__":
            ctx = mp.get_context("fork")
            p = ctx.Process(target=hello)
            p.start()
            p.join()
        """
    )
    assert summary["status"] == "passed"
    printed = {(e.worker, e.value) for e in events_of(record, LOG, "stdout")}
    assert ("ForkProcess-1", "hello from ForkProcess-1") in printed
    assert summary["exit_codes"]["ForkProcess-1"] == 0
