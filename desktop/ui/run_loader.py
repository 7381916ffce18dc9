"""Loading a saved run off the GUI thread: one load at a time, its progress, and a cancel that works.

A saved run of a million events takes seconds to read, parse and check
(:func:`desktop.runtime.run_file.load`); loaded on the GUI thread it froze
the window for as long (19 s for a million events on a busy 2-core machine).
:class:`RunLoader` runs the same loader on a :class:`QThread` of its own,
passes its progress on (at most every :data:`PROGRESS_INTERVAL_S`) and stops
it when asked. The loader parses a piece at a time
(:mod:`desktop.runtime.stepwise_json`), so the thread never holds the GIL
long enough to stall the window.

The outcome signals (``loaded``, ``failed``, ``cancelled``) come once the
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
from desktop.runtime import run_file

log = logging.getLogger(__name__)
PROGRESS_INTERVAL_S = 0.05  # progress reaches the window at most 20 times a second


class _LoadThread(QThread):
    """Runs :func:`run_file.load` of ``path``; ``outcome`` is the record, the problem's Text, or None (cancelled).

    One thread object serves every load of its loader (:meth:`prepare`, then ``start()`` again).

    Signals:
        progressed(Progress): how far the load got (emitted on this thread; queued to the window's).
    """

    progressed = Signal(object)

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.path = Path()
        self.stop = threading.Event()
        self.outcome: RunRecord | Text | None = None
        self._reported = 0.0

    def prepare(self, path: Path) -> None:
        """Set up the next load (the thread is not running)."""
        self.path, self.outcome, self._reported = path, None, 0.0
        self.stop.clear()

    def run(self) -> None:
        try:
            self.outcome = run_file.load(self.path, self._report, self.stop.is_set)
        except run_file.LoadCancelled:
            self.outcome = None
        except run_file.RunFileError as error:
            self.outcome = error.text
        except Exception as error:  # a bug in the loader must still end the load with a message
            log.exception("loading %s failed", self.path)
            name = self.path.name
            self.outcome = Text(f"{name} could not be opened: {error!r}", f"无法打开 {name}：{error!r}")

    def _report(self, progress: run_file.Progress) -> None:
        now = time.monotonic()
        if now - self._reported >= PROGRESS_INTERVAL_S:
            self._reported = now
            self.progressed.emit(progress)


class RunLoader(QObject):
    """Loads saved runs on a thread, one at a time.

    Signals:
        started(Path): a load began.
        progressed(Progress): how far it got (:class:`desktop.runtime.load_watch.Progress`).
        loaded(RunRecord, Path): the file held a run; the thread has ended.
        failed(Text, Path): the file cannot be used, and why (in both languages); the thread has ended.
        cancelled(Path): :meth:`cancel` stopped the load; the thread has ended.
    """

    started = Signal(object)
    progressed = Signal(object)
    loaded = Signal(object, object)
    failed = Signal(object, object)
    cancelled = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = _LoadThread(self)
        self._thread.progressed.connect(self._on_thread_progressed)
        self._thread.finished.connect(self._on_thread_finished)
        self._loading = False

    @property
    def loading(self) -> bool:
        """True from :meth:`start` until the outcome signal."""
        return self._loading

    @property
    def path(self) -> Path | None:
        """The file being loaded (None when idle)."""
        return self._thread.path if self._loading else None

    def start(self, path: Path | str) -> bool:
        """Start loading ``path``; False (nothing started) while another load is going."""
        if self._loading:
            return False
        self._loading = True
        self._thread.prepare(Path(path))
        self._thread.start()
        self.started.emit(self._thread.path)
        return True

    def cancel(self) -> None:
        """Ask the load to stop; ``cancelled`` follows within milliseconds (the loader checks often)."""
        if self._loading:
            self._thread.stop.set()

    def stop_when_closed(self, window: QObject) -> None:
        """Stop the load (and wait for its thread) when ``window`` closes: no thread may outlive the window."""
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.cancel_and_wait()
        return False

    def cancel_and_wait(self) -> None:
        """Stop the load and wait for its thread to end (the window is closing: no thread may outlive it)."""
        if self._loading:
            self._thread.stop.set()
            self._thread.wait()

    # --------------------------------------------------------------------- slots
    def _on_thread_progressed(self, progress: run_file.Progress) -> None:
        if self._loading and not self._thread.stop.is_set():
            self.progressed.emit(progress)

    def _on_thread_finished(self) -> None:
        if not self._loading:
            return
        thread = self._thread
        thread.wait()  # finished is emitted just before the thread really ends: a moment, not a block
        self._loading = False
        outcome, path = thread.outcome, thread.path
        thread.outcome = None  # the record belongs to whoever hears of it, not to the idle thread
        if thread.stop.is_set() or outcome is None:
            self.cancelled.emit(path)
        elif isinstance(outcome, Text):
            self.failed.emit(outcome, path)
        else:
            self.loaded.emit(outcome, path)
