"""The bridge between the Qt-free runtime and the widgets: one timer, batched signals.

The runtime collects telemetry and samples on its own threads. Widgets may only
be touched from the GUI thread, so the bridge polls the current
:class:`~desktop.runtime.run.Run` and the shared
:class:`~desktop.monitor.sampler.Sampler` from one ``QTimer`` on the GUI thread
and hands everything that arrived since the last tick to the widgets as one
signal per kind. Nothing here ever blocks the event loop, except
:meth:`RunBridge.shutdown`, which waits a bounded time while the app quits.

:meth:`RunBridge.replay` shows a finished run's record again without running
anything: ``run_replayed`` carries the whole run (see
:class:`~desktop.ui.live_view.FinishedRun`, prepared beforehand for a big one:
:mod:`desktop.ui.view_preparation`) for the views to show at once, then
``run_finished`` follows as after a live run.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.model.lesson import Lesson
from desktop.model.param import Params
from desktop.model.run_record import RunRecord
from desktop.monitor.sampler import Sampler
from desktop.runtime.caps import Caps
from desktop.runtime.run import Run
from desktop.settings import Settings
from desktop.ui.live_view import FinishedRun
from desktop.ui.view_preparation import finished_run

POLL_INTERVAL_MS = 33  # ~30 Hz: smooth enough for the eye, cheap for the GUI thread
SHUTDOWN_TIMEOUT = 3.0  # seconds a run gets to end when the app quits


class RunBridge(QObject):
    """Owns the current run and turns runtime activity into Qt signals.

    Signals:
        run_started(str): a run of the lesson with this id has been launched.
        events_received(list): telemetry events (``Event``) that arrived since the last tick.
        samples_received(list): monitor samples (``Sample``) taken since the last tick.
        run_replayed(object): a finished run is shown again (a ``FinishedRun``); ``run_finished`` follows.
        run_finished(object): the run has ended (or a replay was shown); the argument is its ``RunRecord``.
    """

    run_started = Signal(str)
    # ``object``, not ``list``: a list signal converts every element to a QVariant and back (~3 ms per
    # tick at 100 000 events/s, half the bridge's time); ``object`` hands the Python list over as it is.
    events_received = Signal(object)
    samples_received = Signal(object)
    run_replayed = Signal(object)
    run_finished = Signal(object)

    def __init__(self, sampler: Sampler, parent: QObject | None = None, caps: Callable[[], Caps] | None = None):
        super().__init__(parent)
        self._sampler = sampler
        # Read at each start, so a changed setting applies to the next run.
        self._caps = caps or (lambda: Settings().caps())
        self._run: Run | None = None
        self._origin = 0.0
        self._replaying = False
        # Start from "now": the plots only show what happens while the window is open.
        _, self._samples_taken = sampler.samples_since(0)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_INTERVAL_MS)
        self._poll_timer.timeout.connect(self._on_poll_timer_timeout)
        self._poll_timer.start()

    @property
    def sampler(self) -> Sampler:
        return self._sampler

    @property
    def run(self) -> Run | None:
        """The run in progress, or None."""
        return self._run

    @property
    def running(self) -> bool:
        return self._run is not None

    @property
    def replaying(self) -> bool:
        """True while :meth:`replay` emits (its ``run_finished`` has no live run behind it)."""
        return self._replaying

    @property
    def origin(self) -> float:
        """The time (``perf_counter``) the views count the last run's seconds from: its start.

        Set before ``run_started`` is emitted, for a live run and for a replay alike.
        """
        return self._origin

    def elapsed(self) -> float:
        """Seconds since the current run started (0 without a run)."""
        return time.perf_counter() - self._run.started if self._run is not None else 0.0

    def start(self, lesson: Lesson, params: Params) -> None:
        """Launch a run of ``lesson``; returns once the run process has been spawned.

        Raises:
            InvalidParams: the run would exceed one of the user's caps; nothing started.
        """
        if self._run is not None or self._replaying:
            raise RuntimeError("a run is already in progress")
        run = Run(lesson, params, sampler=self._sampler, caps=self._caps())
        run.start()
        self._run = run
        self._origin = run.started
        self.run_started.emit(lesson.id)

    def replay(self, record: RunRecord, shown: FinishedRun | None = None) -> None:
        """Show a finished run again: ``run_replayed(FinishedRun)``, then ``run_finished(record)``.

        Both are emitted before this returns; nothing runs. The record's times
        are moved so that the run ends now: a run saved on another day (or
        machine, with another clock) would otherwise fall far outside the
        views' last minute. The views count seconds from :attr:`origin`,
        moved with them. ``shown`` is the record made ready beforehand
        (:func:`desktop.ui.view_preparation.prepare`: moved to end when its
        preparation began); without it, it is made now.

        Raises:
            RuntimeError: a run is in progress (or being replayed).
        """
        if self._run is not None or self._replaying:
            raise RuntimeError("a run is in progress: replay once it has finished")
        shown = shown if shown is not None else finished_run(record)
        self._origin = shown.origin
        self._replaying = True
        try:
            self.run_replayed.emit(shown)
            self.run_finished.emit(record)
        finally:
            self._replaying = False

    def stop(self) -> None:
        """Ask the current run to stop; ``run_finished`` follows once its processes are gone."""
        if self._run is not None:
            self._run.stop()

    def shutdown(self, timeout: float = SHUTDOWN_TIMEOUT) -> None:
        """Stop polling, stop the run and wait for it at most ``timeout`` seconds (app exit only)."""
        self._poll_timer.stop()
        run, self._run = self._run, None
        if run is not None and not run.finished:
            run.stop()
            run.wait(timeout)

    def _on_poll_timer_timeout(self) -> None:
        samples, self._samples_taken = self._sampler.samples_since(self._samples_taken)
        if samples:
            self.samples_received.emit(samples)
        run = self._run
        if run is None:
            return
        # Read "finished" before draining: events that arrive after this read are
        # still drained on this tick, and none can arrive after the run finished.
        finished = run.finished
        events = run.take_new_events()
        if events:
            self.events_received.emit(events)
        if finished:
            self._run = None
            self.run_finished.emit(run.record)
