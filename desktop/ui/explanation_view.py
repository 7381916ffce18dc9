"""The longer explanation of a lesson, as readable text."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.scenarios.lesson import Lesson


class ExplanationView(QTextBrowser):
    """Summary, explanation and "what to watch" of one lesson."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenExternalLinks(False)

    def set_lesson(self, lesson: Lesson, language: str = "en") -> None:
        parts = [
            f"<h3>{html.escape(lesson.title.get(language))}</h3>",
            f"<p>{html.escape(lesson.explanation.get(language))}</p>",
            f"<p><b>{html.escape(self.tr('What to watch:'))}</b> {html.escape(lesson.watch.get(language))}</p>",
        ]
        if lesson.concepts:
            concepts = ", ".join(html.escape(c) for c in lesson.concepts)
            parts.append(f"<p><i>{html.escape(self.tr('Concepts:'))}</i> {concepts}</p>")
        self.setHtml("".join(parts))
