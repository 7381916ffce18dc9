"""Parameter parsing and validation: every rejection names the parameter and its limit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.lessons import catalog
from desktop.model.param import InvalidParams


@pytest.fixture
def lesson():
    return catalog.load("ticket-lock")


def test_defaults_parse_to_themselves(lesson):
    assert lesson.parse_params({}) == lesson.defaults()


def test_out_of_range_names_parameter_and_limit(lesson):
    with pytest.raises(InvalidParams) as caught:
        lesson.parse_params({"buyers": "10000"})
    assert caught.value.problems == ["buyers must be at most 64 processes (got 10 000 processes)"]


def test_every_problem_is_reported_at_once(lesson):
    with pytest.raises(InvalidParams) as caught:
        lesson.parse_params({"buyers": "0", "delay": "soon", "lock": "maybe", "colour": "red"})
    text = " | ".join(caught.value.problems)
    assert "buyers must be at least 1" in text
    assert "delay must be a number" in text
    assert "lock must be true or false" in text
    assert "no parameter 'colour'" in text


def test_booleans_accept_true_false(lesson):
    assert lesson.parse_params({"lock": "true"}).lock is True
    assert lesson.parse_params({"lock": "FALSE"}).lock is False


@pytest.mark.parametrize("raw", ["nan", "inf", "-inf", "1e400"])
def test_non_finite_numbers_are_rejected(lesson, raw):
    with pytest.raises(InvalidParams, match="delay"):
        lesson.parse_params({"delay": raw})


@given(st.text(max_size=20))
def test_any_text_either_parses_in_bounds_or_is_rejected_by_name(raw):
    lesson = catalog.load("ticket-lock")
    param = lesson.param("buyers")
    try:
        value = lesson.parse_params({"buyers": raw}).buyers
    except InvalidParams as error:
        assert all(problem.startswith("buyers ") for problem in error.problems)
    else:
        assert param.minimum <= value <= param.maximum


def test_quick_variants_are_valid_for_every_lesson():
    for lesson in catalog.lessons():
        lesson.quick_params()  # raises if a quick override breaks a bound


def test_unknown_lesson_lists_the_way_out():
    with pytest.raises(catalog.UnknownLesson, match="`list` shows the lessons") as caught:
        catalog.load("no-such-lesson")
    said = caught.value.text
    assert said.en == str(caught.value) and said.en.startswith("no lesson 'no-such-lesson'; ")
    assert said.zh.startswith("没有课程 'no-such-lesson'；`list` 列出所有课程（process-basics, ")
