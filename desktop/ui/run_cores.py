"""The CPU plot's right axis: the run's share in cores, 0 to every core, the unit verdicts use.

The "this run" curve is drawn on the plot's percent scale (100 % = the whole
machine, like the machine total), so the gap between the two is everything
else. Verdicts count CPU in cores ("~1.0 core": one core busy), so the right
axis reads the same curve in cores: 0 at the bottom, N (every logical core)
at the top, in the run curve's colour.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from desktop.ui.timeline_axis import RIGHT_AXIS_WIDTH

MAX_TICKS = 4  # steps between 0 and N: more numbers crowd a short plot
RUN_COLOUR = "#e66100"  # the "this run" curve's colour (cpu_plot.RUN_PEN)


STEPS = (0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128)  # cores between ticks: the finest that keeps them few


def core_ticks(core_count: int) -> list[tuple[float, str]]:
    """(position on the 0-100 % scale, cores) from 0 to N, at most :data:`MAX_TICKS` + 1 of them.

    A short plot drops the labels at its very top and bottom, so a machine with
    few cores gets half cores too ("0.5", "1", "1.5" on two cores).
    """
    cores = max(core_count, 1)
    step = next((step for step in STEPS if cores / step <= MAX_TICKS), math.ceil(cores / MAX_TICKS))
    count = int(cores / step + 1e-9)
    return [(k * step * 100.0 / cores, f"{k * step:g}") for k in range(count + 1)]


def to_cores(percent_of_machine: float, core_count: int) -> float:
    """A share of the whole machine (0-100 %) in cores (0-N)."""
    return percent_of_machine * max(core_count, 1) / 100.0


def show_run_cores(plot: pg.PlotItem, core_count: int) -> None:
    """Give ``plot`` (the CPU plot) a right axis counting the run's cores, labelled in the UI's language."""
    plot.showAxis("right")
    axis = plot.getAxis("right")
    axis.setWidth(RIGHT_AXIS_WIDTH)
    axis.setStyle(showValues=True)
    axis.setTicks([core_ticks(core_count), []])
    axis.setTextPen(pg.mkPen(RUN_COLOUR))
    axis.setPen(pg.mkPen(RUN_COLOUR))
    retranslate(plot)


def retranslate(plot: pg.PlotItem) -> None:
    plot.setLabel("right", QCoreApplication.translate("CpuPlot", "this run, cores"), color=RUN_COLOUR)
