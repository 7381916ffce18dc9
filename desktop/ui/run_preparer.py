"""Preparing the views of a big finished run off the GUI thread: one at a time, its progress, a cancel that works.

Showing a run of a million events computed every view's content on the GUI
thread and froze the window 8-16 s. :class:`RunPreparer` runs the views'
preparers (:mod:`desktop.ui.view_preparation`) on a :class:`QThread` of its
own, passes their progress on (at most every
:data:`~desktop.ui.run_loader.PROGRESS_INTERVAL_S`) and stops them when asked;
the views then only set what was computed. The preparers are plain Python
loops, which let the GIL go every few milliseconds; the cycle collector is
paused meanwhile, as while a file loads (a full pass over a million events
holds the GIL ~0.7 s).

The outcome signals (``prepared``, ``failed``, ``cancelled``) come once the
thread has ended: whoever hears of the end finds no thread left running.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QThread, Signal

from desktop.model.run_record import RunRecord
from desktop.model.text import Text
from desktop.runtime.run_file_parse import collector_paused
from desktop.ui.live_view import FinishedRun, LiveView
from desktop.ui.run_loader import PROGRESS_INTERVAL_S
from desktop.ui.view_preparation import Pace, PreparationCancelled, Preparers, finished_run, prepare, preparers_of

log = logging.getLogger(__name__)


class _PrepareThread(QThread):
    """Prepares ``record`` with ``preparers``; ``outcome`` is the :class:`FinishedRun`, a problem's Text, or None.

    Signals:
        progressed(float): the share done, 0 to 1 (emitted on this thread; queued to the window's).
    """

    progressed = Signal(float)

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.record: RunRecord | None = None
        self.path: Path | None = None
        self.preparers: Preparers = []
        self.now = 0.0
        self.stop = threading.Event()
        self.outcome: FinishedRun | Text | None = None
        self._reported = 0.0

    def setup(self, record: RunRecord, preparers: Preparers, path: Path | None) -> None:
        """Set up the next preparation (the thread is not running)."""
        self.record, self.preparers, self.path = record, preparers, path
        self.now, self.outcome, self._reported = time.perf_counter(), None, 0.0
        self.stop.clear()

    def run(self) -> None:
        try:
            with collector_paused():
                pace = Pace(self._report, self.stop.is_set)
                self.outcome = prepare(finished_run(self.record, self.now), self.preparers, pace)
        except PreparationCancelled:
            self.outcome = None
        except Exception as error:  # a bug in a preparer must still end the preparation with a message
            log.exception("preparing the views of a run of %s failed", self.record.lesson)
            self.outcome = Text(f"The run could not be shown: {error!r}", f"无法显示这次运行：{error!r}")

    def _report(self, share: float) -> None:
        now = time.monotonic()
        if now - self._reported >= PROGRESS_INTERVAL_S:
            self._reported = now
            self.progressed.emit(share)


class RunPreparer(QObject):
    """Prepares the views of finished runs on a thread, one run at a time.

    Signals:
        started(RunRecord, object): a preparation began; the second is the file the run was just
            opened from (a Path), or None (a run of the history).
        progressed(float): the share of it done, 0 to 1.
        prepared(FinishedRun): the run is ready for :meth:`RunBridge.replay`; the thread has ended.
        failed(Text, RunRecord): a preparer raised (a bug), and what it said; the thread has ended.
        cancelled(RunRecord): :meth:`cancel` stopped it; the thread has ended.
    """

    started = Signal(object, object)
    progressed = Signal(float)
    prepared = Signal(object)
    failed = Signal(object, object)
    cancelled = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = _PrepareThread(self)
        self._thread.progressed.connect(self._on_thread_progressed)
        self._thread.finished.connect(self._on_thread_finished)
        self._busy = False

    @property
    def busy(self) -> bool:
        """True from :meth:`start` until the outcome signal."""
        return self._busy

    @property
    def record(self) -> RunRecord | None:
        """The run being prepared (None when idle)."""
        return self._thread.record if self._busy else None

    def start(self, record: RunRecord, views: list[LiveView], path: Path | None = None) -> bool:
        """Start preparing ``views``' parts of ``record``; False (nothing started) while another one is going."""
        if self._busy:
            return False
        self._busy = True
        self._thread.setup(record, preparers_of(views), path)
        self._thread.start()
        self.started.emit(record, path)
        return True

    def cancel(self) -> None:
        """Ask the preparation to stop; ``cancelled`` follows within milliseconds (the preparers check often)."""
        if self._busy:
            self._thread.stop.set()

    def stop_when_closed(self, window: QObject) -> None:
        """Stop the preparation (and wait for its thread) when ``window`` closes: no thread may outlive it."""
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and self._busy:
            self._thread.stop.set()
            self._thread.wait()
        return False

    # --------------------------------------------------------------------- slots
    def _on_thread_progressed(self, share: float) -> None:
        if self._busy and not self._thread.stop.is_set():
            self.progressed.emit(share)

    def _on_thread_finished(self) -> None:
        if not self._busy:
            return
        thread = self._thread
        thread.wait()  # finished is emitted just before the thread really ends: a moment, not a block
        self._busy = False
        outcome, record = thread.outcome, thread.record
        thread.outcome, thread.record, thread.preparers = None, None, []  # nothing kept by the idle thread
        if thread.stop.is_set() or outcome is None:
            self.cancelled.emit(record)
        elif isinstance(outcome, Text):
            self.failed.emit(outcome, record)
        else:
            self.prepared.emit(outcome)
