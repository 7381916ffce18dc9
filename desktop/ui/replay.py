"""Replay: show a finished run of the history again in every view, without running anything.

The run's lesson is selected and its form filled with the run's parameters;
the record then goes through :meth:`RunBridge.replay`, so the verdict, event
log and plots show it whole (each live view's ``show_run``). A replay is
refused while a run is in progress.

A run of more than :data:`PREPARED_ON_A_THREAD` events and samples is
prepared first, off the GUI thread (:class:`~desktop.ui.run_preparer.RunPreparer`:
a million events took the GUI thread 8-16 s), with its progress and Cancel
(Esc) in the history's progress row; nothing in the window changes until it
is ready, so a cancelled replay leaves every view as it was. A smaller run is
shown at once, as before.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from desktop.model.run_record import RunRecord
from desktop.model.text import Text
from desktop.ui import i18n
from desktop.ui.live_view import FinishedRun
from desktop.ui.run_list import when
from desktop.ui.run_preparer import RunPreparer

PREPARED_ON_A_THREAD = 50_000  # events and samples: fewer are shown at once (tens of milliseconds at most)
# How a replay ended (Replayer.replay_ended):
SHOWN = "shown"
CANCELLED = "cancelled"
FAILED = "failed"


class Replayer(i18n.FollowsLanguage, QObject):
    """The history's Replay action; ``panel`` is the :class:`~desktop.ui.history.HistoryPanel` it reports to.

    Signals:
        replay_ended(RunRecord, str): a replay that :meth:`replay` started has ended: :data:`SHOWN`,
            :data:`CANCELLED` or :data:`FAILED` (its preparer raised; the panel says why).
    """

    replay_ended = Signal(object, str)

    def __init__(self, window, panel):
        super().__init__(panel)
        self._window = window
        self._panel = panel
        self._source: Path | None = None  # the file of the run being prepared, when it was just opened
        self.preparer = RunPreparer(self)
        self.preparer.stop_when_closed(window)
        self.preparer.prepared.connect(self._on_preparer_prepared)
        self.preparer.failed.connect(self._on_preparer_failed)
        self.preparer.cancelled.connect(self._on_preparer_cancelled)
        window.bridge.run_started.connect(self._on_bridge_run_started)
        self.replay_action = QAction(panel)
        self.replay_action.triggered.connect(self._on_replay_action_triggered)
        self._retranslate()

    def _retranslate(self) -> None:
        self.replay_action.setText(self.tr("&Replay"))
        self.replay_action.setToolTip(self.tr("Show this run again, without running it (double-click)"))

    def replay(self, record: RunRecord | None = None, source: Path | None = None) -> bool:
        """Show ``record`` (default: the selected run) again in every view; False if it cannot be now.

        A big run is prepared first (``replay_ended`` follows); a small one is
        shown before this returns. ``source`` is the file ``record`` was just
        opened from: the run is listed (with it) once it is shown, not before.
        """
        panel, window = self._panel, self._window
        record = record if record is not None else panel.selected_record()
        if record is None:
            return False
        if window.bridge.running:
            panel.show_error(lambda: self.tr("A run is in progress: replay it once the run has ended."))
            return False
        if self.preparer.busy:
            panel.show_error(lambda: self.tr("Another run is being prepared: wait for it or cancel it (Esc)."))
            return False
        if len(record.events) + len(record.samples) <= PREPARED_ON_A_THREAD:
            self._show(record, None, source)
            return True
        self._source = source
        self.preparer.start(record, list(window.page.live_views), source)
        return True

    def _show(self, record: RunRecord, shown: FinishedRun | None, source: Path | None) -> None:
        panel, window = self._panel, self._window
        if panel.run_list.contains(record):
            panel.run_list.select_record(record)  # the row shown is the row selected
        else:
            panel.add_record(record, source=source)
        if window.select_lesson(record.lesson):  # its code and explanation, and its plots
            window.page.param_form.set_values(record.params)
        window.bridge.replay(record, shown)
        panel.show_message(
            lambda: self.tr("Replayed the run of {lesson} from {time}.").format(
                lesson=record.lesson, time=when(record.started_at)
            )
        )
        self.replay_ended.emit(record, SHOWN)

    def update_actions(self, has_run: bool, idle: bool) -> None:
        self.replay_action.setEnabled(has_run and idle and not self.preparer.busy)

    # --------------------------------------------------------------------- slots
    def _on_replay_action_triggered(self) -> None:
        self.replay()

    def _on_preparer_prepared(self, shown: FinishedRun) -> None:
        source, self._source = self._source, None
        if self._window.bridge.running:  # cannot happen (a run starting cancels); never replay over a run
            self.replay_ended.emit(shown.record, CANCELLED)
            return
        self._show(shown.record, shown, source)

    def _on_preparer_failed(self, text: Text, record: RunRecord) -> None:
        self._source = None
        self._panel.show_error(lambda: text.get(i18n.language()))
        self.replay_ended.emit(record, FAILED)

    def _on_preparer_cancelled(self, record: RunRecord) -> None:
        self._source = None
        self._panel.show_message(
            lambda: self.tr("Replaying the run of {lesson} was cancelled.").format(lesson=record.lesson)
        )
        self.replay_ended.emit(record, CANCELLED)

    def _on_bridge_run_started(self, *_args) -> None:
        self.preparer.cancel()  # the run wins: a replay could not show the run while it runs
