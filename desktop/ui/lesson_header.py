"""The top of a lesson page: its title, what it shows, and what to watch while it runs.

In compact mode (presenter mode on a 768-px projector) the page keeps room for
the title's line only, the rest scrolls: the title is then one line, cut with
an ellipsis if the page is narrower, the whole title its tooltip. Wrapped, a
long title ("Pool speed-up: apply, apply_async and map" at 1024 px) showed
half of its second line under the first.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.model.lesson import Lesson
from desktop.ui import i18n


class LessonHeader(i18n.FollowsLanguage, QWidget):
    """Title, summary and "what to watch" of one lesson, in the UI's language."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._lesson: Lesson | None = None
        self.compact = False
        self.full_title = ""  # the whole title, whatever the label shows
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)  # a long title takes two lines in presenter mode on a small screen
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.watch_label = QLabel()
        self.watch_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.watch_label)
        layout.addStretch(1)
        self.set_lesson(None)

    def set_lesson(self, lesson: Lesson | None) -> None:
        self._lesson = lesson
        self._retranslate()

    def set_compact(self, compact: bool) -> None:
        """The title on one line, cut to the width, the whole title its tooltip (True); wrapped (False)."""
        self.compact = compact
        self.title_label.setWordWrap(not compact)
        self.title_label.setMinimumWidth(1 if compact else 0)  # one line never widens the page: it is cut
        self._show_title()

    def _show_title(self) -> None:
        label = self.title_label
        if not self.compact:
            label.setText(self.full_title)
            label.setToolTip("")
            return
        width = max(label.contentsRect().width() - 2 * label.margin(), 1)
        label.setText(label.fontMetrics().elidedText(self.full_title, Qt.TextElideMode.ElideRight, width))
        label.setToolTip(self.full_title)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.compact:
            self._show_title()  # cut to the new width

    def _retranslate(self) -> None:
        lesson, language = self._lesson, i18n.language()
        if lesson is None:
            self.full_title = self.tr("Pick a lesson")
            self._show_title()
            self.summary_label.setText(self.tr("Choose a lesson on the left, set its parameters and press Run."))
            self.watch_label.clear()
            return
        self.full_title = lesson.title.get(language)
        self._show_title()
        self.summary_label.setText(lesson.summary.get(language))
        watch = self.tr("What to watch:")
        self.watch_label.setText(f"<b>{html.escape(watch)}</b> {html.escape(lesson.watch.get(language))}")
