"""A prediction's feedback names the figures it was judged by in words, in both languages, never by code name."""

from __future__ import annotations

import re

import pytest

from desktop.lessons import catalog
from desktop.model.prediction import CHOICE, assess

CHOICE_LESSONS = [lesson for lesson in catalog.lessons() if lesson.prediction and lesson.prediction.kind == CHOICE]


@pytest.mark.parametrize("lesson", CHOICE_LESSONS, ids=lambda lesson: lesson.id)
def test_a_choice_is_explained_by_named_figures(lesson):
    prediction = lesson.prediction
    figures = {name: 1 for name in prediction.figures}
    for answer in (None, 0):
        said = assess(prediction, answer, figures)
        # Code names were shown ("speedup_threads = 1.134", in Chinese too); "deadlock" is also a word.
        for name in (name for name in prediction.figures if "_" in name):
            assert not re.search(rf"\b{re.escape(name)}\b", said.en), said.en
            assert not re.search(rf"\b{re.escape(name)}\b", said.zh), said.zh


def test_the_figures_read_as_the_verdict_table_reads_them():
    prediction = catalog.load("gil-cpu-bound").prediction
    said = assess(prediction, None, {"speedup_threads": 1.134, "speedup_processes": 1.131})
    assert "Speed-up with threads: 1.134×; Speed-up with processes: 1.131×" in said.en
    assert "：1.134×；" in said.zh and "：1.131×）" in said.zh
    deadlock = catalog.load("deadlock").prediction
    assert "（发生了死锁：是）" in assess(deadlock, None, {"deadlock": 1}).zh
