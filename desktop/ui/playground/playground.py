"""The script playground: write or open a plain Python script, run it, watch it in the lesson's live views.

A dock with an editor (:mod:`.editor`), a find bar (:mod:`.find_bar`), a tool
bar (New, Open, Save, Save as, Starters, Run script, Stop) and the run's
summary. Run script (Ctrl+R; F5 stays the lesson's Run) saves the script —
the scratch buffer to its autosaved file — checks it (a syntax error is
shown at its line before anything starts), and starts it through the window's
run bridge like a lesson, with a :class:`~desktop.runtime.script.guard.Guard`
for the caps: the CPU plot, the timeline, the queue depth and the event log
follow it as they follow a lesson. When it ends, the summary's headline and
errors appear under the editor; clicking an error puts the cursor on its line,
and clicking a timeline lane shows the line that worker last reported from.

Starters → "Exercise for this lesson" opens the starter on the selected lesson's topic. Uses only the window
API (``window.bridge``, ``window.page``, ``window.settings``, ``add_dock``).
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMenu,
    QMessageBox,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.model.run_record import RunRecord
from desktop.runtime.script import starter
from desktop.runtime.script.guard import Guard
from desktop.runtime.script.script_run import summarize
from desktop.runtime.script.source import ScriptProblem, load
from desktop.runtime.script.target import SCRIPT_ID, ScriptTarget
from desktop.runtime.telemetry import STATE
from desktop.ui import i18n
from desktop.ui.playground import script_file
from desktop.ui.playground.editor import ScriptEditor
from desktop.ui.playground.find_bar import FindBar
from desktop.ui.playground.result_view import ResultView, Said

SCRIPT_MODULE = ScriptTarget.module_name  # the module name instrumentation gives the script's lines
AUTOSAVE_DELAY_MS = 1000  # the scratch buffer is written this long after the last change
EDITOR_WIDTH = 420  # pixels the playground asks for when first shown (more on a wide window)
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class Playground(i18n.FollowsLanguage, QDockWidget):
    """The playground dock.

    Signals:
        script_finished(dict): a run started here has ended; its measured summary.
    """

    script_finished = Signal(object)

    def __init__(self, window: Any):
        super().__init__(window)
        self.setObjectName("playground")
        self._window = window
        self._settings = window.settings
        self.path: str | None = None  # None: the scratch buffer
        self._guard: Guard | None = None
        self._run_path = ""
        self._lines: dict[str, int] = {}  # worker -> the script line of its last state, for lane clicks
        self.ask_unsaved = self._ask_unsaved  # what to do with unsaved changes: SAVE, DISCARD or CANCEL
        self.editor = ScriptEditor(self)
        self.find_bar = FindBar(self.editor, self)
        self.result = ResultView(self)
        self.result.line_clicked.connect(self._on_result_line_clicked)
        self._build_actions()
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        for widget in (self.toolbar, self.editor, self.find_bar, self.result):
            layout.addWidget(widget)
        self.setWidget(body)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self._on_autosave_timeout)
        self.editor.document().contentsChanged.connect(self._on_document_contents_changed)
        self.editor.document().modificationChanged.connect(self._update_title)
        window.bridge.run_started.connect(self._update_actions)
        window.bridge.events_received.connect(self._on_bridge_events_received)
        window.page.timeline.worker_selected.connect(self._on_timeline_worker_selected)
        window.bridge.run_finished.connect(self._on_bridge_run_finished)
        window.installEventFilter(self)  # unsaved changes are asked about before the window closes
        self._sized = False
        self.visibilityChanged.connect(self._on_visibility_changed)
        self._load_scratch()
        self._retranslate()
        self._update_actions()

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        """Tool bar actions; their keys work in the editor (where Ctrl+S saves the script, not a run)."""
        self.toolbar = QToolBar(self)
        standard = QKeySequence.StandardKey
        self.new_action = self._action(self._on_new_action_triggered, standard.New)
        self.open_action = self._action(self._on_open_action_triggered, standard.Open)
        self.save_action = self._action(self._on_save_action_triggered, standard.Save)
        self.save_as_action = self._action(self._on_save_as_action_triggered, standard.SaveAs)
        self.find_action = self._action(self.find_bar.open, standard.Find, in_toolbar=False)
        self.starters_menu = QMenu(self)
        for each in starter.STARTERS:
            action = self.starters_menu.addAction("")
            action.setData(each.file)
            action.triggered.connect(lambda _checked=False, chosen=each: self.open_starter(chosen))
        self.exercise_action = self.starters_menu.addAction("")
        self.exercise_action.triggered.connect(self._on_exercise_action_triggered)
        self.starters_menu.insertSeparator(self.exercise_action)
        self.starters_menu.aboutToShow.connect(self._on_starters_menu_about_to_show)
        self.recent_menu = QMenu(self)
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        for menu in (self.starters_menu, self.recent_menu):
            button = QToolButton(self)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setDefaultAction(menu.menuAction())
            self.toolbar.addWidget(button)
        self.run_action = self._action(self.run_script, QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_R))
        self.stop_action = self._action(self._window.bridge.stop)

    def _action(self, slot: Any, keys: Any = None, in_toolbar: bool = True) -> QAction:
        action = QAction(self)
        action.triggered.connect(slot)
        if keys is not None:
            self.editor.add_key(keys, action.trigger)
        if in_toolbar:
            self.toolbar.addAction(action)
        return action

    def _retranslate(self) -> None:
        self.new_action.setText(self.tr("New"))
        self.open_action.setText(self.tr("Open…"))
        self.save_action.setText(self.tr("Save"))
        self.save_as_action.setText(self.tr("Save as…"))
        self.find_action.setText(self.tr("Find"))
        self.starters_menu.setTitle(self.tr("Starters"))
        self.recent_menu.setTitle(self.tr("Recent"))
        self.run_action.setText(self.tr("Run script"))
        self.run_action.setToolTip(self.tr("Save the script, then run it (Ctrl+R)"))
        self.stop_action.setText(self.tr("Stop"))
        self.exercise_action.setText(self.tr("Exercise for this lesson"))
        language = i18n.language()
        for action in self.starters_menu.actions():
            chosen = next((s for s in starter.STARTERS if s.file == action.data()), None)
            if chosen is not None:
                action.setText(chosen.title.get(language))
        self._update_title()

    # ------------------------------------------------------------------ files
    def new_script(self) -> bool:
        """An empty scratch buffer (after asking about unsaved changes); False if the user cancelled."""
        if not self._may_discard():
            return False
        self._show_text("", None)
        return True

    def open_path(self, path: str) -> bool:
        """Open ``path`` in the editor; False (and a message) if it cannot be read as text."""
        if not self._may_discard():
            return False
        try:
            text = script_file.read_text(path)
        except ScriptProblem as problem:
            said = problem.text
            self._show_headline(
                lambda: self.tr("The file could not be opened: {error}").format(error=said.get(i18n.language()))
            )
            return False
        self._show_text(text, os.path.abspath(path))
        script_file.remember(self._settings, path)
        return True

    def open_starter(self, chosen: starter.Starter) -> bool:
        """A starter's text in the scratch buffer (the shipped file itself stays untouched)."""
        if not self._may_discard():
            return False
        self._show_text(script_file.read_text(str(starter.path(chosen))), None)
        self.editor.document().setModified(True)
        self._on_autosave_timeout()
        return True

    def open_exercise(self) -> bool:
        """The starter on the selected lesson's topic ("Open as exercise"); False if there is none."""
        lesson = self._window.page.lesson
        chosen = starter.named(lesson.exercise) if lesson is not None else None
        return chosen is not None and self.open_starter(chosen)

    def save(self) -> bool:
        """Save to the current file, or ask for one; the scratch buffer goes to its own file."""
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the script"), "", self.tr("Python scripts (*.py)")
            )
            if not path:
                return False
        if not self._write(path):
            return False
        self.path = os.path.abspath(path)
        script_file.remember(self._settings, path)
        self._update_title()
        return True

    def _write(self, path: str) -> bool:
        try:
            script_file.write_text(path, self.editor.toPlainText())
        except OSError as error:
            self._show_headline(
                lambda reason=str(error): self.tr("The file could not be saved: {error}").format(error=reason)
            )
            return False
        self.editor.document().setModified(False)
        return True

    def _show_text(self, text: str, path: str | None) -> None:
        self.path = path
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self._clear_result()
        self._update_title()

    def _may_discard(self) -> bool:
        """Unsaved changes to a named file: ask to save them first (the scratch buffer is autosaved)."""
        if self.path is None or not self.editor.document().isModified():
            return True
        answer = self.ask_unsaved()
        if answer == SAVE:
            return self.save()
        return answer == DISCARD

    def _ask_unsaved(self) -> str:
        buttons = QMessageBox.StandardButton
        choice = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("{name} has unsaved changes. Save them?").format(name=os.path.basename(self.path or "")),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        return {buttons.Save: SAVE, buttons.Discard: DISCARD}.get(choice, CANCEL)

    def _load_scratch(self) -> None:
        scratch = script_file.scratch_path(self._settings)
        if scratch.is_file():
            try:
                self._show_text(script_file.read_text(str(scratch)), None)
            except ScriptProblem:
                pass  # a damaged scratch file: start empty

    # ------------------------------------------------------------------ running
    def run_script(self) -> bool:
        """Save, check and run the script in the window's live views; False if it did not start."""
        bridge = self._window.bridge
        if bridge.running:
            return False
        path = str(script_file.scratch_path(self._settings)) if self.path is None else self.path
        if not self._write(path):
            return False
        self._clear_result()
        try:
            text = load(path)
        except ScriptProblem as problem:
            self._show_headline(problem.text)  # in the UI's language, again after a switch
            if problem.line:
                self.editor.go_to_line(problem.line, problem.column)
            return False
        target = ScriptTarget(path, text)
        self._lines.clear()
        bridge.start(target, target.params())
        self._run_path = target.path
        self._guard = Guard(bridge.run, self._settings.caps())
        self._guard.start()
        self._show_headline(lambda: self.tr("Running {name}…").format(name=os.path.basename(path)))
        self._update_actions()
        return True

    def _on_bridge_run_finished(self, record: RunRecord) -> None:
        guard, self._guard = self._guard, None
        self._update_actions()
        if guard is None or record.lesson != SCRIPT_ID:
            return  # a lesson's run, or a replay
        facts = summarize(record, self._run_path, guard.stop_reason)
        self.result.show_summary(facts, self._run_path)
        self.script_finished.emit(facts)

    def _on_bridge_events_received(self, events: list) -> None:
        if self._guard is None:
            return  # not a run of ours
        lines = self._lines
        for event in events:
            if event.kind == STATE and event.where is not None and event.where[0] == SCRIPT_MODULE:
                lines[event.worker] = event.where[1]

    def _on_timeline_worker_selected(self, worker: str) -> None:
        """A lane of the last script run was clicked: show the line that worker last reported from."""
        line = self._lines.get(worker)
        if line and self.isVisible() and (self.path or str(script_file.scratch_path(self._settings))) == self._run_path:
            self.editor.go_to_line(line)

    def _on_visibility_changed(self, visible: bool) -> None:
        """Shown for the first time: room for the code (an editor squeezed to a strip is no use)."""
        if visible and not self._sized and not self.isFloating():
            self._sized = True
            width = max(EDITOR_WIDTH, self._window.width() * 2 // 5)
            self._window.resizeDocks([self], [width], Qt.Orientation.Horizontal)

    def _on_result_line_clicked(self, line: int) -> None:
        self.editor.go_to_line(line)

    # ------------------------------------------------------------------ state
    def _show_headline(self, render: Said) -> None:
        self.result.show_message(render)  # said again in another language after a switch

    def _clear_result(self) -> None:
        self.result.clear()

    def _update_actions(self, *_args: object) -> None:
        running = self._window.bridge.running
        self.run_action.setEnabled(not running)
        self.stop_action.setEnabled(running and self._guard is not None)

    def _update_title(self, *_args: object) -> None:
        name = os.path.basename(self.path) if self.path else self.tr("scratch")
        star = "*" if self.editor.document().isModified() and self.path else ""
        self.setWindowTitle(self.tr("Playground: {name}").format(name=name + star))

    def _on_document_contents_changed(self) -> None:
        if self.path is None:
            self._autosave.start()

    def _on_autosave_timeout(self) -> None:
        if self.path is None:
            try:
                script_file.write_text(str(script_file.scratch_path(self._settings)), self.editor.toPlainText())
            except OSError:
                pass  # autosave is best effort; Save says what went wrong

    def _on_new_action_triggered(self) -> None:
        self.new_script()

    def _on_open_action_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a Python script"), "", self.tr("Python scripts (*.py)")
        )
        if path:
            self.open_path(path)

    def _on_save_action_triggered(self) -> None:
        self.save()

    def _on_save_as_action_triggered(self) -> None:
        self.save_as()

    def _on_exercise_action_triggered(self) -> None:
        self.show()
        self.raise_()
        self.open_exercise()

    def _on_starters_menu_about_to_show(self) -> None:
        lesson = self._window.page.lesson
        self.exercise_action.setEnabled(lesson is not None and starter.named(lesson.exercise) is not None)

    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        for path in script_file.recent(self._settings):
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, chosen=path: self.open_path(chosen))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close and not self._may_discard():
            event.ignore()
            return True
        return super().eventFilter(watched, event)


def install_playground(window: Any) -> Playground:
    """Dock the playground in ``window``, hidden until View > Playground shows it (a saved layout may too).

    On the left: the default layout tabs the right-hand docks together on short screens.
    """
    playground = Playground(window)
    window.add_dock(playground, Qt.DockWidgetArea.LeftDockWidgetArea)
    playground.hide()
    return playground
