"""shared-value-array with real spawned workers adding to shared memory."""

from __future__ import annotations


def test_with_get_lock_the_total_is_exact(run_lesson):
    record = run_lesson("shared-value-array", workers=3, increments=5000, lock=True)
    assert record.status == "passed", record.error
    assert record.figures["expected"] == 15000
    assert record.figures["total"] == 15000
    assert record.figures["lost_updates"] == 0
    assert record.figures["array_slots_total"] == 15000
    assert "RLock" in record.verdict.en


def test_without_a_lock_own_slots_stay_exact_and_lost_updates_are_reported(run_lesson):
    record = run_lesson("shared-value-array", workers=3, increments=5000, lock=False)
    assert record.status == "passed", record.error
    assert record.figures["array_slots_total"] == 15000
    lost = record.figures["lost_updates"]
    assert lost == 15000 - record.figures["total"] and lost >= 0
    assert (f"{lost} increments" in record.verdict.en) if lost else ("never collided" in record.verdict.en)


def test_the_typecode_sizes_are_measured(run_lesson):
    record = run_lesson("shared-value-array", workers=1, increments=1, lock=False)
    assert record.figures["bytes_b"] == 1
    assert record.figures["bytes_d"] == 8
    assert record.figures["bytes_h"] <= record.figures["bytes_i"] <= record.figures["bytes_q"]
