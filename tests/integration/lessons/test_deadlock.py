"""deadlock with real spawned workers: the watchdog detects both deadlocks, fixed ordering completes."""

from __future__ import annotations

from desktop.model.events import state_detail

TIMEOUT = 0.6
MARGIN = 1.0  # s: polling plus a loaded machine


def test_opposite_orders_deadlock_is_detected_within_the_timeout_and_ends_cleanly(run_lesson):
    record = run_lesson("deadlock", variant=1, timeout=TIMEOUT, hold=0.3, rounds=2)
    assert record.status == "passed", record.error
    assert record.figures["deadlock"] == 1
    assert TIMEOUT <= record.figures["detected_after_s"] <= TIMEOUT + MARGIN
    assert record.figures["rounds_completed"] == 0
    assert "worker-1 holds A and waits for lock B, held by worker-2" in record.verdict.en
    assert "worker-2 holds B and waits for lock A, held by worker-1" in record.verdict.en
    assert record.leftovers == 0


def test_a_lock_held_by_a_terminated_process_is_detected(run_lesson):
    record = run_lesson("deadlock", variant=2, timeout=TIMEOUT, hold=0.0, rounds=1)
    assert record.status == "passed", record.error
    assert record.figures["deadlock"] == 1
    assert record.figures["detected_after_s"] <= TIMEOUT + MARGIN
    assert "held by holder (terminated" in record.verdict.en
    assert record.leftovers == 0


def test_fixed_ordering_completes_every_round(run_lesson):
    record = run_lesson("deadlock", variant=3, timeout=TIMEOUT, hold=0.05, rounds=3)
    assert record.status == "passed", record.error
    assert record.figures["deadlock"] == 0
    assert record.figures["rounds_completed"] == 6
    assert record.figures["lock_acquisitions"] == 12
    assert record.leftovers == 0


def test_each_worker_reports_what_it_waits_for_on_the_timeline(run_lesson):
    record = run_lesson("deadlock", variant=1, timeout=TIMEOUT, hold=0.3, rounds=1)
    states = [e for e in record.events if e[3] == "state" and e[4] == "waiting-lock"]
    waits = {(e[2], state_detail(e[5])) for e in states}
    assert ("worker-1", "lock B (holding A)") in waits
    assert ("worker-2", "lock A (holding B)") in waits
    assert ("worker-1", "锁 B（持有锁 A）") in {(e[2], state_detail(e[5], "zh")) for e in states}
