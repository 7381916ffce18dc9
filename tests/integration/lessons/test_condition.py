"""condition with real spawned waiters: notify(n) wakes n of them, notify_all() wakes every one."""

from __future__ import annotations

from desktop.model.events import log_line


def test_notify_wakes_as_many_waiters_as_asked_and_the_others_time_out(run_lesson):
    record = run_lesson("condition", waiters=3, tickets=1, notify_all=False, patience=1.0)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["waiting_at_notify"] == 3  # all inside wait() while the parent held the lock
    assert figures["woke"] == 1
    assert figures["got_ticket"] == 1
    assert figures["woke_without_ticket"] == 0
    assert figures["timed_out"] == 2
    assert figures["max_wait_s"] >= 1.0 * 0.9  # the ones never woken waited out their timeout
    assert "called notify(1): 1 of 3 woke" in record.verdict.en
    assert "The other 2 were never woken" in record.verdict.en
    assert record.leftovers == 0


def test_notify_all_wakes_everyone_and_all_but_the_tickets_find_nothing(run_lesson):
    record = run_lesson("condition", waiters=4, tickets=1, notify_all=True, patience=5.0)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["waiting_at_notify"] == 4
    assert figures["woke"] == 4
    assert figures["got_ticket"] == 1
    assert figures["woke_without_ticket"] == 3
    assert figures["timed_out"] == 0
    assert "3 woke to find no ticket left" in record.verdict.en


def test_each_waiter_logs_what_wait_returned(run_lesson):
    record = run_lesson("condition", waiters=2, tickets=2, notify_all=False, patience=5.0)
    assert record.status == "passed", record.error
    lines = [log_line(e[5]) for e in record.events if e[3] == "log" and str(e[2]).startswith("waiter-")]
    assert len(lines) == 2
    assert all(line.startswith("wait() returned True") and "took a ticket" in line for line in lines)
    assert record.figures["woke"] == 2 and record.figures["tickets_left"] == 0
