"""Loading a saved run reports its progress, stops when asked, and keeps repeated event strings once."""

from __future__ import annotations

import pytest

from desktop.model.run_record import PASSED, RunRecord
from desktop.model.text import Text
from desktop.runtime import load_watch, run_file, run_file_parse
from desktop.runtime.load_watch import CHECKING, PARSING, READING


def saved_run(path, events: int = 20_000) -> RunRecord:
    record = RunRecord(
        "ticket-lock",
        PASSED,
        {"buyers": 2},
        "spawn",
        "CPython",
        "2024-01-01T10:00:00+00:00",
        1.0,
        verdict=Text("ok", "好"),
        events=[[1.0 + i * 1e-4, 10, f"buyer-{i % 2}", "state", "running", "reading", ["m", 4]] for i in range(events)],
        samples=[[1.0, [10.0, 20.0], 5.0, 1e6]] * 10,
    )
    run_file.save(record, path)
    return record


def test_progress_goes_through_every_stage_forward_to_the_end(tmp_path, monkeypatch):
    monkeypatch.setattr(run_file, "READ_CHUNK_BYTES", 64 * 1024)
    record = saved_run(tmp_path / "run.json")
    reports: list[run_file.Progress] = []
    assert run_file.load(tmp_path / "run.json", progress=reports.append) == record
    assert {report.stage for report in reports} == {READING, PARSING, CHECKING}
    fractions = [report.fraction for report in reports]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert reports[-1].items == len(record.events) + len(record.samples)
    assert all(report.file_bytes == (tmp_path / "run.json").stat().st_size for report in reports)


@pytest.mark.parametrize("stage", [READING, PARSING, CHECKING])
def test_a_load_asked_to_stop_stops_in_any_stage(tmp_path, monkeypatch, stage):
    monkeypatch.setattr(run_file, "READ_CHUNK_BYTES", 64 * 1024)
    saved_run(tmp_path / "run.json")
    stages: list[str] = []
    with pytest.raises(run_file.LoadCancelled):
        run_file.load(
            tmp_path / "run.json", progress=lambda p: stages.append(p.stage), cancelled=lambda: stage in stages
        )
    assert stages[-1] == stage  # stopped at the first check after the stage began


def test_a_cancelled_load_is_no_file_error():
    assert not issubclass(run_file.LoadCancelled, run_file.RunFileError)  # nothing is wrong with the file


def test_repeated_event_strings_are_one_object_each_after_loading(tmp_path):
    saved_run(tmp_path / "run.json")
    events = run_file.load(tmp_path / "run.json").events
    assert events[0][3] is events[2][3] and events[0][2] is events[2][2]  # "state", "buyer-0"
    assert events[0][6][0] is events[1][6][0]  # the module of a code location


def test_sharing_stops_growing_at_its_bound(monkeypatch):
    monkeypatch.setattr(run_file_parse, "SHARED_STRINGS", 3)
    sharing = run_file_parse._Sharing(load_watch.Watch())
    for index in range(10):
        sharing([1.0, 10, f"w{index}", "log", "", "", None])
    assert len(sharing._strings) == 3


def test_running_out_of_memory_is_a_file_error_with_a_message(tmp_path, monkeypatch):
    saved_run(tmp_path / "run.json", events=10)

    def no_memory(*_args):
        raise MemoryError

    monkeypatch.setattr(run_file, "_document", no_memory)
    with pytest.raises(run_file.RunFileError, match="not enough free memory") as raised:
        run_file.load(tmp_path / "run.json")
    assert "内存不足" in raised.value.text.zh


def test_a_file_of_more_items_than_a_run_keeps_is_refused_while_it_is_parsed(tmp_path, monkeypatch):
    from desktop.runtime import run_file_bounds as bounds

    monkeypatch.setattr(bounds, "MAX_EVENTS", 5)
    monkeypatch.setattr(bounds, "MAX_SAMPLES", 5)
    saved_run(tmp_path / "run.json", events=20)
    reports: list[run_file.Progress] = []
    with pytest.raises(run_file.RunFileError, match="more than 10 events and samples"):
        run_file.load(tmp_path / "run.json", progress=reports.append)
    assert CHECKING not in {report.stage for report in reports}  # refused before a single check
