"""One lifecycle for every view of a run: the same verbs clear it, follow a live run, show a finished one.

The lesson page holds its live views (CPU plot, queue-depth plot, worker
timeline, event log, counters, and any new one) in one list and drives them
all alike:

* :meth:`LiveView.clear` -- no run shown (a lesson was just picked);
* :meth:`LiveView.follow` -- a run started at ``origin`` (``perf_counter``);
  its data arrive through :meth:`~LiveView.add_events` and
  :meth:`~LiveView.add_samples` while it runs, and :meth:`~LiveView.finish`
  says when it ended;
* :meth:`LiveView.show_run` -- show a whole finished run at once (a replay
  from the history or from a saved file), with its events and samples;
* :meth:`LiveView.preparer` -- the Qt-free function that computes, possibly
  on another thread before ``show_run``, what ``show_run`` draws
  (:mod:`desktop.ui.view_preparation`): a run of a million events is
  prepared off the GUI thread, and ``show_run`` only sets the result.

Steps to add a view: implement the protocol (deriving from :class:`LiveViewBase`
gives a ``show_run`` made of the other verbs and an ``origin``), ignore the data
the view does not use, and add the view to ``LessonPage.live_views``;
``tests/unit/ui/test_live_view.py`` then checks it with every other view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from desktop.model.run_record import RunRecord
from desktop.monitor.sampler import Sample
from desktop.runtime.telemetry import Event


@dataclass(frozen=True)
class FinishedRun:
    """A finished run ready to be shown whole: its record, and its events and samples on the views' clock.

    ``origin`` is when the run started on that clock (``perf_counter``);
    ``duration`` how long it lasted, in seconds. ``prepared`` holds what the
    views' preparers made of it beforehand, by ``id`` of the view
    (:func:`desktop.ui.view_preparation.prepare`); empty: each view prepares
    its part when it shows the run.
    """

    record: RunRecord
    origin: float
    events: Sequence[Event]
    samples: Sequence[Sample]
    prepared: Mapping[int, Any] = field(default_factory=dict, compare=False)

    @property
    def duration(self) -> float:
        return self.record.duration


@runtime_checkable
class LiveView(Protocol):
    """What every view of a run implements (see the module's docstring)."""

    @property
    def origin(self) -> float | None:
        """``perf_counter()`` of the shown run's start; None while no run is shown."""

    def clear(self) -> None:
        """Show no run: forget the last one (a lesson was just picked)."""

    def follow(self, origin: float) -> None:
        """Forget the last run and show the one that started at ``origin`` as its data arrive."""

    def add_events(self, events: list[Event]) -> None:
        """Telemetry of the followed run (a view that shows none ignores them)."""

    def add_samples(self, samples: list[Sample]) -> None:
        """Monitor samples (a view that shows none ignores them)."""

    def finish(self, duration: float | None = None) -> None:
        """The followed run ended ``duration`` seconds after its origin (None: at its last event)."""

    def show_run(self, run: FinishedRun) -> None:
        """Forget the last run and show ``run``, finished, whole."""

    def preparer(self) -> Callable[[FinishedRun, Any], Any] | None:
        """What computes this view's part of a finished run, or None (``show_run`` needs nothing computed).

        Called on the GUI thread; the function it returns takes the run and a
        :class:`~desktop.ui.view_preparation.Pace`, runs on any thread, and
        touches no widget and no Qt object: it reads only the run and what it
        was given here.
        """


class LiveViewBase:
    """Mixin: ``show_run`` as follow + add_events + add_samples + finish; views override what they need."""

    def preparer(self) -> Callable[[FinishedRun, Any], Any] | None:
        return None

    def show_run(self, run: FinishedRun) -> None:
        self.follow(run.origin)
        if run.events:
            self.add_events(list(run.events))
        if run.samples:
            self.add_samples(list(run.samples))
        self.finish(run.duration)
