"""File -> Reset settings to defaults: forget every stored setting and show the defaults at once.

The window gets its default layout back, the UI its default language and
the form its default parameters; ``settings_reset`` then tells the features
that keep their own state in the settings (the look) to show their defaults.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from desktop.ui import i18n


class SettingsReset(QObject):
    """File -> Reset settings to defaults… of ``window`` (see :mod:`desktop.ui.main_window` for its API).

    Signals:
        settings_reset: every setting is back to its default; show them.
    """

    settings_reset = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("settings-reset")
        self._window = window
        self.reset_action = QAction(window)
        self.reset_action.triggered.connect(self._on_reset_action_triggered)
        menu = window.menus.file
        menu.insertAction(window.menus.quit, self.reset_action)
        menu.insertSeparator(window.menus.quit)
        window.installEventFilter(self)
        self._retranslate()

    def eventFilter(self, watched: QObject, event) -> bool:
        if event.type() == event.Type.LanguageChange:
            self._retranslate()
        return False

    def _retranslate(self) -> None:
        self.reset_action.setText(self.tr("Reset settings to &defaults…"))

    def reset_settings(self) -> None:
        """Forget every stored setting and show the defaults: window layout, look, language, parameters."""
        window = self._window
        window.settings.reset()
        window.apply_default_layout()
        i18n.set_language(window.settings.language())
        if not window.bridge.running:
            window.page.param_form.reset_to_defaults()
        self.settings_reset.emit()
        window.statusBar().showMessage(self.tr("Every setting is back to its default."), 5_000)

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


def install_settings_reset(window) -> SettingsReset:
    """Add File -> Reset settings to defaults… to ``window``."""
    return SettingsReset(window)
