"""queue-feeder with a real spawned producer: join before draining times out; drain first, or lose items."""

from __future__ import annotations

from desktop.model.events import state_detail


def test_joining_before_draining_times_out_with_the_child_alive_until_the_parent_reads(run_lesson):
    record = run_lesson("queue-feeder", variant=1, count=800, size=200, timeout=0.3)
    assert record.status == "passed", record.error
    figures = record.figures
    # 800 items of 200 bytes are far more than a pipe holds: the child cannot exit before someone reads.
    assert figures["join_timed_out"] == 1
    assert figures["join_returned_s"] >= 0.3 * 0.9
    assert figures["child_flush_s"] >= figures["join_returned_s"]  # join_thread() waited at least that long
    assert figures["received"] == 800 and figures["lost"] == 0
    assert figures["exitcode"] == 0
    assert "with the child still alive (is_alive() True, exitcode None)" in record.verdict.en
    # The producer really sat in join_thread() and only then finished.
    states = [state_detail(e[5]) for e in record.events if e[3] == "state" and e[2] == "producer"]
    assert any(detail.startswith("join_thread()") for detail in states)
    assert record.leftovers == 0


def test_draining_first_lets_join_return_with_the_child_ended(run_lesson):
    record = run_lesson("queue-feeder", variant=2, count=800, size=200, timeout=5.0)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["join_timed_out"] == 0
    assert figures["received"] == 800
    assert figures["exitcode"] == 0
    assert "with the child ended (exitcode 0)" in record.verdict.en


def test_cancel_join_thread_lets_the_child_exit_and_the_lost_items_are_counted(run_lesson):
    record = run_lesson("queue-feeder", variant=3, count=800, size=200, timeout=5.0)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["join_timed_out"] == 0
    assert figures["exitcode"] == 0
    assert figures["received"] + figures["lost"] == 800
    # What reached the pipe before the child exited fits in it (at most 64 KiB on Linux), far from 800 items.
    assert figures["lost"] > 0
    assert f"only {figures['received']} of 800 items arrived: {figures['lost']} were still" in record.verdict.en
    gets = sum(1 for e in record.events if e[3] == "got")
    assert gets == figures["received"]


def test_everything_fitting_in_the_pipe_is_reported_as_no_deadlock(run_lesson):
    record = run_lesson("queue-feeder", variant=1, count=5, size=10, timeout=2.0)
    assert record.status == "passed", record.error
    assert record.figures["join_timed_out"] == 0
    assert record.figures["received"] == 5
    assert "no deadlock this time" in record.verdict.en
