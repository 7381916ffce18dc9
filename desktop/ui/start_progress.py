"""How many of a run's processes have started: "Started 23 of 64 processes…" while they spawn.

Spawning a process takes tens of milliseconds to a second (a new interpreter
imports the lesson); with 64 workers several seconds pass in which the timeline
shows only the run process. Each worker says hello (a ``HELLO`` event) once it
runs; this line counts them against the lesson's plan
(:meth:`desktop.model.lesson.Lesson.plan_for`: the processes a run starts at
most), so students see the start is under way, not stuck. The run process
itself is not counted (the plan does not count it either).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.monitor.sampler import Sample
from desktop.runtime import telemetry
from desktop.runtime.conductor import MAIN_WORKER_NAME
from desktop.runtime.telemetry import Event
from desktop.ui import i18n
from desktop.ui.live_view import FinishedRun, LiveViewBase

ROOM_COUNT = 999  # the counts the line's room is measured with: a lesson's run starts at most 65 processes


class StartProgress(i18n.FollowsLanguage, LiveViewBase, QLabel):
    """The start-up progress line, a :class:`~desktop.ui.live_view.LiveView`; set :attr:`planned` before a run."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.planned = 0  # processes the run starts at most (the lesson's plan), set before it follows a run
        self._origin: float | None = None
        self._pids: set[int] = set()
        self._running = False
        self.setWordWrap(True)  # "The run ended with 0 of 10 processes started." is wider than the dock
        self.hide()

    @property
    def started(self) -> int:
        """Processes of the run (not the run process) that have said hello."""
        return len(self._pids)

    def sentences(self) -> list[str]:
        """Every sentence this line may show, in the UI's language, its counts three digits wide.

        The parameters' column keeps room for the tallest of them under the plan
        (:func:`desktop.ui.window_layout.params_height`): a stopped run's takes two lines in English, and Chinese
        glyphs make a line taller than the font's own line, so one line of the font was too little.
        """
        return [
            self._sentence(0, ROOM_COUNT, running=True),
            self._sentence(0, ROOM_COUNT, running=False),
            self._sentence(ROOM_COUNT, ROOM_COUNT, running=False),
        ]

    def _sentence(self, started: int, planned: int, running: bool) -> str:
        if started < planned:
            if running:
                text = self.tr("Started {started} of {planned} processes…")
            else:
                text = self.tr("The run ended with {started} of {planned} processes started.")
        else:  # every planned process (a pool that replaces its workers starts more than planned)
            text = self.tr("All {started} processes started.")
        return text.format(started=started, planned=planned)

    def _retranslate(self) -> None:
        if self._origin is None or self.planned <= 0:
            self.clear()
            return
        self.setText(self._sentence(self.started, self.planned, self._running))

    # ------------------------------------------------------------- LiveView
    @property
    def origin(self) -> float | None:
        return self._origin

    def clear(self) -> None:
        self._origin = None
        self._pids = set()
        self._running = False
        super().clear()
        self.hide()

    def follow(self, origin: float) -> None:
        self.clear()
        self._origin = origin
        self._running = True
        self.setVisible(self.planned > 0)
        self._retranslate()

    def add_events(self, events: list[Event]) -> None:
        before = len(self._pids)
        for event in events:
            if event.kind == telemetry.HELLO and event.worker != MAIN_WORKER_NAME:
                self._pids.add(event.pid)
        if len(self._pids) != before:
            self._retranslate()

    def add_samples(self, samples: list[Sample]) -> None:
        """Not shown here."""

    def finish(self, duration: float | None = None) -> None:
        self._running = False
        self._retranslate()

    def show_run(self, run: FinishedRun) -> None:
        """A finished run: nothing was starting; the line stays hidden."""
        self.clear()
