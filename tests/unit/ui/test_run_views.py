"""What students must see during a run: counters, labelled lanes, phase bands, cores, start-up progress.

Every test runs a real lesson (spawned processes) in the main window and checks
what the views show against what the run's record measured.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QSpinBox

from desktop import settings
from desktop.lessons import catalog
from desktop.model.run_record import PASSED, STOPPED
from desktop.monitor.sampler import Sample
from desktop.runtime import export, telemetry
from desktop.runtime.telemetry import Event
from desktop.ui import i18n
from desktop.ui.cpu_plot import CpuPlot
from desktop.ui.live_view import FinishedRun
from desktop.ui.run_cores import core_ticks, to_cores
from desktop.ui.timeline import TimelineView
from desktop.ui.timeline_lanes import TICK_ROOM, lane_pixels
from desktop.ui.view_preparation import RecordEvents
from desktop.ui.worker_name import readable_worker

RUN_TIMEOUT_MS = 60_000
ROOT = Path(__file__).resolve().parents[3]


def _run(qtbot, window, lesson_id: str, **params):
    assert window.select_lesson(lesson_id)
    window.page.param_form.set_values({**window.picker.lessons[lesson_id].quick, **params})
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert window.start_run()
    record = finished.args[0]
    assert record.status == PASSED, record.error
    return record


def _counted(record, name: str) -> list[float]:
    return [event[5] for event in record.events if event[3] == telemetry.COUNT and event[4] == name]


def _tick_labels(timeline) -> list[str]:
    return [label for _, label in timeline.plot_item.getAxis("left")._tickLevels[0]]


# ------------------------------------------------------------------ counters
def test_the_counters_show_a_real_run_s_counts_with_translated_names(qtbot, window):
    counters = window.page.counters_view
    assert counters.isVisible() and counters.values() == {"sold": 0.0}  # known from the code before the run
    record = _run(qtbot, window, "ticket-lock", buyers=3, delay=0.05)
    sold = sum(_counted(record, "sold"))
    assert sold == 3
    tile = counters.tiles["sold"]
    assert counters.values() == {"sold": sold} and tile.value_label.text() == "3"
    assert tile.name_label.text() == "tickets sold"
    assert tile.value_label.font().pointSizeF() >= 2 * counters.title_label.font().pointSizeF() - 0.01
    try:
        i18n.set_language(settings.CHINESE)
        assert tile.name_label.text() == "已售票数"
    finally:
        i18n.set_language(settings.ENGLISH)
    assert tile.name_label.text() == "tickets sold"


def test_a_counter_that_goes_down_shows_its_peak_and_lessons_that_count_nothing_hide_the_strip(qtbot, window):
    record = _run(qtbot, window, "semaphore-room")
    deltas = _counted(record, "occupants")
    peak = max(np.cumsum(deltas))
    tile = window.page.counters_view.tiles["occupants"]
    assert tile.total == sum(deltas) == 0  # everybody left the room
    assert tile.peak == peak and f"peak {int(peak)}" in tile.name_label.text()
    assert window.select_lesson("queue-basics")
    assert not window.page.counters_view.isVisible() and window.page.counters_view.values() == {}


def test_counters_of_a_run_stopped_mid_way_say_they_are_the_counts_at_stop(qtbot, window):
    counters = window.page.counters_view
    assert not counters.stopped_label.isVisible()
    # With the lock held through a 2 s payment, the five tickets take about 10 s to sell: stopped after the first.
    window.page.param_form.set_values({"buyers": 4, "inventory": 5, "delay": 2.0, "lock": True})

    def sold(events) -> bool:
        return any(event.kind == telemetry.COUNT and event.name == "sold" for event in events)

    with qtbot.waitSignal(window.bridge.events_received, timeout=RUN_TIMEOUT_MS, check_params_cb=sold):
        assert window.start_run()
    assert not counters.stopped_label.isVisible()  # live: the counts are still moving
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        window.stop_run()
    record = finished.args[0]
    assert record.status == STOPPED
    counted = sum(_counted(record, "sold"))
    assert 1 <= counted < 5  # mid-way: some tickets sold, not all five
    assert counters.values() == {"sold": counted}
    assert counters.stopped_label.isVisible() and "At Stop" in counters.stopped_label.text()
    try:
        i18n.set_language(settings.CHINESE)
        assert "停止时" in counters.stopped_label.text()
    finally:
        i18n.set_language(settings.ENGLISH)
    counters.clear()
    counters.show_run(FinishedRun(record, record.events[0][0], RecordEvents(record.events), []))  # a replay
    assert counters.stopped_label.isVisible() and counters.values() == {"sold": counted}
    assert window.select_lesson("semaphore-room")  # another lesson: no run shown, nothing stopped
    assert not counters.stopped_label.isVisible()


# --------------------------------------------------------------------- lanes
def test_readable_worker_names():
    assert readable_worker("SpawnPoolWorker-23:2") == "worker 2"
    assert readable_worker("ForkPoolWorker-3") == "worker 3"
    assert readable_worker("SpawnProcess-1:4") == "process 4"
    assert readable_worker("main/Thread-2 (worker)") == "main/thread 2"
    assert readable_worker("main/ThreadPoolExecutor-0_0") == "main/pool thread 1"
    assert readable_worker("main/QueueFeederThread") == "main/queue feeder"
    assert readable_worker("buyer-3") == "buyer-3" and readable_worker("main/io-7") == "main/io-7"


def test_every_lane_is_labelled_and_pool_workers_are_numbered(qtbot, window):
    record = _run(qtbot, window, "pool-lifecycle")
    timeline = window.page.timeline
    timeline.redraw()
    pool_workers = [worker for worker in timeline.workers() if "PoolWorker" in worker]
    assert len(pool_workers) >= 2
    labels = _tick_labels(timeline)
    shown = timeline.lanes.shown_lanes()
    assert len(labels) == len(shown) > 0  # every lane in view has its label
    for worker in pool_workers:
        number = worker.rsplit(":", 1)[-1]
        assert readable_worker(worker) == f"worker {number}"
    assert {readable_worker(w) for w in timeline.workers()[shown.start : shown.stop]} == set(labels)
    assert len(record.events) > 0
    assert timeline.hint_label.isVisible() and "Hover" in timeline.hint_label.text()


@pytest.fixture
def translations(monkeypatch, qapp, tmp_path):
    """The app's translations compiled now from the .ts, for the Chinese UI."""
    spec = importlib.util.spec_from_file_location("build_translations", ROOT / "scripts" / "build_translations.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    build.compile_translations(output=tmp_path)
    monkeypatch.setattr(i18n, "translations_directory", lambda: tmp_path)
    yield
    i18n.set_language(settings.ENGLISH)


def test_every_lane_label_fits_the_axis_in_chinese_too(qtbot, translations):
    timeline = TimelineView()
    qtbot.addWidget(timeline)
    workers = [
        "main",
        "SpawnPoolWorker-23:1",
        "SpawnPoolWorker-23:12",
        "main/Thread-2 (worker)",
        "main/QueueFeederThread",
    ]
    timeline.follow(100.0)
    timeline.add_events([Event(100.1 + i / 10, 7 + i, w, telemetry.HELLO, "", {}, None) for i, w in enumerate(workers)])
    timeline.redraw()
    i18n.set_language(settings.CHINESE)
    labels = _tick_labels(timeline)
    assert labels[:3] == ["main", "工作进程 1", "工作进程 12"] and labels[3] == "main/线程 2"
    metrics = timeline.fontMetrics()
    room = timeline.lanes.axis_width - TICK_ROOM
    assert all(0 < metrics.horizontalAdvance(label) <= room for label in labels)  # none dropped
    i18n.set_language(settings.ENGLISH)
    assert _tick_labels(timeline)[1] == "worker 1"


def test_many_lanes_scroll_instead_of_squeezing(qtbot, window):
    _run(qtbot, window, "threads-io-bound")
    timeline = window.page.timeline
    timeline.redraw()
    lanes = timeline.lane_count
    fitting = timeline.lanes.lanes_fitting
    assert lanes > fitting, "the run should have more workers than the plot has room for"
    view_height = timeline.plot_item.getViewBox().height()
    assert view_height / fitting >= lane_pixels(timeline.fontMetrics()) - 1  # never thinner than a label
    assert timeline.lane_scroll_bar.isVisible()
    assert _tick_labels(timeline) == [readable_worker(w) for w in timeline.workers()[:fitting]]
    timeline.lane_scroll_bar.setValue(timeline.lane_scroll_bar.maximum())
    assert _tick_labels(timeline)[-1] == readable_worker(timeline.workers()[-1])
    top, bottom = timeline.plot_item.getViewBox().viewRange()[1]
    assert (top, bottom) == (lanes - fitting, lanes)
    last = timeline.workers()[-1]
    timeline.lane_scroll_bar.setValue(0)
    timeline.select_worker(last)  # selecting a lane out of view scrolls to it
    assert lanes - 1 in timeline.lanes.shown_lanes()


# --------------------------------------------------------------- phase bands
def _mean_cores(record, start: float, end: float) -> float:
    origin = export.run_origin(record)
    inside = [s.run_cpu / 100 for s in export.samples_of(record, 0.0) if start < s.t - origin <= end]
    return sum(inside) / len(inside)


def test_phase_bands_shade_a_real_run_s_phases_with_the_cores_each_used(qtbot, window):
    record = _run(qtbot, window, "gil-cpu-bound")
    bands = window.page.phase_bands
    bands.refresh()
    marks = [event for event in record.events if event[3] == telemetry.PHASE]
    assert (
        [phase.name for phase in bands.phases] == [mark[4] for mark in marks] == ["sequential", "threads", "processes"]
    )
    cpu_items = window.page.cpu_plot.plot_widget.getPlotItem().items
    timeline_items = window.page.timeline.plot_item.items
    for phase in bands.phases:
        band_on_cpu, label, band_on_timeline = phase.items
        assert band_on_cpu in cpu_items and label in cpu_items and band_on_timeline in timeline_items
        start, end = band_on_cpu.getRegion()
        assert np.isclose(start, phase.start)
        assert phase.cores is not None
        assert phase.cores == pytest.approx(_mean_cores(record, start, end), abs=0.02)
        full = f"{phase.name} · ~{phase.cores:.1f} core" + ("" if f"{phase.cores:.1f}" == "1.0" else "s")
        assert band_on_cpu.toolTip() == band_on_timeline.toolTip() == full
        assert label.textItem.toPlainText() in (full, f"~{phase.cores:.1f}", "")  # shortened where the band is narrow
    threads = bands.phases[1]
    assert threads.cores <= 1.3  # the GIL: two threads of pure Python never get much more than one core
    drawn = [item for phase in bands.phases for item in phase.items]
    window.select_lesson("ticket-lock")
    assert bands.phases == []
    assert not any(item in cpu_items or item in timeline_items for item in drawn)  # a new lesson: no old bands


# --------------------------------------------------------------- run in cores
def test_the_run_s_share_reads_in_cores_on_the_right_axis(qtbot):
    plot = CpuPlot(core_count=4)
    qtbot.addWidget(plot)
    samples = [Sample(10.0 + i * 0.1, (50.0,) * 4, {1: (100.0, 0), 2: (100.0, 0)}) for i in range(5)]
    plot.add_samples(samples)  # two cores' worth on a 4-core machine
    plot.redraw()
    axis = plot.plot_widget.getPlotItem().getAxis("right")
    assert axis.isVisible() and axis.labelText == "this run, cores"
    ticks = dict(axis._tickLevels[0])
    assert ticks == {0.0: "0", 25.0: "1", 50.0: "2", 75.0: "3", 100.0: "4"}
    assert np.allclose(to_cores(plot.run_share_curve.yData, 4), 2.0)  # read on the right axis: 2 cores
    assert ticks[plot.run_share_curve.yData[-1]] == "2"
    assert len(core_ticks(64)) <= 9 and core_ticks(64)[-1] == (100.0, "64")
    assert [label for _, label in core_ticks(2)] == ["0", "0.5", "1", "1.5", "2"]  # a short plot still shows some


# ------------------------------------------------------------ start progress
def test_the_start_progress_counts_the_workers_that_said_hello(qtbot, window):
    lesson = catalog.load("manager-counter")
    texts: list[str] = []
    window.bridge.run_started.connect(lambda _id: texts.append(window.page.start_progress.text()))
    window.bridge.events_received.connect(lambda _events: texts.append(window.page.start_progress.text()))
    record = _run(qtbot, window, "manager-counter")
    plan = lesson.plan_for(lesson.parse_params(record.params))
    planned = plan.reporting  # the Manager's server never says hello: caps count it, progress does not
    assert plan.silent == 1 and plan.processes == planned + 1
    workers = {event[1] for event in record.events if event[3] == telemetry.HELLO and event[2] != "main"}
    assert planned >= 2 and len(workers) >= planned
    assert texts[0] == f"Started 0 of {planned} processes…"
    started = [int(text.split()[1]) for text in texts if text.startswith("Started")]
    assert started == sorted(started)  # it only ever counts up
    assert window.page.start_progress.text() == f"All {len(workers)} processes started."


def test_a_run_started_with_overrides_shows_them_in_the_form_and_counts_them(qtbot, window):
    # The screenshots started ticket-lock with buyers=6 over a form saying 10: the plan line said "up to 10
    # processes" and the run "ended with 6 of 10 processes started", though every buyer had started.
    assert window.select_lesson("ticket-lock")
    window.page.param_form.set_values({"buyers": 10, "inventory": 5, "delay": 0.1})
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert window.start_run({"buyers": 3})
    record = finished.args[0]
    assert record.status == PASSED and record.params["buyers"] == 3, record.error
    assert window.page.param_form.parse()["buyers"] == 3  # the form shows what ran
    buyers = {event[1] for event in record.events if event[3] == telemetry.HELLO and event[2] != "main"}
    assert len(buyers) == 3
    assert window.page.start_progress.text() == "All 3 processes started."


def test_a_value_typed_without_enter_is_the_value_that_runs(qtbot, window):
    # Typed "9" into Buyers (10) and pressed F5: the editor showed 9, the plan line said "up to 9 processes",
    # but the run started 10 buyers (an uncommitted spin box still reported its old value).
    assert window.select_lesson("ticket-lock")
    window.page.param_form.set_values({"buyers": 10, "inventory": 5, "delay": 0.1})
    editor = window.page.param_form.findChild(QSpinBox, "param-buyers")
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor.lineEdit(), "3")
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert window.start_run()
    record = finished.args[0]
    assert record.status == PASSED and record.params["buyers"] == 3, record.error
    buyers = {event[1] for event in record.events if event[3] == telemetry.HELLO and event[2] != "main"}
    assert len(buyers) == 3 and window.page.start_progress.text() == "All 3 processes started."
