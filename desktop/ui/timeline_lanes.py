"""The timeline's lane axis: every lane labelled, lanes scrolled instead of squeezed.

A lane is never thinner than a line of its label's text (:func:`lane_pixels`):
when a run has more lanes than the plot has room for (64 pool workers in a
plot 150 px tall), the plot shows as many as fit and a scroll bar beside it
moves through the rest (the mouse wheel over the lane names or the scroll bar
scrolls too). So every shown lane has its name on the axis; the name is the
worker's short readable one (:mod:`desktop.ui.worker_name`), cut from the
left if it is still too long for the axis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QScrollBar

from desktop.ui.timeline_axis import AXIS_WIDTH, RIGHT_AXIS_WIDTH
from desktop.ui.worker_name import readable_worker

MIN_LANES_SHOWN = 4  # a run with one or two workers still gets bars of a sensible height
LABEL_CHARACTERS = 14  # longer names are cut (from the left) on the axis; the hover text has them whole
LINE_SPACING = 1.25  # a lane is at least this many lines of label text tall
LABEL_PIXELS = AXIS_WIDTH - 12  # the lane axis less its ticks: a wider label is dropped, not drawn


def lane_label(worker: str, metrics: QFontMetrics | None = None) -> str:
    """The axis label of ``worker``'s lane: its readable name, cut from the left to fit the axis.

    With the axis font's ``metrics`` the name is cut to the axis's pixels (Chinese
    characters are twice as wide as Latin ones), else to :data:`LABEL_CHARACTERS`.
    """
    name = readable_worker(worker)
    if metrics is not None:
        return metrics.elidedText(name, Qt.TextElideMode.ElideLeft, LABEL_PIXELS)
    return name if len(name) <= LABEL_CHARACTERS else "…" + name[-(LABEL_CHARACTERS - 1) :]


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

    def update(self, workers: Sequence[str], metrics: QFontMetrics) -> None:
        """Lay out ``workers`` (top to bottom): the y range, the scroll bar and a label on every shown lane."""
        self._workers = list(workers)
        self._metrics = metrics
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
        ticks = [(index + 0.5, lane_label(self._workers[index], self._metrics)) for index in self.shown_lanes()]
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
