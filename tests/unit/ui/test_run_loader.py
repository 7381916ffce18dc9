"""A saved run opens on a thread of its own: the window keeps working, Cancel and Esc stop it, bad files say why.

The autouse ``no_dangling_threads`` fixture fails any test that leaves the
loader's QThread running.
"""

from __future__ import annotations

import json
import os
import sys

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop.model.run_record import PASSED, RunRecord
from desktop.model.text import Text
from desktop.runtime import run_file
from desktop.ui.history import install_history
from tests.unit.ui.cancelling import cancel_on_first_progress

BIG_EVENTS = 200_000  # ~20 MB: seconds to load, against a timer that fires every few milliseconds
LOAD_TIMEOUT_MS = 120_000  # a generous bound on a busy machine; speed is measured in scripts/bench.py


@pytest.fixture(scope="module")
def big_run(tmp_path_factory):
    """A valid saved run of :data:`BIG_EVENTS` events (written as text: building the records would take long)."""
    record = RunRecord(
        "ticket-lock", PASSED, {"buyers": 2}, "spawn", "CPython", "2024-01-01T10:00:00+00:00", 5.0, Text("ok", "好")
    )
    text = run_file.dumps(record)
    event = json.dumps([1.0, 10, "buyer-1", "state", "running", "reading the database", ["m", 4]])
    text = text.replace('"events": []', '"events": [' + ", ".join([event] * BIG_EVENTS) + "]", 1)
    path = tmp_path_factory.mktemp("big") / "big-run.json"
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def panel(window):
    window.activateWindow()  # Esc is a window shortcut: the window must be the active one
    return install_history(window)


def test_a_big_file_loads_while_the_event_loop_keeps_running(qtbot, window, panel, big_run):
    files = panel.files
    ticks_while_loading: list[bool] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks_while_loading.append(files.loader.loading))
    progress: list[float] = []
    files.loader.progressed.connect(lambda report: progress.append(report.fraction))
    timer.start()
    try:
        with qtbot.waitSignal(files.run_opened, timeout=LOAD_TIMEOUT_MS) as opened:
            assert files.open_from(big_run)
            assert files.progress.isVisible() and files.progress.cancel_action.isEnabled()
            assert not files.open_action.isEnabled()  # one load at a time
    finally:
        timer.stop()
    assert ticks_while_loading.count(True) >= 2  # the GUI thread ran its timer while the file loaded
    assert progress and progress == sorted(progress)
    assert len(opened.args[0].events) == BIG_EVENTS and panel.records == [opened.args[0]]
    assert not files.progress.isVisible() and files.open_action.isEnabled()


def test_a_second_file_is_refused_while_one_is_opening(qtbot, window, panel, big_run):
    files = panel.files
    with qtbot.waitSignal(files.open_ended, timeout=LOAD_TIMEOUT_MS):
        assert files.open_from(big_run)
        with qtbot.waitSignal(panel.error_shown, timeout=1_000) as shown:
            assert not files.open_from(big_run)
        assert "big-run.json is still opening" in shown.args[0]


def _cancel_by_button(qtbot, window, panel):
    qtbot.mouseClick(panel.files.progress.cancel_button, Qt.MouseButton.LeftButton)


def _cancel_by_escape(qtbot, window, panel):
    qtbot.keyClick(window.picker, Qt.Key.Key_Escape)  # the focus anywhere in the window


@pytest.mark.parametrize("cancel", [_cancel_by_button, _cancel_by_escape], ids=["button", "esc"])
def test_cancel_ends_the_load_and_its_thread_and_changes_nothing(qtbot, window, panel, big_run, cancel):
    files = panel.files
    with qtbot.waitSignal(files.loader.cancelled, timeout=LOAD_TIMEOUT_MS):
        cancel_on_first_progress(files.loader.progressed, lambda: cancel(qtbot, window, panel))
        assert files.open_from(big_run)
    assert not files.loader.loading and panel.records == []
    assert "big-run.json was cancelled" in panel.message_label.text()
    assert not files.progress.isVisible() and not files.progress.cancel_action.isEnabled()
    with qtbot.waitSignal(files.run_opened, timeout=LOAD_TIMEOUT_MS):  # the next open works
        assert files.open_from(big_run)


def test_closing_the_window_stops_the_load(qtbot, window, panel, big_run):
    with qtbot.waitSignal(panel.files.loader.progressed, timeout=LOAD_TIMEOUT_MS):
        assert panel.files.open_from(big_run)
    window.close()  # waits for the thread: no_dangling_threads finds none
    assert not panel.files.loader._thread.isRunning()


def _not_json(path):
    path.write_text('{"format": "concurrency-lab-run", "version": 1, "record": {"lesson": "tick', "utf-8")
    return "is not a saved run"


def _not_a_saved_run(path):
    path.write_text('{"hello": "world"}', "utf-8")
    return "is JSON but not a Concurrency Lab saved run"


def _bad_event(path):
    record = RunRecord("ticket-lock", PASSED, {}, "spawn", "CPython", "2024-01-01T10:00:00+00:00", 1.0)
    record.events = [[1.0, 10, "main", "log", "", "", None]] * 5000 + [[1.0, "pid?", "main", "log", "", "", None]]
    path.write_text(run_file.dumps(record), "utf-8")
    return "event 5000 is malformed"


def _fifo(path):
    os.mkfifo(path)
    return "not a regular file"


def _missing(path):
    return "could not be read"


BAD_FILES = [_not_json, _not_a_saved_run, _bad_event, _missing]
if sys.platform != "win32":
    BAD_FILES.append(_fifo)


@pytest.mark.parametrize("make", BAD_FILES, ids=lambda make: make.__name__.strip("_"))
def test_a_bad_file_still_shows_why_in_the_history(qtbot, window, panel, tmp_path, make):
    path = tmp_path / "bad.json"
    expected = make(path)
    with qtbot.waitSignal(panel.files.open_ended, timeout=LOAD_TIMEOUT_MS) as ended:
        assert panel.files.open_from(path)
    assert ended.args == [False]
    message = panel.message_label.text()
    assert "bad.json" in message and expected in message and panel.message_label.isVisible()
    assert panel.records == [] and not panel.files.progress.isVisible()


def test_the_progress_row_speaks_the_ui_language(qtbot, tmp_path):
    # Fed by hand, without spinning the event loop (see test_language_after_a_window for a switch while it runs).
    from desktop import settings
    from desktop.runtime.load_watch import CHECKING, PARSING, Progress
    from desktop.ui import i18n
    from desktop.ui.load_progress import BAR_STEPS, LOAD_SHARE, LoadProgress
    from desktop.ui.run_loader import RunLoader

    row = LoadProgress(RunLoader())
    qtbot.addWidget(row)
    i18n.set_language(settings.CHINESE)
    try:
        row._on_loader_started(tmp_path / "big-run.json")
        row._on_loader_progressed(Progress(PARSING, 40, 100, 80_000_000, 512_000))
        assert row.label.text() == "正在打开 big-run.json：已读取 32 / 80 MB（512,000 个事件和采样）…"
        row._on_loader_progressed(Progress(CHECKING, 1, 2, 80_000_000, 1_000_000))
        assert row.label.text() == "正在打开 big-run.json：正在检查 1,000,000 个事件和采样…"
        assert row.cancel_action.text() == "取消"
        assert row.bar.value() == round(0.875 * LOAD_SHARE * BAR_STEPS)  # the views' preparation fills the rest
    finally:
        i18n.set_language(settings.ENGLISH)
    assert row.label.text() == "Opening big-run.json: checking 1,000,000 events and samples…"
