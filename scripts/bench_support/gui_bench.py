"""GUI-side measurements (offscreen Qt): event-loop lag under a telemetry flood, and plot frame times.

* lag: the real :class:`~desktop.ui.main_window.MainWindow` (event log, depth
  plot, CPU plot, 30 Hz bridge) runs :mod:`bench_support.flood_lesson` paced at
  a fixed rate; a 10 ms precise timer records how late each of its ticks fires.
* open: a saved run of N events loaded as File > Open loads it (off the GUI
  thread), with the longest stall of a 10 ms timer meanwhile;
* show: the same file opened in the real window until every view shows it
  (loaded, its views prepared off the GUI thread, then set), with the longest
  stall of a 10 ms timer over the whole of it;
* frames: ``redraw()`` plus a synchronous render (``grab()``) of the real
  :class:`~desktop.ui.cpu_plot.CpuPlot` with N simulated cores x 60 s of
  history, and of the real :class:`~desktop.ui.timeline.TimelineView` with 64
  lanes x 60 s of state changes (60 per lane), every lane changing state once
  more per frame at the live edge, as a busy run does.
"""

from __future__ import annotations

import itertools
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


def timeline_frame_ms(lanes: int, frames: int) -> list[float]:
    from desktop.runtime.telemetry import Event, State
    from desktop.ui.timeline import TimelineView

    _app()
    view = TimelineView()
    view.resize(*FRAME_SIZE)
    view.show()
    rng = np.random.default_rng(2)
    history_end = 55.0  # the first 55 s are history; frames add state changes up to 60 s
    states = np.asarray(State.ALL)
    events = [
        Event(float(t), 1000 + lane, f"worker-{lane}", "state", str(state), "detail", ("lesson", 1))
        for lane in range(lanes)
        for t, state in zip(
            np.sort(rng.uniform(0, history_end, TIMELINE_SEGMENTS)), rng.choice(states, TIMELINE_SEGMENTS), strict=True
        )
    ]
    view.follow(0.0)
    view.add_events(sorted(events))
    view.finish()  # the clock would run on from perf_counter(): stay on the synthetic times
    view.plot_item.setXRange(0, 60, padding=0)
    step = (60.0 - history_end) / (frames + 4)
    frame = [0]

    def draw() -> None:  # every lane changes state once per frame at the live edge
        frame[0] += 1
        t = history_end + frame[0] * step
        changes = [
            Event(t, 1000 + lane, f"worker-{lane}", "state", str(rng.choice(states)), "", None) for lane in range(lanes)
        ]
        view.add_events(changes)
        view.redraw()

    times = _frame_times(view, draw, frames)
    view.close()
    view.deleteLater()
    return times


def saved_run_open(events: int) -> dict:
    """Seconds to load a saved run of ``events`` events off the GUI thread; the GUI thread's longest stall meanwhile.

    The loader of File > Open (:class:`desktop.ui.run_loader.RunLoader`) without the replay that follows it.
    """
    import json
    from pathlib import Path

    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.model.run_record import RunRecord
    from desktop.runtime import run_file
    from desktop.ui.run_loader import RunLoader

    _app()
    record = RunRecord("ticket-lock", "passed", {}, "spawn", "CPython", "2024-01-01T10:00:00+00:00", 5.0)
    event = json.dumps([1.0, 10, "buyer-1", "state", "running", "reading the database", ["m", 4]])
    text = run_file.dumps(record).replace('"events": []', '"events": [' + ", ".join([event] * events) + "]", 1)
    path = Path(tempfile.mkdtemp(prefix="bench-run-")) / "run.json"
    path.write_text(text, "utf-8")
    del text
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(LAG_TICK_MS)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loader, loop, ended = RunLoader(), QEventLoop(), []
    loader.loaded.connect(lambda *_: (ended.append(time.perf_counter()), loop.quit()))
    loader.failed.connect(lambda text, _: (ended.append(text), loop.quit()))
    ticker.start()
    started = time.perf_counter()
    ticks.append(started)
    loader.start(path)
    loop.exec()
    ticker.stop()
    path.unlink()
    if not isinstance(ended[0], float):
        raise RuntimeError(f"saved run did not load: {ended[0]}")
    moments = [*ticks, ended[0]]
    return {"load_s": ended[0] - started, "max_stall_ms": max(b - a for a, b in itertools.pairwise(moments)) * 1000}


def saved_run_shown(events: int) -> dict:
    """Seconds from File > Open to a saved run of ``events`` events shown in every view; the longest GUI stall.

    The real window with its history (:func:`desktop.ui.history.install_history`): the file loads
    (:mod:`desktop.ui.run_loader`), its views are prepared (:mod:`desktop.ui.run_preparer`), then shown.
    The run has 8 workers that change state, count, log and put in turn, as ``make_big`` runs do.
    """
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from desktop.model.run_record import RunRecord
    from desktop.model.text import Text
    from desktop.monitor.sampler import Sampler
    from desktop.runtime import run_file
    from desktop.settings import Settings
    from desktop.ui.history import install_history
    from desktop.ui.main_window import MainWindow

    _app()
    record = RunRecord(
        "ticket-lock", "passed", {"buyers": 8}, "spawn", "CPython", "2024-01-01T10:00:00+00:00", 10.0, Text("ok", "好")
    )
    kinds = (
        lambda i: ["state", "running", "reading the database", ["desktop.lessons.ticket_lock", 40]],
        lambda i: ["count", "sold", 1, None],
        lambda i: ["log", "", f"bought ticket {i}", None],
        lambda i: ["put", "queue", 1, None],
    )
    record.events = [[1.0 + i * 1e-5, 1000 + i % 8, f"buyer-{i % 8}", *kinds[i % 4](i)] for i in range(events)]
    record.samples = [[1.0 + i * 0.1, [10.0, 20.0], 5.0, 1e6] for i in range(events // 1000)]
    path = Path(tempfile.mkdtemp(prefix="bench-run-")) / "run.json"
    run_file.save(record, path)
    del record
    sampler = Sampler()
    sampler.start()
    window = MainWindow(sampler, Settings(tempfile.mkdtemp(prefix="bench-settings-")))
    files = install_history(window).files
    window.resize(1200, 800)
    window.show()
    for _ in range(20):  # laid out and painted once: the window's first paint is not the open's
        QCoreApplication.processEvents()
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(LAG_TICK_MS)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop, ended = QEventLoop(), []
    files.open_ended.connect(lambda shown: (ended.append((time.perf_counter(), shown)), loop.quit()))
    ticker.start()
    started = time.perf_counter()
    ticks.append(started)
    files.open_from(path)
    loop.exec()
    ticker.stop()
    window.close()
    sampler.stop()
    path.unlink()
    if not ended[0][1]:
        raise RuntimeError("saved run was not shown")
    moments = [*ticks, ended[0][0]]
    return {
        "shown_s": ended[0][0] - started,
        "max_stall_ms": max(b - a for a, b in itertools.pairwise(moments)) * 1000,
    }


def measure(options: dict) -> dict:
    frames = options["frames"]
    results = {
        "cpu_plot_ms": {str(cores): cpu_plot_frame_ms(cores, frames) for cores in options["cores"]},
        "timeline_ms": {str(options["lanes"]): timeline_frame_ms(options["lanes"], frames)},
        "lag": [gui_lag(options["lag_rate"], options["lag_seconds"]) for _ in range(options["lag_repeat"])],
    }
    if options.get("open_events"):
        results["open"] = [saved_run_open(options["open_events"]) for _ in range(options["lag_repeat"])]
    if options.get("show_events"):
        results["show"] = [saved_run_shown(options["show_events"]) for _ in range(options["lag_repeat"])]
    results["frame_summary"] = {k: statistics.median(v) for k, v in results["cpu_plot_ms"].items()}
    return results
