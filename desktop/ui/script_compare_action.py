"""Where a student asks to compare two runs of a script, and what they are told when the runs do not pair.

Three ways in, one window (:class:`~desktop.ui.script_compare.ScriptCompareWindow`):

* **Compare runs** on the history's tool bar and in the Run menu: the two
  runs selected in the history (Ctrl+click), or the one selected and the
  run of the same script before it;
* **Compare with previous run** on the playground's tool bar: the newest
  script run and the run of the same script before it (run, edit, run,
  compare).

Which runs pair is decided in :func:`desktop.runtime.script.comparison.pick_pair`;
when they do not (a lesson's run, a single run, three runs) its sentence is
shown where the student asked: under the history's list, or under the
playground's editor. Uses only the window API (``window.menus``) and the
public parts of the history panel and the playground that the composition
root hands over.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction

from desktop.model.run_record import RunRecord
from desktop.runtime.script import comparison
from desktop.runtime.script.comparison import NotAPair
from desktop.ui import i18n
from desktop.ui.history import HistoryPanel
from desktop.ui.script_compare import ScriptCompareWindow
from desktop.ui.window_layout import bring_to_front


class ScriptCompare(QObject):
    """The actions that open Compare script runs, and the window they share (made when first needed)."""

    def __init__(self, window: Any, history: HistoryPanel, playground: Any = None):
        super().__init__(window)
        self._window = window
        self._history = history
        self._playground = playground
        self.compare_window: ScriptCompareWindow | None = None
        self.compare_action = QAction(window)
        self.compare_action.setObjectName("script-compare-action")
        self.compare_action.triggered.connect(self._on_compare_action_triggered)
        history.add_tool(self.compare_action)
        window.menus.run.addAction(self.compare_action)
        self.previous_action = QAction(window)
        self.previous_action.setObjectName("compare-previous-action")
        self.previous_action.triggered.connect(self._on_previous_action_triggered)
        if playground is not None:
            playground.toolbar.addAction(self.previous_action)
        window.installEventFilter(self)
        self._retranslate()

    def compare_selected(self) -> ScriptCompareWindow | None:
        """Compare the runs selected in the history; None (and the reason under the list) if they do not pair."""
        try:
            a, b = comparison.pick_pair(self._history.run_list.selected_records(), self._history.records)
        except NotAPair as problem:
            text = problem.text
            self._history.show_error(lambda: text.get(i18n.language()))
            return None
        return self.show_pair(a, b)

    def compare_with_previous(self) -> ScriptCompareWindow | None:
        """Compare the newest script run with the run of the same script before it; None (and why) if none."""
        records = self._history.records
        newest = [next((r for r in records if comparison.is_script_run(r)), None)]
        try:
            a, b = comparison.pick_pair([r for r in newest if r is not None], records)
        except NotAPair as problem:
            self._tell(problem.text.get(i18n.language()))
            return None
        return self.show_pair(a, b)

    def show_pair(self, a: RunRecord, b: RunRecord) -> ScriptCompareWindow:
        """Show script runs ``a`` and ``b`` in the compare window, brought to the front."""
        if self.compare_window is None:
            self.compare_window = ScriptCompareWindow(self._window)
        self.compare_window.show_pair(a, b)
        bring_to_front(self.compare_window)
        return self.compare_window

    def _tell(self, text: str) -> None:
        """Say why nothing was compared: under the playground's editor when it is open, else under the history."""
        if self._playground is not None and self._playground.isVisible():
            self._playground.result.show_message(text)
        else:
            self._history.show_error(lambda: text)

    def _on_compare_action_triggered(self) -> None:
        self.compare_selected()

    def _on_previous_action_triggered(self) -> None:
        self.compare_with_previous()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window:
            if event.type() == QEvent.Type.LanguageChange:
                self._retranslate()
            elif event.type() == QEvent.Type.Close and self.compare_window is not None:
                self.compare_window.close()
        return False

    def _retranslate(self) -> None:
        self.compare_action.setText(self.tr("Compare &runs"))
        self.compare_action.setToolTip(
            self.tr(
                "Compare two runs of a script side by side: select two in the run history (Ctrl+click), "
                "or one to compare with the run of the same script before it"
            )
        )
        self.previous_action.setText(self.tr("Compare with previous run"))
        self.previous_action.setToolTip(
            self.tr("Set this script's last run beside the run before it: figures, timelines and what you changed")
        )


def install_script_compare(window: Any, history: HistoryPanel, playground: Any = None) -> ScriptCompare:
    """Add Compare runs to ``history``'s tool bar and the Run menu, and Compare with previous run to ``playground``."""
    return ScriptCompare(window, history, playground)
