"""The parameter form: editors from typed params, validation through the lesson, and why typed input was refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QSpinBox

from desktop import settings
from desktop.lessons import catalog
from desktop.model.param import InvalidParams
from desktop.ui import i18n
from desktop.ui.param_form import ParamForm
from desktop.ui.scroll import scroll_area


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


@pytest.fixture
def children_form(qtbot):
    """join-timeout's form, shown: its ``children`` editor takes 1 to 8 (default 3)."""
    widget = ParamForm()
    qtbot.addWidget(widget)
    widget.set_lesson(catalog.load("join-timeout"))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type_over(qtbot, editor, text: str) -> None:
    """Replace the editor's value with ``text``, typed key by key as a student would."""
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def test_typing_past_the_maximum_says_the_allowed_range_until_a_good_edit(qtbot, children_form):
    editor, message = children_form.editor("children"), children_form.message("children")
    assert message.objectName() == "param-message-children" and message.isHidden()
    _type_over(qtbot, editor, "999")
    assert editor.value() == 3  # Qt dropped every keystroke: the 9s would leave the range
    assert message.isVisible()
    assert message.text() == "Children: allowed 1–8 processes, default 3"
    _type_over(qtbot, editor, "5")  # a keystroke the editor takes
    assert message.isHidden() and message.text() == ""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.value() == 5


def test_the_allowed_range_is_said_in_chinese(qtbot, children_form):
    assert i18n.set_language(settings.CHINESE)
    try:
        _type_over(qtbot, children_form.editor("children"), "999")
        assert children_form.message("children").text() == "子进程数：允许 1–8 个进程，默认 3"
        i18n.set_language(settings.ENGLISH)  # said again in the new language while it is shown
        assert children_form.message("children").text() == "Children: allowed 1–8 processes, default 3"
    finally:
        i18n.set_language(settings.ENGLISH)


def test_a_value_put_back_on_commit_says_the_range_and_a_new_lesson_clears_it(qtbot, form):
    form.show()
    qtbot.waitExposed(form)
    editor, message = form.editor("buyers"), form.message("buyers")
    _type_over(qtbot, editor, "0")  # below the minimum: taken while typing, put back on Enter
    assert message.isHidden()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.value() == 10
    assert message.isVisible() and message.text() == "Buyers: allowed 1–64 processes, default 10"
    _type_over(qtbot, form.editor("delay"), "9")  # a float editor refuses too: at most 5 s
    assert form.editor("delay").value() == 0.2
    assert form.message("delay").text() == "Network delay: allowed 0–5 s, default 0.2"
    form.set_lesson(catalog.load("ticket-lock"))
    assert not any(form.message(param.name).isVisible() for param in form.lesson.params)


def test_a_message_under_the_last_editor_of_a_scrolled_form_is_scrolled_into_view(qtbot):
    form = ParamForm()
    form.set_lesson(catalog.load("producer-consumer"))  # its last editor is a spin box: maxsize, 0-10000
    area = scroll_area(form)  # the area owns the form: closing it closes both
    qtbot.addWidget(area)
    area.resize(300, form.sizeHint().height() + 4)  # every editor in view, no room for a message
    area.show()
    qtbot.waitExposed(area)
    message = form.message("maxsize")
    _type_over(qtbot, form.editor("maxsize"), "99999")
    assert message.isVisible()

    def in_view() -> bool:  # the form grown taller than the area by the message, which the area shows whole
        grown = area.verticalScrollBar().maximum() > 0
        return grown and area.viewport().rect().contains(message.geometry().translated(form.pos()))

    qtbot.waitUntil(in_view)


def test_a_run_clears_the_refusal_messages(qtbot, window):
    # The run took the values shown: a stale line would only crowd the editors of a short form.
    form = window.page.param_form
    editor, message = form.editor("buyers"), form.message("buyers")
    _type_over(qtbot, editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not message.isHidden() and message.text() == "Buyers: allowed 1–64 processes, default 10"
    with qtbot.waitSignal(window.bridge.run_finished, timeout=30_000):
        assert window.start_run({"buyers": 4, "inventory": 2, "delay": 0.05})
    assert message.isHidden() and message.text() == ""
