"""The timeline in the main window: a real run fills it, a selected worker's step shows in the code."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, Qt

from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event, State

RUN_TIMEOUT_MS = 30_000
ROOT = Path(__file__).resolve().parents[3]
MODULE = "desktop.lessons.ticket_lock"
# Lines of the lesson's probe.state calls, read from its source so that an edit above them moves the test too.
STATE_LINES = [
    number
    for number, line in enumerate((ROOT / "desktop" / "lessons" / "ticket_lock.py").read_text().splitlines(), 1)
    if "probe.state(" in line
]
L1, L2, L3, L4 = (STATE_LINES[i] for i in (0, 1, 2, 5))


def _lane_point(window, worker):
    timeline = window.page.timeline
    lane = timeline.model.lane(worker)
    left, right = window.page.time_axis.x_range()
    scene_point = timeline.plot_item.getViewBox().mapViewToScene(QPointF((left + right) / 2, lane.index + 0.5))
    return timeline.plot_widget.mapFromScene(scene_point)


def test_a_real_run_fills_one_lane_per_worker_and_a_click_shows_its_step(qtbot, window):
    window.page.param_form.set_values({"buyers": 3, "delay": 0.05})
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert window.start_run()
    record = finished.args[0]
    assert record.status == "passed", record.error
    timeline = window.page.timeline
    assert sorted(timeline.workers()) == ["buyer-1", "buyer-2", "buyer-3", "main"]
    assert timeline.workers()[0] == "main"  # it reported first
    for worker in timeline.workers():
        assert timeline.model.latest_state(worker).state == State.FINISHED

    with qtbot.waitSignal(timeline.worker_selected) as selected:
        qtbot.mouseClick(timeline.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=_lane_point(window, "buyer-2"))
    assert selected.args == ["buyer-2"]
    assert window.page.tabs.currentWidget() is window.page.code_view
    assert "probe.state(" in window.page.code_view.step_text()
    assert window.page.code_view.step_line == timeline.model.lane("buyer-2").where[1]


def test_the_depth_plot_is_built_only_when_a_lesson_shows_it_and_then_joins_the_axis(qtbot, window):
    assert not window.page.depth_plot.built  # ticket-lock has no queue: start-up skipped the widget
    window.page.time_axis.start_run(window.bridge.origin or 0.0)
    assert window.select_lesson("producer-consumer")
    assert window.page.depth_plot.built and window.page.depth_plot.isVisible()
    leader, depth = (
        window.page.timeline.plot_item.getViewBox(),
        window.page.depth_plot.plot_widget.getPlotItem().getViewBox(),
    )
    # Linked views follow each other once laid out (a new widget gets its size on the next turn of the loop).
    qtbot.waitUntil(lambda: np.allclose(depth.viewRange()[0], leader.viewRange()[0]))
    assert window.select_lesson("ticket-lock")
    assert window.page.depth_plot.built and not window.page.depth_plot.isVisible()


def test_the_three_plots_share_one_run_time_axis(qtbot, window):
    assert window.select_lesson("producer-consumer")  # a lesson with the queue-depth plot
    window.page.param_form.set_values(window.picker.lessons["producer-consumer"].quick)
    qtbot.waitUntil(lambda: window.page.cpu_plot.sample_count > 0)  # the machine's minute before the run

    def axis_titles():
        items = [window.page.timeline.plot_item, window.page.cpu_plot.plot_widget.getPlotItem()]
        items.append(window.page.depth_plot.plot_widget.getPlotItem())
        return {item.getAxis("bottom").labelText for item in items}

    assert axis_titles() == {"seconds ago"}  # one shared axis, one meaning
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert window.start_run()
    assert finished.args[0].status == "passed", finished.args[0].error
    assert axis_titles() == {"seconds since the run started"}
    assert window.page.depth_plot.isVisible()
    plots = [window.page.timeline.plot_item, window.page.cpu_plot.plot_widget.getPlotItem()]
    plots.append(window.page.depth_plot.plot_widget.getPlotItem())
    left, right = window.page.time_axis.x_range()
    assert left < 0 < finished.args[0].duration <= right  # the whole run is in view
    window.page.cpu_plot.plot_widget.getPlotItem().setXRange(0.25, 0.75, padding=0)  # zoom one plot...
    for plot in plots:  # ...and all of them follow
        assert np.allclose(plot.getViewBox().viewRange()[0], [0.25, 0.75])
    # The CPU plot counts seconds from the run's start too, and shows the run's share of the machine.
    window.page.cpu_plot.redraw()  # samples keep coming: draw exactly what the ring holds now
    run_x, run_share = window.page.cpu_plot.run_share_curve.xData, window.page.cpu_plot.run_share_curve.yData
    times, _ = window.page.cpu_plot.ring.ordered()
    assert np.allclose(run_x, times - window.bridge.origin)
    assert run_x[0] < 0 < run_x[-1]
    assert run_share.max() > 0  # spawning the run's processes alone costs CPU
    assert window.page.cpu_plot.origin == window.bridge.origin
    assert window.select_lesson("queue-basics")  # another queue lesson: the last run's curves go
    assert axis_titles() == {"seconds ago"} and window.page.depth_plot.depths.names() == []


def test_the_selected_workers_step_follows_its_new_states(window):
    page = window.page
    origin = time.perf_counter()
    page.start_run(origin)

    def state(t, worker, line, module=MODULE):
        return Event(origin + t, 5, worker, telemetry.STATE, State.RUNNING, "", (module, line) if line else None)

    page.add_events([state(0.1, "buyer-1", L1), state(0.2, "buyer-2", L2)])
    page.select_worker("buyer-1")
    assert window.page.code_view.step_line == L1
    assert "probe.state(" in window.page.code_view.step_text()
    page.add_events([state(0.3, "buyer-2", L3)])  # another worker: no change
    assert window.page.code_view.step_line == L1
    page.add_events([state(0.4, "buyer-1", L4)])
    assert window.page.code_view.step_line == L4
    page.add_events([state(0.5, "buyer-1", 12, module="desktop.runtime.somewhere_else")])
    assert window.page.code_view.step_line is None
    page.select_worker("buyer-2")
    assert window.page.code_view.step_line == L3
    page.select_worker(None)
    assert window.page.code_view.step_line is None
    assert window.page.timeline.selected_worker is None


def test_clicking_an_event_log_row_selects_its_worker(qtbot, window):
    page = window.page
    origin = time.perf_counter()
    page.start_run(origin)
    page.add_events(
        [
            Event(origin + 0.1, 5, "buyer-1", telemetry.STATE, State.RUNNING, "reading", (MODULE, L1)),
            Event(origin + 0.2, 6, "buyer-2", telemetry.LOG, "", "hello", None),
        ]
    )
    view = window.page.event_log
    view.resizeRowsToContents()
    first_row = view.visualRect(view.model().index(0, 3)).center()
    with qtbot.waitSignal(view.worker_selected) as selected:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=first_row)
    assert selected.args == ["buyer-1"]
    assert page.selected_worker == window.page.timeline.selected_worker == "buyer-1"
    assert window.page.code_view.step_line == L1
