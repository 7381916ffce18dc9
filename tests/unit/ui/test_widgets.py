"""The smaller widgets: lesson picker, CPU plot, event log, verdict panel, about text."""

from __future__ import annotations

import psutil
import PySide6

import desktop
from desktop.lessons import catalog
from desktop.model.run_record import RunRecord
from desktop.model.text import Text
from desktop.monitor.sampler import Sample
from desktop.runtime.telemetry import Event
from desktop.ui.about_dialog import about_text
from desktop.ui.cpu_plot import CpuPlot
from desktop.ui.event_log import EventLogModel
from desktop.ui.lesson_picker import LessonPicker
from desktop.ui.verdict_panel import VerdictPanel


def test_picker_groups_by_chapter_and_filters(qtbot):
    picker = LessonPicker([catalog.load("ticket-lock")])
    qtbot.addWidget(picker)
    assert picker.tree.topLevelItemCount() == 1
    assert picker.tree.topLevelItem(0).text(0).startswith("2. ")
    with qtbot.waitSignal(picker.lesson_selected) as selected:
        assert picker.select("ticket-lock")
    assert selected.args[0].id == "ticket-lock"
    picker.search_box.setText("critical section")
    assert picker.visible_lesson_ids() == ["ticket-lock"]
    picker.search_box.setText("no lesson says this")
    assert picker.visible_lesson_ids() == []
    assert picker.tree.topLevelItem(0).isHidden()


def _samples(count, cores):
    return [
        Sample(t=i * 0.1, per_core=tuple(float(c * 3 % 100) for c in range(cores)), processes={}) for i in range(count)
    ]


def test_cpu_plot_keeps_a_bounded_ring_and_draws_lines(qtbot):
    plot = CpuPlot(core_count=2)
    qtbot.addWidget(plot)
    plot.add_samples(_samples(plot.ring.capacity + 50, 2))
    plot.redraw()
    assert plot.sample_count == plot.ring.capacity + 50
    assert len(plot.ring) == plot.ring.capacity
    times, _ = plot.ring.ordered()
    assert (times[1:] > times[:-1]).all()  # oldest first after wrapping
    assert not plot.heat_map


def test_cpu_plot_uses_a_heat_map_above_16_cores(qtbot):
    plot = CpuPlot(core_count=32)
    qtbot.addWidget(plot)
    plot.add_samples(_samples(20, 32))
    plot.redraw()
    assert plot.heat_map
    assert plot._image.image.shape == (32, 20)


def test_event_log_keeps_only_the_last_rows(qtbot):
    model = EventLogModel(max_rows=10)
    model.start(100.0)
    model.add_events([Event(100.0 + i, 7, "buyer-1", "log", "", f"line {i}", None) for i in range(25)])
    assert model.rowCount() == 10
    assert model.index(9, 3).data() == "line 24"
    assert model.index(0, 0).data().strip() == "15.000"


def test_verdict_panel_shows_the_error_of_a_failed_run(qtbot):
    panel = VerdictPanel()
    qtbot.addWidget(panel)
    record = RunRecord(
        "ticket-lock", "failed", {}, "spawn", "CPython", "", 1.0, verdict=Text("The run failed: boom", "")
    )
    record.error = "Traceback...\nRuntimeError: boom"
    panel.show_record(record)
    assert "Failed" in panel.status_label.text()
    assert not panel.error_text.isHidden()
    assert "RuntimeError: boom" in panel.error_text.toPlainText()


def test_about_names_the_versions():
    text = about_text()
    for part in (desktop.APP_NAME, desktop.__version__, PySide6.__version__, psutil.__version__):
        assert part in text
