"""Compare variants: two real runs of one lesson, both verdicts, and the ratio of their key figures."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from desktop.lessons import catalog
from desktop.model.run_record import PASSED, STOPPED
from desktop.ui.compare import CompareWindow, install_compare
from desktop.ui.compare_table import RATIO_ROLE

SMALL = {"buyers": 4, "inventory": 2, "delay": 0.05}
RUN_TIMEOUT_MS = 60_000


@pytest.fixture
def compare(window):
    """The compare window for ticket-lock, opened from the Run menu, with small parameters on both sides."""
    action = install_compare(window)
    assert action in window.menus.run.actions()
    assert action.shortcut() == QKeySequence("Ctrl+K")
    action.trigger()
    compare_window = window.findChild(CompareWindow)
    assert compare_window is not None and compare_window.isVisible()
    for side in compare_window.sides:
        side.form.set_values(SMALL)
    return compare_window


def test_compare_runs_both_variants_and_shows_both_verdicts_and_the_ratio(qtbot, compare):
    assert compare.lesson.id == "ticket-lock"
    assert compare.side_a.form.values()["lock"] is False
    assert compare.side_b.form.values()["lock"] is True
    a_running_when_b_started = []
    compare.side_b.bridge.run_started.connect(lambda _: a_running_when_b_started.append(compare.side_a.running))
    with qtbot.waitSignal(compare.comparison_finished, timeout=RUN_TIMEOUT_MS):
        assert compare.run_both()
        assert compare.running and not compare.run_button.isEnabled()
    assert a_running_when_b_started == [False]  # one after the other by default
    a, b = compare.side_a.record, compare.side_b.record
    assert (a.status, b.status) == (PASSED, PASSED)
    assert (a.params["lock"], b.params["lock"]) == (False, True)
    assert compare.side_a.verdict_panel.verdict_label.text() == a.verdict.en
    assert compare.side_b.verdict_panel.verdict_label.text() == b.verdict.en
    assert a.verdict != b.verdict
    sold = compare.ratio_cell("sold")
    assert sold.data(RATIO_ROLE) == pytest.approx(b.figures["sold"] / a.figures["sold"])
    assert sold.text() == f"{b.figures['sold'] / a.figures['sold']:.3g}×"
    assert b.figures["sold"] == SMALL["inventory"]  # the locked side never oversells
    assert compare.progress.value() == 2
    assert compare.run_button.isEnabled()
    # The two CPU plots share their axes.
    view_a = compare.side_a.plot_widget.getViewBox()
    view_b = compare.side_b.plot_widget.getViewBox()
    assert view_b.linkedView(0) is view_a and view_b.linkedView(1) is view_a
    assert view_a.viewRange() == view_b.viewRange()


def test_both_at_once_starts_both_runs_together(qtbot, compare):
    assert compare.simultaneous_box.isEnabled()  # ticket-lock's pair may run at once
    compare.simultaneous_box.setChecked(True)
    with qtbot.waitSignal(compare.comparison_finished, timeout=RUN_TIMEOUT_MS):
        assert compare.run_both()
        assert compare.side_a.running and compare.side_b.running
    assert compare.side_a.record.status == compare.side_b.record.status == PASSED


def test_stop_ends_the_first_run_and_never_starts_the_second(qtbot, compare):
    for side in compare.sides:
        side.form.set_values({"delay": 3.0})
    with qtbot.waitSignal(compare.comparison_finished, timeout=RUN_TIMEOUT_MS):
        assert compare.run_both()
        compare.stop()
    assert compare.side_a.record.status == STOPPED
    assert compare.side_b.record is None and not compare.side_b.running


def test_a_speed_lesson_takes_turns_and_the_window_follows_the_selected_lesson(qtbot, window):
    action = install_compare(window)
    assert window.select_lesson("gil-cpu-bound")
    action.trigger()
    compare = window.findChild(CompareWindow)
    pair = catalog.load("gil-cpu-bound").comparison
    assert compare.lesson.id == "gil-cpu-bound"
    assert not compare.simultaneous_box.isEnabled()
    assert compare.side_a.form.values()["workers"] == pair.a.overrides["workers"]
    assert compare.side_b.form.values()["workers"] == pair.b.overrides["workers"]
    assert compare.side_a.box.title() == f"A: {pair.a.label.en}"
