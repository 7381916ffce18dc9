"""The worker timeline: one lane per worker, coloured by what it was doing, live.

Lanes come from :class:`~desktop.ui.timeline_model.TimelineModel`. Every lane
is drawn by ONE graphics item (:class:`~desktop.ui.lanes_item.LanesItem`), with
one ``drawRects`` call per state colour, from a timer at most :data:`REDRAW_HZ`
times a second, never once per event. A finished run's lanes are built before
it is shown (off the GUI thread for a big one, see
:mod:`desktop.ui.view_preparation`). Hovering shows the interval under the
mouse; clicking a lane selects its worker.
"""

from __future__ import annotations

import functools
import math
import time

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QScrollBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.model.events import state_detail
from desktop.monitor.sampler import Sample
from desktop.runtime.telemetry import Event, State
from desktop.ui import i18n, plot_room, theme
from desktop.ui.lanes_item import LanesItem
from desktop.ui.live_view import FinishedRun, LiveViewBase
from desktop.ui.timeline_axis import AXIS_WIDTH
from desktop.ui.timeline_lanes import LaneScroller, lane_pixels
from desktop.ui.timeline_legend import TimelineLegend
from desktop.ui.timeline_model import STATES, Interval, TimelineModel, prepare_timeline
from desktop.ui.view_preparation import prepared_for
from desktop.ui.worker_name import worker_and_pid

REDRAW_HZ = 30
LABEL_FILL = 0.9  # the share of the lane axis that labels may cover
# Waits on a synchronisation primitive are warm (red, orange, pink, brown), a join is olive,
# waits for data are blue and cyan, IO teal, sleep yellow: no two states look alike.
STATE_COLOURS = {
    State.RUNNING: "#2e9e44",
    State.WAITING_LOCK: "#d62728",
    State.WAITING_SEMAPHORE: "#ff7f0e",
    State.WAITING_EVENT: "#e377c2",
    State.WAITING_BARRIER: "#8c564b",
    State.WAITING_JOIN: "#bcbd22",
    State.WAITING_GET: "#1f77b4",
    State.WAITING_PUT: "#17becf",
    State.WAITING_IO: "#00796b",
    State.SLEEPING: "#ffd54f",
    State.FINISHED: "#c8c8c8",
    State.FAILED: "#9c27b0",  # vivid on light and dark backgrounds alike
}
SELECTION_BRUSH = (25, 118, 210, 45)
LANES_SHOWN_MINIMUM = 4  # the plot keeps room for this many labelled lanes, whatever the font
LANES_SHOWN_MINIMUM_COMPACT = 3  # compact mode (presenter mode on a 1024x768 projector): the rest scroll
# Marked for translation here, translated when shown. The legend's short names...
STATE_NAMES = {
    State.RUNNING: QT_TRANSLATE_NOOP("TimelineView", "running"),
    State.WAITING_LOCK: QT_TRANSLATE_NOOP("TimelineView", "lock"),
    State.WAITING_SEMAPHORE: QT_TRANSLATE_NOOP("TimelineView", "semaphore"),
    State.WAITING_EVENT: QT_TRANSLATE_NOOP("TimelineView", "event / condition"),
    State.WAITING_BARRIER: QT_TRANSLATE_NOOP("TimelineView", "barrier"),
    State.WAITING_JOIN: QT_TRANSLATE_NOOP("TimelineView", "join"),
    State.WAITING_GET: QT_TRANSLATE_NOOP("TimelineView", "queue get"),
    State.WAITING_PUT: QT_TRANSLATE_NOOP("TimelineView", "queue put"),
    State.WAITING_IO: QT_TRANSLATE_NOOP("TimelineView", "pipe / socket / IO"),
    State.SLEEPING: QT_TRANSLATE_NOOP("TimelineView", "sleeping"),
    State.FINISHED: QT_TRANSLATE_NOOP("TimelineView", "finished"),
    State.FAILED: QT_TRANSLATE_NOOP("TimelineView", "failed"),
}
# ...and what each means, in the hover text of a bar and of the legend entry.
STATE_DESCRIPTIONS = {
    State.RUNNING: QT_TRANSLATE_NOOP("TimelineView", "running"),
    State.WAITING_LOCK: QT_TRANSLATE_NOOP("TimelineView", "waiting for a lock"),
    State.WAITING_SEMAPHORE: QT_TRANSLATE_NOOP("TimelineView", "waiting for a semaphore"),
    State.WAITING_EVENT: QT_TRANSLATE_NOOP("TimelineView", "waiting for an event or condition"),
    State.WAITING_BARRIER: QT_TRANSLATE_NOOP("TimelineView", "waiting at a barrier for the others"),
    State.WAITING_JOIN: QT_TRANSLATE_NOOP("TimelineView", "waiting for a process or thread to end (join)"),
    State.WAITING_GET: QT_TRANSLATE_NOOP("TimelineView", "waiting to get an item or result"),
    State.WAITING_PUT: QT_TRANSLATE_NOOP("TimelineView", "waiting to put into a full queue"),
    State.WAITING_IO: QT_TRANSLATE_NOOP("TimelineView", "waiting on a pipe, socket or other IO"),
    State.SLEEPING: QT_TRANSLATE_NOOP("TimelineView", "sleeping"),
    State.FINISHED: QT_TRANSLATE_NOOP("TimelineView", "finished"),
    State.FAILED: QT_TRANSLATE_NOOP("TimelineView", "failed"),
}


def state_name(state: str) -> str:
    """The legend's short name of ``state`` (a :class:`State` value) in the UI's language."""
    return QCoreApplication.translate("TimelineView", STATE_NAMES.get(state, state))


def state_description(state: str) -> str:
    """What ``state`` (a :class:`State` value) means, in the UI's language."""
    return QCoreApplication.translate("TimelineView", STATE_DESCRIPTIONS.get(state, state))


class TimelineView(i18n.FollowsLanguage, LiveViewBase, QWidget):
    """The timeline widget, a LiveView: follow a run, feed it events; :meth:`set_compact` for a short screen.

    Signals:
        worker_selected(str): the user clicked the lane of this worker.
        lane_axis_resized(int): the lane names' axis is this many pixels wide now (sized to the longest name):
            plots sharing the time axis widen their left axis to match, so equal times line up.
    """

    worker_selected = Signal(str)
    lane_axis_resized = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = TimelineModel()
        self._run_shown = False  # x counts from a run's start (True) or back from now
        self.selected_worker: str | None = None
        self.hover_text: str | None = None
        self._live = False
        self._end: float | None = None  # run time the run ended at, once it has
        self._dirty = False
        self._shown_lanes = -1
        self.plot_widget = pg.PlotWidget(background="w")
        item = self.plot_item
        item.showGrid(x=True, y=False, alpha=0.2)
        item.hideButtons()
        view_box = item.getViewBox()
        view_box.invertY(True)  # the first worker on top
        self._selection = pg.LinearRegionItem(
            values=(0, 1), orientation="horizontal", movable=False, brush=pg.mkBrush(*SELECTION_BRUSH), pen=None
        )
        self._selection.setZValue(-10)
        for edge in self._selection.lines:
            edge.setPen(pg.mkPen(*SELECTION_BRUSH[:3], 140))
        self._selection.hide()
        item.addItem(self._selection, ignoreBounds=True)
        self.lanes_item = LanesItem(self.model, [STATE_COLOURS[state] for state in STATES])
        item.addItem(self.lanes_item)
        lane_axis = item.getAxis("left")
        lane_axis.setWidth(AXIS_WIDTH)
        lane_axis.setStyle(textFillLimits=[(0, LABEL_FILL)])
        # The axes change only when the lanes or the range do (the shared axis moves in steps): Qt renders
        # each once into a pixmap and reuses it until then, as in the CPU plot.
        for axis in (lane_axis, item.getAxis("bottom")):
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.lane_scroll_bar = QScrollBar()
        self.lanes = LaneScroller(self.plot_widget, self.lane_scroll_bar, self)  # every lane labelled, or scrolled
        view_box.sigResized.connect(self._update_lane_axis)
        scene = self.plot_widget.scene()
        scene.sigMouseClicked.connect(self._on_scene_mouse_clicked)
        scene.sigMouseMoved.connect(self._on_scene_mouse_moved)

        self.legend = TimelineLegend(STATE_COLOURS)  # whole names in flowing rows
        self.title_label, self.legend_labels = self.legend.title_label, self.legend.labels
        self.hint_label = QLabel(indent=6)  # lanes have details on hover: say so, on a line of its own
        self.hint_label.setMinimumWidth(1)  # never widens the page: cut short on a narrow screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.legend)
        layout.addWidget(self.hint_label)
        plot_row = QHBoxLayout()
        plot_row.setContentsMargins(0, 0, 0, 0)
        plot_row.setSpacing(0)
        plot_row.addWidget(self.plot_widget, 1)
        plot_row.addWidget(self.lane_scroll_bar)
        layout.addLayout(plot_row, 1)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(1000 // REDRAW_HZ)
        self._redraw_timer.timeout.connect(self._on_redraw_timer_timeout)
        self._redraw_timer.start()
        theme.appearance_changed.connect(self._fit_room)
        self._retranslate()
        self._fit_room()

    @property
    def plot_item(self) -> pg.PlotItem:
        return self.plot_widget.getPlotItem()

    @property
    def lane_count(self) -> int:
        return len(self.model.lanes)

    def workers(self) -> list[str]:
        """The lanes' workers, top to bottom."""
        return [lane.worker for lane in self.model.lanes]

    # ---------------------------------------------------------------- language
    def _retranslate(self) -> None:
        self.title_label.setText(self.tr("Workers"))
        self.hint_label.setText(self.tr("Hover a lane for details; click it to see its code."))
        self.legend.set_texts(
            {state: state_name(state) for state in STATES}, {state: state_description(state) for state in STATES}
        )
        # Without a run the shared axis counts back from now, as the CPU plot above says.
        shown = self.tr("seconds since the run started") if self._run_shown else self.tr("seconds ago")
        self.plot_item.setLabel("bottom", shown)
        self._update_lane_axis()  # the lanes' readable names are translated too

    def _fit_room(self) -> None:
        """Room for :data:`LANES_SHOWN_MINIMUM` lanes and the time axis in the current font."""
        shown = LANES_SHOWN_MINIMUM_COMPACT if self.legend.compact else LANES_SHOWN_MINIMUM
        lanes = shown * lane_pixels(self.fontMetrics())
        self.plot_widget.setMinimumHeight(plot_room.minimum_height(self.plot_item, lanes))

    def changeEvent(self, event: QEvent) -> None:
        # The app's new font (presenter mode's) reaches this widget after appearance_changed, in a posted
        # FontChange: refit then, or the lanes keep the room of the normal font (124 px instead of 160).
        if event.type() == QEvent.Type.FontChange:
            self._fit_room()
            self._update_lane_axis()  # the names in the new font: the axis's width too
        super().changeEvent(event)

    def set_compact(self, compact: bool) -> None:
        """Compact (presenter mode on a short screen): the legend lists the run's states only, no hint line.

        The rows go to the lanes; every state stays named in the legend title's hover text.
        """
        self.legend.set_compact(compact)
        self.hint_label.setVisible(not compact)
        self._fit_room()

    # ----------------------------------------------------------------- LiveView
    @property
    def origin(self) -> float | None:
        """perf_counter() of the shown run's start; None while no run is shown."""
        return self.model.origin if self._run_shown else None

    def follow(self, origin: float) -> None:
        """Forget the previous run; times are shown relative to ``origin`` (perf_counter)."""
        self.model.start(origin)
        self.select_worker(None)
        self._set_run_shown(True)
        self._live = True
        self._end = None
        self.redraw()

    def add_events(self, events: list[Event]) -> None:
        if self.model.add(events):
            self._dirty = True

    def add_samples(self, samples: list[Sample]) -> None:
        """Not drawn here."""

    def finish(self, end: float | None = None) -> None:
        """The run ended at run time ``end``: open intervals stop there instead of following the clock.

        A stopped run's workers were still waiting when they were killed, so their
        last state lasts until the end of the run, not until their last event.
        """
        self._live = False
        self._end = end
        self.redraw()

    def preparer(self) -> functools.partial[TimelineModel]:
        return functools.partial(prepare_timeline, max_intervals=self.model.max_intervals)

    def show_run(self, run: FinishedRun) -> None:
        """Show ``run`` whole: its lanes as prepared (:func:`prepare_timeline`), drawn once."""
        lanes = prepared_for(run, self, self.preparer())
        self.follow(run.origin)
        self.model.take_over(lanes)
        self.finish(run.duration)

    def clear(self) -> None:
        """Show no run: no lanes, and x in seconds ago like the shared axis."""
        self.follow(0.0)
        self._set_run_shown(False)
        self._live = False
        self.redraw()

    def _set_run_shown(self, shown: bool) -> None:
        if shown != self._run_shown:
            self._run_shown = shown
            self._retranslate()

    def now(self) -> float:
        """Run time the open intervals reach: the clock while live, else the run's end (or last event)."""
        if self._live:
            return max(time.perf_counter() - self.model.origin, self.model.last_time)
        return max(self._end, self.model.last_time) if self._end is not None else self.model.last_time

    def redraw(self) -> None:
        """Draw what the model holds now (the timer calls this; tests and measurements may too)."""
        self._dirty = False
        self.lanes_item.refresh(self.now())
        self.legend.show_used(self.lanes_item.states_drawn())
        if self._shown_lanes != self.lane_count:
            self._update_lane_axis()

    def _on_redraw_timer_timeout(self) -> None:
        if (self._live or self._dirty) and self.isVisible():
            self.redraw()

    def _update_lane_axis(self) -> None:
        """Lane names on the left axis, one on every lane; lanes that do not fit scroll (see timeline_lanes)."""
        self._shown_lanes = self.lane_count
        width = self.lanes.axis_width
        self.lanes.update(self.workers(), self.font())
        if self.lanes.axis_width != width:
            self.lane_axis_resized.emit(self.lanes.axis_width)

    # ----------------------------------------------------------------- mouse
    def select_worker(self, worker: str | None) -> None:
        """Highlight ``worker``'s lane (None: no lane); does not emit :attr:`worker_selected`."""
        lane = self.model.lane(worker) if worker is not None else None
        self.selected_worker = worker
        if lane is None:
            self._selection.hide()
            return
        self._selection.setRegion((lane.index, lane.index + 1))
        self.lanes.scroll_to(lane.index)
        self._selection.show()

    def lane_at(self, y: float) -> int | None:
        lane = math.floor(y)
        return lane if 0 <= lane < self.lane_count else None

    def interval_at(self, x: float, y: float) -> Interval | None:
        """The interval under the view point (x = run seconds, y = lanes from the top)."""
        lane = self.lane_at(y)
        if lane is None or x > self.now():
            return None
        return self.model.interval_at(lane, x)

    def text_at(self, x: float, y: float) -> str | None:
        """The tooltip for the view point (x, y), or None over no interval."""
        interval = self.interval_at(x, y)
        if interval is None:
            return None
        lines = [worker_and_pid(interval.worker, interval.pid)]
        state, detail = state_description(interval.state), state_detail(interval.detail, i18n.language())
        lines.append(f"{state}: {detail}" if detail else state)
        if interval.end is None:
            lines.append(self.tr("since {start:.3f} s").format(start=interval.start))
        else:
            lines.append(self.tr("from {start:.3f} s to {end:.3f} s").format(start=interval.start, end=interval.end))
        return "\n".join(lines)

    def view_point(self, scene_position: QPointF) -> QPointF | None:
        view_box = self.plot_item.getViewBox()
        if not view_box.sceneBoundingRect().contains(scene_position):
            return None
        return view_box.mapSceneToView(scene_position)

    def _on_scene_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        point = self.view_point(event.scenePos())
        lane = self.lane_at(point.y()) if point is not None else None
        if lane is None:
            return
        worker = self.model.lanes[lane].worker
        self.select_worker(worker)
        self.worker_selected.emit(worker)

    def _on_scene_mouse_moved(self, scene_position: QPointF) -> None:
        point = self.view_point(scene_position)
        self.hover_text = self.text_at(point.x(), point.y()) if point is not None else None
        if self.hover_text is None:
            QToolTip.hideText()
            return
        widget_position = self.plot_widget.mapFromScene(scene_position)
        QToolTip.showText(self.plot_widget.viewport().mapToGlobal(widget_position), self.hover_text, self.plot_widget)
