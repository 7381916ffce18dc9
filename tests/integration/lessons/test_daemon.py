"""daemon with a real intermediate parent: its daemon child is cut short, its normal child is waited for."""

from __future__ import annotations

from desktop.model.events import log_line

REFUSAL = "AssertionError: daemonic processes are not allowed to have children"


def test_daemon_dies_with_the_parents_main_code_and_normal_child_finishes(run_lesson):
    record = run_lesson("daemon", step=0.1, daemon_steps=20, normal_steps=5, parent_steps=1)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["daemon_completed"] == 0
    assert 1 <= figures["daemon_steps_logged"] < 20
    assert figures["normal_completed"] == 1
    assert figures["normal_steps_logged"] == 5
    assert figures["parent_exitcode"] == 0
    logs = [log_line(e[5]) for e in record.events if e[3] == "log"]
    assert not any("LAST STEP DONE" in line for line in logs)
    assert any("normal: last step done" in line for line in logs)


def test_the_daemons_attempt_to_have_a_child_shows_the_real_error(run_lesson):
    record = run_lesson("daemon", step=0.05, daemon_steps=5, normal_steps=1, parent_steps=0)
    assert record.status == "passed", record.error
    assert record.figures["daemon_child_refused"] == 1
    assert REFUSAL in record.verdict.en
    assert REFUSAL in record.verdict.zh
    # The daemon's child was never started: only parent, daemon and normal said hello besides main.
    workers = sorted(e[2] for e in record.events if e[3] == "hello")
    assert workers == ["daemon", "main", "normal", "parent"]


def test_a_daemon_that_finishes_in_time_is_reported_as_such(run_lesson):
    record = run_lesson("daemon", step=0.05, daemon_steps=1, normal_steps=1, parent_steps=6)
    assert record.status == "passed", record.error
    assert record.figures["daemon_completed"] == 1
    assert "nothing to cut short" in record.verdict.en
