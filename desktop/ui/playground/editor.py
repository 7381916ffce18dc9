"""The playground's editor: Python with line numbers, the app's highlighting, undo/redo, and jumps to a line.

A ``QPlainTextEdit`` (undo and redo come with it: Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y)
with a gutter of line numbers painted beside it, the highlighter the lesson
code view uses, a fixed-width font whose size follows the application font
(presenter mode enlarges it), and :meth:`ScriptEditor.go_to_line` for errors
and timeline clicks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit, QWidget

from desktop.ui.code_view import PythonHighlighter

GUTTER_PADDING = 6  # pixels left and right of the line numbers
TAB_SPACES = 4


class _Gutter(QWidget):
    """The strip of line numbers; the editor paints it."""

    def __init__(self, editor: ScriptEditor):
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._editor.paint_gutter(event)


class ScriptEditor(QPlainTextEdit):
    """A Python source editor with line numbers."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._keys: list[tuple[QKeySequence | QKeySequence.StandardKey, Callable[[], object]]] = []
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self._apply_font()
        self._highlighter = PythonHighlighter(self.document())
        self._gutter = _Gutter(self)
        self.blockCountChanged.connect(self._on_editor_block_count_changed)
        self.updateRequest.connect(self._on_editor_update_request)
        self.cursorPositionChanged.connect(self._on_editor_cursor_position_changed)
        self._on_editor_block_count_changed(1)
        self._on_editor_cursor_position_changed()

    # ------------------------------------------------------------------ public
    def go_to_line(self, line: int, column: int = 0) -> None:
        """Put the cursor on ``line`` (1-based) at ``column`` (1-based; 0: its start) and show it."""
        block = self.document().findBlockByNumber(max(line, 1) - 1)
        if not block.isValid():
            block = self.document().lastBlock()
        cursor = QTextCursor(block)
        if column > 1:
            cursor.movePosition(QTextCursor.MoveOperation.Right, n=min(column - 1, max(block.length() - 1, 0)))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def current_line(self) -> int:
        """The cursor's line, 1-based."""
        return self.textCursor().blockNumber() + 1

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 2 * GUTTER_PADDING + self.fontMetrics().horizontalAdvance("9") * max(digits, 2)

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.alternateBase())
        painter.setPen(palette.placeholderText().color())
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        width = self._gutter.width() - GUTTER_PADDING
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight, str(block.blockNumber() + 1))
            block, top = block.next(), bottom
        painter.end()

    # ------------------------------------------------------------------ Qt overrides
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def add_key(self, keys: QKeySequence | QKeySequence.StandardKey, slot: Callable[[], object]) -> None:
        """Call ``slot`` for ``keys`` while the editor has the focus, before any window shortcut on them.

        The window uses some of the same keys (Ctrl+S saves a run); in the editor they act on the script.
        """
        self._keys.append((keys, slot))

    def _slot_for(self, event: QKeyEvent) -> Callable[[], object] | None:
        for keys, slot in self._keys:
            if isinstance(keys, QKeySequence.StandardKey):
                if event.matches(keys):
                    return slot
            elif QKeySequence(event.keyCombination()) == keys:
                return slot
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._slot_for(event) is not None:
            event.accept()  # the key comes to keyPressEvent instead of a window shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        slot = self._slot_for(event)
        if slot is not None:
            slot()
            return
        if event.key() == Qt.Key.Key_Tab and not event.modifiers():
            self.insertPlainText(" " * TAB_SPACES)  # Python wants spaces
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._apply_font()
        super().changeEvent(event)

    # ------------------------------------------------------------------ slots
    def _on_editor_block_count_changed(self, _count: int) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _on_editor_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def _on_editor_cursor_position_changed(self) -> None:
        highlight = QTextEdit.ExtraSelection()
        color = QColor(self.palette().highlight().color())
        color.setAlpha(40)
        highlight.format.setBackground(color)
        highlight.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        highlight.cursor = self.textCursor()
        highlight.cursor.clearSelection()
        self.setExtraSelections([highlight])

    def _apply_font(self) -> None:
        """A fixed-width font at the application's size: presenter mode makes the code bigger too."""
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        app_font = QApplication.font()
        if app_font.pointSizeF() > 0:
            font.setPointSizeF(app_font.pointSizeF())
        self.setFont(font)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * TAB_SPACES)
