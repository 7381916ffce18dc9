"""Predict, then run: the question before the run, the answer next to the measurement after it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop import settings as settings_module
from desktop.lessons import catalog
from desktop.settings import Settings
from desktop.ui import i18n
from desktop.ui.predict import PredictPanel, install_predict

SMALL = {"buyers": 4, "inventory": 2, "delay": 0.05}
RUN_TIMEOUT_MS = 30_000


def test_the_answer_is_locked_during_the_run_and_shown_next_to_the_measurement(qtbot, window):
    panel = install_predict(window)
    assert panel.prediction is catalog.load("ticket-lock").prediction
    assert "How many tickets will be sold?" in panel.question_label.text()
    assert panel.answer() is None and panel.number_editor.text() == "?"
    panel.number_editor.setValue(7)  # as if typed
    assert panel.answer() == 7
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert window.start_run(SMALL)
        assert not panel.number_editor.isEnabled()  # locked while the run goes
        assert "7" in panel.state_label.text()
    record = finished.args[0]
    sold = record.figures["sold"]
    assert f"You predicted 7; measured {sold}." in panel.result_label.text()
    assert panel.number_editor.isEnabled() and panel.answer() == 7


def test_skipping_predictions_hides_the_question_and_is_remembered(qtbot, window):
    panel = install_predict(window)
    panel.set_answer(3)
    panel.skip_box.setChecked(True)
    assert panel.number_editor.isHidden() and panel.question_label.isHidden()
    assert Settings().get(settings_module.PREDICTIONS_ENABLED) is False
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        assert window.start_run(SMALL)
    assert panel.result_label.text() == ""  # nothing was asked, so nothing is assessed
    later = PredictPanel(Settings())
    qtbot.addWidget(later)
    assert not later.enabled and later.skip_box.isChecked()


def test_switching_lessons_changes_the_question_and_keeps_each_answer(qtbot, window):
    panel = install_predict(window)
    panel.set_answer(7)
    assert window.select_lesson("gil-cpu-bound")
    gil = catalog.load("gil-cpu-bound").prediction
    assert gil.question.en in panel.question_label.text()
    assert panel.number_editor.isHidden() and not panel.choices.isHidden()
    assert [b.text() for b in panel.choice_group.buttons()] == [c.label.en for c in gil.choices]
    assert panel.answer() is None
    panel.set_answer(1)
    assert window.select_lesson("ticket-lock")
    assert "How many tickets will be sold?" in panel.question_label.text()
    assert panel.answer() == 7
    assert window.select_lesson("gil-cpu-bound")
    assert panel.answer() == 1


def test_the_question_and_the_choices_follow_the_ui_language(qtbot, window):
    panel = install_predict(window)
    assert window.select_lesson("deadlock")
    deadlock = catalog.load("deadlock").prediction
    try:
        i18n.set_language(settings_module.CHINESE)
        assert deadlock.question.zh in panel.question_label.text()
        assert [b.text() for b in panel.choice_group.buttons()] == [c.label.zh for c in deadlock.choices]
    finally:
        i18n.set_language(settings_module.ENGLISH)
    assert deadlock.question.en in panel.question_label.text()


def test_starting_and_ending_a_run_does_not_move_the_run_and_stop_buttons(qtbot, window):
    """The dock's texts change with the run; the page must not jump under the student's pointer."""
    install_predict(window)
    window.resize(1400, 900)
    qtbot.waitUntil(window.page.run_button.isVisible)

    def button_places():
        return [
            button.mapTo(window, button.rect().topLeft())
            for button in (window.page.run_button, window.page.stop_button)
        ]

    QApplication.processEvents()  # the parameters' column fits itself once the window is laid out...
    window.layout().activate()  # ...and the dock area takes the sizes it asked for
    before = button_places()
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        assert window.start_run(SMALL)
        QApplication.processEvents()
        assert button_places() == before  # while it runs
    QApplication.processEvents()
    assert button_places() == before  # and with the result shown


def _type_answer(qtbot, panel, text: str) -> None:
    """Type ``text`` into the answer box as a student would: select what is there, type, no Enter, no Tab."""
    editor = panel.number_editor
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor.lineEdit(), text)


def _start_with(how: str, qtbot, window) -> None:
    if how == "F5":
        qtbot.keyClick(window.findChild(PredictPanel).number_editor, Qt.Key.Key_F5)
    elif how == "Run button":
        qtbot.mouseClick(window.page.run_button, Qt.MouseButton.LeftButton)
    else:  # Run -> Run, the menu entry
        run_entry = next(action for action in window.menus.run.actions() if action is window.run_action)
        run_entry.trigger()


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)], ids=["1024x768", "1366x768"])
@pytest.mark.parametrize("how", ["F5", "Run button", "Run menu"])
def test_a_typed_answer_is_kept_however_the_run_starts(qtbot, window, how, size):
    panel = install_predict(window)
    window.resize(*size)
    window.page.param_form.set_values(SMALL)
    window.activateWindow()
    qtbot.waitActive(window)
    _type_answer(qtbot, panel, "7")
    assert panel.number_editor.hasFocus()  # still typing: neither Enter nor Tab
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        with qtbot.waitSignal(window.bridge.run_started, timeout=RUN_TIMEOUT_MS):
            _start_with(how, qtbot, window)
        assert "Locked in: 7" in panel.state_label.text()
    sold = finished.args[0].figures["sold"]
    assert f"You predicted 7; measured {sold}." in panel.result_label.text()
    assert "No prediction" not in panel.result_label.text()


def test_a_typed_answer_survives_opening_compare_and_changing_lessons(qtbot, window):
    from desktop.ui.compare import CompareWindow, install_compare

    panel = install_predict(window)
    compare_action = install_compare(window)
    window.activateWindow()
    qtbot.waitActive(window)
    _type_answer(qtbot, panel, "4")
    compare_action.trigger()  # Run -> Compare variants… (Ctrl+K)
    compare = window.findChild(CompareWindow)
    assert compare is not None and compare.isVisible()
    compare.close()
    assert panel.answer() == 4
    _type_answer(qtbot, panel, "6")
    assert window.select_lesson("gil-cpu-bound")  # Ctrl+PgDown does not take the focus either
    assert window.select_lesson("ticket-lock")
    assert panel.answer() == 6
