"""Keyboard: Tab follows the reading order and reaches every control, Esc closes dialogs, Help lists the shortcuts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.compare import CompareWindow
from desktop.ui.history import HistoryPanel
from desktop.ui.predict import PredictPanel
from desktop.ui.shortcuts_help import ShortcutsDialog

SIZES = [(1024, 768), (1366, 768)]
READING_ORDER = ("search", "lessons", "parameters", "prediction", "run", "views", "history")


def _region(window, widget) -> str | None:
    page, picker = window.page, window.picker
    predict, history = window.findChild(PredictPanel), window.findChild(HistoryPanel)
    if widget is picker.search_box:
        return "search"
    if picker.isAncestorOf(widget):
        return "lessons"
    if page.param_form.isAncestorOf(widget):
        return "parameters"
    if predict.isAncestorOf(widget):
        return "prediction"
    if widget in (page.run_button, page.stop_button, page.reset_button):
        return "run"
    if page.isAncestorOf(widget):
        return "views"
    if history.isAncestorOf(widget):
        return "history"
    return None


def _tab_round(qtbot, window) -> list:
    """The widgets Tab visits from the search box until it comes back to it."""
    window.activateWindow()
    qtbot.waitActive(window)
    QApplication.processEvents()  # the window set its reading order once shown
    window.picker.search_box.setFocus()
    visited = [window.picker.search_box]
    for _ in range(80):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is window.picker.search_box:
            break
        visited.append(widget)
    return visited


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_tab_follows_the_reading_order_and_reaches_every_part(qtbot, app_window, size):
    window = app_window
    window.showNormal()
    window.resize(*size)
    visited = _tab_round(qtbot, window)
    regions = [_region(window, widget) for widget in visited]
    assert None not in regions, [type(w).__name__ for w, r in zip(visited, regions, strict=True) if r is None]
    firsts = [regions.index(name) for name in READING_ORDER]  # every part is reached...
    assert firsts == sorted(firsts), list(zip(READING_ORDER, firsts, strict=True))  # ...in reading order
    ranks = [READING_ORDER.index(region) for region in regions]
    assert ranks == sorted(ranks), regions  # and never goes back
    page, history = window.page, window.findChild(HistoryPanel)
    assert window.page.run_button in visited and page.param_form.editor("buyers") in visited
    assert page.verdict_panel.verdict_label in visited  # the verdict is readable from the keyboard
    assert any(history.isAncestorOf(widget) and widget.isEnabled() for widget in visited)  # history buttons


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_esc_closes_compare(qtbot, app_window, size):
    window = app_window
    window.resize(*size)
    compare_action = window.findChild(type(window.run_action), "compare-action")
    compare_action.trigger()
    compare = window.findChild(CompareWindow)
    assert compare.isVisible()
    qtbot.keyClick(compare.run_button, Qt.Key.Key_Escape)  # wherever the focus is in the window
    assert not compare.isVisible()


def test_help_lists_the_shortcuts_and_esc_closes_it(qtbot, app_window):
    window = app_window
    action = window.findChild(type(window.run_action), "shortcuts-action")
    assert action in window.menus.help.actions() and action.shortcut().toString() == "F1"
    action.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    rows = dict(dialog.rows())
    assert rows["Run"] == "F5"
    assert rows["Stop"] == "Shift+F5, Esc"
    assert rows["Compare variants"] == "Ctrl+K"
    assert rows["Presenter mode"].startswith("F11")
    assert rows["Next lesson"].startswith("Ctrl+PgDown")
    assert "Ctrl+O" in rows.values()  # open a saved run
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
