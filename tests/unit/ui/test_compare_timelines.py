"""Compare shows each variant's worker timeline under its CPU curve: a lock's waiting shows even when CPU is flat."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QSplitter

from desktop.model.run_record import PASSED
from desktop.runtime import telemetry
from desktop.runtime.telemetry import State
from desktop.ui.compare import CompareWindow, install_compare

SMALL = {"buyers": 3, "inventory": 2, "delay": 0.05}
RUN_TIMEOUT_MS = 60_000


def test_both_timelines_show_their_own_run_s_workers_on_the_cpu_plot_s_time_axis(qtbot, window):
    install_compare(window).trigger()
    compare = window.findChild(CompareWindow)
    for side in compare.sides:
        side.form.set_values(SMALL)
    with qtbot.waitSignal(compare.comparison_finished, timeout=RUN_TIMEOUT_MS):
        assert compare.run_both()
    for side in compare.sides:
        record = side.record
        assert record.status == PASSED, record.error
        assert isinstance(side.plots, QSplitter) and side.plots.indexOf(side.timeline) == 1
        assert side.plots.isVisible() and side.timeline.isVisible()
        workers = list(dict.fromkeys(event[2] for event in record.events))
        assert side.timeline.workers() == workers  # this side's run only, never the other's
        side.timeline.redraw()
        assert side.timeline.now() >= record.duration * 0.99
        assert side.timeline.lanes_item.rect_count(State.RUNNING) > 0
        assert len(side.timeline.lanes.shown_lanes()) > 0
        assert side.timeline.plot_item.getViewBox().linkedView(0) is side.plot_widget.getViewBox()  # one time axis
    locked = compare.side_b  # ticket-lock's B holds the lock: its buyers wait for it
    assert locked.record.params["lock"] is True
    waits = [e for e in locked.record.events if e[3] == telemetry.STATE and e[4] == State.WAITING_LOCK]
    assert locked.timeline.lanes_item.rect_count(State.WAITING_LOCK) == len(waits) > 0
    hint = compare.minimumSizeHint()  # two timelines more, and the window still fits a 1024x768 projector
    assert hint.width() <= 1024 and hint.height() <= 700
    compare.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
