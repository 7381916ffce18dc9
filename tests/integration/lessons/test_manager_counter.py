"""manager-counter with real spawned workers and a real manager server process."""

from __future__ import annotations


def test_with_a_lock_the_count_ends_at_zero_and_the_manager_is_shut_down(run_lesson):
    record = run_lesson("manager-counter", workers=5, rounds=10, lock=True)
    assert record.status == "passed", record.error
    assert record.figures["start"] == 50
    assert record.figures["decrements"] == 50
    assert record.figures["final_count"] == 0
    assert record.figures["lost_updates"] == 0
    assert record.figures["manager_servers"] == 1
    assert record.figures["manager_servers_alive_after_shutdown"] == 0
    assert record.leftovers == 0


def test_without_a_lock_the_lost_updates_are_reported(run_lesson):
    record = run_lesson("manager-counter", workers=5, rounds=10, lock=False)
    assert record.status == "passed", record.error
    assert record.figures["decrements"] == 50
    lost = record.figures["lost_updates"]
    assert lost == record.figures["final_count"] and 0 <= lost < 50
    assert (f"to {lost}, so" in record.verdict.en) if lost else ("did not happen" in record.verdict.en)
    assert record.leftovers == 0
