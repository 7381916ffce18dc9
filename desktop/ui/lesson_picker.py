"""The lesson list: lessons grouped by chapter, filtered by a search box, in the UI's language.

The list is built from catalog entries (see :func:`desktop.lessons.catalog.entries`);
a lesson's module is imported when the lesson is opened. A lesson module that
fails to import (a bug, or a lesson still being written) costs only its own
entry: it is logged and left out, and the rest of the catalog stays usable.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.lessons import catalog
from desktop.model.lesson import Chapter, Lesson
from desktop.ui import i18n

log = logging.getLogger(__name__)
LESSON_ID_ROLE = Qt.ItemDataRole.UserRole


def available_entries() -> list[catalog.Entry]:
    """Every lesson's entry, in chapter then catalog order.

    The frozen app reads them from its index. From source the lessons are
    imported here, one by one, so a broken one is logged and skipped.
    """
    try:
        return catalog.entries()
    except Exception:  # a lesson failed to import: find which, keep the rest
        loaded = []
        for lesson_id in catalog.IDS:
            try:
                loaded.append(catalog.Entry.of(catalog.load(lesson_id)))
            except Exception:  # one broken lesson must not take the window down
                log.warning("lesson %s could not be loaded; it is left out of the list", lesson_id, exc_info=True)
        return sorted(loaded, key=lambda entry: entry.chapter.number)


class LessonsById(Mapping[str, Lesson]):
    """The listed lessons by id; a lesson's module is imported the first time it is asked for."""

    def __init__(self, ids: list[str], loaded: Mapping[str, Lesson]):
        self._ids = ids
        self._loaded = dict(loaded)

    def __getitem__(self, lesson_id: str) -> Lesson:
        lesson = self._loaded.get(lesson_id)
        if lesson is None:
            if lesson_id not in self._ids:
                raise KeyError(lesson_id)
            lesson = self._loaded[lesson_id] = catalog.load(lesson_id)
        return lesson

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class LessonPicker(i18n.FollowsLanguage, QWidget):
    """Search box over a chapter → lesson tree.

    Signals:
        lesson_selected(object): the user picked this ``Lesson``.
    """

    lesson_selected = Signal(object)

    def __init__(self, lessons: list[Lesson] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        if lessons is None:
            self._entries = {entry.id: entry for entry in available_entries()}
            self._lessons = LessonsById(list(self._entries), {})
        else:
            self._entries = {lesson.id: catalog.Entry.of(lesson) for lesson in lessons}
            self._lessons = LessonsById(list(self._entries), {lesson.id: lesson for lesson in lessons})
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
    def lessons(self) -> Mapping[str, Lesson]:
        """The listed lessons by id, in list order (each module is imported when first asked for)."""
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
        if not lesson_id:
            return None
        try:
            return self._lessons[lesson_id]
        except Exception:  # listed from the index, but its module does not import
            log.warning("lesson %s could not be loaded", lesson_id, exc_info=True)
            return None

    def visible_lesson_ids(self) -> list[str]:
        return [lesson_id for lesson_id, item in self._items.items() if not item.isHidden()]

    def _retranslate(self) -> None:
        language = i18n.language()
        self.search_box.setPlaceholderText(self.tr("Search lessons (e.g. Lock, queue, GIL)"))
        for chapter, chapter_item in self._chapter_items.items():
            chapter_item.setText(0, f"{chapter.number}. {chapter.title.get(language)}")
        for lesson_id, item in self._items.items():
            entry = self._entries[lesson_id]
            title = entry.title.get(language)
            item.setText(0, title)
            item.setToolTip(0, f"<b>{html.escape(title)}</b><br>{html.escape(entry.summary.get(language))}")

    def _populate(self) -> None:
        """Build the tree; texts are set by :meth:`_retranslate`."""
        self._items: dict[str, QTreeWidgetItem] = {}
        self._chapter_items: dict[Chapter, QTreeWidgetItem] = {}
        chapters = self._chapter_items
        for lesson in self._entries.values():
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
        matching = {lesson_id for lesson_id, entry in self._entries.items() if entry.matches(text)}
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
