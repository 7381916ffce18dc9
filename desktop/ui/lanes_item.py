"""The worker timeline's bars: every lane's intervals in one graphics item, one ``drawRects`` per state colour.

A run with 64 workers would otherwise put thousands of items in the scene.
The item keeps the rectangles of closed intervals between frames (they never
change) and rebuilds only each lane's current interval on :meth:`LanesItem.refresh`.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from desktop.ui.timeline_model import STATES, TimelineModel

LANE_FILL = 0.8  # the bar's share of its lane's height


class LanesItem(pg.GraphicsObject):
    """Every lane's intervals in one item: one ``drawRects`` per state colour."""

    def __init__(self, model: TimelineModel, colours: list[str]):
        super().__init__()
        self._model = model
        self._brushes = [pg.mkBrush(colour) for colour in colours]
        self._closed: list[list[QRectF]] = [[] for _ in STATES]
        self._open: list[list[QRectF]] = [[] for _ in STATES]
        self._generation = -1
        self._bounds = QRectF()

    def refresh(self, now: float) -> None:
        """Bring the rectangles up to date with the model; open intervals reach ``now``."""
        model = self._model
        if self._generation != model.generation:
            self._generation = model.generation
            self._closed = [[] for _ in STATES]
            closed = model.closed_intervals()
        else:
            closed = model.take_closed()
        top = (1 - LANE_FILL) / 2
        for lane, start, end, state in closed:
            self._closed[state].append(QRectF(start, lane + top, end - start, LANE_FILL))
        self._open = [[] for _ in STATES]
        for lane, start, state in model.open_intervals():
            self._open[state].append(QRectF(start, lane + top, max(now - start, 0.0), LANE_FILL))
        first = model.first_time if model.first_time is not None else 0.0
        bounds = QRectF(first, 0.0, max(now - first, 1e-6), float(len(model.lanes)))
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self.update()

    def rect_count(self, state: str) -> int:
        """How many bars of ``state`` are drawn (for tests and measurements)."""
        index = STATES.index(state)
        return len(self._closed[index]) + len(self._open[index])

    def states_drawn(self) -> list[str]:
        """The states that have at least one bar."""
        drawn = zip(STATES, self._closed, self._open, strict=True)
        return [state for state, closed, current in drawn if closed or current]

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def paint(self, painter: QPainter, *args) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for brush, closed, current in zip(self._brushes, self._closed, self._open, strict=True):
            if closed or current:
                painter.setBrush(brush)
                if closed:
                    painter.drawRects(closed)
                if current:
                    painter.drawRects(current)
