"""The composition root: the one place that creates the app's long-lived objects and wires them.

``run_gui`` builds the QApplication, installs translations, opens the
settings, starts the one CPU :class:`~desktop.monitor.sampler.Sampler` the app
owns, shows the main window and runs the event loop. On the way out the window
stops any run (bounded wait) and the sampler is stopped.
"""

from __future__ import annotations

import logging
import sys
import time

import psutil
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

import desktop
from desktop import resources
from desktop.monitor.sampler import Sampler
from desktop.settings import Settings
from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
TRANSLATION_PREFIX = "concurrency_lab_"  # resources/translations/concurrency_lab_zh_CN.qm


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load the app's and Qt's own translations for ``locale`` (the system's by default).

    Missing translation files are not an error: the English source strings show.
    The translators are returned so the caller keeps them alive.
    """
    locale = locale or QLocale.system()
    installed = []
    candidates = [
        (TRANSLATION_PREFIX, str(resources.path("translations"))),
        ("qtbase_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]
    for prefix, directory in candidates:
        translator = QTranslator(app)
        if translator.load(locale, prefix.rstrip("_"), "_", directory):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


class _FirstPaintReporter(QObject):
    """Prints the time from process creation to the window's first paint, then quits (cold-start probe)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            seconds = time.time() - psutil.Process().create_time()
            print(f"first-paint {seconds:.3f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def run_gui(lesson_id: str | None = None, exit_after_paint: bool = False) -> int:
    """Open the main window (with ``lesson_id`` selected) and run until it is closed; return the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(desktop.APP_NAME)
    app.setOrganizationName(desktop.ORGANIZATION)
    app.setApplicationVersion(desktop.__version__)
    translators = install_translators(app)
    pg.setConfigOptions(antialias=False, background="w", foreground="#202020")
    settings = Settings()
    sampler = Sampler()
    sampler.start()
    app.aboutToQuit.connect(sampler.stop)
    window = MainWindow(sampler, settings)
    if lesson_id is not None and not window.select_lesson(lesson_id):
        log.warning("no lesson %r to select at start", lesson_id)
    reporter = _FirstPaintReporter(window)
    if exit_after_paint:
        window.installEventFilter(reporter)
    window.show()
    try:
        return app.exec()
    finally:
        window.close()  # no-op if already closed; stops a run left going by app.quit()
        sampler.stop()
        del translators
