"""The Lesson record: views name only what the window reads, figures are declared, parameters are usable."""

from __future__ import annotations

import pytest

from desktop.model.lesson import DEPTH, OPTIONAL_VIEWS, Chapter, Lesson
from desktop.model.param import int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict

WORDS = Text("Words", "文字")


def _main(params, probe) -> dict:
    return {}


def _verdict(params, outcome) -> Verdict:
    return Verdict(WORDS, {"n": params.n})


def lesson(**fields) -> Lesson:
    base = {
        "id": "some-lesson",
        "chapter": Chapter.PROCESSES,
        "title": WORDS,
        "summary": WORDS,
        "watch": WORDS,
        "explanation": WORDS,
        "params": (int_param("n", 1, 1, 4, Text("N", "数量")),),
        "main": _main,
        "verdict": _verdict,
    }
    return Lesson(**{**base, **fields})


def test_only_the_depth_plot_is_optional_and_nothing_is_asked_for_by_default():
    assert OPTIONAL_VIEWS == (DEPTH,) == ("depth",)
    assert lesson().views == ()
    assert lesson(views=("depth",)).views == ("depth",)


@pytest.mark.parametrize("view", ["counters", "log", "cores", "timeline"])
def test_a_view_nothing_reads_is_refused(view):
    with pytest.raises(ValueError, match="unknown views"):
        lesson(views=(view,))


def test_figures_are_declared_on_the_lesson():
    assert lesson().figures == ()
    assert lesson(figures=("n",)).figures == ("n",)


def test_a_parameter_name_that_is_not_usable_as_an_attribute_is_refused():
    with pytest.raises(ValueError, match="not usable"):
        lesson(params=(int_param("items", 1, 1, 4, Text("Items", "项")),))  # dict.items would shadow it
