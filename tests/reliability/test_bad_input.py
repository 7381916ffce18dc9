"""Bad input everywhere gets a clear message and never a crash: parameters, caps, saved runs, settings."""

from __future__ import annotations

import json
import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import settings as settings_module
from desktop.lessons import catalog
from desktop.model.param import InvalidParams
from desktop.model.run_record import RunRecord
from desktop.model.text import Text
from desktop.runtime import run_file
from desktop.runtime.caps import Caps
from desktop.runtime.run import Run

LESSONS = catalog.lessons()
# What a form, a CLI flag or a hand-edited file can hand a parameter.
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["", " ", "10 000", "1e9", "nan", "inf", "-inf", "0x10", "true", "yes", "１２"]),
    st.lists(st.integers(), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(lesson=st.sampled_from(LESSONS), data=st.data())
def test_any_parameter_value_is_accepted_in_bounds_or_rejected_by_name(lesson, data):
    param = data.draw(st.sampled_from(lesson.params)) if lesson.params else None
    if param is None:
        return
    raw = data.draw(ANY_VALUE)
    try:
        params = lesson.parse_params({param.name: raw})
    except InvalidParams as error:
        assert error.problems and all(param.name in problem for problem in error.problems)
        return
    value = params[param.name]
    assert isinstance(value, param.kind)
    if param.kind is not bool:
        assert math.isfinite(value)
        assert param.minimum <= value <= param.maximum


@settings(max_examples=100, deadline=None)
@given(lesson=st.sampled_from(LESSONS), name=st.text(min_size=1, max_size=12))
def test_an_unknown_parameter_name_is_rejected_listing_the_real_ones(lesson, name):
    if name in {p.name for p in lesson.params}:
        return
    with pytest.raises(InvalidParams) as caught:
        lesson.parse_params({name: 1})
    assert repr(name) in caught.value.problems[0]


def test_ten_thousand_processes_are_refused_before_anything_starts():
    lesson = catalog.load("ticket-lock")
    with pytest.raises(InvalidParams) as caught:
        lesson.parse_params({"buyers": 10_000})
    assert "buyers must be at most 64" in str(caught.value)
    # Past the lesson's own bounds, the caps still hold: a low cap refuses a legal plan, naming the cap.
    run = Run(lesson, lesson.parse_params({"buyers": 64}), caps=Caps(max_processes=8))
    with pytest.raises(InvalidParams) as caught:
        run.start()
    assert "64 processes; the cap is 8" in str(caught.value)
    assert run._conductor is None  # nothing was spawned


# ------------------------------------------------------------------ saved runs
def sample_record() -> RunRecord:
    return RunRecord(
        lesson="ticket-lock",
        status="passed",
        params={"buyers": 2, "lock": True},
        start_method="spawn",
        interpreter="CPython 3.11.7",
        started_at="2024-01-01T10:00:00+08:00",
        duration=0.5,
        verdict=Text("ok", "好"),
        figures={"sold": 2},
        events=[
            [1.0, 10, "main", "hello", "", {"ppid": 1}, None],
            [1.1, 10, "main", "log", "", "卖出", None],
            [1.2, 10, "main", "state", "running", "selling", ["desktop.lessons.ticket_lock", 42]],
        ],
    )


def test_a_saved_run_loads_back_equal(tmp_path):
    path = tmp_path / "run.json"
    run_file.save(sample_record(), path)
    assert run_file.load(path) == sample_record()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_any_bytes_load_as_a_run_or_fail_with_a_clear_message(tmp_path, data):
    path = tmp_path / "any.json"
    path.write_bytes(data)
    try:
        run_file.load(path)
    except run_file.RunFileError as error:
        assert error.text.en and error.text.zh


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from(sorted(run_file._FIELD_TYPES)),
    value=JSON_VALUES,
    version=st.one_of(st.just(run_file.VERSION), JSON_VALUES),
)
def test_a_saved_run_with_any_field_replaced_loads_or_fails_clearly(field, value, version):
    document = {"format": run_file.FORMAT, "version": version, "record": sample_record().to_json_dict()}
    document["record"][field] = value
    text = json.dumps(document, allow_nan=True)
    try:
        record = run_file.loads(text)
    except run_file.RunFileError as error:
        assert error.text.en and error.text.zh
    else:
        assert isinstance(record.events, list) and record.status in run_file.STATUSES


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not valid JSON"),
        (b'{"format": "concurrency-lab-run", "version": 1, "record": {"lesson": "x"', "not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not valid JSON"),
        (b'{"name": "package.json", "version": "1.0.0"}', "not a Concurrency Lab saved run"),
        (b"[1, 2, 3]", "not a Concurrency Lab saved run"),
        (b'{"format": "concurrency-lab-run", "version": 99, "record": {}}', "newer version"),
        (b'{"format": "concurrency-lab-run", "version": 1, "record": {"lesson": "x"}}', "missing field"),
        (b"[" * 100_000, "not valid JSON"),
    ],
)
def test_corrupted_or_foreign_files_get_a_message_saying_what_is_wrong(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(run_file.RunFileError) as caught:
        run_file.load(path)
    assert expected in caught.value.text.en


def test_a_missing_file_gets_a_message(tmp_path):
    with pytest.raises(run_file.RunFileError, match="could not be read"):
        run_file.load(tmp_path / "nope.json")


# -------------------------------------------------------------------- settings
GARBAGE = [
    b"\x00\xff\xfe garbage \x00" * 50,
    b"[caps]\nmax_processes=lots\nmax_threads=-5\nmax_memory_mb=1e999\n[window]\ngeometry=@Variant(\\0\\0\\0\\x7f\n",
    b"[lessons]\nlast=@ByteArray(\\xff)\nparams\\ticket-lock={not json\n[settings]\nversion=banana\n",
    os.urandom(4096),
]


@pytest.mark.parametrize("content", GARBAGE, ids=["nul-bytes", "bad-caps", "bad-values", "random"])
def test_a_settings_file_full_of_garbage_falls_back_to_defaults(tmp_path, content):
    (tmp_path / settings_module.FILE_NAME).write_bytes(content)
    store = settings_module.Settings(tmp_path)
    for setting in settings_module.ALL:
        assert isinstance(store.get(setting), setting.kind)
    assert store.caps() == Caps() or all(
        value > 0 for value in (store.caps().max_processes, store.caps().max_threads, store.caps().max_memory_mb)
    )
    assert isinstance(store.lesson_params("ticket-lock"), dict)
    store.set(settings_module.LAST_LESSON, "pipe")
    store.sync()
    assert settings_module.Settings(tmp_path).get(settings_module.LAST_LESSON) == "pipe"


def test_caps_are_settings_with_safe_defaults_and_bad_values_ignored(tmp_path):
    store = settings_module.Settings(tmp_path)
    assert store.caps() == Caps()
    store.set(settings_module.MAX_PROCESSES, 8)
    store.set(settings_module.MAX_THREADS, -3)
    store.sync()
    caps = settings_module.Settings(tmp_path).caps()
    assert caps.max_processes == 8
    assert caps.max_threads == Caps().max_threads
