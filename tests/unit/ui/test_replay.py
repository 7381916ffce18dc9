"""Replaying a big run prepares its views off the GUI thread: the window keeps working, Cancel leaves it as it was.

The autouse ``no_dangling_threads`` fixture fails any test that leaves the
preparer's QThread running.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop.model.run_record import PASSED, RunRecord
from desktop.model.text import Text
from desktop.runtime import run_file, telemetry
from desktop.ui import replay, run_preparer
from desktop.ui.history import install_history
from desktop.ui.view_preparation import prepare
from tests.unit.ui.cancelling import cancel_on_first_progress

BIG_EVENTS = 200_000  # well over replay.PREPARED_ON_A_THREAD, so the views are prepared on a thread
WORKERS = 4
GATE_TIMEOUT_S = 30.0  # the GUI thread ticks every 5 ms while the preparation thread waits
SHOW_TIMEOUT_MS = 120_000  # a generous bound on a busy machine; speed is measured in scripts/bench.py


def _record(lesson: str, events: int, workers: int = WORKERS) -> RunRecord:
    """A run of ``lesson`` whose workers change state, count, log and put, in turn (as a saved run holds them)."""
    record = RunRecord(
        lesson, PASSED, {}, "spawn", "CPython", "2024-01-01T10:00:00+00:00", 1.0 + events * 1e-5, Text("ok", "好")
    )
    kinds = [
        lambda i: ["state", "running" if i % 8 else "waiting_lock", "buying"],
        lambda i: ["count", "sold", 1 if i % 3 else -1],
        lambda i: ["log", "", f"bought ticket {i}"],
        lambda i: ["put", "tickets", 1],
    ]
    record.events = [
        [1.0 + i * 1e-5, 100 + i % workers, f"buyer-{i % workers}", *kinds[(i // workers) % 4](i), None]
        for i in range(events)
    ]
    record.samples = [[1.0 + i * 0.1, [10.0, 20.0], 50.0, 1e6] for i in range(events // 10_000)]
    return record


@pytest.fixture(scope="module")
def big_record():
    return _record("producer-consumer", BIG_EVENTS)


@pytest.fixture
def panel(window):
    window.activateWindow()  # Esc is a window shortcut: the window must be the active one
    return install_history(window)


def _view_state(window) -> dict:
    """What the views show: enough to tell whether anything changed."""
    page = window.page
    return {
        "lesson": page.lesson.id,
        "origin": page.timeline.origin,
        "workers": page.timeline.workers(),
        "log_rows": page.event_log.model().rowCount(),
        "counters": page.counters_view.values(),
        "cpu_samples": page.cpu_plot.sample_count if page.cpu_plot.showing_finished_run else "live",
    }


def test_a_big_run_is_shown_while_the_event_loop_keeps_running(qtbot, window, panel, big_record, monkeypatch):
    replayer = panel.replayer
    ticks_while_preparing: list[bool] = []
    ticked_twice = threading.Event()

    def on_tick() -> None:
        ticks_while_preparing.append(replayer.preparer.busy)
        if ticks_while_preparing.count(True) >= 2:
            ticked_twice.set()

    def prepare_after_two_ticks(*args):
        # The preparation of 200 000 events can take less than two timer ticks on a quiet machine.
        # Holding it until the GUI thread has ticked twice makes the test certain; a preparation
        # on the GUI thread would never see a tick here, and the test fails on its timeout.
        if not ticked_twice.wait(GATE_TIMEOUT_S):
            raise TimeoutError("the GUI thread did not tick while the views were being prepared")
        return prepare(*args)

    monkeypatch.setattr(run_preparer, "prepare", prepare_after_two_ticks)
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(on_tick)
    timer.start()
    try:
        with qtbot.waitSignal(replayer.replay_ended, timeout=SHOW_TIMEOUT_MS) as ended:
            assert panel.replay(big_record)
            assert replayer.preparer.busy and panel.files.progress.isVisible()
            assert "preparing the views of 200,020 events and samples" in panel.files.progress.label.text()
            assert not replayer.replay_action.isEnabled() and not panel.files.open_action.isEnabled()
    finally:
        timer.stop()
    assert ended.args == [big_record, replay.SHOWN]
    assert ticks_while_preparing.count(True) >= 2  # the GUI thread ran its timer while the views were prepared
    state = _view_state(window)
    assert state["lesson"] == "producer-consumer" and state["workers"] == [f"buyer-{i}" for i in range(WORKERS)]
    assert state["log_rows"] == window.page.event_log.model().max_rows
    sold = sum(event[5] for event in big_record.events if event[3] == telemetry.COUNT)
    assert state["counters"]["sold"] == sold and state["cpu_samples"] == len(big_record.samples)
    assert window.page.depth_plot.depths.names() == ["tickets"]
    assert not panel.files.progress.isVisible() and replayer.replay_action.isEnabled()
    assert panel.records == [big_record]  # listed once shown


def _view_contents(window) -> dict:
    """Everything the views hold of the shown run, times from its start."""
    page = window.page
    model = page.timeline.model
    return {
        "lanes": [(lane.worker, lane.starts, lane.states, lane.details, lane.pids) for lane in model.lanes],
        "log": _log_rows(page),
        "counters": page.counters_view.values(),
        "depth": page.depth_plot.depths.history,
        "cpu": list(page.cpu_plot.ring.ordered()[0] - page.cpu_plot.origin),
        "phases": page.phase_bands.labels(),
    }


def _log_rows(page) -> list[tuple]:
    model = page.event_log.model()
    return [tuple(model.data(model.index(row, column)) for column in range(4)) for row in range(model.rowCount())]


def test_a_run_prepared_on_a_thread_shows_as_one_shown_at_once(qtbot, window, panel, monkeypatch):
    record = _record("producer-consumer", 20_000)
    record.events[7][3:6] = ["phase", "threads", {"zh": "线程"}]
    assert panel.replay(record)  # small: shown before replay returns
    at_once = _view_contents(window)
    monkeypatch.setattr(replay, "PREPARED_ON_A_THREAD", 0)
    with qtbot.waitSignal(panel.replayer.replay_ended, timeout=SHOW_TIMEOUT_MS) as ended:
        assert panel.replay(record)
        assert panel.replayer.preparer.busy
    assert ended.args == [record, replay.SHOWN]
    assert _view_contents(window) == at_once


def _cancel_by_button(qtbot, window, panel):
    qtbot.mouseClick(panel.files.progress.cancel_button, Qt.MouseButton.LeftButton)


def _cancel_by_escape(qtbot, window, panel):
    qtbot.keyClick(window.picker, Qt.Key.Key_Escape)  # the focus anywhere in the window


@pytest.mark.parametrize("cancel", [_cancel_by_button, _cancel_by_escape], ids=["button", "esc"])
def test_cancel_while_preparing_leaves_the_views_as_they_were_and_no_thread(qtbot, window, panel, big_record, cancel):
    before = _record("ticket-lock", 2_000, workers=2)
    assert panel.replay(before)
    shown = _view_state(window)
    preparer = panel.replayer.preparer
    with qtbot.waitSignal(panel.replayer.replay_ended, timeout=SHOW_TIMEOUT_MS) as ended:
        cancel_on_first_progress(preparer.progressed, lambda: cancel(qtbot, window, panel))
        assert panel.replay(big_record)
    assert ended.args == [big_record, replay.CANCELLED]
    assert not preparer.busy and not preparer._thread.isRunning()
    assert _view_state(window) == shown and panel.records == [before]
    assert "was cancelled" in panel.message_label.text()
    assert not panel.files.progress.isVisible() and not panel.files.progress.cancel_action.isEnabled()


def test_opening_a_big_file_goes_on_to_prepare_its_views_and_cancel_there_lists_nothing(
    qtbot, window, panel, big_record, tmp_path
):
    path = tmp_path / "big-run.json"
    run_file.save(big_record, path)
    shown = _view_state(window)
    files, preparer = panel.files, panel.replayer.preparer
    seen = []

    def look_then_cancel():
        seen.append((files.progress.label.text(), files.progress.bar.value()))
        _cancel_by_button(qtbot, window, panel)

    with qtbot.waitSignal(files.open_ended, timeout=SHOW_TIMEOUT_MS) as ended:
        cancel_on_first_progress(preparer.progressed, look_then_cancel)
        assert files.open_from(path)
    label, value = seen[0]
    assert label.startswith("Opening big-run.json: preparing the views") and value >= 700
    assert ended.args == [False] and not preparer._thread.isRunning()
    assert panel.records == [] and _view_state(window) == shown
    assert "Opening big-run.json was cancelled" in panel.message_label.text()
    with qtbot.waitSignal(files.run_opened, timeout=SHOW_TIMEOUT_MS):  # the next open goes all the way
        assert files.open_from(path)
    assert len(panel.records) == 1 and window.page.lesson.id == "producer-consumer"


def test_closing_the_window_stops_the_preparation(qtbot, window, panel, big_record):
    with qtbot.waitSignal(panel.replayer.preparer.progressed, timeout=SHOW_TIMEOUT_MS):
        assert panel.replay(big_record)
    window.close()  # waits for the thread: no_dangling_threads finds none
    assert not panel.replayer.preparer._thread.isRunning()


def test_a_run_starting_cancels_the_preparation(qtbot, window, panel, big_record):
    preparer = panel.replayer.preparer
    with qtbot.waitSignal(preparer.cancelled, timeout=SHOW_TIMEOUT_MS):
        # As a run starting says it (no run needed to cancel), from the first progress's own slot: waiting
        # for the progress first raced with a preparation that ends in the same turn on a quiet machine.
        cancel_on_first_progress(preparer.progressed, lambda: window.bridge.run_started.emit("ticket-lock"))
        assert panel.replay(big_record)
    assert not preparer.busy
