"""The views' preparation, without a window: a record's events made as read, paced, cancelled on request."""

from __future__ import annotations

import pytest

from desktop.model.run_record import PASSED, RunRecord
from desktop.runtime import export, telemetry
from desktop.runtime.telemetry import Event
from desktop.ui.timeline_model import prepare_timeline
from desktop.ui.view_preparation import (
    PACE_ITEMS,
    Pace,
    PreparationCancelled,
    RecordEvents,
    finished_run,
    of_kinds,
    prepare,
)


def _record(events: int = 10_000) -> RunRecord:
    record = RunRecord("ticket-lock", PASSED, {}, "spawn", "CPython", "2024-01-01T10:00:00+00:00", 2.0)
    kinds = (telemetry.STATE, telemetry.COUNT, telemetry.LOG, telemetry.PHASE)
    values = {telemetry.STATE: "reading", telemetry.COUNT: 1, telemetry.LOG: "line", telemetry.PHASE: "phase"}
    record.events = [
        [
            1.0 + i * 1e-4,
            10 + i % 3,
            f"buyer-{i % 3}",
            kind,
            "running" if kind == "state" else "sold",
            values[kind],
            None,
        ]
        for i, kind in ((i, kinds[i % len(kinds)]) for i in range(events))
    ]
    record.events[5][6] = ["desktop.lessons.ticket_lock", 40]  # a where, read back as a tuple
    return record


def test_record_events_are_the_events_export_makes_in_every_reading():
    record = _record(1_000)
    made = export.events_of(record, 3.5)
    events = RecordEvents(record.events, 3.5)
    assert len(events) == len(made) and list(events) == made
    assert events[5] == made[5] and events[-1] == made[-1] and events[-10:] == made[-10:]
    assert events[5].where == ("desktop.lessons.ticket_lock", 40)
    counts = [event for event in made if event.kind == telemetry.COUNT]
    assert list(of_kinds(events, frozenset({telemetry.COUNT}), Pace())) == counts
    assert list(of_kinds(made, frozenset({telemetry.COUNT}), Pace())) == counts  # any sequence of events


def test_a_prepared_run_ends_now_and_holds_every_preparers_part():
    record = _record()
    run = finished_run(record, now=100.0)
    assert export.run_end(record) + (run.origin - export.run_origin(record)) == pytest.approx(100.0)
    prepared = prepare(run, [(1, prepare_timeline), (2, lambda run, pace: len(run.events))])
    assert prepared.prepared[2] == len(record.events)
    assert [lane.worker for lane in prepared.prepared[1].lanes] == ["buyer-0", "buyer-1", "buyer-2"]
    assert prepared.record is record and prepared.origin == run.origin


def test_the_pace_reports_its_share_in_order_and_stops_when_asked():
    run = finished_run(_record(4 * PACE_ITEMS))
    shares: list[float] = []
    prepare(run, [(1, prepare_timeline), (2, prepare_timeline)], Pace(shares.append))
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0 and len(shares) > 4
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # the second check inside the timeline's loop

    with pytest.raises(PreparationCancelled):
        prepare(run, [(1, prepare_timeline)], Pace(cancelled=cancelled))
    assert len(asked) == 3


def test_event_tuples_of_a_live_record_are_read_as_they_are():
    record = _record(10)
    record.events = [Event(*row) for row in record.events]  # a live run's record holds Event tuples
    assert list(RecordEvents(record.events)) == export.events_of(record)
