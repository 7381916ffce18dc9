"""Nothing saved is lost: a run saved before the lessons moved opens whole, its steps pointing at today's modules."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.lessons import catalog
from desktop.model.events import STATE
from desktop.model.text import Text
from desktop.runtime import run_file

ROOT = Path(__file__).resolve().parents[3]
# Saved by the app at commit 3a89dd3 (how: tests/integration/test_show.py).
OLD_RUN = ROOT / "tests" / "data" / "ticket-lock-saved-by-3a89dd3.json"


def test_the_old_file_really_is_from_before_the_move():
    document = json.loads(OLD_RUN.read_text("utf-8"))
    assert document["version"] == 1
    wheres = {event[6][0] for event in document["record"]["events"] if event[6]}
    assert wheres == {"desktop.scenarios.ticket_lock"}
    assert {"verdict", "verdict_zh"} <= document["record"].keys()


def test_a_run_saved_before_the_move_loads_with_its_verdict_in_both_languages():
    saved = json.loads(OLD_RUN.read_text("utf-8"))["record"]
    record = run_file.load(OLD_RUN)
    assert record.lesson == "ticket-lock" and record.status == "passed"
    assert record.verdict == Text(saved["verdict"], saved["verdict_zh"])
    assert record.figures == saved["figures"]
    assert len(record.events) == len(saved["events"]) and len(record.samples) == len(saved["samples"])


def test_its_steps_point_at_the_lesson_module_the_code_view_shows():
    record = run_file.load(OLD_RUN)
    module = catalog.load(record.lesson).module_name
    states = [event for event in record.events if event[3] == STATE]
    wheres = [event[6] for event in states if event[6] is not None]
    assert wheres and all(where[0] == module for where in wheres)  # what the code view compares to highlight
    assert all(isinstance(where[1], int) and where[1] > 0 for where in wheres)
    # Only the module moved: everything else about each event is as saved.
    saved = json.loads(OLD_RUN.read_text("utf-8"))["record"]["events"]
    assert [event[:6] for event in record.events] == [event[:6] for event in saved]
    assert [event[6][1] if event[6] else None for event in record.events] == [
        event[6][1] if event[6] else None for event in saved
    ]


def test_resaving_an_old_run_keeps_format_1_and_loads_back_equal(tmp_path):
    record = run_file.load(OLD_RUN)
    run_file.save(record, tmp_path / "again.json")
    document = json.loads((tmp_path / "again.json").read_text("utf-8"))
    old_keys = json.loads(OLD_RUN.read_text("utf-8"))["record"].keys()
    assert document["version"] == 1 and old_keys <= document["record"].keys()
    assert isinstance(document["record"]["verdict"], str) and isinstance(document["record"]["verdict_zh"], str)
    assert run_file.load(tmp_path / "again.json") == record


def test_paths_that_did_not_move_are_left_alone():
    event = [1.0, 10, "main", "state", "running", "", ["desktop.lessons.pipe", 12]]
    other = [1.0, 10, "main", "state", "running", "", ["my_script", 3]]
    assert run_file._moved(event) is event
    assert run_file._moved(other) is other
    assert run_file._moved([*event[:6], ["desktop.scenarios.pipe", 12]]) == event


def test_a_bad_file_error_carries_its_message_in_both_languages(tmp_path):
    path = tmp_path / "photo.json"
    path.write_bytes(b"\x89PNG\r\n")
    try:
        run_file.load(path)
    except run_file.RunFileError as error:
        assert isinstance(error.text, Text)
        assert str(error) == error.text.en and "photo.json is not a saved run" in error.text.en
        assert "photo.json 不是保存的运行记录" in error.text.zh
        assert error.text.get("zh_CN") == error.text.zh
    else:
        raise AssertionError("a PNG loaded as a saved run")
