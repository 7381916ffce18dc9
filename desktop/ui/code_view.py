"""The lesson's own source, read-only and syntax-highlighted.

The text comes from the lesson module's file (shipped as data in the frozen
app), so what a student reads is exactly the code that runs. While a worker is
selected, :meth:`CodeView.show_step` highlights the line where that worker
last reported its state: the step it is at now.
"""

from __future__ import annotations

import keyword
import re

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QShowEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from desktop import resources
from desktop.model.lesson import Lesson
from desktop.ui import i18n

STEP_BACKGROUND = "#fff2a8"


def _format(color: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setForeground(QColor(color))
    if bold:
        text_format.setFontWeight(QFont.Weight.Bold)
    text_format.setFontItalic(italic)
    return text_format


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, built-in names, strings, numbers, comments and decorators; one line at a time."""

    _KEYWORDS = r"\b(" + "|".join(keyword.kwlist) + r")\b"
    _BUILTINS = r"\b(print|len|range|list|dict|set|tuple|int|float|str|bool|min|max|sum|sorted|open|super|self)\b"

    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self._rules = [
            (QRegularExpression(self._KEYWORDS), _format("#8b3fbf", bold=True)),
            (QRegularExpression(self._BUILTINS), _format("#1a5fb4")),
            (QRegularExpression(r"\b[0-9][0-9_]*(\.[0-9_]+)?\b"), _format("#a0522d")),
            (QRegularExpression(r"^\s*@[\w.]+"), _format("#a0522d")),
            (QRegularExpression(r"\bdef\s+(\w+)|\bclass\s+(\w+)"), _format("#00607a", bold=True)),
            (
                QRegularExpression(r"(?:[rbfu]{0,2})(\"[^\"\\]*(\\.[^\"\\]*)*\"|'[^'\\]*(\\.[^'\\]*)*')"),
                _format("#2e7d32"),
            ),
            (QRegularExpression(r"#[^\n]*"), _format("#6a737d", italic=True)),
        ]
        self._triple = _format("#2e7d32")

    def highlightBlock(self, text: str) -> None:
        for pattern, text_format in self._rules:
            matches = pattern.globalMatch(text)
            while matches.hasNext():
                match = matches.next()
                self.setFormat(match.capturedStart(), match.capturedLength(), text_format)
        self._highlight_docstrings(text)

    def _highlight_docstrings(self, text: str) -> None:
        """Triple-quoted strings may span lines: block state 1 means "inside one"."""
        start = 0 if self.previousBlockState() == 1 else -1
        position = 0
        self.setCurrentBlockState(0)
        while True:
            if start < 0:
                found = _find_triple(text, position)
                if found < 0:
                    return
                start, position = found, found + 3
            end = _find_triple(text, position)
            if end < 0:
                self.setFormat(start, len(text) - start, self._triple)
                self.setCurrentBlockState(1)
                return
            self.setFormat(start, end + 3 - start, self._triple)
            position, start = end + 3, -1


_TRIPLE = re.compile(r'"""|\'\'\'')


def _find_triple(text: str, position: int) -> int:
    match = _TRIPLE.search(text, position)
    return match.start() if match else -1


class CodeView(i18n.FollowsLanguage, QPlainTextEdit):
    """Shows a lesson's module source."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._highlighter = PythonHighlighter(self.document())
        self._unreadable: tuple[str, OSError] | None = None  # (module, why) when the source could not be read
        self.step_line: int | None = None  # 1-based line highlighted as the selected worker's step

    def set_lesson(self, lesson: Lesson) -> None:
        try:
            source = resources.lesson_source(lesson.module_name)
        except OSError as error:
            self._unreadable = (lesson.module_name, error)
            self._retranslate()
            return
        self._unreadable = None
        self.setPlainText(source)
        self.setExtraSelections([])
        self.step_line = None

    def show_step(self, line: int | None) -> None:
        """Highlight source line ``line`` (1-based) and scroll to it; None clears the highlight."""
        block = self.document().findBlockByNumber(line - 1) if line is not None else None
        if block is None or not block.isValid():
            if self.step_line is not None:
                self.setExtraSelections([])
            self.step_line = None
            return
        if line == self.step_line:
            return  # unchanged: don't yank the view back while the student scrolls
        self.step_line = line
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor(STEP_BACKGROUND))
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(block)
        self.setExtraSelections([selection])
        self.setTextCursor(QTextCursor(block))
        self.centerCursor()

    def showEvent(self, event: QShowEvent) -> None:
        """Centre the step again: while the tab was hidden the view had no size to centre it in."""
        super().showEvent(event)
        if self.step_line is not None:
            self.centerCursor()

    def step_text(self) -> str:
        """The text of the highlighted line ("" without one)."""
        if self.step_line is None:
            return ""
        return self.document().findBlockByNumber(self.step_line - 1).text()

    def _retranslate(self) -> None:
        """Only the message about an unreadable source is the app's text; code is never translated."""
        if self._unreadable is not None:
            module, error = self._unreadable
            self.setPlainText(
                self.tr("# The source of {module} could not be read: {error}").format(module=module, error=error)
            )
