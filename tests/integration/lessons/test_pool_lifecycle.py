"""pool-lifecycle with a real spawned Pool: worker replacement, error callbacks, terminate."""

from __future__ import annotations


def test_maxtasksperchild_replaces_worker_processes(run_lesson):
    record = run_lesson(
        "pool-lifecycle", workers=2, tasks=8, max_tasks_per_child=2, fail_every=0, task_seconds=0.01, long_seconds=0.2
    )
    assert record.status == "passed", record.error
    assert record.figures["succeeded"] == 8
    # 8 tasks, at most 2 per process: at least 4 processes, more than the pool's size.
    assert record.figures["distinct_worker_pids"] >= 4
    assert record.figures["distinct_worker_pids"] > record.figures["pool_size"]


def test_errors_reach_error_callback_with_their_traceback(run_lesson):
    record = run_lesson(
        "pool-lifecycle", workers=2, tasks=6, max_tasks_per_child=10, fail_every=2, task_seconds=0.0, long_seconds=0.2
    )
    assert record.status == "passed", record.error
    assert record.figures["succeeded"] == 3
    assert record.figures["error_callbacks"] == 3
    assert record.figures["errors_with_traceback"] == 3
    assert record.figures["get_reraised"] == 3
    traceback_text = next(e[5] for e in record.events if e[3] == "result")["callbacks"]["first_traceback"]
    assert "Traceback (most recent call last)" in traceback_text
    assert "in task" in traceback_text  # the frame of the worker function that raised


def test_terminate_leaves_pending_tasks_unrun(run_lesson):
    record = run_lesson(
        "pool-lifecycle", workers=2, tasks=10, max_tasks_per_child=5, fail_every=0, task_seconds=0.0, long_seconds=1.0
    )
    assert record.status == "passed", record.error
    assert record.figures["terminate_started"] >= 1
    assert record.figures["terminate_unrun"] >= 10 - 2 * 2  # at most a second round could start
    assert record.figures["terminate_finished"] <= record.figures["terminate_started"]
