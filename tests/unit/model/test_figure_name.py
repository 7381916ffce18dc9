"""Every figure a lesson declares has a human name in English and in Chinese, and the table holds nothing else.

``tests/unit/lessons/test_verdict_figures.py`` proves that a real quick run of
every lesson reports exactly the figures it declares (``{n}`` standing for a
number), so a figure added to a verdict without a name here fails one of the two.
"""

from __future__ import annotations

import re

import pytest

from desktop.lessons import catalog, check
from desktop.model.figure_name import (
    FIGURE_NAMES,
    FIGURE_UNITS,
    PATTERN_PART,
    YES_NO,
    figure_name,
    figure_unit,
    is_yes_no,
)
from desktop.model.text import Text

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("lesson_id", list(catalog.IDS))
def test_every_declared_figure_has_a_name_in_both_languages(lesson_id):
    lesson = catalog.load(lesson_id)
    for declared in lesson.figures:
        # A pattern is checked as a run reports it: with a number put in.
        figure = declared.replace(PATTERN_PART, "4")
        assert check.declares(lesson, figure)
        text = figure_name(figure)
        assert isinstance(text, Text), f"{lesson_id}: figure {figure!r} has no name in desktop.model.figure_name"
        assert text.en.strip() and text.zh.strip(), (lesson_id, figure, text)
        assert figure not in (text.en, text.zh), (lesson_id, figure, text)
        assert text.zh != text.en and CHINESE.search(text.zh), f"{lesson_id}: {figure!r} has no Chinese name: {text}"
        assert PATTERN_PART not in text.en + text.zh, (figure, text)


def test_a_pattern_gets_its_number_in_both_languages():
    name = figure_name("speedup_map_8_workers")
    assert name == Text("Speed-up with map() and 8 workers", "8 个工作进程时 map() 的加速比")
    assert figure_unit("speedup_map_8_workers") == Text("×", "×")
    assert figure_name("speedup_map_x_workers") is None
    assert figure_name("not_a_figure") is None


def test_the_table_names_only_declared_figures():
    declared = {name for lesson in catalog.lessons() for name in lesson.figures}
    assert set(FIGURE_NAMES) == declared
    assert set(FIGURE_UNITS) <= declared
    assert YES_NO <= declared  # noqa: SIM300 - read as 'a subset of'


def test_units_and_yes_no_answers_where_the_name_does_not_say_them():
    assert figure_unit("speedup_processes") == Text("×", "×")
    assert figure_unit("background_cores") == Text("cores", "核")
    assert figure_unit("bytes_d") == Text("bytes", "字节")
    assert figure_unit("wall_s") is None  # its suffix says it
    assert is_yes_no("deadlock") and is_yes_no("map_in_submission_order") and not is_yes_no("sold")
