"""The look the user chooses: View -> Presenter mode (F11) and View -> Theme, stored and applied.

Presenter mode fills the screen and makes text 1.5x larger and lines thicker;
plots keep the larger titles when they re-title themselves (a run starts, the
lesson changes; see :func:`desktop.ui.theme.set_plot_title`). On a short
screen (a 1024x768 projector) the lesson page goes compact in presenter mode
(:func:`desktop.ui.window_layout.is_crowded`), re-decided whenever the
window's size or the look changes.

:func:`install_look` adds the two to the View menu; the choices persist
through :mod:`desktop.settings`. How a look is applied to the app (palette,
fonts, plots) lives in :mod:`desktop.ui.theme`. Plots re-titled after a
language change, and curves added during a run, are restyled here so they
keep the chosen look.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from desktop import settings as settings_module
from desktop.settings import DARK_THEME, LIGHT_THEME, SYSTEM_THEME, THEMES, Settings
from desktop.ui import theme as theme_module
from desktop.ui.window_layout import is_crowded

RESTYLE_DELAY_MS = 300  # curves added during a run are restyled at most this late


class LookController(QObject):
    """View -> Presenter mode and View -> Theme of ``window`` (see :mod:`desktop.ui.main_window` for its API)."""

    def __init__(self, window, settings: Settings | None = None):
        super().__init__(window)
        self.setObjectName("look")
        self._window = window
        self._settings = settings if settings is not None else window.settings
        self._state_before_presenter: Qt.WindowState | None = None  # to go back to when presenter mode ends
        self._build_actions()
        self._build_menus()
        self._restyle_timer = QTimer(self)
        self._restyle_timer.setSingleShot(True)
        self._restyle_timer.setInterval(RESTYLE_DELAY_MS)
        self._restyle_timer.timeout.connect(self._on_restyle_timer_timeout)
        window.installEventFilter(self)  # LanguageChange: retranslate, restyle the re-titled plots; Resize
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        window.bridge.events_received.connect(self._on_bridge_events_received)
        window.bridge.run_finished.connect(self._on_bridge_run_finished)
        window.picker.lesson_selected.connect(self._on_picker_lesson_selected)
        self._retranslate()
        self.apply()

    def _build_actions(self) -> None:
        window = self._window
        self.presenter_action = QAction(window)
        self.presenter_action.setCheckable(True)
        self.presenter_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_F11), QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_P)]
        )
        self.presenter_action.toggled.connect(self._on_presenter_action_toggled)
        window.addAction(self.presenter_action)  # the shortcut works wherever the focus is in the window
        self.theme_group = QActionGroup(window)
        self.theme_actions: dict[str, QAction] = {}
        for theme in THEMES:
            action = QAction(self.theme_group)
            action.setCheckable(True)
            action.setData(theme)
            self.theme_actions[theme] = action
        self.theme_group.triggered.connect(self._on_theme_group_triggered)

    def _build_menus(self) -> None:
        view = self._window.menus.view
        view.addSeparator()
        view.addAction(self.presenter_action)
        self.theme_menu = QMenu(view)
        self.theme_menu.addActions(list(self.theme_actions.values()))
        view.addMenu(self.theme_menu)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched is self._window:
            self._show_full_screen(self._settings.get(settings_module.PRESENTER_MODE))  # started in presenter mode
        if event.type() == QEvent.Type.Resize and watched is self._window:
            self._fit_page()
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
        dark = theme == DARK_THEME or (theme == SYSTEM_THEME and theme_module.system_is_dark())
        theme_module.apply_theme(QApplication.instance(), dark, presenter)
        self._show_full_screen(presenter)
        self._fit_page()
        for action, checked in ((self.presenter_action, presenter), (self.theme_actions[theme], True)):
            action.blockSignals(True)
            action.setChecked(checked)
            action.blockSignals(False)

    def _fit_page(self) -> None:
        """The lesson page is compact while presenter mode's large text shares a short window."""
        crowded = is_crowded(theme_module.current().presenter, self._window.height())
        if crowded != self._window.page.compact:
            self._window.page.set_compact(crowded)

    def _show_full_screen(self, presenter: bool) -> None:
        """Presenter mode is the whole screen (a projector shows nothing else); leaving it restores the window."""
        window = self._window
        if presenter and not window.isFullScreen():
            self._state_before_presenter = window.windowState()
            window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)
        elif not presenter and window.isFullScreen() and self._state_before_presenter is not None:
            window.setWindowState(self._state_before_presenter & ~Qt.WindowState.WindowFullScreen)
            self._state_before_presenter = None

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
            theme_module.style_plot(plot)

    # --------------------------------------------------------------------- slots
    def _on_presenter_action_toggled(self, checked: bool) -> None:
        self.set_presenter_mode(checked)

    def _on_theme_group_triggered(self, action: QAction) -> None:
        self.set_theme(action.data())

    def _on_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply()

    def _on_bridge_events_received(self, _events: list) -> None:
        if theme_module.current() != theme_module.Appearance() and not self._restyle_timer.isActive():
            self._restyle_timer.start()  # a plot may have added a curve (queue depth does, per queue)

    def _on_bridge_run_finished(self, _record) -> None:
        # Views re-set titles and labels when a run ends or is shown whole: keep them in the chosen look.
        if theme_module.current() != theme_module.Appearance():
            QTimer.singleShot(0, self, self._restyle_plots)

    def _on_picker_lesson_selected(self, _lesson) -> None:
        if theme_module.current() != theme_module.Appearance():
            QTimer.singleShot(0, self, self._restyle_plots)

    def _on_restyle_timer_timeout(self) -> None:
        for plot in self._window.findChildren(pg.PlotWidget):
            theme_module.style_curves(plot)


def install_look(window) -> LookController:
    """Add presenter mode and theme to ``window``'s View menu, and apply the stored look."""
    return LookController(window)
