"""Help -> Keyboard shortcuts (F1): every shortcut of the window, listed from its actions, in the UI's language.

The list is read from the actions when the dialog opens, so a feature that
adds an action with a shortcut (Compare's Ctrl+K, presenter mode's F11)
appears without being named here. Esc closes the dialog, as it closes Compare.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import i18n
from desktop.ui.window_layout import fit_window

DIALOG_SIZE = (520, 560)


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(what, keys) for every action of ``window`` that has a shortcut, in menu order, each once."""
    rows: list[tuple[str, str]] = []
    seen: set[int] = set()
    for action in window.findChildren(QAction):
        keys = action.shortcuts()
        if not keys or id(action) in seen or not action.text():
            continue
        seen.add(id(action))
        what = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")
        rows.append((what, ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys)))
    return rows


class ShortcutsDialog(i18n.FollowsLanguage, QDialog):
    """The table of shortcuts; a QDialog, so Esc closes it."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        fit_window(self, *DIALOG_SIZE)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("What"), self.tr("Keys")])
        rows = [
            *shortcut_rows(self._window),
            (
                self.tr("Next / previous control (lesson list, parameters, prediction, Run, views, history)"),
                self.tr("Tab, Shift+Tab"),
            ),
            (self.tr("Close a dialog or the Compare window"), self.tr("Esc")),
        ]
        self.table.setRowCount(len(rows))
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text()) for r in range(self.table.rowCount())]


class _ShortcutsHelp(QObject):
    """Opens the dialog from the action, whose text follows the UI's language."""

    def __init__(self, window: QWidget, action: QAction):
        super().__init__(window)
        self.setObjectName("shortcuts-help")
        self._window = window
        self.action = action
        self.dialog: ShortcutsDialog | None = None
        action.triggered.connect(self.open)
        window.installEventFilter(self)
        self._retranslate()

    def eventFilter(self, watched: QObject, event) -> bool:
        if event.type() == event.Type.LanguageChange:
            self._retranslate()
        return False

    def _retranslate(self) -> None:
        self.action.setText(self.tr("&Keyboard shortcuts"))

    def open(self) -> ShortcutsDialog:
        self.dialog = ShortcutsDialog(self._window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()
        return self.dialog


def install_shortcuts_help(window) -> QAction:
    """Add Help -> Keyboard shortcuts (F1) to ``window``; returns the action."""
    action = QAction(window)
    action.setObjectName("shortcuts-action")
    action.setShortcut(QKeySequence(Qt.Key.Key_F1))
    window.addAction(action)
    help_menu = window.menus.help
    first = help_menu.actions()[0] if help_menu.actions() else None
    help_menu.insertAction(first, action)
    _ShortcutsHelp(window, action)
    return action
