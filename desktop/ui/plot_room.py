"""Room for the curves of a short plot: what its decorations may take, and what goes when they do not fit.

On a 1024x768 projector in presenter mode a plot 90 px tall kept 15 px for its
curves: the title, the time axis's numbers and its title ("seconds since the
run started") took the rest. The lesson page's plots share one time axis, and
the worker timeline at the bottom names it, so the plots above it show only
its numbers (:attr:`keeps_time_label` False). :func:`minimum_height` is the
least height that still leaves :data:`PLOT_AREA_MINIMUM` pixels for the curves
in the current font (presenter mode's is 1.5x), with the legend's row above
them (:mod:`desktop.ui.plot_legend`); in compact mode (presenter
mode on a short screen) such a plot drops the axis's numbers too
(:func:`show_time_numbers`): its grid lines still line up with the numbered
axis below. :func:`fit_axis_label` drops a
side axis's rotated title when the axis is shorter than the title (it would
show cut, "is run, co"); the title is then the axis's hover text.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from desktop.ui.plot_legend import legend_row_height

PLOT_AREA_MINIMUM = 48  # pixels for the curves: the least a plot keeps on a 1024x768 projector (compact)
PLOT_AREA_NORMAL_MINIMUM = 36  # and in the normal look, where the window's minimum height is 700 px
LAYOUT_SLACK = 8  # the plot item's margins and spacing


def minimum_height(item: pg.PlotItem, area: int = PLOT_AREA_MINIMUM, legend_reserved: bool = False) -> int:
    """The least height of ``item``'s widget that leaves ``area`` pixels for its curves, in the app's font.

    ``legend_reserved``: count a row for the legend before it has entries (see ``legend_row_height``).
    """
    line = QFontMetrics(QApplication.font()).height()
    axis = item.getAxis("bottom")
    bottom = 0
    if axis.isVisible():
        bottom = max(axis.style["tickLength"], 0)
        bottom += axis.style["tickTextOffset"][1] + line if axis.style["showValues"] else 0
        bottom += line if axis.label.isVisible() else 0
    title = round(item.layout.rowMaximumHeight(0)) if item.titleLabel.isVisible() else 0  # see set_plot_title
    return title + legend_row_height(item, legend_reserved) + bottom + area + LAYOUT_SLACK


def show_time_numbers(item: pg.PlotItem, shown: bool) -> None:
    """Show or drop the numbers of ``item``'s time axis (its grid lines stay)."""
    axis = item.getAxis("bottom")
    if axis.style["showValues"] != shown:
        axis.setStyle(showValues=shown)


def fit_axis_label(item: pg.PlotItem, side: str = "right") -> None:
    """Show ``side``'s axis title only where the axis is long enough for all of it; else as its hover text."""
    axis = item.getAxis(side)
    fits = bool(axis.labelText) and axis.label.boundingRect().width() <= item.getViewBox().height()
    if fits != axis.label.isVisible():
        axis.showLabel(fits)
    axis.setToolTip("" if fits else axis.labelText)
