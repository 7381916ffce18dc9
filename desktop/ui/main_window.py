"""The main window: lesson list on the left, the selected lesson's page on the right.

The window API: features (history, compare, predict, the look, lesson
navigation, settings reset, the playground) use only ``window.bridge``,
``window.page``, ``window.picker``, ``window.menus``, ``window.settings``,
``select_lesson()``, ``start_run()`` and ``add_dock()`` -- never another
widget's or feature's internals.

* ``bridge`` (:class:`~desktop.ui.run_bridge.RunBridge`): the run signals
  (started, events, samples, replayed, finished), ``running``, ``replay()``.
* ``page`` (:class:`~desktop.ui.lesson_page.LessonPage`): the selected lesson
  (``page.lesson``), its ``param_form``, ``show_error()``, its live views.
* ``picker`` (:class:`~desktop.ui.lesson_picker.LessonPicker`): the lesson
  list, its order and search, ``lesson_selected``.
* ``menus`` (:class:`Menus`): the File, Run, View and Help menus; file
  actions go above ``menus.quit``.
* ``settings`` (:class:`~desktop.settings.Settings`): the stored settings.
* ``select_lesson(id)``, ``start_run(overrides)``; ``add_dock(dock, area)``
  docks a panel, restores where it was and adds its toggle to View;
  ``apply_default_layout()`` is the one default size and split.

The page (:class:`~desktop.ui.lesson_page.LessonPage`) shows the lesson's
header and parameter form, Run/Stop, the live plots (CPU per core, queue
depth, worker timeline, on one time axis), the event log and code, and the
verdict at the end.
The window reacts to the :class:`~desktop.ui.run_bridge.RunBridge`'s signals;
it never waits for a run (except, bounded, while closing). View → Language
switches the UI between English and Simplified Chinese while it runs (see
:mod:`desktop.ui.i18n`); every widget then rewrites its own texts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QSplitter, QWidget

import desktop
from desktop import settings as settings_module
from desktop.model.lesson import Lesson
from desktop.model.param import InvalidParams
from desktop.model.run_record import RunRecord
from desktop.monitor.sampler import Sampler
from desktop.settings import Settings
from desktop.ui import i18n, reading_order
from desktop.ui.about_dialog import show_about
from desktop.ui.language_menu import LANGUAGE_NAMES, LanguageMenu
from desktop.ui.lesson_page import LessonPage
from desktop.ui.lesson_picker import LessonPicker
from desktop.ui.live_view import FinishedRun
from desktop.ui.run_bridge import RunBridge
from desktop.ui.verdict_panel import status_name
from desktop.ui.window_layout import (
    DEFAULT_WINDOW_SIZE,
    MINIMUM_LIST_WIDTH,
    ParamsColumn,
    arrange_docks,
    default_size,
    fit_rect,
    is_compact,
    list_width,
)
from desktop.ui.window_minimum import WindowMinimum

CLOCK_INTERVAL_MS = 200  # how often the status bar's run time is refreshed


@dataclass(frozen=True)
class Menus:
    """The window's menus, for features to add their actions to; file actions go above ``quit``."""

    file: QMenu
    run: QMenu
    view: QMenu
    language: LanguageMenu
    help: QMenu
    quit: QAction


class MainWindow(i18n.FollowsLanguage, QMainWindow):
    """The app's one window. ``sampler`` must be running; the caller owns and stops it."""

    def __init__(self, sampler: Sampler, settings: Settings, lessons: list[Lesson] | None = None):
        super().__init__()
        self.setWindowTitle(desktop.APP_NAME)
        self.settings = settings
        self.docks_before_run: list[QDockWidget] = []  # see add_dock
        self._reading_order: list[QWidget] = []  # what Tab walks (see update_reading_order)
        self._lesson: Lesson | None = None
        self._status: Callable[[], str] = lambda: self.tr("Ready")  # re-run on a language change
        self.bridge = RunBridge(sampler, self)
        self._build_actions()
        self._build_widgets(sampler, lessons)
        self._build_menus()
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_INTERVAL_MS)
        self._clock.timeout.connect(self._on_clock_timeout)
        self.bridge.run_started.connect(self._on_bridge_run_started)
        self.bridge.events_received.connect(self._on_bridge_events_received)
        self.bridge.samples_received.connect(self._on_bridge_samples_received)
        self.bridge.run_replayed.connect(self._on_bridge_run_replayed)
        self.bridge.run_finished.connect(self._on_bridge_run_finished)
        self.picker.lesson_selected.connect(self._on_picker_lesson_selected)
        self._update_actions()
        self._retranslate()
        self._restore_settings()
        minimum = WindowMinimum(self, lambda: self.bridge.running)  # never taller than the screen or grown by a run
        self.bridge.run_finished.connect(minimum.fit)  # after a run: the room its parts now need, within the screen

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        """The actions; their texts are set by :meth:`_retranslate`."""
        self.run_action = QAction(self)
        self.run_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.run_action.triggered.connect(self._on_run_action_triggered)
        self.stop_action = QAction(self)
        self.stop_action.setShortcuts(
            [QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F5), QKeySequence(Qt.Key.Key_Escape)]
        )
        self.stop_action.triggered.connect(self._on_stop_action_triggered)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._on_about_action_triggered)
        for action in (self.run_action, self.stop_action, self.quit_action):
            self.addAction(action)  # shortcuts work wherever the focus is in the window

    def _build_menus(self) -> None:
        """The menus; their titles are set by :meth:`_retranslate`."""
        bar = self.menuBar()
        file_menu, run_menu, view_menu = bar.addMenu(""), bar.addMenu(""), bar.addMenu("")
        file_menu.addAction(self.quit_action)
        run_menu.addAction(self.run_action)
        run_menu.addAction(self.stop_action)
        language_menu = LanguageMenu(view_menu)
        language_menu.language_chosen.connect(self.set_language)
        view_menu.addMenu(language_menu)
        help_menu = bar.addMenu("")
        help_menu.addAction(self.about_action)
        self.menus = Menus(file_menu, run_menu, view_menu, language_menu, help_menu, self.quit_action)

    def _build_widgets(self, sampler: Sampler, lessons: list[Lesson] | None) -> None:
        self.picker = LessonPicker(lessons)
        self.page = LessonPage(sampler.core_count, self.run_action, self.stop_action)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.picker)
        self.splitter.addWidget(self.page)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)  # the lesson list keeps its width; the page takes what is left
        self.splitter.setStretchFactor(1, 1)
        self.picker.setMinimumWidth(MINIMUM_LIST_WIDTH * 3 // 4)
        self.setCentralWidget(self.splitter)
        # The parameters and Run/Stop sit right of the page, above the prediction (docked there by
        # install_predict): the page keeps the screen's height for its plots and verdict.
        self.params_dock = QDockWidget()
        self.params_dock.setObjectName("parameters")
        self.params_dock.setWidget(self.page.params_box)
        self.params_column = ParamsColumn(self, self.params_dock)  # refits after a new look, size or language
        self.params_dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.params_dock.setTitleBarWidget(QWidget())  # the box has its own title
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.params_dock)
        self.apply_default_layout()

    def apply_default_layout(self) -> None:
        """The one default layout (see :mod:`desktop.ui.window_layout`): size, split and docks for this screen."""
        available = self._available_geometry()
        size, maximise = default_size(available)
        size = size.expandedTo(self.minimumSizeHint())
        if self.isMaximized() or self.isFullScreen():
            self.showNormal()
        self.resize(size)
        frame = QRect(0, 0, size.width(), size.height())
        frame.moveCenter(available.center())
        self.move(fit_rect(frame, available).topLeft())
        if maximise:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        width = available.width() if maximise else size.width()
        self.splitter.setSizes([list_width(width), width - list_width(width)])
        height = available.height() if maximise else size.height()
        arrange_docks(self, is_compact(QRect(0, 0, width, height)))  # by the room the window has
        self._fit_params_dock()

    def _fit_params_dock(self) -> None:
        """The parameters get the width their lesson needs and the height their form needs (see ParamsColumn)."""
        self.params_column.fit_width()
        self.params_column.request()  # the height once the new width, fonts or window size are laid out

    def _available_geometry(self) -> QRect:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, *DEFAULT_WINDOW_SIZE)

    def add_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea, before_run: bool = False) -> None:
        """Dock ``dock`` (it needs an objectName) in ``area``, where it was last time, with a View toggle.

        ``before_run``: Tab reaches the dock after the parameters and before Run (the prediction);
        otherwise after the lesson's views (the history).
        """
        if before_run:
            self.docks_before_run.append(dock)
        self.addDockWidget(area, dock)
        self.restoreDockWidget(dock)
        if self.isVisible():
            dock.show()  # a child added to a shown window stays hidden until asked
        self.menus.view.addAction(dock.toggleViewAction())

    # ------------------------------------------------------------------ language
    def set_language(self, code: str) -> None:
        """Show the UI in ``code`` ("en" or "zh") from now on, and remember the choice."""
        if code not in LANGUAGE_NAMES:
            raise ValueError(f"unknown language {code!r}; expected one of {sorted(LANGUAGE_NAMES)}")
        self.settings.set(settings_module.LANGUAGE, code)
        if not i18n.set_language(code):
            self.statusBar().showMessage(
                self.tr("The translation file is missing: only the lessons switch language."), 10_000
            )

    def _retranslate(self) -> None:
        """Every text the window itself shows, in the UI's language (child widgets do their own)."""
        self.run_action.setText(self.tr("&Run"))
        self.run_action.setToolTip(self.tr("Run the lesson with these parameters (F5)"))
        self.stop_action.setText(self.tr("&Stop"))
        self.stop_action.setToolTip(self.tr("Stop the run and every process it started (Shift+F5, Esc)"))
        self.quit_action.setText(self.tr("&Quit"))
        self.about_action.setText(self.tr("&About {app}").format(app=desktop.APP_NAME))
        self.menus.file.setTitle(self.tr("&File"))
        self.menus.run.setTitle(self.tr("&Run"))
        self.menus.view.setTitle(self.tr("&View"))
        self.menus.help.setTitle(self.tr("&Help"))
        self._show_status(self._status)

    def _show_status(self, render: Callable[[], str]) -> None:
        """Show ``render()`` in the status bar, and again after a language change."""
        self._status = render
        self.statusBar().showMessage(render())

    # ------------------------------------------------------------------- running
    def select_lesson(self, lesson_id: str) -> bool:
        """Select ``lesson_id`` in the list (and show its page); False if it is not available."""
        return self.picker.select(lesson_id)

    def start_run(self, overrides: Mapping[str, Any] | None = None) -> bool:
        """Validate the form (with ``overrides`` on top) and start a run; False if nothing started."""
        if self._lesson is None or self.bridge.running:
            return False
        # Each message is shown as how to say it: a language switch while it is shown says it again.
        try:
            params = self.page.param_form.parse(overrides)
        except InvalidParams as error:  # a value out of range (said in every language)
            self.page.show_error(lambda refused=error: "\n".join(refused.in_language(i18n.language())))
            return False
        self.page.show_error("")
        if overrides:  # the form shows the values that run: the plan line and the start progress count them
            self.page.param_form.set_values(dict(params))
        self.settings.set_lesson_params(self._lesson.id, dict(params))
        try:
            self.bridge.start(self._lesson, params)
        except InvalidParams as error:  # a cap on processes, threads or memory (said in every language)
            self.page.show_error(lambda refused=error: "\n".join(refused.in_language(i18n.language())))
            return False
        except OSError as error:
            self.page.show_error(
                lambda reason=str(error): self.tr("The run could not start: {error}").format(error=reason)
            )
            return False
        return True

    def stop_run(self) -> None:
        if self.bridge.running:
            self.bridge.stop()
            self.stop_action.setEnabled(False)
            self._show_status(lambda: self.tr("Stopping…"))

    def _update_actions(self) -> None:
        running = self.bridge.running
        self.run_action.setEnabled(not running and self._lesson is not None)
        self.stop_action.setEnabled(running and not (self.bridge.run and self.bridge.run.stop_requested))
        self.page.param_form.setEnabled(not running)
        self.page.reset_button.setEnabled(not running)
        self.picker.setEnabled(not running)

    # --------------------------------------------------------------------- slots
    def _on_picker_lesson_selected(self, lesson: Lesson) -> None:
        self._lesson = lesson
        self.page.set_lesson(lesson, self.settings.lesson_params(lesson.id))
        self._fit_params_dock()
        QTimer.singleShot(0, self, self.update_reading_order)  # after the features have shown the lesson too
        self._update_actions()

    def _on_run_action_triggered(self) -> None:
        self.start_run()

    def _on_stop_action_triggered(self) -> None:
        self.stop_run()

    def _on_about_action_triggered(self) -> None:
        show_about(self)

    def _on_bridge_run_started(self, lesson_id: str) -> None:
        self.page.start_run(self.bridge.origin)
        self._update_actions()
        self._clock.start()
        self._on_clock_timeout()

    def _on_bridge_events_received(self, events: list) -> None:
        self.page.add_events(events)

    def _on_bridge_samples_received(self, samples: list) -> None:
        self.page.add_samples(samples)

    def _on_bridge_run_replayed(self, run: FinishedRun) -> None:
        self.page.show_run(run)

    def _on_bridge_run_finished(self, record: RunRecord) -> None:
        self._clock.stop()
        if not self.bridge.replaying:  # a replay was shown whole by run_replayed
            self.page.finish_run(record)
        self._update_actions()
        self._show_status(
            lambda: self.tr("Run of {lesson} ended: {status} after {seconds:.2f} s").format(
                lesson=record.lesson, status=status_name(record.status), seconds=record.duration
            )
        )

    def _on_clock_timeout(self) -> None:
        if self.bridge.running and not self.bridge.run.stop_requested:
            lesson_id = self.bridge.run.lesson.id
            self._show_status(
                lambda: self.tr("Running {lesson}… {seconds:.1f} s").format(
                    lesson=lesson_id, seconds=self.bridge.elapsed()
                )
            )

    # ------------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        geometry = self.settings.get(settings_module.WINDOW_GEOMETRY)
        if geometry and self.restoreGeometry(QByteArray(geometry)):
            self._keep_on_screen()
        state = self.settings.get(settings_module.WINDOW_STATE)
        if state:
            self.restoreState(QByteArray(state))
        splitter = self.settings.get(settings_module.SPLITTER_STATE)
        if splitter:
            self.splitter.restoreState(QByteArray(splitter))
        last = self.settings.get(settings_module.LAST_LESSON)
        if not self.select_lesson(last) and self.picker.lessons:
            self.select_lesson(next(iter(self.picker.lessons)))

    def _keep_on_screen(self) -> None:
        """A remembered geometry from another screen (a projector swap) is brought onto this one."""
        if self.isMaximized() or self.isFullScreen():
            return
        available = self._available_geometry()
        fitted = fit_rect(self.geometry(), available)
        if fitted != self.geometry():
            self.setGeometry(fitted)

    def _save_settings(self) -> None:
        self.settings.set(settings_module.WINDOW_GEOMETRY, self.saveGeometry().data())
        self.settings.set(settings_module.WINDOW_STATE, self.saveState().data())
        self.settings.set(settings_module.SPLITTER_STATE, self.splitter.saveState().data())
        if self._lesson is not None:
            self.settings.set(settings_module.LAST_LESSON, self._lesson.id)
        self.settings.sync()

    def update_reading_order(self) -> list:
        """Tab through the window in reading order (see :mod:`desktop.ui.reading_order`); returns the order."""
        self._reading_order = reading_order.chain(self)
        return self._reading_order

    def focusNextPrevChild(self, next: bool) -> bool:
        target = reading_order.step(self._reading_order, QApplication.focusWidget(), next)
        if target is None:
            return super().focusNextPrevChild(next)
        target.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.update_reading_order)  # every feature has added its widgets by now

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save settings, then stop the run (waiting at most a few seconds) before closing."""
        self._save_settings()
        self._clock.stop()
        self.bridge.shutdown()
        super().closeEvent(event)
