"""A language switch with the event loop running, after another test's window ran a lesson and was closed.

The first test leaves its window to pytest-qt, which closes it and calls
``deleteLater`` outside any event loop; the second switches the language and
lets the loop run. Without the ``earlier_windows_deleted`` fixture the closed
window heard the switch and pyqtgraph raised "ViewBox already deleted" from
the loop (once a segfault).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from desktop import settings
from desktop.ui import i18n

RUN_TIMEOUT_MS = 30_000
LOOP_TURNS = 10


def test_a_lesson_runs_in_a_window(qtbot, window):
    window.page.param_form.set_values({"buyers": 3, "inventory": 2, "delay": 0.05, "lock": True})
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert window.start_run()
    assert finished.args[0].status == "passed", finished.args[0].error


def test_then_the_language_switches_while_the_event_loop_runs(qtbot, window):
    timer = QTimer()
    timer.setInterval(20)
    try:
        i18n.set_language(settings.CHINESE)
        for _ in range(LOOP_TURNS):  # laid out, painted and deleted what was pending: any error fails the test
            with qtbot.waitSignal(timer.timeout, timeout=RUN_TIMEOUT_MS):
                timer.start()
        assert window.page.timeline.title_label.text() == "工作者"
    finally:
        i18n.set_language(settings.ENGLISH)
