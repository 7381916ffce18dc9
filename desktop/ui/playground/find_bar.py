"""Find in the playground's editor: Ctrl+F shows the bar, Enter / Shift+Enter find the next / previous match."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from desktop.ui import i18n


class FindBar(i18n.FollowsLanguage, QWidget):
    """A one-line find bar under ``editor``; wraps around the end of the document.

    Signals:
        searched(bool): a search ran; True if it found a match.
    """

    searched = Signal(bool)

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self._editor = editor
        self.field = QLineEdit(self)
        self.field.returnPressed.connect(self.find_next)
        self.next_button = QPushButton(self)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button = QPushButton(self)
        self.previous_button.clicked.connect(self.find_previous)
        self.status = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.field, self.previous_button, self.next_button, self.status):
            layout.addWidget(widget)
        self.field.installEventFilter(self)  # Shift+Enter and Esc, before the window's shortcuts (Esc stops a run)
        self.hide()
        self._retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key == Qt.Key.Key_Escape or (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and shift):
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    if key == Qt.Key.Key_Escape:
                        self.hide()
                        self._editor.setFocus()
                    else:
                        self.find_previous()
                return True
        return super().eventFilter(watched, event)

    def open(self) -> None:
        """Show the bar with the editor's selection (if any) as the text to find."""
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def find_next(self) -> bool:
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _find(self, flags: QTextDocument.FindFlag) -> bool:
        text = self.field.text()
        if not text:
            return False
        found = self._editor.find(text, flags)
        if not found:  # wrap around
            cursor = self._editor.textCursor()
            backward = bool(flags & QTextDocument.FindFlag.FindBackward)
            cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
            self._editor.setTextCursor(cursor)
            found = self._editor.find(text, flags)
        self.status.setText("" if found else self.tr("Not found"))
        self.searched.emit(found)
        return found

    def _retranslate(self) -> None:
        self.field.setPlaceholderText(self.tr("Find"))
        self.next_button.setText(self.tr("Next"))
        self.previous_button.setText(self.tr("Previous"))
