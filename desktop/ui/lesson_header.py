"""The top of a lesson page: its title, what it shows, and what to watch while it runs."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.model.lesson import Lesson
from desktop.ui import i18n


class LessonHeader(i18n.FollowsLanguage, QWidget):
    """Title, summary and "what to watch" of one lesson, in the UI's language."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._lesson: Lesson | None = None
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

    def _retranslate(self) -> None:
        lesson, language = self._lesson, i18n.language()
        if lesson is None:
            self.title_label.setText(self.tr("Pick a lesson"))
            self.summary_label.setText(self.tr("Choose a lesson on the left, set its parameters and press Run."))
            self.watch_label.clear()
            return
        self.title_label.setText(lesson.title.get(language))
        self.summary_label.setText(lesson.summary.get(language))
        watch = self.tr("What to watch:")
        self.watch_label.setText(f"<b>{html.escape(watch)}</b> {html.escape(lesson.watch.get(language))}")
