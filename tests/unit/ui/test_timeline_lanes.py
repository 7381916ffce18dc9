"""The lane axis: as wide as the longest lane name, up to a third of the timeline, and names shortened keeping
what tells lanes apart; the plots sharing the time axis widen with it."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event
from desktop.ui.timeline import TimelineView
from desktop.ui.timeline_axis import AXIS_WIDTH
from desktop.ui.timeline_lanes import MOST_OF_WIDTH, TICK_ROOM, fit_label, label_column

ORIGIN = 100.0


def _metrics() -> QFontMetrics:
    font = QFont()
    font.setPointSizeF(15)  # presenter mode's size on a 10-point desktop
    return QFontMetrics(font)


def _labels(timeline: TimelineView) -> list[str]:
    return [label for _, label in timeline.plot_item.getAxis("left")._tickLevels[0]]


def _hello(workers: list[str]) -> list[Event]:
    return [Event(ORIGIN + i / 10, 7 + i, w, telemetry.HELLO, "", {}, None) for i, w in enumerate(workers)]


def test_a_name_that_fits_is_kept_whole(qapp):
    metrics = _metrics()
    for name in ("worker 2", "producer-1", "工作进程 12", "main/thread 3"):
        assert fit_label(name, metrics, metrics.horizontalAdvance(name)) == name


def test_a_shortened_name_keeps_its_number_and_the_start_of_its_words(qapp):
    metrics = _metrics()
    name = "producer-12"
    pixels = metrics.horizontalAdvance(name) - 1
    short = fit_label(name, metrics, pixels)
    assert short.endswith("…-12") and short.startswith("pro") and metrics.horizontalAdvance(short) <= pixels
    chinese = fit_label("工作进程 12", metrics, metrics.horizontalAdvance("工作… 12"))
    assert chinese.startswith("工") and chinese.endswith("… 12")


def test_a_thread_s_process_goes_first_then_its_own_words(qapp):
    metrics = _metrics()
    name = "main/thread 12"
    assert fit_label(name, metrics, metrics.horizontalAdvance("…/thread 12")) == "…/thread 12"
    short = fit_label(name, metrics, metrics.horizontalAdvance("thr… 12"))
    assert short.endswith(" 12") and "/" not in short


def test_a_name_without_a_number_loses_its_middle(qapp):
    metrics = _metrics()
    name = "downloader-of-pages"
    short = fit_label(name, metrics, metrics.horizontalAdvance(name) // 2)
    assert short.startswith("do") and short.endswith("es") and "…" in short


def test_the_label_column_fits_the_longest_name_between_the_plots_axis_and_a_third(qapp):
    metrics = _metrics()
    assert label_column(["main"], metrics, 600) == AXIS_WIDTH  # never narrower than the other plots' axes
    names = ["main", "consumer-12"]
    assert label_column(names, metrics, 600) == max(AXIS_WIDTH, metrics.horizontalAdvance("consumer-12") + TICK_ROOM)
    long = ["a worker with a very long name given by the lesson 1"]
    assert label_column(long, metrics, 600) == int(600 * MOST_OF_WIDTH)


def test_the_lane_axis_widens_for_long_names_and_the_time_axis_plots_follow(qtbot, window):
    timeline = window.page.timeline
    font = QFont(timeline.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)  # presenter mode's size
    timeline.setFont(font)
    workers = ["main", "SpawnPoolWorker-3:1", "a-producer-with-a-long-name-1", "a-producer-with-a-long-name-2"]
    with qtbot.waitSignal(timeline.lane_axis_resized) as resized:
        timeline.follow(ORIGIN)
        timeline.add_events(_hello(workers))
        timeline.redraw()
    width = resized.args[0]
    assert AXIS_WIDTH < width <= timeline.width() * MOST_OF_WIDTH
    axes = [plot.getAxis("left") for plot in (timeline.plot_item, window.page.cpu_plot.plot_widget.getPlotItem())]
    qtbot.waitUntil(lambda: [axis.width() for axis in axes] == [width, width])  # times line up
    labels = _labels(timeline)
    metrics = timeline.fontMetrics()
    assert labels[:2] == ["main", "worker 1"]  # whole
    assert [label[-2:] for label in labels[2:]] == ["-1", "-2"]  # shortened, still told apart
    assert all(metrics.horizontalAdvance(label) <= width - TICK_ROOM for label in labels)  # none dropped
    assert timeline.plot_item.getAxis("left").style["tickFont"] == font  # drawn in the font they were fitted to
