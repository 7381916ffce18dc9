"""Live queue depth: items put minus items got, per queue, since the run started.

Depth is counted from ``put``/``got`` events, never from ``Queue.qsize()``
(which raises on macOS and is only a guess anyway). Lessons that use no queue
hide this plot. Points are kept in a bounded list per queue and drawn as a
step curve from a timer, never once per event.
"""

from __future__ import annotations

import collections

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event

MAX_POINTS_PER_QUEUE = 20_000
REDRAW_HZ = 20


class QueueDepths:
    """Running depth of every queue seen in the events, with its history."""

    def __init__(self, max_points: int = MAX_POINTS_PER_QUEUE):
        self._max_points = max_points
        self.depth: dict[str, int] = {}
        self.history: dict[str, collections.deque[tuple[float, int]]] = {}

    def add(self, events: list[Event], origin: float) -> bool:
        """Count the put/got events; True if any queue changed."""
        changed = False
        for event in events:
            if event.kind not in (telemetry.PUT, telemetry.GOT):
                continue
            step = 1 if event.kind == telemetry.PUT else -1
            # A get can be stamped before the put of the same item: clamp at 0.
            depth = max(self.depth.get(event.name, 0) + step, 0)
            self.depth[event.name] = depth
            points = self.history.setdefault(event.name, collections.deque(maxlen=self._max_points))
            points.append((event.t - origin, depth))
            changed = True
        return changed

    def clear(self) -> None:
        self.depth.clear()
        self.history.clear()


class DepthPlot(QWidget):
    """The queue-depth plot; :meth:`start` it with the run's start time, feed it events."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.depths = QueueDepths()
        self._origin = 0.0
        self._dirty = False
        self._curves: dict[str, pg.PlotDataItem] = {}
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setMinimumHeight(140)
        item = self.plot_widget.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        item.addLegend(offset=(5, 5), labelTextColor="#202020", brush=pg.mkBrush(255, 255, 255, 200))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(1000 // REDRAW_HZ)
        self._redraw_timer.timeout.connect(self._on_redraw_timer_timeout)
        self._redraw_timer.start()
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        """Title and axis label in the UI's language (queue names are the lesson's own)."""
        item = self.plot_widget.getPlotItem()
        item.setTitle(self.tr("Queue depth (items put − items got)"), color="#202020", size="10pt")
        item.setLabel("bottom", self.tr("seconds since the run started"))

    def start(self, origin: float) -> None:
        """Forget the previous run; times are shown relative to ``origin`` (perf_counter)."""
        self._origin = origin
        self.depths.clear()
        for curve in self._curves.values():
            self.plot_widget.getPlotItem().removeItem(curve)
        self._curves.clear()
        self._dirty = False

    def add_events(self, events: list[Event]) -> None:
        if self.depths.add(events, self._origin):
            self._dirty = True

    def redraw(self) -> None:
        self._dirty = False
        item = self.plot_widget.getPlotItem()
        for name, points in self.depths.history.items():
            curve = self._curves.get(name)
            if curve is None:
                pen = pg.mkPen(pg.intColor(len(self._curves), hues=8), width=2)
                curve = self._curves[name] = item.plot(pen=pen, name=name, stepMode="left", antialias=False)
            data = np.asarray(points, dtype=float)
            curve.setData(data[:, 0], data[:, 1])

    def _on_redraw_timer_timeout(self) -> None:
        if self._dirty and self.isVisible():
            self.redraw()
