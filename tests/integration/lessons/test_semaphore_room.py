"""semaphore-room with real spawned visitors: never more people inside than keys."""

from __future__ import annotations


def test_with_a_semaphore_the_peak_occupancy_is_exactly_the_number_of_keys(run_lesson):
    record = run_lesson("semaphore-room", visitors=8, room_keys=3, stay=0.1, semaphore=True)
    assert record.status == "passed", record.error
    assert record.figures["peak_occupancy"] == 3
    assert record.figures["peak_occupancy_from_events"] == 3
    assert record.figures["final_occupancy"] == 0
    assert record.leftovers == 0


def test_without_a_semaphore_the_peak_is_reported_and_bounded_by_the_visitors(run_lesson):
    record = run_lesson("semaphore-room", visitors=5, room_keys=2, stay=0.2, semaphore=False)
    assert record.status == "passed", record.error
    assert 1 <= record.figures["peak_occupancy"] <= 5
    assert f"up to {record.figures['peak_occupancy']} of 5 visitors" in record.verdict.en
    assert record.figures["final_occupancy"] == 0
