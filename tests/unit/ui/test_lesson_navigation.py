"""Lesson -> next / previous lesson, on the real main window."""

from __future__ import annotations

import pytest

from desktop.ui.lesson_navigation import install_lesson_navigation


@pytest.fixture
def controller(window):
    return install_lesson_navigation(window)


def test_next_and_previous_lesson_move_the_selection_and_stop_at_the_ends(qtbot, window, controller):
    ids = window.picker.visible_lesson_ids()
    assert window.select_lesson(ids[0])
    assert not controller.previous_action.isEnabled()
    assert not controller.previous_lesson()
    with qtbot.waitSignal(window.picker.lesson_selected, timeout=1_000) as selected:
        controller.next_action.trigger()
    assert selected.args[0].id == ids[1]
    assert controller.previous_action.isEnabled()
    with qtbot.waitSignal(window.picker.lesson_selected, timeout=1_000) as selected:
        controller.previous_action.trigger()
    assert selected.args[0].id == ids[0]
    assert window.select_lesson(ids[-1])
    assert not controller.next_action.isEnabled()
    assert not controller.next_lesson()
    assert window.picker.current_lesson().id == ids[-1]


def test_next_lesson_skips_lessons_the_search_hides(qtbot, window, controller):
    window.picker.search_box.setText("queue")
    visible = window.picker.visible_lesson_ids()
    assert 1 < len(visible) < len(window.picker.lessons)
    assert window.select_lesson(visible[0])
    assert controller.next_lesson()
    assert window.picker.current_lesson().id == visible[1]
