"""Live CPU load of every logical core over the last minute, plus the machine total.

Samples go into numpy ring buffers as they arrive; the plot is redrawn from a
timer (at most :data:`REDRAW_HZ`), never once per sample. Up to
:data:`MAX_CORE_LINES` cores each get a thin line; on bigger machines one line
per core is unreadable, so the cores become a heat map (cores x time) under
the total line.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, QTimer
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from desktop.monitor.sampler import Sample

WINDOW_SECONDS = 60.0
CAPACITY = 1200  # 60 s at 10 Hz, with room for a faster sampler
REDRAW_HZ = 20
MAX_CORE_LINES = 16
TOTAL_PEN = pg.mkPen("#202020", width=3)
TOTAL_PEN_ON_HEAT_MAP = pg.mkPen("w", width=3)  # black vanishes on the dark colour map


class SampleRing:
    """The last ``capacity`` samples: times and per-core loads, oldest first on read."""

    def __init__(self, core_count: int, capacity: int = CAPACITY):
        self.core_count = core_count
        self._times = np.zeros(capacity)
        self._loads = np.zeros((capacity, core_count), dtype=np.float32)
        self._next = 0
        self.total_added = 0

    @property
    def capacity(self) -> int:
        return len(self._times)

    def __len__(self) -> int:
        return min(self.total_added, self.capacity)

    def add(self, t: float, per_core: tuple[float, ...]) -> None:
        loads = np.zeros(self.core_count, dtype=np.float32)
        count = min(len(per_core), self.core_count)
        loads[:count] = per_core[:count]
        self._times[self._next] = t
        self._loads[self._next] = loads
        self._next = (self._next + 1) % self.capacity
        self.total_added += 1

    def ordered(self) -> tuple[np.ndarray, np.ndarray]:
        """(times, loads) oldest first; loads has one column per core."""
        size = len(self)
        if size < self.capacity:
            return self._times[:size], self._loads[:size]
        order = np.r_[self._next : self.capacity, 0 : self._next]
        return self._times[order], self._loads[order]


class CpuPlot(QWidget):
    """The CPU-per-core plot; feed it with :meth:`add_samples`."""

    def __init__(self, core_count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ring = SampleRing(core_count)
        self._dirty = False
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setMinimumHeight(160)
        item = self.plot_widget.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setXRange(-WINDOW_SECONDS, 0, padding=0)
        item.setYRange(0, 100, padding=0.02)
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        self._legend = item.addLegend(offset=(5, 5), labelTextColor="#202020", brush=pg.mkBrush(255, 255, 255, 200))
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
        self._retranslate()
        # Axes, title and legend stay put (fixed ranges): Qt renders each once into a pixmap and reuses
        # it until the item changes. Re-drawing their text was ~16 of 18 ms per frame (900x320).
        for decoration in (item.getAxis("left"), item.getAxis("bottom"), item.titleLabel, self._legend):
            decoration.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(1000 // REDRAW_HZ)
        self._redraw_timer.timeout.connect(self._on_redraw_timer_timeout)
        self._redraw_timer.start()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        """Title, axis labels and legend in the UI's language."""
        item = self.plot_widget.getPlotItem()
        item.setTitle(self.tr("CPU per logical core (%)"), color="#202020", size="10pt")
        item.setLabel("bottom", self.tr("seconds ago"))
        item.setLabel("left", self.tr("cores (one row each) / total %") if self.heat_map else "%")
        names = [(self._total_curve, self.tr("machine total"))]
        if len(self._core_curves) <= 4:
            names += [
                (curve, self.tr("core {number}").format(number=core)) for core, curve in enumerate(self._core_curves)
            ]
        for curve, name in names:
            curve.opts["name"] = name
            label = self._legend.getLabel(curve)
            if label is not None:
                label.setText(name)

    @property
    def sample_count(self) -> int:
        """Samples received since the plot was created."""
        return self.ring.total_added

    def add_samples(self, samples: list[Sample]) -> None:
        for sample in samples:
            self.ring.add(sample.t, sample.per_core)
        self._dirty = self._dirty or bool(samples)

    def redraw(self) -> None:
        """Draw what the ring holds now (the timer calls this; tests may too)."""
        self._dirty = False
        times, loads = self.ring.ordered()
        if not len(times):
            return
        ages = times - times[-1]
        total = loads.mean(axis=1)
        if self._image is not None:
            # One image row per core, one column per sample, stretched over the time axis.
            self._image.setImage(loads.T, autoLevels=False)
            span = max(ages[-1] - ages[0], 1e-3)
            self._image.setRect(QRectF(ages[0], 0, span, 100))
        for core, curve in enumerate(self._core_curves):
            curve.setData(ages, loads[:, core])
        self._total_curve.setData(ages, total)

    def _on_redraw_timer_timeout(self) -> None:
        if self._dirty and self.isVisible():
            self.redraw()
