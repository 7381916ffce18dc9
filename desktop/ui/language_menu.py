"""View → Language: one checkable entry per language the app speaks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from desktop.settings import CHINESE, ENGLISH
from desktop.ui import i18n

# Each language is offered under its own name, whatever language the UI shows.
LANGUAGE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}


class LanguageMenu(i18n.FollowsLanguage, QMenu):
    """Checks the language in use; the caller switches when one is chosen.

    Signals:
        language_chosen(str): the user picked this language code ("en" or "zh").
    """

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, group)
            action.setCheckable(True)
            action.setData(code)
            self.language_actions[code] = action
            self.addAction(action)
        group.triggered.connect(self._on_group_triggered)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setTitle(self.tr("&Language"))
        self.language_actions[i18n.language()].setChecked(True)

    def _on_group_triggered(self, action: QAction) -> None:
        self.language_chosen.emit(action.data())
