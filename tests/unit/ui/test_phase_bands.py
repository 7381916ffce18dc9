"""Phase labels fit where they are drawn: shortened or hidden rather than run into a neighbour or off the plot."""

from __future__ import annotations

import pyqtgraph as pg

from desktop.monitor.sampler import Sample
from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event
from desktop.ui.phase_bands import PhaseBands

# pool-speedup's sweep ends a run with narrow phases at the plot's right edge ("map x1 #1" clipped there).
PHASES = [("sequential", 0.0), ("apply x2 #1", 1.0), ("apply_async x2 #1", 3.0), ("map x1 #1", 6.6), ("map", 6.8)]


def test_the_last_phases_labels_end_inside_the_plot(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(420, 200)
    widget.show()
    qtbot.waitExposed(widget)
    plot = widget.getPlotItem()
    plot.setXRange(0.0, 7.0, padding=0)
    bands = PhaseBands([plot], widget)
    bands.follow(100.0)
    bands.add_events([Event(100.0 + start, 1, "main", telemetry.PHASE, name, None, None) for name, start in PHASES])
    bands.add_samples([Sample(100.0 + i / 10, (50.0, 50.0), {1: (150.0, 0)}) for i in range(1, 71)])
    bands.finish(7.0)
    view = plot.getViewBox()
    pixel, right = view.viewPixelSize()[0], view.viewRange()[0][1]
    labels = [next(item for item in phase.items if isinstance(item, pg.TextItem)) for phase in bands.phases]
    shown = [label.textItem.toPlainText() for label in labels]
    assert shown[0] == "sequential · ~1.5 cores"  # room enough: the whole label
    for phase, label in zip(bands.phases, labels, strict=True):
        if label.isVisible():
            assert phase.start + label.boundingRect().width() * pixel <= right + 1e-9, label.textItem.toPlainText()
    assert shown[-1] in ("~1.5", "")  # the last band is 0.2 s wide, at the edge: shortened or hidden
    assert all(phase.items[0].toolTip().startswith(phase.name) for phase in bands.phases)  # the hover keeps it all
