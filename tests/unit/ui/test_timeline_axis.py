"""The shared time axis: what range it shows during and after a run, and that a manual zoom wins."""

from __future__ import annotations

import time

import pyqtgraph as pg
import pytest

from desktop.ui.timeline_axis import BEFORE_RUN, RUN_WINDOW, RunTimeAxis, finished_range, live_range


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [(0.0, (-BEFORE_RUN, 10.0)), (9.6, (-BEFORE_RUN, 20.0)), (44.0, (-BEFORE_RUN, 45.0)), (61.0, (5.0, 65.0))],
)
def test_the_live_range_grows_in_round_spans_then_rolls_in_steps(elapsed, expected):
    assert live_range(elapsed) == expected


def test_a_finished_run_is_shown_whole_or_its_last_minute():
    left, right = finished_range(2.0)
    assert left < 0 and 2.0 < right < 2.1
    assert finished_range(100.0) == (100.0 - RUN_WINDOW, 100.0)


@pytest.fixture
def widgets(qtbot):
    widgets = [pg.PlotWidget(), pg.PlotWidget()]
    for widget in widgets:
        qtbot.addWidget(widget)
    return widgets


def test_linked_plots_follow_a_run_until_the_user_zooms(qtbot, widgets):
    plots = [widget.getPlotItem() for widget in widgets]
    axis = RunTimeAxis(plots)
    assert axis.x_range() == (-60.0, 0.0)
    axis.start_run(time.perf_counter())
    assert axis.x_range() == live_range(0.0)
    assert plots[1].getViewBox().viewRange()[0] == [*live_range(0.0)]
    plots[1].getViewBox().sigRangeChangedManually.emit([True, False])  # what a wheel zoom emits
    assert not axis.following
    axis.finish_run(2.0)
    assert axis.x_range() == live_range(0.0)  # the user's view stays
    axis.follow()  # double-click
    assert axis.x_range() == finished_range(2.0)
    axis.show_idle()
    assert axis.x_range() == (-60.0, 0.0)
