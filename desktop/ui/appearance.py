"""The window's look and navigation controls: presenter mode, theme, next/previous lesson, reset settings.

:func:`install_appearance` adds View -> Presenter mode (F11, Ctrl+Shift+P) and
View -> Theme (follow the system, light, dark), a Lesson menu with next
(Ctrl+PgDown, Alt+Down) and previous (Ctrl+PgUp, Alt+Up) lesson, and
File -> Reset settings to defaults; the choices persist through
:mod:`desktop.settings`. How the look itself is applied lives in
:mod:`desktop.ui.theme` (re-exported here: :func:`apply_theme`,
:func:`line_width`, :data:`appearance_changed`).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from desktop import settings as settings_module
from desktop.settings import DARK_THEME, LIGHT_THEME, SYSTEM_THEME, THEMES, Settings
from desktop.ui import i18n
from desktop.ui.theme import (  # noqa: F401  (re-exported: the look's public API)
    Appearance,
    appearance_changed,
    apply_theme,
    current,
    line_width,
    plot_colours,
    style_curves,
    style_plot,
    system_is_dark,
)

DEFAULT_WINDOW_SIZE = (1280, 860)  # what MainWindow starts with on a fresh install
DEFAULT_SPLITTER_SIZES = (340, 940)
RESTYLE_DELAY_MS = 300  # curves added during a run are restyled at most this late


class AppearanceController(QObject):
    """The window's View -> Presenter mode / Theme, Lesson -> Next / Previous, File -> Reset settings."""

    def __init__(self, window, settings: Settings):
        super().__init__(window)
        self.setObjectName("appearance")
        self._window = window
        self._settings = settings
        self._build_actions()
        self._build_menus()
        self._restyle_timer = QTimer(self)
        self._restyle_timer.setSingleShot(True)
        self._restyle_timer.setInterval(RESTYLE_DELAY_MS)
        self._restyle_timer.timeout.connect(self._on_restyle_timer_timeout)
        window.installEventFilter(self)  # LanguageChange: retranslate, then restyle the re-titled plots
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        window.picker.lesson_selected.connect(self._update_navigation)
        window.picker.search_box.textChanged.connect(self._update_navigation)
        window.bridge.run_started.connect(self._update_navigation)
        window.bridge.run_finished.connect(self._update_navigation)
        window.bridge.events_received.connect(self._on_bridge_events_received)
        self._retranslate()
        self.apply()
        self._update_navigation()

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        window = self._window
        self.presenter_action = QAction(window)
        self.presenter_action.setCheckable(True)
        self.presenter_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_F11), QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_P)]
        )
        self.presenter_action.toggled.connect(self._on_presenter_action_toggled)
        self.theme_group = QActionGroup(window)
        self.theme_actions: dict[str, QAction] = {}
        for theme in THEMES:
            action = QAction(self.theme_group)
            action.setCheckable(True)
            action.setData(theme)
            self.theme_actions[theme] = action
        self.theme_group.triggered.connect(self._on_theme_group_triggered)
        self.next_action = QAction(window)
        self.next_action.setShortcuts(
            [QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageDown), QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down)]
        )
        self.next_action.triggered.connect(self.next_lesson)
        self.previous_action = QAction(window)
        self.previous_action.setShortcuts(
            [QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageUp), QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up)]
        )
        self.previous_action.triggered.connect(self.previous_lesson)
        self.reset_action = QAction(window)
        self.reset_action.triggered.connect(self._on_reset_action_triggered)
        for action in (self.presenter_action, self.next_action, self.previous_action):
            window.addAction(action)  # shortcuts work wherever the focus is in the window

    def _build_menus(self) -> None:
        window = self._window
        window.view_menu.addSeparator()
        window.view_menu.addAction(self.presenter_action)
        self.theme_menu = QMenu(window.view_menu)
        self.theme_menu.addActions(list(self.theme_actions.values()))
        window.view_menu.addMenu(self.theme_menu)
        self.lesson_menu = QMenu(window)
        self.lesson_menu.addAction(self.previous_action)
        self.lesson_menu.addAction(self.next_action)
        window.menuBar().insertMenu(window.help_menu.menuAction(), self.lesson_menu)
        window.file_menu.insertAction(window.quit_action, self.reset_action)
        window.file_menu.insertSeparator(window.quit_action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            QTimer.singleShot(0, self, self._restyle_plots)  # after the plots have re-set their titles
        return False

    def _retranslate(self) -> None:
        self.presenter_action.setText(self.tr("&Presenter mode"))
        self.presenter_action.setToolTip(self.tr("Larger text, thicker lines, high contrast (F11)"))
        self.theme_menu.setTitle(self.tr("&Theme"))
        self.theme_actions[SYSTEM_THEME].setText(self.tr("Follow &system"))
        self.theme_actions[LIGHT_THEME].setText(self.tr("&Light"))
        self.theme_actions[DARK_THEME].setText(self.tr("&Dark"))
        self.lesson_menu.setTitle(self.tr("&Lesson"))
        self.next_action.setText(self.tr("&Next lesson"))
        self.previous_action.setText(self.tr("&Previous lesson"))
        self.reset_action.setText(self.tr("Reset settings to &defaults…"))

    # ------------------------------------------------------------------ the look
    def theme(self) -> str:
        theme = self._settings.get(settings_module.THEME)
        return theme if theme in THEMES else SYSTEM_THEME

    def apply(self) -> None:
        """Show the theme and presenter mode stored in the settings."""
        theme, presenter = self.theme(), self._settings.get(settings_module.PRESENTER_MODE)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "setColorScheme"):  # Qt 6.8+: native widgets and title bars follow where the OS can
            requested = {DARK_THEME: Qt.ColorScheme.Dark, LIGHT_THEME: Qt.ColorScheme.Light}
            hints.setColorScheme(requested.get(theme, Qt.ColorScheme.Unknown))
        dark = theme == DARK_THEME or (theme == SYSTEM_THEME and system_is_dark())
        apply_theme(QApplication.instance(), dark, presenter)
        for action, checked in ((self.presenter_action, presenter), (self.theme_actions[theme], True)):
            action.blockSignals(True)
            action.setChecked(checked)
            action.blockSignals(False)

    def set_presenter_mode(self, on: bool) -> None:
        self._settings.set(settings_module.PRESENTER_MODE, on)
        self.apply()

    def set_theme(self, theme: str) -> None:
        if theme not in THEMES:
            raise ValueError(f"unknown theme {theme!r}; expected one of {THEMES}")
        self._settings.set(settings_module.THEME, theme)
        self.apply()

    def _restyle_plots(self) -> None:
        for plot in self._window.findChildren(pg.PlotWidget):
            style_plot(plot)

    # ---------------------------------------------------------------- navigation
    def next_lesson(self) -> bool:
        """Select the next lesson in the (filtered) list; False at the last one or during a run."""
        return self._step(+1)

    def previous_lesson(self) -> bool:
        return self._step(-1)

    def _neighbour(self, step: int) -> str | None:
        """The lesson ``step`` away from the selected one among the visible ones; None past either end."""
        picker = self._window.picker
        ids = picker.visible_lesson_ids()
        current = picker.current_lesson()
        if not ids:
            return None
        if current is None or current.id not in ids:
            return ids[0] if step > 0 else ids[-1]
        index = ids.index(current.id) + step
        return ids[index] if 0 <= index < len(ids) else None

    def _step(self, step: int) -> bool:
        if self._window.bridge.running:
            return False  # the list is locked while a run goes on
        target = self._neighbour(step)
        return target is not None and self._window.picker.select(target)

    def _update_navigation(self, *_args) -> None:
        idle = not self._window.bridge.running
        self.next_action.setEnabled(idle and self._neighbour(+1) is not None)
        self.previous_action.setEnabled(idle and self._neighbour(-1) is not None)

    # -------------------------------------------------------------------- reset
    def reset_settings(self) -> None:
        """Forget every stored setting and show the defaults: window layout, look, language, parameters."""
        window = self._window
        self._settings.reset()
        if window.isMaximized() or window.isFullScreen():
            window.showNormal()
        window.resize(*DEFAULT_WINDOW_SIZE)
        screen = window.screen()
        if screen is not None:
            frame = window.frameGeometry()
            frame.moveCenter(screen.availableGeometry().center())
            window.move(frame.topLeft())
        window.splitter.setSizes(list(DEFAULT_SPLITTER_SIZES))
        i18n.set_language(self._settings.language())
        if not window.bridge.running:
            window.param_form.reset_to_defaults()
        self.apply()
        window.statusBar().showMessage(self.tr("Every setting is back to its default."), 5_000)

    # --------------------------------------------------------------------- slots
    def _on_presenter_action_toggled(self, checked: bool) -> None:
        self.set_presenter_mode(checked)

    def _on_theme_group_triggered(self, action: QAction) -> None:
        self.set_theme(action.data())

    def _on_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply()

    def _on_reset_action_triggered(self) -> None:
        answer = QMessageBox.question(
            self._window,
            self.tr("Reset settings"),
            self.tr(
                "Forget every setting: window layout, theme, presenter mode, language, caps and the parameters "
                "last used for each lesson?"
            ),
            QMessageBox.StandardButton.Reset | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Reset:
            self.reset_settings()

    def _on_bridge_events_received(self, _events: list) -> None:
        if current() != Appearance() and not self._restyle_timer.isActive():
            self._restyle_timer.start()  # a plot may have added a curve (queue depth does, per queue)

    def _on_restyle_timer_timeout(self) -> None:
        for plot in self._window.findChildren(pg.PlotWidget):
            style_curves(plot)


def install_appearance(window, settings: Settings) -> AppearanceController:
    """Add presenter mode, theme, lesson navigation and settings reset to ``window``, and apply the stored look."""
    return AppearanceController(window, settings)


def controller_of(window) -> AppearanceController | None:
    return window.findChild(AppearanceController, "appearance")
