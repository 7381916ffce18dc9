"""The composition root: the one place that creates the app's long-lived objects and wires them.

``run_gui`` builds the QApplication, opens the settings, shows the UI in the
chosen language (the system's unless the user picked one), starts the one CPU
:class:`~desktop.monitor.sampler.Sampler` the app owns, shows the main window
and runs the event loop. On the way out the window stops any run (bounded
wait) and the sampler is stopped.
"""

from __future__ import annotations

import logging
import sys

import pyqtgraph as pg
from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import desktop
from desktop import launch_clock, resources
from desktop import settings as settings_module
from desktop.monitor.sampler import Sampler
from desktop.settings import Settings
from desktop.ui import i18n
from desktop.ui.compare import install_compare
from desktop.ui.history import install_history
from desktop.ui.lesson_navigation import install_lesson_navigation
from desktop.ui.look import install_look
from desktop.ui.main_window import MainWindow
from desktop.ui.playground.playground import install_playground
from desktop.ui.predict import install_predict
from desktop.ui.quit_signals import install_quit_signals
from desktop.ui.script_compare_action import install_script_compare
from desktop.ui.settings_reset import install_settings_reset
from desktop.ui.shortcuts_help import install_shortcuts_help

log = logging.getLogger(__name__)


class _FirstPaintReporter(QObject):
    """Prints the time from launch to the window's first paint, then quits (cold-start probe).

    The line is ``first-paint SECONDS CLOCK``; CLOCK says how launch was timed
    (see :mod:`desktop.launch_clock`).
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            seconds, clock = launch_clock.seconds_since_launch()
            print(f"first-paint {seconds:.3f} {clock}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def build_window(sampler: Sampler, settings: Settings) -> MainWindow:
    """The main window with every feature installed: the one place that wires them together."""
    window = MainWindow(sampler, settings)
    history = install_history(window)
    install_compare(window)
    install_predict(window, settings)
    look = install_look(window)
    install_lesson_navigation(window)
    install_settings_reset(window).settings_reset.connect(look.apply)
    playground = install_playground(window)  # hidden until View > Playground (or a saved layout) shows it
    install_script_compare(window, history, playground)  # Compare runs: two versions of a script
    install_shortcuts_help(window)  # last: it lists the shortcuts every feature added
    # The docks above exist only now: restore where the user left them last time.
    state = settings.get(settings_module.WINDOW_STATE)
    if state:
        window.restoreState(QByteArray(state))
    else:
        window.apply_default_layout()  # a fresh start: the layout for this screen, docks included
    return window


def run_gui(lesson_id: str | None = None, exit_after_paint: bool = False) -> int:
    """Open the main window (with ``lesson_id`` selected) and run until it is closed; return the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(desktop.APP_NAME)
    icon = resources.path("icons/concurrency-lab.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    app.setOrganizationName(desktop.ORGANIZATION)
    app.setApplicationVersion(desktop.__version__)
    pg.setConfigOptions(antialias=False, background="w", foreground="#202020")
    settings = Settings()
    i18n.set_language(settings.language())
    sampler = Sampler()
    sampler.start()
    app.aboutToQuit.connect(sampler.stop)
    window = build_window(sampler, settings)
    if lesson_id is not None and not window.select_lesson(lesson_id):
        log.warning("no lesson %r to select at start", lesson_id)
    reporter = _FirstPaintReporter(window)
    if exit_after_paint:
        window.installEventFilter(reporter)
    window.show()
    quit_signals = install_quit_signals(app, window)  # Ctrl+C and SIGTERM close as File > Quit does
    try:
        return app.exec()
    finally:
        window.close()  # no-op if already closed; stops a run left going by app.quit()
        sampler.stop()
        quit_signals.uninstall()
