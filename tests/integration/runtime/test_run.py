"""The run supervisor with real spawned process trees: stop, failure, records."""

from __future__ import annotations

import time

import psutil
import pytest

from desktop.lessons import catalog
from desktop.runtime import telemetry
from desktop.runtime.run import Run
from tests.conftest import leftover_children

STOP_BUDGET = 2.0  # seconds from stop() to no process of the run left


def start(lesson_id: str, **params) -> Run:
    lesson = catalog.load(lesson_id)
    run = Run(lesson, lesson.parse_params(params))
    run.start()
    return run


def wait_for_hellos(run: Run, count: int, timeout: float = 20.0) -> list:
    """Collect events until ``count`` processes have reported in."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen += run.take_new_events()
        if sum(e.kind == telemetry.HELLO for e in seen) >= count:
            return seen
        time.sleep(0.02)
    raise AssertionError(f"only {sum(e.kind == telemetry.HELLO for e in seen)} of {count} processes reported in")


def assert_tree_gone_within(budget: float, pids: list[int]) -> float:
    started = time.monotonic()
    while time.monotonic() - started < budget:
        alive = [pid for pid in pids if psutil.pid_exists(pid) and _not_zombie(pid)]
        if not alive and not leftover_children():
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"still alive {budget} s after stop: {alive} {leftover_children()}")


def _not_zombie(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def test_stop_ends_buyers_mid_run_within_budget():
    run = start("ticket-lock", buyers=6, delay=5.0, lock=True)
    events = wait_for_hellos(run, 1 + 6)
    pids = [e.pid for e in events if e.kind == telemetry.HELLO]
    run.stop()
    assert_tree_gone_within(STOP_BUDGET, pids)
    assert run.wait(5)
    assert run.record.status == "stopped"


def test_stop_ends_pool_workers_mid_task():
    run = start("pool-speedup", workers=2, tasks=200, task_seconds=0.5, rounds=1, sweep=False)
    events = wait_for_hellos(run, 1 + 2)  # the run process and both pool workers
    pids = [e.pid for e in events if e.kind == telemetry.HELLO]
    run.stop()
    assert_tree_gone_within(STOP_BUDGET, pids)
    assert run.wait(5)
    assert run.record.status == "stopped"


@pytest.mark.parametrize("moment", [0.0, 0.05, 0.3])
def test_stop_at_odd_moments_leaves_nothing(moment):
    run = start("producer-consumer", per_producer=500, produce_interval=0.01)
    time.sleep(moment)  # the moment itself is the point of this test
    run.stop()
    assert run.wait(5)
    assert run.record.status == "stopped"
    assert_tree_gone_within(STOP_BUDGET, [])


def test_a_lesson_error_fails_the_run_with_its_traceback():
    lesson = catalog.load("ticket-lock")
    params = lesson.parse_params({"buyers": 2})
    del params["delay"]  # bypasses validation: main's params.delay raises before any buyer starts
    run = Run(lesson, params)
    run.start()
    assert run.wait(20)
    assert run.record.status == "failed"
    assert run.record.error.startswith("main (pid ")
    assert "Traceback" in run.record.error and "AttributeError: delay" in run.record.error


def test_record_carries_interpreter_start_method_and_time_ordered_events():
    run = start("ticket-lock", buyers=2, inventory=1, delay=0.0)
    assert run.wait(20)
    record = run.record
    assert record.status == "passed"
    assert record.start_method == "spawn"
    assert record.interpreter.startswith(("CPython", "PyPy"))
    times = [e[0] for e in record.events]
    assert times == sorted(times)
    assert record.duration > 0


def test_an_uncaught_worker_exception_fails_the_run_naming_the_worker():
    # delay=-1 passes straight into time.sleep inside each buyer, which raises there.
    lesson = catalog.load("ticket-lock")
    params = lesson.parse_params({"buyers": 2, "inventory": 5})
    params["delay"] = -1
    run = Run(lesson, params)
    run.start()
    assert run.wait(20)
    assert run.record.status == "failed"
    assert "buyer-" in run.record.error
    assert "ValueError: sleep length must be non-negative" in run.record.error


def test_watchdog_ends_a_silent_run_and_says_who_waits_for_what():
    lesson = catalog.load("ticket-lock").replace(stall_timeout=1.0)
    run = Run(lesson, lesson.parse_params({"buyers": 3, "delay": 4.0, "lock": True}))
    run.start()
    assert run.wait(15)
    record = run.record
    assert record.status == "failed"
    assert "no progress for" in record.error
    assert "waiting-lock: ticket lock" in record.error  # the buyers queued behind the one that sleeps
    assert "sleeping: paying (network delay)" in record.error
