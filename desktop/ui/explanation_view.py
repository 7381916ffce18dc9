"""The longer explanation of a lesson, as readable text in the UI's language."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.model.lesson import Lesson
from desktop.ui import i18n


class ExplanationView(i18n.FollowsLanguage, QTextBrowser):
    """Title, explanation, "what to watch" and concepts of one lesson."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self._lesson: Lesson | None = None

    def set_lesson(self, lesson: Lesson) -> None:
        self._lesson = lesson
        self._retranslate()

    def _retranslate(self) -> None:
        lesson, language = self._lesson, i18n.language()
        if lesson is None:
            return
        # Outside the f-strings: pyside6-lupdate does not look for tr() inside them.
        watch_heading, concepts_heading = self.tr("What to watch:"), self.tr("Concepts:")
        parts = [
            f"<h3>{html.escape(lesson.title.get(language))}</h3>",
            f"<p>{html.escape(lesson.explanation.get(language))}</p>",
            f"<p><b>{html.escape(watch_heading)}</b> {html.escape(lesson.watch.get(language))}</p>",
        ]
        if lesson.concepts:
            concepts = ", ".join(html.escape(c) for c in lesson.concepts)
            parts.append(f"<p><i>{html.escape(concepts_heading)}</i> {concepts}</p>")
        self.setHtml("".join(parts))
