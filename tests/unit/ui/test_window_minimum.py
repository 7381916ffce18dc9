"""A window's least size follows its parts, never passes its screen, and is never raised during a run."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from desktop.ui.window_minimum import WindowMinimum, screen_room


def _window(qtbot, running: list[bool]) -> tuple[QMainWindow, QWidget, WindowMinimum]:
    window = QMainWindow()
    part = QWidget()
    part.setMinimumSize(300, 200)
    window.setCentralWidget(part)
    qtbot.addWidget(window)
    minimum = WindowMinimum(window, lambda: running[0])
    window.show()
    qtbot.waitExposed(window)
    return window, part, minimum


def _relayout(window: QMainWindow) -> None:
    QApplication.sendPostedEvents(window, QEvent.Type.LayoutRequest)
    QApplication.processEvents()


def test_the_minimum_follows_the_parts_and_never_passes_the_screen(qtbot):
    window, part, _ = _window(qtbot, [False])
    assert window.minimumHeight() >= 200
    part.setMinimumHeight(50_000)  # a part asking for more than any screen
    _relayout(window)
    assert window.minimumHeight() <= screen_room(window).height() < 50_000
    assert window.height() <= screen_room(window).height()


def test_a_part_growing_during_a_run_never_resizes_the_window(qtbot):
    running = [False]
    window, part, minimum = _window(qtbot, running)
    window.resize(400, 300)
    _relayout(window)
    size = window.size()
    running[0] = True
    part.setMinimumHeight(size.height() + 100)
    _relayout(window)
    assert window.size() == size and window.minimumHeight() <= size.height()
    running[0] = False  # after the run (the main window calls fit then) it takes the room its parts need
    minimum.fit()
    assert window.minimumHeight() > size.height()
