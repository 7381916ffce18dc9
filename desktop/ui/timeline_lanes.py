"""The timeline's lane axis: every lane labelled, lanes scrolled instead of squeezed.

A lane is never thinner than a line of its label's text (:func:`lane_pixels`):
when a run has more lanes than the plot has room for (64 pool workers in a
plot 150 px tall), the plot shows as many as fit and a scroll bar beside it
moves through the rest (the mouse wheel over the lane names or the scroll bar
scrolls too). So every shown lane has its name on the axis; the name is the
worker's short readable one (:mod:`desktop.ui.worker_name`), in the timeline's
font (presenter mode's large one too). The axis is as wide as the run's longest
name needs (:func:`label_column`), at least :data:`AXIS_WIDTH` and at most a
third of the timeline: at 1024x768 in presenter mode the axis of 96 px cut
"pool worker 2" to "...orker 2". A name still too long is shortened keeping
what tells lanes apart (:func:`fit_label`): "producer-12" becomes "produc…-12",
not "…ucer-12". The whole name and the PID are in the lane's hover text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QScrollBar

from desktop.ui import theme
from desktop.ui.timeline_axis import AXIS_WIDTH, RIGHT_AXIS_WIDTH
from desktop.ui.worker_name import readable_worker

MIN_LANES_SHOWN = 4  # a run with one or two workers still gets bars of a sensible height
LINE_SPACING = 1.25  # a lane is at least this many lines of label text tall
TICK_ROOM = 12  # pixels of the lane axis that are not its labels' (the tick marks and a gap): wider is dropped
MOST_OF_WIDTH = 1 / 3  # the lane names take at most this share of the timeline's width
_NUMBERED = re.compile(r"^(.*?)([\s_:#.-]*\d+)$")  # "producer-12": the words, then what numbers them


def label_column(names: Sequence[str], metrics: QFontMetrics, widget_width: int) -> int:
    """The lane axis's width for labels ``names`` in ``metrics``' font, in a timeline ``widget_width`` px wide.

    Wide enough for the longest name whole, never narrower than the other plots' axes
    (:data:`AXIS_WIDTH`), nor wider than :data:`MOST_OF_WIDTH` of the timeline.
    """
    widest = max((metrics.horizontalAdvance(name) for name in names), default=0) + TICK_ROOM
    return max(AXIS_WIDTH, min(widest, int(widget_width * MOST_OF_WIDTH)))


def fit_label(name: str, metrics: QFontMetrics, pixels: int) -> str:
    """``name`` shortened to ``pixels`` in ``metrics``' font, keeping what tells lanes apart.

    A thread's process goes first ("main/thread 2" -> "…/thread 2"); then the words are cut
    from their end, the number that ends the name kept ("producer-12" -> "produc…-12");
    a name without a number loses its middle.
    """
    if metrics.horizontalAdvance(name) <= pixels:
        return name
    _process, slash, own = name.rpartition("/")
    if slash:
        shorter = "…/" + own
        if metrics.horizontalAdvance(shorter) <= pixels:
            return shorter
        name = own
    if match := _NUMBERED.match(name):
        words, number = match.groups()
        room = pixels - metrics.horizontalAdvance(number)
        if words and room >= metrics.horizontalAdvance("…"):
            return metrics.elidedText(words, Qt.TextElideMode.ElideRight, room) + number
        return metrics.elidedText(name, Qt.TextElideMode.ElideLeft, pixels)  # the number, as much as fits
    return metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, pixels)


def lane_label(worker: str, metrics: QFontMetrics, pixels: int) -> str:
    """The axis label of ``worker``'s lane: its readable name, shortened to ``pixels`` if it must be."""
    return fit_label(readable_worker(worker), metrics, pixels)


def lane_pixels(metrics: QFontMetrics) -> int:
    """The least height of a lane in pixels: one label and some room."""
    return math.ceil(metrics.height() * LINE_SPACING)


class LaneScroller(QObject):
    """Shows the lanes of ``plot`` that fit, labels each one, and drives ``scroll_bar`` through the rest."""

    def __init__(self, plot_widget: pg.PlotWidget, scroll_bar: QScrollBar, parent: QObject | None = None):
        super().__init__(parent)
        self._widget = plot_widget
        self._plot = plot_widget.getPlotItem()
        self.scroll_bar = scroll_bar
        self._workers: list[str] = []
        self._metrics: QFontMetrics | None = None
        self.axis_width = AXIS_WIDTH  # the lane axis's width now (see label_column)
        self._plot.getAxis("left").setProperty(theme.OWN_TICK_FONT, True)  # the font is set with the width here
        scroll_bar.setOrientation(Qt.Orientation.Vertical)
        scroll_bar.setSingleStep(1)
        scroll_bar.hide()
        scroll_bar.valueChanged.connect(self._on_scroll_bar_value_changed)
        plot_widget.viewport().installEventFilter(self)

    @property
    def lanes_fitting(self) -> int:
        """How many lanes the plot has room for at their least height."""
        pixels = lane_pixels(self._metrics) if self._metrics is not None else 16
        return max(MIN_LANES_SHOWN, int(self._plot.getViewBox().height() // pixels))

    @property
    def first_shown(self) -> int:
        """The lane at the top of the plot."""
        return self.scroll_bar.value() if self.scroll_bar.maximum() > 0 else 0

    def shown_lanes(self) -> range:
        """The indices of the lanes the plot shows now."""
        count = len(self._workers)
        first = self.first_shown
        return range(first, min(count, first + self.lanes_fitting))

    def update(self, workers: Sequence[str], font: QFont) -> None:
        """Lay out ``workers`` (top to bottom) in ``font``: the axis's width, the y range, the scroll bar and a
        label on every shown lane."""
        self._workers = list(workers)
        self._metrics = metrics = QFontMetrics(font)
        axis = self._plot.getAxis("left")
        if axis.style["tickFont"] != font:
            axis.setTickFont(QFont(font))
        names = [readable_worker(worker) for worker in self._workers]
        self.axis_width = label_column(names, metrics, self._widget.width())
        if axis.fixedWidth != self.axis_width:
            axis.setWidth(self.axis_width)
        fitting = self.lanes_fitting
        hidden = max(len(self._workers) - fitting, 0)
        self.scroll_bar.blockSignals(True)
        self.scroll_bar.setRange(0, hidden)
        self.scroll_bar.setPageStep(fitting)
        self.scroll_bar.blockSignals(False)
        self.scroll_bar.setVisible(hidden > 0)
        right = self._plot.getAxis("right")
        if right.isVisible():  # the scroll bar takes its room from the right axis: times still line up
            bar = self.scroll_bar.sizeHint().width() if hidden > 0 else 0
            right.setWidth(max(RIGHT_AXIS_WIDTH - bar, 0))
        self._show()

    def scroll_to(self, lane: int) -> None:
        """Bring lane ``lane`` into view (the scroll bar moves only if it is not shown)."""
        shown = self.shown_lanes()
        if lane < shown.start:
            self.scroll_bar.setValue(lane)
        elif lane >= shown.stop:
            self.scroll_bar.setValue(lane - self.lanes_fitting + 1)

    def _show(self) -> None:
        first = self.first_shown
        fitting = self.lanes_fitting
        self._plot.setYRange(first, first + max(min(fitting, len(self._workers)), MIN_LANES_SHOWN), padding=0)
        pixels = self.axis_width - TICK_ROOM
        metrics = self._metrics or QFontMetrics(self._widget.font())
        ticks = [(index + 0.5, lane_label(self._workers[index], metrics, pixels)) for index in self.shown_lanes()]
        self._plot.getAxis("left").setTicks([ticks, []])

    def _on_scroll_bar_value_changed(self, _value: int) -> None:
        self._show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The wheel over the lane names scrolls the lanes (over the bars it still zooms the time axis)."""
        if event.type() == QEvent.Type.Wheel and self.scroll_bar.maximum() > 0:
            axis = self._plot.getAxis("left")
            if axis.sceneBoundingRect().contains(self._widget.mapToScene(event.position().toPoint())):
                lanes = -round(event.angleDelta().y() / 120) * 3
                self.scroll_bar.setValue(self.scroll_bar.value() + lanes)
                return True
        return False
