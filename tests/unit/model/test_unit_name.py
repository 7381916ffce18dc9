"""Parameter units and range errors in both languages: one table of units, read by the model, the CLI and the GUI."""

from __future__ import annotations

import pytest

from desktop.lessons import catalog
from desktop.model.param import InvalidParams
from desktop.model.unit_name import UNIT_NAMES, unit_name


def test_every_lesson_unit_is_named_in_both_languages():
    units = {param.unit for lesson in catalog.lessons() for param in lesson.params if param.unit}
    missing = sorted(units - set(UNIT_NAMES))
    assert not missing, f"add these units to desktop/model/unit_name.py: {missing}"
    for plural, singular in UNIT_NAMES.values():
        assert plural.en and plural.zh and singular.en and singular.zh


def test_one_is_singular_and_an_unknown_unit_is_as_written():
    assert unit_name("threads", 1).en == "thread" and unit_name("threads", 2).en == "threads"
    assert unit_name("threads", 1).zh == unit_name("threads", 5).zh == "个线程"
    assert unit_name("furlongs").zh == "furlongs"


def test_a_range_error_names_the_parameter_and_the_limit_in_each_language():
    lesson = catalog.load("ticket-lock")
    with pytest.raises(InvalidParams) as caught:
        lesson.parse_params({"buyers": 999, "delay": -1, "lock": "maybe", "nope": 1})
    english, chinese = caught.value.in_language("en"), caught.value.in_language("zh")
    assert "buyers must be at most 64 processes (got 999 processes)" in english
    label = lesson.param("buyers").label.zh
    assert f"{label}（buyers）不能大于 64 个进程（输入的是 999 个进程）" in chinese
    assert any(lesson.param("delay").label.zh in line and "0 秒" in line for line in chinese)
    assert any("true 或 false" in line for line in chinese)
    assert any("没有参数 'nope'" in line for line in chinese)
    assert caught.value.problems == english  # str() and .problems stay the English


def test_one_is_said_singular_in_a_range_error():
    with pytest.raises(InvalidParams) as caught:
        catalog.load("ticket-lock").parse_params({"buyers": 0})
    assert caught.value.problems == ["buyers must be at least 1 process (got 0 processes)"]
