"""Replay: show a finished run of the history again in every view, without running anything.

The run's lesson is selected and its form filled with the run's parameters;
the record then goes through :meth:`RunBridge.replay`, so the verdict, event
log and plots show it whole (each live view's ``show_run``). A replay is
refused while a run is in progress.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desktop.model.run_record import RunRecord
from desktop.ui import i18n
from desktop.ui.run_list import when


class Replayer(i18n.FollowsLanguage, QObject):
    """The history's Replay action; ``panel`` is the :class:`~desktop.ui.history.HistoryPanel` it reports to."""

    def __init__(self, window, panel):
        super().__init__(panel)
        self._window = window
        self._panel = panel
        self.replay_action = QAction(panel)
        self.replay_action.triggered.connect(self._on_replay_action_triggered)
        self._retranslate()

    def _retranslate(self) -> None:
        self.replay_action.setText(self.tr("&Replay"))
        self.replay_action.setToolTip(self.tr("Show this run again, without running it (double-click)"))

    def replay(self, record: RunRecord | None = None) -> bool:
        """Show ``record`` (default: the selected run) again in every view; False if it cannot be now."""
        panel, window = self._panel, self._window
        record = record if record is not None else panel.selected_record()
        if record is None:
            return False
        if window.bridge.running:
            panel.show_error(lambda: self.tr("A run is in progress: replay it once the run has ended."))
            return False
        if window.select_lesson(record.lesson):  # its code and explanation, and its plots
            window.page.param_form.set_values(record.params)
        window.bridge.replay(record)
        panel.show_message(
            lambda: self.tr("Replayed the run of {lesson} from {time}.").format(
                lesson=record.lesson, time=when(record.started_at)
            )
        )
        return True

    def update_actions(self, has_run: bool, idle: bool) -> None:
        self.replay_action.setEnabled(has_run and idle)

    def _on_replay_action_triggered(self) -> None:
        self.replay()
