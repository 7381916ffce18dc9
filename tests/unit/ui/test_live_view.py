"""One lifecycle for the live views: every view of the lesson page implements the same protocol and honours it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import desktop.ui
from desktop.model.run_record import PASSED, RunRecord
from desktop.monitor.sampler import Sample
from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event, State
from desktop.ui.cpu_plot import CpuPlot
from desktop.ui.depth_plot import DepthPlot
from desktop.ui.event_log import EventLogView
from desktop.ui.live_view import FinishedRun, LiveView, LiveViewBase
from desktop.ui.timeline import TimelineView

ORIGIN = 500.0
VERBS = ("clear", "follow", "add_events", "add_samples", "finish", "show_run")


def _events(origin: float = ORIGIN) -> list[Event]:
    return [
        Event(origin + 0.01, 7, "main", telemetry.HELLO, "", {}, None),
        Event(origin + 0.02, 7, "main", telemetry.QUEUE, "queue", 2, None),
        Event(origin + 0.10, 8, "producer-1", telemetry.STATE, State.RUNNING, "", None),
        Event(origin + 0.20, 8, "producer-1", telemetry.PUT, "queue", 1, None),
        Event(origin + 0.30, 9, "consumer-1", telemetry.GOT, "queue", 1, None),
        Event(origin + 0.40, 8, "producer-1", telemetry.STATE, State.FINISHED, "", None),
    ]


def _samples(origin: float, count: int, cores: int = 2) -> list[Sample]:
    return [Sample(origin + i * 0.1, (40.0,) * cores, {1: (30.0, 0)}) for i in range(count)]


def _finished_run(origin: float = ORIGIN) -> FinishedRun:
    record = RunRecord("producer-consumer", PASSED, {}, "spawn", "CPython", "2026-01-01T10:00:00", 0.5)
    return FinishedRun(record, origin, _events(origin), _samples(origin, 5))


def _view_classes() -> list[type]:
    """Every class in desktop.ui that takes part in the live-view lifecycle."""
    found = set()
    for info in pkgutil.iter_modules(desktop.ui.__path__):
        module = importlib.import_module(f"desktop.ui.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, LiveViewBase) and cls is not LiveViewBase and cls.__module__ == module.__name__:
                found.add(cls)
    return sorted(found, key=lambda cls: cls.__name__)


def test_every_view_of_the_lesson_page_is_a_live_view(window):
    views = window.page.live_views
    assert {type(view) for view in views} >= {CpuPlot, DepthPlot, TimelineView, EventLogView}
    for view in views:
        assert isinstance(view, LiveView), type(view).__name__
        for verb in VERBS:
            assert callable(getattr(view, verb)), f"{type(view).__name__} has no {verb}()"


def test_every_live_view_class_in_the_ui_is_on_the_page(window):
    classes = _view_classes()
    assert classes, "no live view found"
    on_page = {type(view) for view in window.page.live_views}
    for cls in classes:
        for verb in VERBS:
            assert callable(getattr(cls, verb, None)), f"{cls.__name__} has no {verb}()"
        assert cls in on_page, f"{cls.__name__} is a live view the page does not drive"


@pytest.fixture
def views(qtbot):
    made = [CpuPlot(core_count=2), DepthPlot(), TimelineView(), EventLogView(_log_model())]
    for view in made:
        qtbot.addWidget(view)
        view.show()  # the depth plot counts only while shown (a lesson without a queue hides it)
    return made


def _log_model():
    from desktop.ui.event_log import EventLogModel

    return EventLogModel()


def _content(view) -> int:
    """How much of a run the view holds: samples, queue steps, lanes or rows."""
    if isinstance(view, CpuPlot):
        return view.sample_count
    if isinstance(view, DepthPlot):
        return sum(len(points) for points in view.depths.history.values())
    if isinstance(view, TimelineView):
        return view.lane_count
    return view.model().rowCount()


@pytest.mark.parametrize("index", range(4), ids=["cpu", "depth", "timeline", "log"])
def test_the_verbs_mean_the_same_in_every_view(views, index):
    view = views[index]
    view.clear()
    assert view.origin is None
    view.follow(ORIGIN)
    assert view.origin == ORIGIN
    view.add_events(_events())
    view.add_samples(_samples(ORIGIN, 3))
    view.finish(0.5)
    assert view.origin == ORIGIN and _content(view) > 0
    later = ORIGIN + 100.0
    view.show_run(_finished_run(later))
    assert view.origin == later
    shown = _content(view)
    assert shown > 0
    view.show_run(_finished_run(later))  # showing a run forgets the one shown before
    assert _content(view) == shown
    view.clear()
    assert view.origin is None
    if not isinstance(view, CpuPlot):  # the CPU plot goes back to the machine's live samples
        assert _content(view) == 0


def test_the_cpu_plot_shows_a_finished_runs_own_samples_and_then_the_live_machine_again(qtbot):
    plot = CpuPlot(core_count=2)
    qtbot.addWidget(plot)
    plot.add_samples(_samples(ORIGIN - 10, 7))  # the machine, live
    run = _finished_run()
    plot.show_run(run)
    assert plot.showing_finished_run and plot.sample_count == len(run.samples)
    plot.add_samples(_samples(ORIGIN + 1, 4))  # live samples keep coming while the run is shown
    assert plot.sample_count == len(run.samples)  # ...but are not drawn over it
    times, _ = plot.ring.ordered()
    assert list(times) == [sample.t for sample in run.samples]
    plot.clear()
    assert not plot.showing_finished_run and plot.sample_count == 7 + 4
