"""pool-early-stop with a real spawned Pool: the search stops long before its queue is done."""

from __future__ import annotations


def test_tasks_run_far_fewer_than_submitted(run_lesson):
    record = run_lesson("pool-early-stop", candidates=400_000, block=2000, target_at=0.02, workers=2)
    assert record.status == "passed", record.error
    assert record.figures["found"] == 1
    assert record.figures["blocks_total"] == 200
    # The PIN is in block 4: the two workers may have started a few more, never most of them.
    assert record.figures["tasks_run"] >= 5
    assert record.figures["tasks_run"] * 4 < record.figures["submitted"]
    assert record.figures["workers_alive_after"] == 0


def test_a_pin_in_the_last_block_runs_every_block(run_lesson):
    record = run_lesson("pool-early-stop", candidates=20_000, block=2000, target_at=1.0, workers=2)
    assert record.status == "passed", record.error
    assert record.figures["found"] == 1
    assert record.figures["tasks_run"] == record.figures["blocks_total"] == 10
