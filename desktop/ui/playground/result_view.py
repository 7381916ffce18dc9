"""Under the playground's editor: how the last run ended, and its errors, each a click away from its line.

Signals:
    line_clicked(int): an error of the script (1-based line) was clicked.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.lessons import catalog
from desktop.model.text import Text
from desktop.runtime.script import summary as summary_module
from desktop.ui import i18n

MAIN_GUARD_LESSON = "main-guard"
_LINE_ROLE = Qt.ItemDataRole.UserRole
# A message: how to say it in the UI's language, a Text (said in the UI's language), or a string said as it is.
Said = Callable[[], str] | Text | str


class ResultView(i18n.FollowsLanguage, QWidget):
    """A headline (one sentence) and the list of errors of a script run, said again when the language changes.

    Signals:
        line_clicked(int): an error in the script itself was clicked; its line.
    """

    line_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.errors = QListWidget(self)
        self.errors.setWordWrap(True)
        self.errors.itemClicked.connect(self._on_errors_item_clicked)
        self.errors.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headline)
        layout.addWidget(self.errors)
        self._shown: Callable[[], None] = self.clear  # what is shown, to show again in another language

    def show_message(self, render: Said) -> None:
        """Show ``render`` as the headline (a Text in the UI's language, a string as it is), again after a switch."""
        self._shown = lambda: self.headline.setText(_said(render))
        self._shown()

    def clear(self) -> None:
        self._shown = self.clear
        self.headline.clear()
        self.errors.clear()
        self.errors.hide()

    def _retranslate(self) -> None:
        self._shown()

    def show_summary(self, facts: dict, script: str) -> None:
        """The measured summary of a run of ``script``: its headline, then one row per error (and its hint)."""
        self._shown = lambda: self.show_summary(facts, script)
        language = i18n.language()
        self.headline.setText(summary_module.headline(facts).get(language))
        self.errors.clear()
        for error in facts["errors"]:
            item = QListWidgetItem(summary_module.error_text(error).get(language))
            own_line = error["line"] if os.path.normcase(error["file"]) == os.path.normcase(script) else 0
            item.setData(_LINE_ROLE, own_line)
            item.setToolTip(error["traceback"])
            self.errors.addItem(item)
            hint = hint_text(error, language)
            if hint:
                note = QListWidgetItem("    " + hint)
                note.setData(_LINE_ROLE, own_line)
                self.errors.addItem(note)
        self.errors.setVisible(bool(facts["errors"]))

    def _on_errors_item_clicked(self, item: QListWidgetItem) -> None:
        line = item.data(_LINE_ROLE)
        if line:
            self.line_clicked.emit(line)


def hint_text(error: dict, language: str) -> str:
    """The explanation that goes with an error the app recognises (the main guard, a missing module)."""
    if error.get("hint") == summary_module.MAIN_GUARD_HINT:
        return catalog.load(MAIN_GUARD_LESSON).explanation.get(language)
    if error.get("hint") == summary_module.MISSING_MODULE_HINT:
        return summary_module.missing_module_text(error["module"]).get(language)
    return ""


def _said(message: Said) -> str:
    """``message`` in the UI's language now."""
    if isinstance(message, Text):
        return message.get(i18n.language())
    return message() if callable(message) else message
