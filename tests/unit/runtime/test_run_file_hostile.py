"""A saved run is untrusted: whatever a file holds, the loader answers quickly with a record or a clear message.

Issue 15 items 1-4: strings and collections bounded by what the app writes,
only regular files read and never past the limit, finite bounded numbers, a
UTF-8 byte order mark accepted.
"""

from __future__ import annotations

import json
import os
import sys
import threading

import pytest

from desktop.model.outcome import Outcome
from desktop.model.param import Params
from desktop.model.run_record import RunRecord
from desktop.model.text import Text
from desktop.runtime import run_file
from desktop.runtime import run_file_bounds as bounds
from desktop.runtime.verdict_text import judge


def record(**fields) -> RunRecord:
    base = dict(
        lesson="ticket-lock",
        status="passed",
        params={"buyers": 2, "lock": True},
        start_method="spawn",
        interpreter="CPython 3.11.7",
        started_at="2024-01-01T10:00:00+08:00",
        duration=0.5,
        verdict=Text("ok", "好"),
        figures={"sold": 2},
        events=[[1.0, 10, "main", "hello", "", {"ppid": 1}, None], [1.2, 10, "main", "log", "", "卖出", None]],
        samples=[[1.0, [10.0, 20.0], 5.0, 1e6]],
    )
    return RunRecord(**{**base, **fields})


def document(**fields) -> dict:
    return {"format": run_file.FORMAT, "version": run_file.VERSION, "record": record().to_json_dict() | fields}


def rejected(doc: dict, tmp_path) -> run_file.RunFileError:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc, allow_nan=True), encoding="utf-8")
    with pytest.raises(run_file.RunFileError) as caught:
        run_file.load(path)
    assert caught.value.text.en and caught.value.text.zh
    return caught.value


# ------------------------------------------------------------------ item 1: bounded strings and collections
@pytest.mark.parametrize("field", ["verdict", "verdict_zh", "lesson", "interpreter", "error"])
def test_a_string_longer_than_the_app_writes_is_refused_naming_the_field(tmp_path, field):
    error = rejected(document(**{field: "x" * (bounds.MAX_ERROR_CHARS + 1)}), tmp_path)
    assert repr(field) in str(error)


def test_a_verdict_of_ten_thousand_characters_is_refused(tmp_path):
    error = rejected(document(verdict="v" * 10_000), tmp_path)
    assert "'verdict'" in str(error) and f"{bounds.MAX_VERDICT_CHARS:,}" in str(error)


@pytest.mark.parametrize(
    "fields",
    [
        {"figures": {f"f{i}": i for i in range(bounds.MAX_FIGURES + 1)}},
        {"figures": {"n" * (bounds.MAX_NAME_CHARS + 1): 1}},
        {"params": {"p": "x" * (bounds.MAX_PARAM_CHARS + 1)}},
        {"params": {"p": {"nested": 1}}},
        {"events": [[1.0, 10, "w" * (bounds.MAX_NAME_CHARS + 1), "log", "", "", None]]},
        {"events": [[1.0, 10, "main", "log", "", "x" * (bounds.MAX_VALUE_CHARS + 1), None]]},
        {"events": [[1.0, 10, "main", "log", "", list(range(bounds.MAX_VALUE_ITEMS + 1)), None]]},
        {"events": [[1.0, 10, "main", "log", "", [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]], None]]},
        {"events": [[1.0, -1, "main", "log", "", "", None]]},
        {"samples": [[1.0, [1.0] * (bounds.MAX_CORES + 1), 1.0, 1.0]]},
    ],
    ids=[
        "figures",
        "figure-name",
        "param-text",
        "param-object",
        "worker",
        "value-text",
        "value-items",
        "deep",
        "pid",
        "cores",
    ],
)
def test_collections_and_event_fields_beyond_what_the_app_writes_are_refused(tmp_path, fields):
    rejected(document(**fields), tmp_path)


def test_a_run_at_the_bounds_still_loads(tmp_path):
    at_bounds = record(
        verdict=Text("v" * bounds.MAX_VERDICT_CHARS, "中" * bounds.MAX_VERDICT_CHARS),
        figures={"f" * bounds.MAX_NAME_CHARS: bounds.MAX_MAGNITUDE},
        params={"path": "p" * bounds.MAX_PARAM_CHARS, "argv": ["a"] * bounds.MAX_PARAM_ITEMS},
        events=[[bounds.MAX_SECONDS, 10, "main", "log", "", "x" * bounds.MAX_VALUE_CHARS, ["m", 1]]],
    )
    run_file.save(at_bounds, tmp_path / "ok.json")
    assert run_file.load(tmp_path / "ok.json") == at_bounds


def test_the_runtime_never_writes_a_verdict_a_saved_run_may_not_hold():
    # A worker's exception message can be any length; the failed verdict quotes its first line.
    outcome = Outcome(None, [], [], 0.0, 1.0)
    judgement = judge(record(), Params({}), outcome, stopped=False, errors=["x" * 2_000_000], exitcode=1)
    assert (
        len(judgement.verdict.en) <= bounds.MAX_VERDICT_CHARS and len(judgement.verdict.zh) <= bounds.MAX_VERDICT_CHARS
    )
    assert len(judgement.error.en) <= bounds.MAX_ERROR_CHARS and len(judgement.error.zh) <= bounds.MAX_ERROR_CHARS
    saved = record(status="failed", verdict=judgement.verdict, error=judgement.error.en, error_zh=judgement.error.zh)
    assert run_file.loads(run_file.dumps(saved)) == saved


# ------------------------------------------------------------------ item 2: regular files only, bounded reads
def load_in_thread(path) -> BaseException | RunRecord | None:
    """Load on a daemon thread; None if it had not answered after 10 s (a FIFO blocked forever before)."""
    outcome: list = []

    def load() -> None:
        try:
            outcome.append(run_file.load(path))
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(10)
    return outcome[0] if outcome else None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_named_like_a_saved_run_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "x.json"
    os.mkfifo(fifo)
    outcome = load_in_thread(fifo)
    if outcome is None:  # unblock the loader thread so it does not outlive the test
        with open(fifo, "wb"):
            pass
    assert isinstance(outcome, run_file.RunFileError), outcome
    assert "not a regular file" in str(outcome)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_refused_without_reading_it(tmp_path, device):
    link = tmp_path / "run.json"
    link.symlink_to(device)
    outcome = load_in_thread(link)
    assert isinstance(outcome, run_file.RunFileError), outcome
    assert "not a regular file" in str(outcome)


def test_a_file_past_the_limit_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as stream:
        stream.truncate(run_file.MAX_FILE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(run_file.RunFileError, match="too big"):
        run_file.load(big)


# ------------------------------------------------------------------ item 3: finite, bounded numbers
@pytest.mark.parametrize(
    "fields",
    [
        {"duration": 10**400},
        {"duration": -1e300},
        {"first_event_latency": 10**400},
        {"background_cores": 10**400},
        {"leftovers": 10**400},
        {"figures": {"sold": float("inf")}},
        {"figures": {"sold": 10**400}},
        {"params": {"buyers": 10**400}},
        {"events": [[1e308, 10, "main", "log", "", "", None]]},
        {"events": [[-1e308, 10, "main", "log", "", "", None]]},
        {"events": [[10**400, 10, "main", "log", "", "", None]]},
        {"events": [[1.0, 10**400, "main", "log", "", "", None]]},
        {"events": [[1.0, 10, "main", "count", "sold", 10**400, None]]},
        {"events": [[1.0, 10, "main", "state", "running", "", ["m", 10**400]]]},
        {"samples": [[10**400, [1.0], 1.0, 1.0]]},
        {"samples": [[1.0, [1e308], 1.0, 1.0]]},
    ],
)
def test_numbers_that_are_infinite_or_beyond_bounds_are_refused(tmp_path, fields):
    rejected(document(**fields), tmp_path)


# ------------------------------------------------------------------ item 4: byte order mark
def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + run_file.dumps(record()).encode("utf-8"))
    assert run_file.load(path) == record()
    assert run_file.loads("\ufeff" + run_file.dumps(record())) == record()


def test_the_loader_opens_every_run_the_runtime_keeps():
    from desktop.runtime.collector import MAX_KEPT_EVENTS

    assert bounds.MAX_EVENTS == MAX_KEPT_EVENTS
    assert run_file.MAX_FILE_BYTES >= MAX_KEPT_EVENTS * 110  # ~110 bytes per saved event (measured)


def test_more_events_than_a_run_keeps_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(bounds, "MAX_EVENTS", 2)
    event = [1.0, 10, "main", "log", "", "", None]
    assert "more than 2 events" in str(rejected(document(events=[event] * 3), tmp_path))
