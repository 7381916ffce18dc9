"""producer-consumer with real spawned producers and consumers."""

from __future__ import annotations


def test_every_item_is_consumed_exactly_once_and_depth_is_counted(run_lesson):
    record = run_lesson(
        "producer-consumer",
        producers=2,
        consumers=3,
        per_producer=20,
        produce_interval=0.0,
        consume_interval=0.01,
        maxsize=4,
    )
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["produced"] == figures["consumed"] == 40
    assert figures["duplicates"] == figures["missing"] == 0
    puts = [e for e in record.events if e[3] == "put"]
    gets = [e for e in record.events if e[3] == "got"]
    assert len(puts) == len(gets) == 40 + 3  # items plus one sentinel per consumer
    assert 1 <= figures["max_depth"] <= 4


def test_fast_producers_fill_a_bounded_queue(run_lesson):
    record = run_lesson(
        "producer-consumer",
        producers=2,
        consumers=1,
        per_producer=15,
        produce_interval=0.0,
        consume_interval=0.03,
        maxsize=5,
    )
    assert record.status == "passed", record.error
    assert record.figures["max_depth"] == 5
    assert "maxsize" in record.verdict.en


def test_fast_consumers_keep_the_queue_nearly_empty(run_lesson):
    record = run_lesson(
        "producer-consumer",
        producers=1,
        consumers=2,
        per_producer=15,
        produce_interval=0.03,
        consume_interval=0.0,
        maxsize=0,
    )
    assert record.status == "passed", record.error
    assert record.figures["max_depth"] <= 2
