"""join-timeout with real spawned children: join(timeout) never ends a child; terminate() does, a moment later."""

from __future__ import annotations

import signal

from desktop.model.events import log_line


def test_join_timeout_returns_while_the_children_keep_running_and_they_finish_on_their_own(run_lesson):
    record = run_lesson("join-timeout", children=2, work=1.5, timeout=0.1, terminate=False)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["alive_after_join"] == 2
    assert figures["exitcode_none_after_join"] == 2
    assert figures["join_returned_s"] >= 0.1 * 0.9  # it did wait for its timeout
    assert figures["finished_work"] == 2
    assert figures["exited_zero"] == 2
    assert figures["terminated"] == 0
    finished = {e[2] for e in record.events if e[3] == "state" and e[4] == "finished"}
    assert {"child-1", "child-2"} <= finished
    assert "only stopped the waiting" in record.verdict.en and "nothing ended them early" in record.verdict.en
    assert record.leftovers == 0


def test_terminate_ends_them_and_the_verdict_reports_what_is_alive_said_right_after(run_lesson):
    record = run_lesson("join-timeout", children=2, work=3.0, timeout=0.1, terminate=True)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["alive_after_join"] == 2
    assert figures["terminated"] == 2
    assert figures["finished_work"] == 0
    assert figures["exited_zero"] == 0
    assert figures["terminated_exitcode"] == -signal.SIGTERM
    still = figures["alive_right_after_terminate"]
    assert 0 <= still <= 2
    if still:
        assert f"still returned True for {still} of 2" in record.verdict.en
    else:
        assert "already returned False for all 2" in record.verdict.en
    # The log line written right after each terminate() agrees with the figure.
    lines = [
        log_line(e[5])
        for e in record.events
        if e[3] == "log" and ".terminate(): is_alive() right after" in log_line(e[5])
    ]
    assert len(lines) == 2
    assert sum("right after = True" in line for line in lines) == still
    assert {e[2] for e in record.events if e[3] == "state" and e[4] == "finished"} & {"child-1", "child-2"} == set()


def test_a_timeout_longer_than_the_work_never_comes_into_play(run_lesson):
    record = run_lesson("join-timeout", children=1, work=0.1, timeout=5.0, terminate=True)
    assert record.status == "passed", record.error
    assert record.figures["alive_after_join"] == 0
    assert record.figures["terminated"] == 0  # nothing left to terminate
    assert record.figures["exited_zero"] == 1
    assert "never came into play" in record.verdict.en
