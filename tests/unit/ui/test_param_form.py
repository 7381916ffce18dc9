"""The parameter form: editors from typed params, and validation through the lesson."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QSpinBox

from desktop.lessons import catalog
from desktop.model.param import InvalidParams
from desktop.ui.param_form import ParamForm


@pytest.fixture
def form(qtbot):
    widget = ParamForm()
    qtbot.addWidget(widget)
    widget.set_lesson(catalog.load("ticket-lock"))
    return widget


def test_editors_follow_the_param_types_bounds_and_units(form):
    lesson = form.lesson
    buyers = form.editor("buyers")
    assert isinstance(buyers, QSpinBox)
    assert (buyers.minimum(), buyers.maximum()) == (1, 64)
    assert buyers.suffix() == " processes"
    assert "1–64" in buyers.toolTip()
    assert isinstance(form.editor("delay"), QDoubleSpinBox)
    assert isinstance(form.editor("lock"), QCheckBox)
    assert form.values() == dict(lesson.defaults())


def test_reset_restores_the_defaults(form):
    form.set_values({"buyers": 3, "lock": True})
    assert form.values()["buyers"] == 3
    form.reset_to_defaults()
    assert form.values() == dict(form.lesson.defaults())


def test_out_of_range_values_are_rejected_with_the_limit(form):
    with pytest.raises(InvalidParams) as raised:
        form.parse({"buyers": 65, "delay": -1})
    problems = " ".join(raised.value.problems)
    assert "buyers must be at most 64" in problems
    assert "delay must be at least 0 s" in problems


def test_set_values_ignores_unknown_and_invalid_values(form):
    form.set_values({"buyers": "many", "nope": 3, "inventory": 7})
    assert form.values()["buyers"] == form.lesson.defaults().buyers
    assert form.values()["inventory"] == 7
