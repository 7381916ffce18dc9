"""Live CPU load of every logical core, the machine total, and the run's own share of it.

Samples go into numpy ring buffers as they arrive; the plot is redrawn from a
timer (at most :data:`REDRAW_HZ`), never once per sample. Up to
:data:`MAX_CORE_LINES` cores each get a thin line; on bigger machines one line
per core is unreadable, so the cores become a heat map (cores x time) under
the total line. "This run" is the CPU of the run's own processes as a share of
the whole machine (same scale as the total), filled, so the gap between the
two curves is everything else the machine was doing.

Without a run, x is "seconds ago"; while a run is followed (:meth:`CpuPlot.follow`)
x is seconds since the run started, like the queue-depth plot and the worker
timeline, with the minute before the run at negative x. A finished run from
the history (:meth:`CpuPlot.show_run`) is drawn from its own samples; the
machine's live samples keep filling the live ring meanwhile, and
:meth:`CpuPlot.clear` or the next run shows that again.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QTimer
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from desktop.monitor.sampler import Sample
from desktop.runtime.telemetry import Event
from desktop.ui import i18n, plot_legend, plot_room, run_cores, theme
from desktop.ui.live_view import FinishedRun, LiveViewBase
from desktop.ui.view_preparation import Pace, prepared_for

WINDOW_SECONDS = 60.0
CAPACITY = 1200  # 60 s at 10 Hz, with room for a faster sampler
REDRAW_HZ = 20
MAX_CORE_LINES = 16
TOTAL_PEN = pg.mkPen("#202020", width=3)
TOTAL_PEN_ON_HEAT_MAP = pg.mkPen("w", width=3)  # black vanishes on the dark colour map
RUN_PEN = pg.mkPen("#e66100", width=2)
RUN_FILL = pg.mkBrush(230, 97, 0, 70)


class SampleRing:
    """The last ``capacity`` samples: times, per-core loads and the run's share, oldest first on read."""

    def __init__(self, core_count: int, capacity: int = CAPACITY):
        self.core_count = core_count
        self._times = np.zeros(capacity)
        self._loads = np.zeros((capacity, core_count), dtype=np.float32)
        self._run = np.zeros(capacity, dtype=np.float32)
        self._next = 0
        self.total_added = 0

    @property
    def capacity(self) -> int:
        return len(self._times)

    def __len__(self) -> int:
        return min(self.total_added, self.capacity)

    def add(self, t: float, per_core: tuple[float, ...], run_share: float = 0.0) -> None:
        """One sample; ``run_share`` is the run's CPU in % of the whole machine."""
        loads = np.zeros(self.core_count, dtype=np.float32)
        count = min(len(per_core), self.core_count)
        loads[:count] = per_core[:count]
        self._times[self._next] = t
        self._loads[self._next] = loads
        self._run[self._next] = run_share
        self._next = (self._next + 1) % self.capacity
        self.total_added += 1

    def _order(self) -> slice | np.ndarray:
        size = len(self)
        return slice(0, size) if size < self.capacity else np.r_[self._next : self.capacity, 0 : self._next]

    def ordered(self) -> tuple[np.ndarray, np.ndarray]:
        """(times, loads) oldest first; loads has one column per core."""
        order = self._order()
        return self._times[order], self._loads[order]

    def ordered_run_share(self) -> np.ndarray:
        """The run's share of the machine (%), in the same order as :meth:`ordered`."""
        return self._run[self._order()]


def add_samples(ring: SampleRing, samples: Iterable[Sample]) -> None:
    """Put ``samples`` in ``ring``, the run's share as a share of the whole machine (no Qt: any thread)."""
    cores = ring.core_count
    for sample in samples:
        ring.add(sample.t, sample.per_core, min(sample.run_cpu / cores, 100.0))


def prepare_ring(run: FinishedRun, pace: Pace, core_count: int) -> SampleRing:
    """A ring of ``run``'s own samples (for a plot of ``core_count`` cores); no Qt: any thread."""
    ring = SampleRing(core_count)
    add_samples(ring, pace.each(run.samples, len(run.samples)))
    return ring


class CpuPlot(i18n.FollowsLanguage, LiveViewBase, QWidget):
    """The CPU-per-core plot, a :class:`~desktop.ui.live_view.LiveView`; feed it with :meth:`add_samples`."""

    def __init__(self, core_count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._live_ring = SampleRing(core_count)  # the machine's last minute, always filling
        self._shown_ring: SampleRing | None = None  # a finished run's samples, while one is shown
        self._origin: float | None = None  # perf_counter() of the shown run's start; None: "seconds ago"
        self._dirty = False
        self._compact = False
        self.keeps_time_label = True  # False under a plot that names the shared time axis (see plot_room)
        self.plot_widget = pg.PlotWidget(background="w")
        item = self.plot_widget.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setXRange(-WINDOW_SECONDS, 0, padding=0)
        item.setYRange(0, 100, padding=0.02)
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        # Above the curves, in a row of its own: never over them, never cut (see plot_legend).
        self._legend = plot_legend.add_legend_row(
            item, rows_changed=self._fit_room, labelTextColor="#202020", brush=pg.mkBrush(255, 255, 255, 200)
        )
        self.heat_map = core_count > MAX_CORE_LINES
        self._core_curves: list[pg.PlotDataItem] = []
        self._image: pg.ImageItem | None = None
        if self.heat_map:
            self._image = pg.ImageItem(axisOrder="row-major")
            self._image.setColorMap(pg.colormap.get("viridis"))
            self._image.setLevels((0, 100))
            item.addItem(self._image)
        else:
            for core in range(core_count):
                pen = pg.mkPen(pg.intColor(core, hues=max(core_count, 2), alpha=170), width=1)
                name = f"core {core}" if core_count <= 4 else None  # legend text set by _retranslate
                self._core_curves.append(item.plot(pen=pen, name=name, antialias=False))
        total_pen = TOTAL_PEN_ON_HEAT_MAP if self.heat_map else TOTAL_PEN
        self._total_curve = item.plot(pen=total_pen, name="machine total", antialias=False)
        # On the heat map a fill would hide the cores: the run's share is a line there.
        fill = {} if self.heat_map else {"fillLevel": 0, "brush": RUN_FILL}
        self.run_share_curve = item.plot(pen=RUN_PEN, name="this run", antialias=False, **fill)
        self._total_curve.setZValue(self.run_share_curve.zValue() + 1)  # the total line over the run's fill
        run_cores.show_run_cores(item, core_count)  # the right axis reads "this run" in cores, as verdicts do
        self._retranslate()
        # Axes, title and legend stay put (fixed ranges): Qt renders each once into a pixmap and reuses
        # it until the item changes. Re-drawing their text was ~16 of 18 ms per frame (900x320); the
        # right axis (the run's cores), left out of this, made a 64-core frame 4.3 ms instead of 3.1.
        axes = (item.getAxis("left"), item.getAxis("bottom"), item.getAxis("right"))
        for decoration in (*axes, item.titleLabel, self._legend):
            decoration.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(1000 // REDRAW_HZ)
        self._redraw_timer.timeout.connect(self._on_redraw_timer_timeout)
        self._redraw_timer.start()
        item.getViewBox().sigResized.connect(self._on_view_box_resized)
        theme.appearance_changed.connect(self._fit_room)
        self._fit_room()

    def _retranslate(self) -> None:
        """Title, axis labels and legend in the UI's language."""
        item = self.plot_widget.getPlotItem()
        theme.set_plot_title(item, self.tr("CPU per logical core (%)"))
        if self._origin is None:
            item.setLabel("bottom", self.tr("seconds ago"))
        else:
            item.setLabel("bottom", self.tr("seconds since the run started"))
        item.setLabel("left", self.tr("cores (one row each) / total %") if self.heat_map else "%")
        run_cores.retranslate(item)
        item.getAxis("bottom").showLabel(self.keeps_time_label)
        plot_room.fit_axis_label(item, "right")
        names = [(self._total_curve, self.tr("machine total")), (self.run_share_curve, self.tr("this run"))]
        if len(self._core_curves) <= 4:
            names += [
                (curve, self.tr("core {number}").format(number=core)) for core, curve in enumerate(self._core_curves)
            ]
        for curve, name in names:
            curve.opts["name"] = name
            label = self._legend.getLabel(curve)
            if label is not None:
                label.setText(name)

    def set_compact(self, compact: bool) -> None:
        """Compact (presenter mode on a short screen): no time numbers here either, the plot below has them."""
        self._compact = compact
        plot_room.show_time_numbers(self.plot_widget.getPlotItem(), not (compact and not self.keeps_time_label))
        self._fit_room()

    def share_time_axis(self) -> None:
        """A plot below names the shared time axis: show only its numbers here (more room for the curves)."""
        self.keeps_time_label = False
        self._retranslate()
        self._fit_room()

    def _fit_room(self) -> None:
        """Room for the curves in the current font (presenter mode's is larger), see :mod:`plot_room`."""
        item = self.plot_widget.getPlotItem()
        area = plot_room.PLOT_AREA_MINIMUM if self._compact else plot_room.PLOT_AREA_NORMAL_MINIMUM
        self.plot_widget.setMinimumHeight(plot_room.minimum_height(item, area))
        plot_room.fit_axis_label(item, "right")

    def _on_view_box_resized(self, _view_box) -> None:
        plot_room.fit_axis_label(self.plot_widget.getPlotItem(), "right")

    @property
    def ring(self) -> SampleRing:
        """The samples drawn now: a shown finished run's, else the machine's live ones."""
        return self._shown_ring if self._shown_ring is not None else self._live_ring

    @property
    def sample_count(self) -> int:
        """Samples in the drawn ring since it was started (the live one: since the plot was created)."""
        return self.ring.total_added

    @property
    def showing_finished_run(self) -> bool:
        return self._shown_ring is not None

    # ------------------------------------------------------------- LiveView
    @property
    def origin(self) -> float | None:
        return self._origin

    def clear(self) -> None:
        """No run: the machine's live minute, x in "seconds ago"."""
        self._show(None, None)

    def follow(self, origin: float) -> None:
        """The machine's live samples, x in seconds since ``origin`` (the run's start, perf_counter)."""
        self._show(origin, None)

    def add_events(self, events: list[Event]) -> None:
        """Not drawn here (the CPU comes from the monitor's samples)."""

    def add_samples(self, samples: list[Sample]) -> None:
        """Live monitor samples: they fill the live ring (drawn unless a finished run is shown)."""
        self._add(self._live_ring, samples)
        self._dirty = self._dirty or (bool(samples) and self._shown_ring is None)

    def finish(self, duration: float | None = None) -> None:
        """The run ended: the plot keeps showing the machine, x still from the run's start."""

    def preparer(self) -> functools.partial[SampleRing]:
        return functools.partial(prepare_ring, core_count=self._live_ring.core_count)

    def show_run(self, run: FinishedRun) -> None:
        """Draw ``run``'s own samples (and nothing of the live machine) until cleared or a run is followed."""
        self._show(run.origin, prepared_for(run, self, self.preparer()))

    def _show(self, origin: float | None, ring: SampleRing | None) -> None:
        self._origin, self._shown_ring = origin, ring
        self._retranslate()
        self._dirty = True

    @staticmethod
    def _add(ring: SampleRing, samples) -> None:
        add_samples(ring, samples)

    def redraw(self) -> None:
        """Draw what the ring holds now (the timer calls this; tests may too)."""
        self._dirty = False
        times, loads = self.ring.ordered()
        if not len(times):
            for curve in (*self._core_curves, self._total_curve, self.run_share_curve):
                curve.setData([], [])
            return
        xs = times - (times[-1] if self._origin is None else self._origin)
        total = loads.mean(axis=1)
        if self._image is not None:
            # One image row per core, one column per sample, stretched over the time axis.
            self._image.setImage(loads.T, autoLevels=False)
            span = max(xs[-1] - xs[0], 1e-3)
            self._image.setRect(QRectF(xs[0], 0, span, 100))
        for core, curve in enumerate(self._core_curves):
            curve.setData(xs, loads[:, core])
        self._total_curve.setData(xs, total)
        self.run_share_curve.setData(xs, self.ring.ordered_run_share())

    def _on_redraw_timer_timeout(self) -> None:
        if self._dirty and self.isVisible():
            self.redraw()
