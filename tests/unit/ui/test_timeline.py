"""The worker timeline: lanes and state intervals from events, colours, hover text, lane clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event, State
from desktop.ui.timeline import STATE_COLOURS, TimelineView
from desktop.ui.timeline_model import TimelineModel

ORIGIN = 1000.0
MODULE = "desktop.lessons.ticket_lock"


def _state(t, worker, state, detail="", pid=7, line=10, module=MODULE):
    return Event(ORIGIN + t, pid, worker, telemetry.STATE, state, detail, (module, line) if line else None)


def _events():
    return [
        Event(ORIGIN + 0.0, 7, "main", telemetry.HELLO, "", {}, None),
        _state(0.5, "main", State.WAITING_JOIN, "joining", line=81),
        _state(1.0, "buyer-1", State.WAITING_LOCK, "ticket lock", pid=8, line=58),
        Event(ORIGIN + 1.1, 8, "buyer-1", telemetry.LOG, "", "hello", None),
        _state(2.0, "buyer-1", State.RUNNING, "reading", pid=8, line=39),
        _state(3.0, "buyer-1", State.SLEEPING, "paying", pid=8, line=45),
        _state(4.0, "buyer-1", State.FINISHED, pid=8, line=63),
        _state(1.5, "buyer-2", State.RUNNING, pid=9),
        Event(ORIGIN + 2.5, 9, "buyer-2", telemetry.ERROR, "ValueError", "Traceback...", None),
        _state(6.0, "main", State.FINISHED, line=87),
    ]


@pytest.fixture
def timeline(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(800, 300)
    view.show()
    qtbot.waitExposed(view)
    view.follow(ORIGIN)
    view.add_events(_events())
    view.finish()
    view.plot_item.setXRange(0, 6, padding=0)
    return view


def _intervals(model, worker):
    lane = model.lane(worker)
    return [model.interval_at(lane.index, start) for start in lane.starts]


def test_lanes_are_workers_in_order_of_first_appearance_with_their_state_intervals():
    model = TimelineModel()
    model.start(ORIGIN)
    assert model.add(_events())
    assert [lane.worker for lane in model.lanes] == ["main", "buyer-1", "buyer-2"]
    buyer = [(i.state, i.detail, i.start, i.end) for i in _intervals(model, "buyer-1")]
    assert buyer == [
        (State.WAITING_LOCK, "ticket lock", 1.0, 2.0),
        (State.RUNNING, "reading", 2.0, 3.0),
        (State.SLEEPING, "paying", 3.0, 4.0),
        (State.FINISHED, "", 4.0, None),
    ]
    main = [(i.state, i.start, i.end) for i in _intervals(model, "main")]
    assert main == [(State.RUNNING, 0.0, 0.5), (State.WAITING_JOIN, 0.5, 6.0), (State.FINISHED, 6.0, None)]
    assert [(i.state, i.detail) for i in _intervals(model, "buyer-2")] == [
        (State.RUNNING, ""),
        (State.FAILED, "ValueError"),
    ]
    assert model.lane("buyer-1").where == (MODULE, 63)
    assert model.last_time == 6.0
    assert len(model.take_closed()) == 6
    assert model.take_closed() == []


def test_a_lane_keeps_only_its_latest_intervals_and_says_so():
    model = TimelineModel(max_intervals=8)
    model.start(0.0)
    generation = model.generation
    model.add([Event(float(t), 1, "w", telemetry.STATE, State.ALL[t % 4], "", None) for t in range(20)])
    lane = model.lane("w")
    assert 8 <= len(lane.starts) <= 10
    assert lane.starts[-1] == 19.0
    assert model.generation > generation  # the drawing side must rebuild


def test_every_interval_is_one_bar_in_its_state_colour(timeline, qtbot):
    item = timeline.lanes_item
    counts = {state: item.rect_count(state) for state in State.ALL}
    assert counts == dict.fromkeys(State.ALL, 0) | {
        State.RUNNING: 3,  # main (hello), buyer-1, buyer-2
        State.WAITING_LOCK: 1,
        State.WAITING_JOIN: 1,
        State.SLEEPING: 1,
        State.FINISHED: 2,
        State.FAILED: 1,
    }
    image = timeline.plot_widget.grab().toImage()
    # Points inside intervals: (x seconds, lane) -> the state drawn there.
    inside = [
        (2.3, 1, State.RUNNING),
        (1.3, 1, State.WAITING_LOCK),
        (3.3, 1, State.SLEEPING),
        (2.7, 0, State.WAITING_JOIN),
        (5.3, 1, State.FINISHED),
        (4.3, 2, State.FAILED),
    ]
    for x, lane, state in inside:
        assert _nearest_state(image.pixelColor(_pixel(timeline, x, lane + 0.5))) == state, (x, lane)
    assert _nearest_state(image.pixelColor(_pixel(timeline, 0.7, 1.5))) is None  # buyer-1 not there yet


def _nearest_state(colour: QColor) -> str | None:
    """The state whose colour ``colour`` is (grid lines drawn over a bar shift it a little), or None."""

    def distance(state):
        other = QColor(STATE_COLOURS[state])
        return sum(abs(a - b) for a, b in zip(colour.getRgb()[:3], other.getRgb()[:3], strict=True))

    nearest = min(STATE_COLOURS, key=distance)
    return nearest if distance(nearest) <= 30 else None


def _pixel(timeline, x, y) -> QPoint:
    """Where view point (x seconds, y lanes) is in the plot widget's viewport."""
    scene_point = timeline.plot_item.getViewBox().mapViewToScene(QPointF(x, y))
    return timeline.plot_widget.mapFromScene(scene_point)


def test_clicking_a_lane_selects_its_worker(timeline, qtbot):
    with qtbot.waitSignal(timeline.worker_selected) as selected:
        qtbot.mouseClick(timeline.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=_pixel(timeline, 0.2, 2.5))
    assert selected.args == ["buyer-2"]
    assert timeline.selected_worker == "buyer-2"
    with qtbot.waitSignal(timeline.worker_selected) as selected:  # anywhere in the lane, even before it started
        qtbot.mouseClick(timeline.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=_pixel(timeline, 0.2, 1.5))
    assert selected.args == ["buyer-1"]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip window, offscreen
def test_hovering_shows_the_interval_under_the_mouse(timeline, qtbot):
    text = timeline.text_at(3.5, 1.5)
    assert text.splitlines() == ["buyer-1 (pid 8)", "sleeping: paying", "from 3.000 s to 4.000 s"]
    assert timeline.text_at(5.0, 1.5).splitlines()[1:] == ["finished", "since 4.000 s"]
    assert timeline.text_at(0.5, 1.5) is None  # before buyer-1 reported anything
    assert timeline.text_at(3.0, 7.5) is None  # below the last lane
    qtbot.mouseMove(timeline.plot_widget.viewport(), _pixel(timeline, 2.5, 1.5))
    qtbot.waitUntil(lambda: timeline.hover_text is not None)
    assert timeline.hover_text.splitlines()[:2] == ["buyer-1 (pid 8)", "running: reading"]


def test_lane_labels_name_the_workers_and_a_new_run_starts_empty(timeline):
    ticks = timeline.plot_item.getAxis("left")._tickLevels[0]
    assert [label for _, label in ticks] == ["main", "buyer-1", "buyer-2"]
    timeline.select_worker("buyer-1")
    timeline.follow(ORIGIN + 100)
    assert timeline.lane_count == 0
    assert timeline.selected_worker is None
    assert sum(timeline.lanes_item.rect_count(state) for state in State.ALL) == 0


def test_a_finished_run_s_open_states_last_until_the_run_ended(timeline):
    # The last event is at 6 s; a run stopped at 9 s leaves every lane's last state open until 9 s.
    assert timeline.now() == 6.0
    timeline.finish(9.0)
    assert timeline.now() == 9.0
    assert timeline.text_at(8.5, 0.5) is not None  # main's last state still covers 8.5 s
    timeline.finish(2.0)  # an end before the last event never cuts events off
    assert timeline.now() == 6.0
