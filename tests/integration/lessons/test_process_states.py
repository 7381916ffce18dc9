"""process-states with real CPU- and IO-bound workers: oversubscribed cores, blocked IO workers."""

from __future__ import annotations


def test_more_cpu_workers_than_cores_each_get_less_than_a_core(run_lesson):
    record = run_lesson("process-states", workers_per_core=2, io_workers=1, seconds=1.0, io_wait=0.02)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["cpu_workers"] == 2 * figures["cores"]
    assert figures["fair_share"] == 0.5
    # 2 workers per core cannot average more than half a core each (margin for measuring).
    assert figures["mean_cpu_share"] < 0.75
    assert figures["mean_ready_share"] > 0.25
    # The IO worker sleeps between replies: blocked almost all the time.
    assert figures["mean_io_share"] < 0.3
    assert figures["io_replies"] >= 1
    assert "ready" in record.verdict.en and "blocked" in record.verdict.en


def test_io_workers_alternate_between_blocked_and_running_on_the_timeline(run_lesson):
    record = run_lesson("process-states", workers_per_core=1, io_workers=2, seconds=0.5, io_wait=0.05)
    assert record.status == "passed", record.error
    states = [e[4] for e in record.events if e[3] == "state" and e[2] == "io-1"]
    assert "sleeping" in states and "running" in states
    assert states[-1] == "finished"
