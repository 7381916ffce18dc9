"""bounded-semaphore with real spawned processes: an extra release() adds a key, or raises ValueError."""

from __future__ import annotations

from desktop.model.events import log_line


def test_a_plain_semaphore_takes_the_extra_release_silently_and_hands_out_one_key_more(run_lesson):
    record = run_lesson("bounded-semaphore", bounded=False, room_keys=2, visitors=4, stay=0.3)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["extra_release_raised"] == 0
    assert figures["free_keys_after_bug"] == 3
    assert 1 <= figures["peak_occupancy"] <= 3
    assert "returned without a word" in record.verdict.en
    assert f"At most {figures['peak_occupancy']} of 4 visitors" in record.verdict.en
    assert ("buggy", "the second release() returned") in [
        (e[2], log_line(e[5])) for e in record.events if e[3] == "log"
    ]
    assert record.leftovers == 0


def test_a_bounded_semaphore_raises_value_error_and_the_room_never_holds_more_than_its_keys(run_lesson):
    record = run_lesson("bounded-semaphore", bounded=True, room_keys=2, visitors=4, stay=0.3)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["extra_release_raised"] == 1
    assert figures["free_keys_after_bug"] == 2
    assert figures["peak_occupancy"] <= 2
    logged = [log_line(e[5]) for e in record.events if e[3] == "log" and e[2] == "buggy"]
    assert len(logged) == 1 and logged[0].startswith("the second release() raised ValueError(")
    # The verdict quotes the exception text the worker really caught.
    assert logged[0].removeprefix("the second release() ") in record.verdict.en
    assert "ValueError（" in record.verdict.zh
