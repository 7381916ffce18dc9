"""RunRecord: the verdict is one Text in memory and two strings ("verdict", "verdict_zh") in JSON."""

from __future__ import annotations

import json

from desktop.model.run_record import PASSED, RunRecord, json_fields, verdict_from_json
from desktop.model.text import Text


def record() -> RunRecord:
    return RunRecord(
        lesson="ticket-lock",
        status=PASSED,
        params={"buyers": 2},
        start_method="spawn",
        interpreter="CPython 3.11.7",
        started_at="2024-01-01T10:00:00+08:00",
        duration=0.5,
        verdict=Text("Sold 2 of 2.", "卖出 2 张，共 2 张。"),
        figures={"sold": 2},
        events=[[1.0, 10, "main", "hello", "", {"ppid": 1}, None]],
        samples=[[1.0, [50.0], 10.0, 1000]],
    )


def test_run_json_keeps_its_keys_verdict_and_verdict_zh_as_strings():
    summary = record().summary()
    assert summary["verdict"] == "Sold 2 of 2."
    assert summary["verdict_zh"] == "卖出 2 张，共 2 张。"
    assert "events" not in summary and "samples" not in summary
    keys = list(summary)
    assert keys.index("verdict_zh") == keys.index("verdict") + 1  # where the old field stood
    json.dumps(summary, ensure_ascii=False)  # plain JSON, nothing custom


def test_the_saved_form_round_trips_to_an_equal_record():
    saved = json.loads(json.dumps(record().to_json_dict()))
    assert isinstance(saved["verdict"], str) and isinstance(saved["verdict_zh"], str)
    assert RunRecord(**verdict_from_json(saved)) == record()


def test_a_record_without_a_verdict_has_an_empty_text():
    bare = RunRecord("x", PASSED, {}, "spawn", "CPython", "t", 0.0)
    assert bare.verdict == Text("", "")
    assert json_fields({"verdict": bare.verdict}) == {"verdict": "", "verdict_zh": ""}


def test_a_file_with_only_an_english_verdict_loads_with_an_empty_chinese_one():
    assert verdict_from_json({"verdict": "ok"}) == {"verdict": Text("ok", "")}
    assert verdict_from_json({"lesson": "x"}) == {"lesson": "x"}  # no verdict at all: the default
