"""The run history: real runs are listed, saved, opened again and replayed into every view, and exported."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from desktop import settings
from desktop.lessons import catalog
from desktop.model.run_record import PASSED, RunRecord
from desktop.model.text import Text
from desktop.runtime import run_file
from desktop.runtime.run import run_to_completion
from desktop.ui import i18n
from desktop.ui.event_log import HIDDEN_KINDS
from desktop.ui.history import install_history

RUN_TIMEOUT_MS = 30_000


@pytest.fixture
def panel(window):
    return install_history(window)


def _figures_shown(window) -> list[tuple[str, str]]:
    table = window.page.verdict_panel.figures_table
    return [(table.item(row, 0).text(), table.item(row, 1).text()) for row in range(table.rowCount())]


def _small_record(lesson: str = "ticket-lock") -> RunRecord:
    started_at = "2024-01-01T10:00:00+00:00"
    return RunRecord(lesson, PASSED, {}, "spawn", "CPython", started_at, 0.5, verdict=Text("It worked.", ""))


def test_the_file_menu_and_the_window_get_the_history(window, panel):
    texts = [action.text() for action in window.menus.file.actions()]
    assert texts.index(panel.files.open_action.text()) < texts.index(window.menus.quit.text())
    assert panel.files.save_action in window.menus.file.actions()
    assert panel.files.export_menu.menuAction() in window.menus.file.actions()
    assert panel.toggleViewAction() in window.menus.view.actions()
    assert panel.isVisible()
    assert not panel.files.save_action.isEnabled()  # nothing to save yet


def test_a_run_is_listed_saved_and_replayed_from_its_file(qtbot, window, panel, tmp_path):
    window.page.param_form.set_values({"buyers": 3, "delay": 0.05})
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert window.start_run()
    record = finished.args[0]
    assert record.status == PASSED, record.error
    assert panel.records == [record]
    assert panel.run_list.topLevelItem(0).text(1) == "ticket-lock"
    live_rows = window.page.event_log_model.rowCount()
    live_figures = _figures_shown(window)
    assert live_rows == len([e for e in record.events if e[3] not in HIDDEN_KINDS]) > 0
    assert record.samples

    assert panel.files.save_to(tmp_path / "run.json")
    assert window.select_lesson("producer-consumer")  # the views now show something else
    assert window.page.event_log_model.rowCount() == 0
    with qtbot.waitSignal(window.bridge.run_finished, timeout=1_000) as replayed:
        assert panel.files.open_from(tmp_path / "run.json")

    assert replayed.args[0] is record  # the file holds a run the list has: that row is replayed, not a copy added
    assert panel.records == [record] and panel.run_list.topLevelItemCount() == 1
    assert panel.run_list.currentItem() is panel.run_list.topLevelItem(0)
    assert window.picker.current_lesson().id == "ticket-lock"
    assert window.page.param_form.values()["buyers"] == 3
    assert window.page.verdict_panel.verdict_label.text() == record.verdict.en
    assert _figures_shown(window) == live_figures
    assert window.page.event_log_model.rowCount() == live_rows
    assert window.page.cpu_plot.sample_count == len(record.samples)
    assert not window.bridge.running and window.run_action.isEnabled()


def test_a_producer_consumer_replay_fills_the_depth_plot_and_exports(qtbot, window, panel, tmp_path):
    lesson = catalog.load("producer-consumer")
    params = {
        "producers": 2,
        "consumers": 1,
        "per_producer": 20,
        "produce_interval": 0.0,
        "consume_interval": 0.01,
        "maxsize": 3,
    }
    record = run_to_completion(lesson, lesson.parse_params(params), sampler=window.bridge.sampler)
    assert record.status == PASSED, record.error
    run_file.save(record, tmp_path / "run.json")

    with qtbot.waitSignal(window.bridge.run_finished, timeout=1_000):
        assert panel.files.open_from(tmp_path / "run.json")
    assert window.page.depth_plot.isVisible()
    history = window.page.depth_plot.depths.history["queue"]
    assert len(history) == sum(1 for event in record.events if event[3] in ("put", "got"))
    assert history[-1][1] == 0  # every item (and sentinel) was taken
    assert max(depth for _, depth in history) == 3  # producers were faster: full, and never more
    assert window.page.depth_plot.depths.maxsize("queue") == 3  # declared by the lesson; drawn as a line
    assert 0 <= history[0][0] <= record.duration  # seconds since the run started, not since boot

    assert panel.files.export_samples_to(tmp_path / "samples.csv")
    rows = list(csv.reader((tmp_path / "samples.csv").open(newline="", encoding="utf-8")))
    assert len(rows) == 1 + len(record.samples)
    assert panel.files.export_trace_to(tmp_path / "trace.json")
    trace = json.loads((tmp_path / "trace.json").read_text("utf-8"))
    states = sum(1 for event in record.events if event[3] == "state")
    assert sum(1 for event in trace["traceEvents"] if event["ph"] == "X") == states
    assert panel.files.export_plots_to(tmp_path / "plots.png")
    image = QImage(str(tmp_path / "plots.png"))
    assert image.width() >= 1600 and image.height() > 1000  # the whole run, not the plots as shown (see test_report)


def test_opening_a_saved_run_never_duplicates_a_history_row(qtbot, window, panel, tmp_path):
    lesson = catalog.load("ticket-lock")
    record = run_to_completion(lesson, lesson.parse_params({"buyers": 2, "delay": 0.01}), sampler=window.bridge.sampler)
    assert record.status == PASSED, record.error
    run_file.save(record, tmp_path / "run.json")
    run_file.save(record, tmp_path / "copy.json")
    with qtbot.waitSignal(window.bridge.run_finished, timeout=1_000) as first:
        assert panel.files.open_from(tmp_path / "run.json")
    loaded = first.args[0]
    assert loaded is not record and loaded.events == json.loads(json.dumps(record.events))
    assert panel.records == [loaded]
    panel.add_record(_small_record())  # another run on top
    for path in (tmp_path / "run.json", tmp_path / "copy.json"):  # the same run, opened again, from any file
        with qtbot.waitSignal(window.bridge.run_finished, timeout=1_000) as again:
            assert panel.files.open_from(path)
        assert again.args[0] is loaded
        assert len(panel.records) == panel.run_list.topLevelItemCount() == 2
        assert panel.selected_record() is loaded


def test_a_damaged_file_shows_why_and_changes_nothing(qtbot, window, panel, tmp_path):
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "concurrency-lab-run", "version": 1, "record": {"lesson": "tick', "utf-8")
    hint = window.page.verdict_panel.verdict_label.text()
    started = []
    window.bridge.run_started.connect(started.append)
    with qtbot.waitSignal(panel.error_shown, timeout=1_000) as shown:
        assert panel.files.open_from(damaged)  # the load starts on its thread; its problem shows when it ends
    assert "damaged.json is not a saved run" in shown.args[0]
    assert panel.message_label.text() == shown.args[0] and panel.message_label.isVisible()
    assert panel.records == [] and started == []
    assert window.page.verdict_panel.verdict_label.text() == hint


def test_an_unwritable_export_says_so(qtbot, panel, tmp_path):
    panel.add_record(_small_record())
    (tmp_path / "a-directory.csv").mkdir()
    with qtbot.waitSignal(panel.error_shown, timeout=1_000) as shown:
        assert not panel.files.export_samples_to(tmp_path / "a-directory.csv")
    assert "Could not write" in shown.args[0]


def test_replay_is_refused_while_a_run_is_in_progress(qtbot, window, panel):
    panel.add_record(_small_record())
    window.page.param_form.set_values({"buyers": 4, "delay": 3.0, "lock": True})  # ~12 s unless stopped
    with qtbot.waitSignal(window.bridge.run_started, timeout=RUN_TIMEOUT_MS):
        assert window.start_run()
    assert not panel.replayer.replay_action.isEnabled() and not panel.files.open_action.isEnabled()
    with qtbot.waitSignal(panel.error_shown, timeout=1_000):
        assert not panel.replay()
    with pytest.raises(RuntimeError):
        window.bridge.replay(panel.records[0])
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        window.stop_run()
    assert finished.args[0].status == "stopped"
    assert panel.records[0] is finished.args[0]  # a stopped run is history too
    assert panel.replayer.replay_action.isEnabled()


def test_the_list_follows_the_language(window, panel):
    record = _small_record()
    record.verdict = Text(record.verdict.en, "成功了。")
    panel.add_record(record)
    try:
        i18n.set_language(settings.CHINESE)
        assert panel.run_list.topLevelItem(0).text(3) == "成功了。"
    finally:
        i18n.set_language(settings.ENGLISH)
    assert panel.run_list.topLevelItem(0).text(3) == "It worked."


def test_the_history_keeps_only_the_newest_runs(window):
    from desktop.model.run_record import RunRecord
    from desktop.ui.run_list import MAX_RUNS

    panel = install_history(window)
    records = [
        RunRecord("ticket-lock", "passed", {}, "spawn", "CPython", f"2026-01-01T00:00:{i:02d}", 1.0)
        for i in range(MAX_RUNS + 5)
    ]
    for record in records:
        panel.add_record(record)
    assert panel.records == records[::-1][:MAX_RUNS]
    assert panel.run_list.topLevelItemCount() == MAX_RUNS


def test_file_dialogs_start_in_a_concurrency_lab_folder_in_the_documents(qtbot, window, panel, tmp_path, monkeypatch):
    folder = tmp_path / "documents" / "Concurrency Lab"  # the documents folder of the tests (conftest)
    assert not folder.exists()  # created on demand, when a dialog needs it
    asked: list[str] = []

    def dialog(parent, title, start, file_filter):
        asked.append(start)
        return (str(tmp_path / "elsewhere" / Path(start).name), file_filter) if len(asked) == 2 else ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    panel.files.open_with_dialog()
    assert asked == [str(folder)] and folder.is_dir()
    panel.add_record(_small_record())
    (tmp_path / "elsewhere").mkdir()
    panel.files.save_with_dialog()  # saved elsewhere: the next dialog starts there
    assert Path(asked[1]).parent == folder and Path(asked[1]).name.startswith("ticket-lock-")
    assert (tmp_path / "elsewhere" / Path(asked[1]).name).is_file()
    panel.files.export_samples_with_dialog()
    assert Path(asked[2]).parent == tmp_path / "elsewhere"


@pytest.mark.qt_log_ignore("This plugin does not support raise", "does not support grabbing")  # a popup, offscreen
def test_the_export_label_opens_its_menu(qtbot, panel):
    panel.add_record(_small_record())
    shown: list[bool] = []

    def look_and_close():
        menu = panel.files.export_menu
        shown.append(menu.isVisible())
        menu.close()

    QTimer.singleShot(0, look_and_close)
    label = panel.export_button.rect().center()  # the label, not the arrow
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton, pos=label)
    assert shown == [True]
