"""Messages that matter appear where the student is looking, on a small screen too."""

from __future__ import annotations

from desktop.ui.history import HistoryPanel
from desktop.ui.window_layout import is_compact


def test_a_bad_file_brings_the_history_forward_even_when_it_is_a_tab_behind_the_prediction(qtbot, app_window, tmp_path):
    window = app_window
    panel = window.findChild(HistoryPanel)
    assert is_compact(window.screen().availableGeometry())  # the test screen is short: history is a tab
    assert not panel.isVisible() or window.tabifiedDockWidgets(panel)
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "concurrency-lab-run", "version": 1, "record": {"lesson": "tick', "utf-8")
    with qtbot.waitSignal(panel.error_shown, timeout=1_000) as shown:
        assert panel.files.open_from(damaged)  # the load starts on its thread; its problem shows when it ends
    assert "damaged.json is not a saved run" in shown.args[0]
    qtbot.waitUntil(panel.message_label.isVisible, timeout=1_000)  # the dock came forward with its message
    assert not panel.visibleRegion().isEmpty()


def test_a_cap_is_named_under_run_and_stop(qtbot, app_window):
    window = app_window
    assert window.select_lesson("socket-server")
    assert not window.start_run({"clients": 64, "pool_workers": 16})
    label = window.page.error_label
    assert label.isVisible() and "the cap is 64" in label.text()
    assert window.page.params_box.isAncestorOf(label)  # in the parameters, next to Run and Stop
