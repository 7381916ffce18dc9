"""A run saved before the lessons moved (desktop.scenarios to desktop.lessons) opens with its steps highlighted."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.history import install_history

OLD_RUN = Path(__file__).resolve().parents[2] / "data" / "ticket-lock-saved-by-3a89dd3.json"


def test_an_old_run_opens_and_a_selected_worker_highlights_a_line_of_the_lesson(qtbot, window):
    panel = install_history(window)
    with qtbot.waitSignal(panel.files.run_opened, timeout=10_000):  # loaded on a thread of its own
        assert panel.files.open_from(OLD_RUN)
    assert panel.records[-1].lesson == "ticket-lock"
    code_view = window.page.code_view
    window.page.select_worker("main")
    assert code_view.step_line is not None  # without the module mapping nothing would be highlighted
    assert code_view.step_text().strip()
