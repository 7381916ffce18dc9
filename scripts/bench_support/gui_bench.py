"""GUI-side measurements (offscreen Qt): event-loop lag under a telemetry flood, and plot frame times.

* lag: the real :class:`~desktop.ui.main_window.MainWindow` (event log, depth
  plot, CPU plot, 30 Hz bridge) runs :mod:`bench_support.flood_lesson` paced at
  a fixed rate; a 10 ms precise timer records how late each of its ticks fires.
* frames: ``redraw()`` plus a synchronous render (``grab()``) of the real
  :class:`~desktop.ui.cpu_plot.CpuPlot` with N simulated cores x 60 s of
  history, and of a 64-lane timeline drawn as ONE pyqtgraph item. There is no
  timeline widget in the app yet, so the lane view is a stand-in: one custom
  item holding every lane's state segments (60 per lane, all rebuilt each
  frame), painted with one ``drawRects`` per state colour.
"""

from __future__ import annotations

import statistics
import tempfile
import time

import numpy as np

LAG_TICK_MS = 10
FRAME_SIZE = (900, 320)
HISTORY_SAMPLES = 600  # 60 s at 10 Hz
TIMELINE_SEGMENTS = 60  # state changes per lane on screen


def _app():
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    pg.setConfigOptions(antialias=False, background="w", foreground="#202020")
    return app


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def gui_lag(rate: float, seconds: float) -> dict:
    """Lateness (ms) of a 10 ms timer while the window shows a run emitting ``rate`` events/s."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from bench_support import flood_lesson
    from desktop.monitor.sampler import Sampler
    from desktop.settings import Settings
    from desktop.ui.main_window import MainWindow

    _app()
    sampler = Sampler()
    sampler.start()
    window = MainWindow(sampler, Settings(tempfile.mkdtemp(prefix="bench-settings-")), lessons=[flood_lesson.LESSON])
    window.resize(1200, 800)
    window.show()
    lesson = flood_lesson.LESSON
    params = lesson.parse_params({"workers": 1, "events": int(rate * seconds), "rate": rate})
    lags: list[float] = []
    received = [0]
    clock = QElapsedTimer()
    last = [0.0]

    wrap_up_lags: list[float] = []
    expected = params.events // params.workers * params.workers

    def on_tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        if window.bridge.running:
            # Until the last flood event has reached the window, the lesson is emitting; after that the
            # run is wrapping up (the runtime sorts and records every event, then computes the verdict).
            phase = lags if received[0] < expected else wrap_up_lags
            phase.append(max(0.0, now - last[0] - LAG_TICK_MS))
        last[0] = now

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(LAG_TICK_MS)
    ticker.timeout.connect(on_tick)
    clock.start()
    ticker.start()
    records = []
    loop = QEventLoop()

    def on_events(events: list) -> None:
        received[0] += sum(1 for event in events if event.kind == "count")

    window.bridge.events_received.connect(on_events)
    window.bridge.run_finished.connect(lambda record: (records.append(record), loop.quit()))
    QTimer.singleShot(int((seconds + 60) * 1000), loop.quit)  # a hung run ends the measurement
    window.bridge.start(lesson, params)
    loop.exec()
    ticker.stop()
    window.bridge.shutdown()
    window.close()
    sampler.stop()
    if not records or records[0].status != "passed":
        raise RuntimeError(f"flood run did not pass: {records[0].error if records else 'timed out'}")
    return {
        "p50_ms": percentile(lags, 0.50),
        "p99_ms": percentile(lags, 0.99),
        "max_ms": max(lags),
        "ticks": len(lags),
        "wrap_up_max_ms": max(wrap_up_lags, default=0.0),
        "wrap_up_ticks": len(wrap_up_lags),
        "events": received[0],
    }


def _frame_times(widget, draw, frames: int) -> list[float]:
    for _ in range(3):  # warm-up: first paints build caches
        draw()
        widget.grab()
    times = []
    for _ in range(frames):
        started = time.perf_counter()
        draw()
        widget.grab()
        times.append((time.perf_counter() - started) * 1000)
    return times


def cpu_plot_frame_ms(cores: int, frames: int) -> list[float]:
    from desktop.monitor.sampler import Sample
    from desktop.ui.cpu_plot import CpuPlot

    _app()
    plot = CpuPlot(cores)
    plot.resize(*FRAME_SIZE)
    plot.show()
    rng = np.random.default_rng(1)
    loads = rng.uniform(0, 100, size=(HISTORY_SAMPLES + frames + 3, cores))
    plot.add_samples([Sample(i * 0.1, tuple(row), {}) for i, row in enumerate(loads[:HISTORY_SAMPLES])])
    fresh = iter(loads[HISTORY_SAMPLES:])
    counter = [HISTORY_SAMPLES]

    def draw() -> None:  # one new sample per frame, as in the app
        plot.add_samples([Sample(counter[0] * 0.1, tuple(next(fresh)), {})])
        counter[0] += 1
        plot.redraw()

    times = _frame_times(plot, draw, frames)
    plot.close()
    plot.deleteLater()
    return times


def _lanes_item_class():
    import pyqtgraph as pg
    from PySide6.QtCore import QRectF

    class LanesItem(pg.GraphicsObject):
        """Every lane's state segments in one item, painted with one ``drawRects`` call per state colour."""

        def __init__(self, lanes: int, brushes: list) -> None:
            super().__init__()
            self._lanes = lanes
            self._brushes = brushes
            self._rects: list[list] = [[] for _ in brushes]

        def set_segments(self, starts: np.ndarray, widths: np.ndarray, states: np.ndarray) -> None:
            rects: list[list] = [[] for _ in self._brushes]
            for lane in range(starts.shape[0]):
                for start, width, state in zip(starts[lane], widths[lane], states[lane], strict=True):
                    rects[state].append(QRectF(start, lane + 0.1, width, 0.8))
            self._rects = rects
            self.update()

        def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
            return QRectF(0, 0, 60, self._lanes)

        def paint(self, painter, *args) -> None:
            painter.setPen(pg.mkPen(None))
            for brush, rects in zip(self._brushes, self._rects, strict=True):
                if rects:
                    painter.setBrush(brush)
                    painter.drawRects(rects)

    return LanesItem


def timeline_frame_ms(lanes: int, frames: int) -> list[float]:
    import pyqtgraph as pg
    from PySide6.QtWidgets import QGraphicsItem

    _app()
    widget = pg.PlotWidget()
    widget.resize(*FRAME_SIZE)
    widget.show()
    plot_item = widget.getPlotItem()
    plot_item.setXRange(0, 60, padding=0)
    plot_item.setYRange(0, lanes, padding=0)
    for axis in ("left", "bottom"):  # as in CpuPlot: fixed axes are cached pixmaps
        plot_item.getAxis(axis).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    rng = np.random.default_rng(2)
    palette = [pg.mkBrush(c) for c in ("#4caf50", "#f44336", "#2196f3", "#9e9e9e", "#000000", "#ff9800")]
    item = _lanes_item_class()(lanes, palette)
    plot_item.addItem(item)

    def draw() -> None:  # every lane's segments move and change state each frame
        starts = np.sort(rng.uniform(0, 60, size=(lanes, TIMELINE_SEGMENTS)), axis=1)
        widths = np.diff(starts, axis=1, append=60.0)
        item.set_segments(starts, widths, rng.integers(0, len(palette), size=(lanes, TIMELINE_SEGMENTS)))

    times = _frame_times(widget, draw, frames)
    widget.close()
    return times


def measure(options: dict) -> dict:
    frames = options["frames"]
    results = {
        "cpu_plot_ms": {str(cores): cpu_plot_frame_ms(cores, frames) for cores in options["cores"]},
        "timeline_ms": {str(options["lanes"]): timeline_frame_ms(options["lanes"], frames)},
        "lag": [gui_lag(options["lag_rate"], options["lag_seconds"]) for _ in range(options["lag_repeat"])],
    }
    results["frame_summary"] = {k: statistics.median(v) for k, v in results["cpu_plot_ms"].items()}
    return results
