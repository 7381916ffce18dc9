""" "Plots as PNG": one image of a real run, at least 1600 px wide, with every part a reader needs."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from desktop.lessons import catalog
from desktop.model.run_record import PASSED
from desktop.runtime import telemetry
from desktop.runtime.run import run_to_completion
from desktop.ui.counters_view import CounterTile
from desktop.ui.history import install_history
from desktop.ui.report_image import REPORT_WIDTH, RunReport
from desktop.ui.timeline import STATE_COLOURS
from desktop.ui.timeline_model import State

RUN_COLOUR = QColor("#e66100")  # the CPU plot's "this run" curve


def _run(window, lesson_id: str, **params):
    lesson = catalog.load(lesson_id)
    record = run_to_completion(lesson, lesson.parse_params({**lesson.quick, **params}), sampler=window.bridge.sampler)
    assert record.status == PASSED, record.error
    return record


def _region(image: QImage, widget, report) -> QImage:
    """The part of the report's image where ``widget`` was drawn."""
    top_left = widget.mapTo(report, widget.rect().topLeft())
    return image.copy(top_left.x(), top_left.y(), widget.width(), widget.height())


def _has_colour(image: QImage, colour: QColor, tolerance: int = 40) -> bool:
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if all(abs(a - b) <= tolerance for a, b in zip(pixel.getRgb()[:3], colour.getRgb()[:3], strict=True)):
                return True
    return False


def _blank(image: QImage) -> bool:
    first = image.pixel(0, 0)
    return all(image.pixel(x, y) == first for y in range(0, image.height(), 3) for x in range(0, image.width(), 3))


@pytest.fixture
def producer_consumer(window):
    return _run(window, "producer-consumer")


def test_the_report_holds_title_parameters_verdict_and_every_plot_of_a_real_run(qtbot, window, producer_consumer):
    record = producer_consumer
    lesson = catalog.load("producer-consumer")
    report = RunReport(record, window.bridge.sampler.core_count)
    qtbot.addWidget(report)
    assert report.width() == REPORT_WIDTH >= 1600
    assert report.title_label.text() == lesson.title.en
    for name, value in record.params.items():
        assert f"{lesson.param(name).label.en} = {value}" in report.parameters_label.text()
    assert report.verdict_panel.verdict_label.text() == record.verdict.en
    assert not report.depth_plot.isHidden()
    assert max(d for _, d in report.depth_plot.depths.history["queue"]) >= 1
    workers = list(dict.fromkeys(event[2] for event in record.events))
    assert report.timeline.workers() == workers
    assert not report.timeline.lane_scroll_bar.isVisible()  # every lane in the picture, none scrolled away
    assert len(report.timeline.lanes.shown_lanes()) == len(workers)
    produced = sum(e[5] for e in record.events if e[3] == telemetry.COUNT and e[4] == "produced")
    assert report.counters_view.values()["produced"] == produced
    tiles = [tile for tile in report.counters_view.findChildren(CounterTile) if tile.isVisible()]
    assert sorted(tile.name for tile in tiles) == ["consumed", "produced"]  # one tile each, no stale one under it
    assert report.counters_view.tiles["produced"].value_label.text() == str(int(produced))

    image = QImage.fromData(report.png(), "PNG")
    assert (image.width(), image.height()) == (report.width(), report.height())
    for part in (report.title_label, report.parameters_label, report.verdict_panel, report.depth_plot):
        assert not _blank(_region(image, part, report)), part
    assert _has_colour(_region(image, report.cpu_plot, report), RUN_COLOUR)
    timeline = _region(image, report.timeline, report)
    assert _has_colour(timeline, QColor(STATE_COLOURS[State.RUNNING]), tolerance=10)


def test_exported_from_the_history_the_png_is_the_report(qtbot, window, producer_consumer, tmp_path):
    panel = install_history(window)
    assert not panel.files.export_plots_action.isEnabled()  # nothing to export yet
    panel.add_record(producer_consumer)
    assert panel.files.export_plots_action.isEnabled()
    assert panel.files.export_plots_to(tmp_path / "run.png")
    image = QImage(str(tmp_path / "run.png"))
    assert image.width() == REPORT_WIDTH and image.height() > 1000


def test_a_run_of_no_known_lesson_still_makes_a_report(qtbot):
    from desktop.model.run_record import RunRecord
    from desktop.model.text import Text

    record = RunRecord("my-script.py", PASSED, {"n": 3}, "spawn", "CPython", "2026-01-01T10:00:00", 0.5)
    record.verdict = Text("It ran.", "运行了。")
    report = RunReport(record, core_count=2)
    qtbot.addWidget(report)
    assert report.lesson is None and report.title_label.text() == "my-script.py"
    assert report.parameters_label.text() == "n = 3" and report.depth_plot.isHidden()
    image = QImage.fromData(report.png(), "PNG")
    assert image.width() == REPORT_WIDTH
