"""A plot's legend in a row of its own above the curves: it never covers them and is never cut.

pyqtgraph's :meth:`~pyqtgraph.PlotItem.addLegend` floats the legend over the
view box: on a short plot (presenter mode on a 768-px screen) it covered the
curves and its last row fell off the plot's bottom. :func:`add_legend_row`
puts a :class:`RowLegend` in the plot item's own grid, in the cell of the
top axis (hidden in these plots, taken out of the grid), between the title and
the curves; the plot item's
``legend`` is set to it, so curves added with a ``name`` join it as before and
the look (:mod:`desktop.ui.theme`) restyles it. It takes as many entries a
row as the curves' width allows, and says when its number of rows changed
(the plot's least height depends on it: see :mod:`desktop.ui.plot_room`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy

LEGEND_ROW = 1  # the plot item's grid row of the top axis (hidden in our plots): between title and curves
CURVES_COLUMN = 1  # the view box's column: the legend starts where the curves do
SAMPLE_PIXELS = 20  # pyqtgraph's ItemSample, an entry's line or swatch, is this tall


class RowLegend(pg.LegendItem):
    """A legend laid out by its plot item's grid (not anchored over the curves, not draggable).

    ``rows_changed`` (if set) is called when its height changed (a new width or text size, a curve added).
    """

    rows_changed: Callable[[], None] | None = None
    _width: float | None = None  # the curves' width, once known
    _height = 0  # the row's height when last told

    def updateSize(self) -> None:
        # pyqtgraph's moves the legend to its parent's corner: here the grid places it. Called for a new
        # entry, a removed one and a new text size: the entries a row may change too.
        columns = len(self.items)  # one row until the curves' width is known
        while self._width is not None and columns > 1 and self.width_for(columns) > self._width:
            columns -= 1
        if max(columns, 1) != self.columnCount:
            self.setColumnCount(max(columns, 1))
            self.rowCount = max(1, -(-len(self.items) // self.columnCount))
        self.layout.invalidate()
        self.updateGeometry()
        height = math.ceil(self.effectiveSizeHint(Qt.SizeHint.PreferredSize).height()) if self.items else 0
        if height != self._height:
            self._height = height
            if self.rows_changed is not None:
                self.rows_changed()

    def mouseDragEvent(self, event) -> None:
        event.ignore()

    def width_for(self, columns: int) -> float:
        """The width the entries need in rows of ``columns``."""
        entries = [
            sample.effectiveSizeHint(Qt.SizeHint.PreferredSize).width()
            + label.effectiveSizeHint(Qt.SizeHint.PreferredSize).width()
            for sample, label in self.items
        ]
        widths = [max(entries[column::columns], default=0) for column in range(columns)]
        spacing = max(self.layout.horizontalSpacing(), 0)
        return sum(widths) + spacing * (2 * len(widths) - 1)

    def fit_columns(self, width: float) -> None:
        """As many entries a row as fit ``width`` (the curves' width; at least one)."""
        if width != self._width:
            self._width = width
            self.updateSize()


def add_legend_row(item: pg.PlotItem, rows_changed: Callable[[], None] | None = None, **options) -> RowLegend:
    """A :class:`RowLegend` (``options`` as for :class:`pyqtgraph.LegendItem`) above ``item``'s curves.

    ``rows_changed`` is called when a new width changed its number of rows.
    """
    options.pop("offset", None)  # placed by the grid, not anchored
    legend = RowLegend(**options)
    legend.layout.setContentsMargins(0, 0, 0, 0)  # a row as tall as its entries: the curves keep the rest
    legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    legend.setMinimumWidth(0)  # never wider than the curves: it takes more rows instead (fit_columns)
    top = item.getAxis("top")
    top.hide()
    item.layout.removeItem(top)  # the grid's cell holds one item: the (hidden) top axis makes room
    item.layout.addItem(legend, LEGEND_ROW, CURVES_COLUMN)
    item.layout.setAlignment(legend, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    item.legend = legend  # PlotItem.addItem adds named curves to it
    legend.rows_changed = rows_changed
    item.getViewBox().sigResized.connect(lambda view_box: legend.fit_columns(view_box.width()))
    return legend


def legend_row_height(item: pg.PlotItem, reserved: bool = False) -> int:
    """Pixels ``item``'s legend row takes (0 without one): its entries' rows in the current font.

    ``reserved``: a legend without entries yet counts one row, the height its first entry will take (a plot
    whose curves come during a run keeps that room from the start, so the run never makes it taller).
    """
    legend = getattr(item, "legend", None)
    if not isinstance(legend, RowLegend):
        return 0
    if legend.items:
        return legend._height
    if not reserved:
        return 0
    label = pg.LabelItem("Xg", size=legend.opts["labelTextSize"])  # an entry's name in the legend's text size
    return max(SAMPLE_PIXELS, math.ceil(label.effectiveSizeHint(Qt.SizeHint.PreferredSize).height()))
