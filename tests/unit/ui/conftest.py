"""GUI test set-up: settings in a temporary directory, and no test may leave a thread or run going."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThread

from desktop import settings
from desktop.monitor.sampler import Sampler
from desktop.settings import Settings
from desktop.ui.main_window import MainWindow
from desktop.ui.run_files import DOCUMENTS_ENV_VAR

# Threads the runtime starts: a live one after a test means a Run or the Sampler was left going.
RUNTIME_THREAD_NAMES = ("run-collector", "cpu-sampler")


@pytest.fixture(autouse=True)
def settings_in_tmp_path(tmp_path, monkeypatch):
    """Every test reads and writes its own settings file, never the user's."""
    monkeypatch.setenv(settings.DIRECTORY_ENV_VAR, str(tmp_path / "settings"))


@pytest.fixture(autouse=True)
def documents_in_tmp_path(tmp_path, monkeypatch):
    """File dialogs start in a temporary documents folder, never the user's."""
    monkeypatch.setenv(DOCUMENTS_ENV_VAR, str(tmp_path / "documents"))


@pytest.fixture(autouse=True)
def earlier_windows_deleted():
    """Delete now what earlier tests left to ``deleteLater`` (pytest-qt closes their widgets so, outside any loop).

    Left pending, a closed window still hears the next test's language switch: its CPU plot's legend is
    laid out anew, the event loop then deletes the window, and the legend's pending layout request reads
    its deleted ViewBox (pyqtgraph: "ViewBox already deleted"; once a segfault).
    """
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_dangling_threads(monkeypatch):
    """Fail a test that leaves a QThread running, a Run unfinished or a Sampler sampling."""
    started_qthreads: list[QThread] = []
    original_start = QThread.start

    def tracking_start(thread, *args):
        started_qthreads.append(thread)
        return original_start(thread, *args)

    monkeypatch.setattr(QThread, "start", tracking_start)
    yield
    running = [thread for thread in started_qthreads if thread.isRunning()]
    runtime = [t.name for t in threading.enumerate() if t.name in RUNTIME_THREAD_NAMES and t.is_alive()]
    if running or runtime:
        pytest.fail(f"test left threads running: {len(running)} QThread(s), runtime threads {runtime}")


@pytest.fixture
def sampler():
    sampler = Sampler()
    sampler.start()
    yield sampler
    sampler.stop()


@pytest.fixture
def window(qtbot, sampler):
    """The main window, shown, with ticket-lock selected; closed (run stopped) after the test."""
    main_window = MainWindow(sampler, Settings())
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    assert main_window.select_lesson("ticket-lock")
    yield main_window
    main_window.close()


@pytest.fixture
def app_window(qtbot, sampler):
    """The window as the app builds it (every feature installed, the default layout for the screen), shown,
    with ticket-lock selected; closed (run stopped) after the test."""
    from desktop.ui.app import build_window

    built = build_window(sampler, Settings())
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    assert built.select_lesson("ticket-lock")
    yield built
    built.close()
