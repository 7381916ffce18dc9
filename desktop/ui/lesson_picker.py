"""The lesson list: lessons grouped by chapter, filtered by a search box, in the UI's language.

Lessons are loaded one by one so that a lesson module that fails to import
(a bug, or a lesson still being written) costs only its own entry: it is
logged and skipped, and the rest of the catalog stays usable.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.scenarios import catalog
from desktop.scenarios.lesson import Chapter, Lesson
from desktop.ui import i18n

log = logging.getLogger(__name__)
LESSON_ID_ROLE = Qt.ItemDataRole.UserRole


def load_available_lessons() -> list[Lesson]:
    """Every lesson that imports, in chapter then catalog order; broken ones are logged and skipped."""
    loaded = []
    for lesson_id in catalog.MODULES:
        try:
            loaded.append(catalog.load(lesson_id))
        except Exception:  # one broken lesson must not take the window down
            log.warning("lesson %s could not be loaded; it is left out of the list", lesson_id, exc_info=True)
    return sorted(loaded, key=lambda lesson: lesson.chapter.number)


def _matching_ids(query: str, lessons: list[Lesson]) -> set[str]:
    """Ids of the lessons that match ``query`` according to the catalog's search."""
    if not query.strip():
        return {lesson.id for lesson in lessons}
    try:
        return {lesson.id for lesson in catalog.search(query)}
    except Exception:  # the catalog imports every lesson; search what loaded instead
        needle = query.strip().lower()
        return {
            lesson.id
            for lesson in lessons
            if needle
            in " ".join(
                [lesson.id, lesson.title.en, lesson.title.zh, lesson.summary.en, lesson.summary.zh, *lesson.concepts]
            ).lower()
        }


class LessonPicker(QWidget):
    """Search box over a chapter → lesson tree.

    Signals:
        lesson_selected(object): the user picked this ``Lesson``.
    """

    lesson_selected = Signal(object)

    def __init__(self, lessons: list[Lesson] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._lessons = {lesson.id: lesson for lesson in (lessons if lessons is not None else load_available_lessons())}
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.tree)
        self._populate()
        self._retranslate()

    @property
    def lessons(self) -> dict[str, Lesson]:
        return self._lessons

    def select(self, lesson_id: str) -> bool:
        """Select the lesson ``lesson_id``; False if it is not in the list."""
        item = self._items.get(lesson_id)
        if item is None:
            return False
        self.tree.setCurrentItem(item)
        return True

    def current_lesson(self) -> Lesson | None:
        item = self.tree.currentItem()
        lesson_id = item.data(0, LESSON_ID_ROLE) if item is not None else None
        return self._lessons.get(lesson_id) if lesson_id else None

    def visible_lesson_ids(self) -> list[str]:
        return [lesson_id for lesson_id, item in self._items.items() if not item.isHidden()]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        language = i18n.language()
        self.search_box.setPlaceholderText(self.tr("Search lessons (e.g. Lock, queue, GIL)"))
        for chapter, chapter_item in self._chapter_items.items():
            chapter_item.setText(0, f"{chapter.number}. {chapter.title.get(language)}")
        for lesson_id, item in self._items.items():
            lesson = self._lessons[lesson_id]
            title = lesson.title.get(language)
            item.setText(0, title)
            item.setToolTip(0, f"<b>{html.escape(title)}</b><br>{html.escape(lesson.summary.get(language))}")

    def _populate(self) -> None:
        """Build the tree; texts are set by :meth:`_retranslate`."""
        self._items: dict[str, QTreeWidgetItem] = {}
        self._chapter_items: dict[Chapter, QTreeWidgetItem] = {}
        chapters = self._chapter_items
        for lesson in self._lessons.values():
            chapter_item = chapters.get(lesson.chapter)
            if chapter_item is None:
                chapter_item = QTreeWidgetItem()
                chapter_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = chapter_item.font(0)
                font.setBold(True)
                chapter_item.setFont(0, font)
                chapters[lesson.chapter] = chapter_item
                self.tree.addTopLevelItem(chapter_item)
            item = QTreeWidgetItem()
            item.setData(0, LESSON_ID_ROLE, lesson.id)
            chapter_item.addChild(item)
            self._items[lesson.id] = item
        self.tree.expandAll()

    def _on_search_box_text_changed(self, text: str) -> None:
        matching = _matching_ids(text, list(self._lessons.values()))
        for lesson_id, item in self._items.items():
            item.setHidden(lesson_id not in matching)
        for index in range(self.tree.topLevelItemCount()):
            chapter_item = self.tree.topLevelItem(index)
            children = [chapter_item.child(i) for i in range(chapter_item.childCount())]
            chapter_item.setHidden(all(child.isHidden() for child in children))

    def _on_tree_current_item_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        lesson = self.current_lesson() if current is not None else None
        if lesson is not None:
            self.lesson_selected.emit(lesson)
