"""The CPU plot: the run's own share of the machine next to the total, and run-relative seconds."""

from __future__ import annotations

import numpy as np

from desktop.monitor.sampler import Sample
from desktop.ui.cpu_plot import CpuPlot


def _samples(count: int, cores: int, run_cpu: float) -> list[Sample]:
    # The run's processes: two pids sharing ``run_cpu`` (100 = one core).
    return [
        Sample(t=10.0 + i * 0.1, per_core=(50.0,) * cores, processes={1: (run_cpu / 2, 0), 2: (run_cpu / 2, 0)})
        for i in range(count)
    ]


def _legend_names(plot: CpuPlot) -> list[str]:
    return [label.text for _, label in plot.plot_widget.getPlotItem().legend.items]


def test_this_run_is_its_cpu_as_a_share_of_the_whole_machine(qtbot):
    plot = CpuPlot(core_count=4)
    qtbot.addWidget(plot)
    plot.add_samples(_samples(5, 4, run_cpu=200.0))  # two cores' worth on a 4-core machine
    plot.redraw()
    assert np.allclose(plot.run_share_curve.yData, 50.0)
    assert np.allclose(plot._total_curve.yData, 50.0)
    assert {"machine total", "this run"} <= set(_legend_names(plot))
    assert plot.run_share_curve.opts["fillLevel"] == 0  # filled: the gap above it is the rest of the machine


def test_the_share_is_capped_at_the_whole_machine_and_drawn_on_the_heat_map(qtbot):
    plot = CpuPlot(core_count=32)
    qtbot.addWidget(plot)
    plot.add_samples(_samples(3, 32, run_cpu=4000.0))  # more than 32 cores' worth: a sampling artefact
    plot.redraw()
    assert np.allclose(plot.run_share_curve.yData, 100.0)
    assert plot.run_share_curve.opts["fillLevel"] is None  # a fill would hide the cores


def test_x_is_seconds_ago_without_a_run_and_seconds_since_its_start_with_one(qtbot):
    plot = CpuPlot(core_count=2)
    qtbot.addWidget(plot)
    plot.add_samples(_samples(11, 2, run_cpu=0.0))  # t = 10.0 ... 11.0
    plot.redraw()
    assert np.allclose(plot.run_share_curve.xData[[0, -1]], [-1.0, 0.0])
    assert plot.plot_widget.getPlotItem().getAxis("bottom").labelText == "seconds ago"
    plot.follow(10.5)
    plot.redraw()
    assert np.allclose(plot.run_share_curve.xData[[0, -1]], [-0.5, 0.5])
    assert np.allclose(plot._total_curve.xData[[0, -1]], [-0.5, 0.5])
    assert plot.plot_widget.getPlotItem().getAxis("bottom").labelText == "seconds since the run started"
    plot.clear()
    plot.redraw()
    assert np.allclose(plot.run_share_curve.xData[[0, -1]], [-1.0, 0.0])
