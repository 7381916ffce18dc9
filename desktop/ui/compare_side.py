"""One side of the compare window: a variant's parameter form, its own run, its CPU curve, timeline and verdict.

Each side owns a :class:`RunBridge`, so two runs (and the main window's) never
share a "current run". Its CPU curve sums only the CPU of this run's own
processes (the sampler watches every run's pids together), as a share of the
whole machine, so runs at the same time do not blur each other's curve. Under
it, the run's worker timeline on the same time axis (seconds since this side's
run started), as on the lesson page: a lock variant's workers waiting in turn
show there even when its CPU curve is flat.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QSplitter, QVBoxLayout

from desktop.model.comparison import Variant
from desktop.model.lesson import Lesson
from desktop.model.param import Params
from desktop.model.run_record import RunRecord
from desktop.monitor.sampler import Sampler
from desktop.ui.param_form import ParamForm
from desktop.ui.run_bridge import RunBridge
from desktop.ui.timeline import TimelineView
from desktop.ui.timeline_axis import AXIS_WIDTH
from desktop.ui.verdict_panel import VerdictPanel

SIDE_COLOURS = {"A": "#1c71d8", "B": "#e66100"}
MACHINE_PEN = pg.mkPen("#9a9a9a", width=1)
PLOT_MINIMUM_HEIGHT = 90  # pixels: the CPU curve and the timeline share a 1024x768 screen with the rest


class CompareSide(QObject):
    """One variant: its form, its bridge, its live CPU curve and its verdict.

    Signals:
        finished(object): this side's run has ended; the argument is the side itself.
    """

    finished = Signal(object)

    def __init__(self, name: str, sampler: Sampler, parent: QObject):
        super().__init__(parent)
        self.name = name
        self.variant: Variant | None = None
        self.record: RunRecord | None = None
        self.bridge = RunBridge(sampler, self)
        self.form = ParamForm()
        self.box = QGroupBox()
        QVBoxLayout(self.box).addWidget(self.form)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setMinimumHeight(PLOT_MINIMUM_HEIGHT)
        item = self.plot_widget.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setYRange(0, 100, padding=0.02)
        item.setXRange(0, 1, padding=0)
        self.machine_curve = item.plot(pen=MACHINE_PEN)
        colour = SIDE_COLOURS[name]
        self.run_curve = item.plot(pen=pg.mkPen(colour, width=2), fillLevel=0, brush=pg.mkBrush(colour + "46"))
        item.getAxis("left").setWidth(AXIS_WIDTH)  # as wide as the timeline's lane names: equal times line up
        self.timeline = TimelineView()
        self.timeline.hint_label.hide()  # the lesson page says it; two sides share a 1024-px screen here
        self.timeline.plot_item.setXLink(item)
        self.timeline.plot_item.setMouseEnabled(x=False, y=False)
        self.timeline.lane_axis_resized.connect(self._on_timeline_lane_axis_resized)
        # The CPU curve over the timeline; ``plots`` is what the compare window lays out.
        self.plots = QSplitter(Qt.Orientation.Vertical)
        self.plots.setChildrenCollapsible(False)
        self.plots.addWidget(self.plot_widget)
        self.plots.addWidget(self.timeline)
        self.verdict_panel = VerdictPanel()
        self._times: list[float] = []
        self._machine: list[float] = []
        self._run_share: list[float] = []
        self.bridge.samples_received.connect(self._on_bridge_samples_received)
        self.bridge.events_received.connect(self.timeline.add_events)
        self.bridge.run_finished.connect(self._on_bridge_run_finished)

    @property
    def running(self) -> bool:
        return self.bridge.running

    def last_time(self) -> float:
        return self._times[-1] if self._times else 0.0

    def reset(self, hint: str | Callable[[], str]) -> None:
        self.record = None
        self._times.clear()
        self._machine.clear()
        self._run_share.clear()
        self.machine_curve.setData([], [])
        self.run_curve.setData([], [])
        self.timeline.clear()
        self.verdict_panel.clear(hint)

    def start(self, lesson: Lesson, params: Params) -> None:
        """Start this side's run (raises InvalidParams or OSError if it cannot)."""
        self.bridge.start(lesson, params)
        self.timeline.follow(self.bridge.origin)

    def _on_bridge_run_finished(self, record: RunRecord) -> None:
        self.record = record
        self.timeline.finish(record.duration)
        self.verdict_panel.show_record(record)
        self.finished.emit(self)

    def _on_timeline_lane_axis_resized(self, width: int) -> None:
        self.plot_widget.getPlotItem().getAxis("left").setWidth(width)  # the lanes' names need it: times line up

    def _on_bridge_samples_received(self, samples: list) -> None:
        run = self.bridge.run
        if run is None:
            return
        pids = set(run.pids())
        for sample in samples:
            if sample.t < run.started:
                continue
            cores = max(len(sample.per_core), 1)
            own = sum(cpu for pid, (cpu, _) in sample.processes.items() if pid in pids)
            self._times.append(sample.t - run.started)
            self._machine.append(sample.machine_percent)
            self._run_share.append(min(own / cores, 100.0))  # 100 % = every core busy, like the machine line
        self.machine_curve.setData(self._times, self._machine)
        self.run_curve.setData(self._times, self._run_share)
