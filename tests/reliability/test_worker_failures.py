"""A worker that raises, exits abruptly or is killed fails the run, naming it; nothing hangs."""

from __future__ import annotations

import os
import signal
import sys
import time

import psutil

from desktop.runtime import telemetry
from desktop.runtime.run import Run
from tests.reliability import failure_drill
from tests.reliability.failure_drill import LESSON, params_for

RUN_TIMEOUT = 30.0


def run_drill(failure: str) -> Run:
    run = Run(LESSON, params_for(failure))
    run.start()
    return run


def finished_record(run: Run):
    assert run.wait(RUN_TIMEOUT), "the run never ended"
    return run.record


def kill_from_outside(pid: int) -> None:
    """What a user's task manager or the OOM killer does: SIGKILL / TerminateProcess."""
    if sys.platform == "win32":
        psutil.Process(pid).kill()
    else:
        os.kill(pid, signal.SIGKILL)


def wait_for_state(run: Run, detail: str, timeout: float = 20.0) -> int:
    """The pid of the first worker reporting a state with ``detail``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for event in run.take_new_events():
            if event.kind == telemetry.STATE and event.value == detail:
                return event.pid
        time.sleep(0.02)
    raise AssertionError(f"no worker reported {detail!r}")


def test_a_clean_drill_passes():
    record = finished_record(run_drill("none"))
    assert record.status == "passed", record.error


def test_a_worker_that_raises_fails_the_run_with_name_exit_code_and_traceback():
    record = finished_record(run_drill("raise"))
    assert record.status == "failed"
    assert "drill-worker (pid " in record.error
    assert "exited with exit code 1" in record.error
    assert "RuntimeError: the drill worker failed on purpose" in record.error
    assert "Traceback (most recent call last)" in record.error


def test_a_worker_that_calls_os_exit_fails_the_run_with_its_exit_code():
    record = finished_record(run_drill("exit"))
    assert record.status == "failed"
    assert "drill-worker (pid " in record.error
    assert f"died with exit code {failure_drill.EXIT_CODE} and no traceback" in record.error


def test_a_worker_killed_from_outside_fails_the_run_naming_the_signal():
    run = run_drill("wait-to-be-killed")
    pid = wait_for_state(run, "waiting to be killed")
    kill_from_outside(pid)
    record = finished_record(run)
    assert record.status == "failed"
    assert f"drill-worker (pid {pid}) died with exit code" in record.error
    if sys.platform != "win32":
        assert "killed by SIGKILL" in record.error


def test_a_worker_the_lesson_terminates_on_purpose_is_not_a_failure():
    record = finished_record(run_drill("terminated"))
    assert record.status == "passed", record.error


def test_a_killed_executor_worker_breaks_the_pool_instead_of_hanging():
    run = run_drill("executor-killed")
    pid = wait_for_state(run, "pool task waiting to be killed")
    kill_from_outside(pid)
    record = finished_record(run)
    assert record.status == "failed"
    assert "BrokenProcessPool" in record.error


def test_a_killed_pool_worker_hangs_the_pool_until_the_watchdog_ends_the_run():
    # multiprocessing.Pool replaces the dead worker but never fails its task
    # (cpython #96062): the watchdog is what ends the run, and it says why.
    run = run_drill("pool-killed")
    pid = wait_for_state(run, "pool task waiting to be killed")
    kill_from_outside(pid)
    record = finished_record(run)
    assert record.status == "failed"
    assert "no progress for" in record.error
    assert f"(pid {pid}) died with exit code" in record.error
    assert "main (pid " in record.error  # who was waiting: the run process, for the pool's results


def test_the_next_run_after_a_failure_works():
    assert finished_record(run_drill("exit")).status == "failed"
    assert finished_record(run_drill("none")).status == "passed"
