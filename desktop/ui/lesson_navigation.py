"""Lesson -> Next lesson / Previous lesson: walk the lesson list (as filtered by its search) from the keyboard.

:func:`install_lesson_navigation` adds a Lesson menu before Help with next
(Ctrl+PgDown, Alt+Down) and previous (Ctrl+PgUp, Alt+Up); both are disabled
at the ends of the list and while a run goes on (the list is locked then).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from desktop.ui import i18n


class LessonNavigation(i18n.FollowsLanguage, QObject):
    """The Lesson menu of ``window`` (see :mod:`desktop.ui.main_window` for the API it uses)."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("lesson-navigation")
        self._window = window
        self.next_action = QAction(window)
        self.next_action.setShortcuts(
            [QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageDown), QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down)]
        )
        self.next_action.triggered.connect(self.next_lesson)
        self.previous_action = QAction(window)
        self.previous_action.setShortcuts(
            [QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageUp), QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up)]
        )
        self.previous_action.triggered.connect(self.previous_lesson)
        for action in (self.next_action, self.previous_action):
            window.addAction(action)  # shortcuts work wherever the focus is in the window
        self.lesson_menu = QMenu(window)
        self.lesson_menu.addAction(self.previous_action)
        self.lesson_menu.addAction(self.next_action)
        window.menuBar().insertMenu(window.menus.help.menuAction(), self.lesson_menu)
        window.installEventFilter(self)
        picker, bridge = window.picker, window.bridge
        picker.lesson_selected.connect(self._update_actions)
        picker.search_box.textChanged.connect(self._update_actions)
        bridge.run_started.connect(self._update_actions)
        bridge.run_finished.connect(self._update_actions)
        self._retranslate()
        self._update_actions()

    def eventFilter(self, watched: QObject, event) -> bool:
        if event.type() == event.Type.LanguageChange:
            self._retranslate()
        return False

    def _retranslate(self) -> None:
        self.lesson_menu.setTitle(self.tr("&Lesson"))
        self.next_action.setText(self.tr("&Next lesson"))
        self.previous_action.setText(self.tr("&Previous lesson"))

    def next_lesson(self) -> bool:
        """Select the next lesson in the (filtered) list; False at the last one or during a run."""
        return self._step(+1)

    def previous_lesson(self) -> bool:
        return self._step(-1)

    def _neighbour(self, step: int) -> str | None:
        """The lesson ``step`` away from the selected one among the visible ones; None past either end."""
        picker = self._window.picker
        ids = picker.visible_lesson_ids()
        current = picker.current_lesson()
        if not ids:
            return None
        if current is None or current.id not in ids:
            return ids[0] if step > 0 else ids[-1]
        index = ids.index(current.id) + step
        return ids[index] if 0 <= index < len(ids) else None

    def _step(self, step: int) -> bool:
        if self._window.bridge.running:
            return False  # the list is locked while a run goes on
        target = self._neighbour(step)
        return target is not None and self._window.select_lesson(target)

    def _update_actions(self, *_args) -> None:
        idle = not self._window.bridge.running
        self.next_action.setEnabled(idle and self._neighbour(+1) is not None)
        self.previous_action.setEnabled(idle and self._neighbour(-1) is not None)


def install_lesson_navigation(window) -> LessonNavigation:
    """Add the Lesson menu (next / previous lesson) to ``window``."""
    return LessonNavigation(window)
