"""A real quick run of every lesson: its verdict reports exactly the figures the lesson declares, in house style.

``Lesson.figures`` is what the prediction, the comparison and the docs rely on;
a verdict that reports a figure it does not declare, or declares one it never
reports, fails here. The same run's Chinese verdict is scanned for English
words outside the code identifiers (desktop.lessons.check.IDENTIFIERS), for a
space after Chinese punctuation and for an ellipsis other than "……".
"""

from __future__ import annotations

import pytest

from desktop.lessons import catalog, check


@pytest.mark.parametrize("lesson_id", list(catalog.IDS))
def test_a_quick_run_reports_exactly_the_declared_figures_and_a_clean_chinese_verdict(lesson_id, measured):
    run = measured(lesson_id)
    assert check.verdict_problems(run.lesson, run.verdict) == [], run.verdict.text.zh


def test_a_figure_pattern_matches_whole_numbers_only():
    lesson = catalog.load("pool-speedup")
    assert check.declares(lesson, "speedup_map_4_workers")
    assert not check.declares(lesson, "speedup_map_x_workers")
    assert not check.declares(lesson, "speedup_map__workers")
