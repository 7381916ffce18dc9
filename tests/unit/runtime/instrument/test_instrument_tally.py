"""Queue counts reported a few dozen times a second: the peak and the final depth stay exact.

The tally's clock is set by each test, so what is held back and what is
reported at once does not depend on the machine's speed.
"""

from __future__ import annotations

import itertools

import pytest

from desktop.model.events import GOT, PUT, depth_step
from desktop.runtime.instrument import tally
from desktop.runtime.telemetry import Event
from tests.unit.runtime.instrument.fakes import Clock, RecordingProbe


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(tally, "_clock", fake)
    return fake


@pytest.fixture
def probe():
    return RecordingProbe()


def depths(events: list[Event]) -> list[int]:
    """The depth after each report, in time order, as the summary and the plot compute it."""
    ordered = sorted(events, key=lambda e: e.t)
    return list(itertools.accumulate(depth_step(e) for e in ordered))


def test_the_first_call_is_reported_at_once_with_its_own_time(clock, probe):
    counts = tally.Tally(probe)
    counts.put("jobs")
    assert probe.events == [Event(100.0, 1, "MainProcess", PUT, "jobs", 1, None)]


def test_a_busy_stream_is_held_back_then_reported_with_the_last_call_time(clock, probe):
    counts = tally.Tally(probe)
    counts.put("jobs")  # reported at once
    for step in range(1, 1000):
        clock.now = 100.0 + step * 1e-6  # a thousand puts within one interval
        counts.put("jobs")
    assert len(probe.events) == 1
    clock.now = 100.5
    counts.send_all()  # the probe's flusher, a little later
    assert [(e.kind, e.value, e.t) for e in probe.events[1:]] == [(PUT, 999, 100.0 + 999 * 1e-6)]
    counts.send_all()
    assert len(probe.events) == 2  # nothing new: nothing sent


def test_a_call_after_a_quiet_interval_is_reported_at_once_with_what_was_held_back(clock, probe):
    counts = tally.Tally(probe)
    counts.got("jobs")
    clock.now += tally.INTERVAL / 4
    counts.got("jobs")  # held back
    clock.now += tally.INTERVAL
    counts.got("jobs")
    assert [(e.kind, e.value, e.t) for e in probe.events] == [(GOT, 1, 100.0), (GOT, 2, clock.now)]


def test_the_peak_reached_between_two_reports_is_kept_with_the_time_it_was_reached(clock, probe):
    counts = tally.Tally(probe)
    counts.put("jobs")
    walk = []
    level = peak = 1
    for _ in range(200):  # put three, get one: the peak is just before the last get
        for kind in ("put", "put", "put", "got"):
            clock.now += 1e-6
            getattr(counts, kind)("jobs")
            level += 1 if kind == "put" else -1
            if level > peak:
                peak, peak_at = level, clock.now
            walk.append(level)
    assert max(walk) == peak == 402 and level == 401
    counts.send_all()
    assert max(depths(probe.events)) == 402  # not the 401 the counts ended at
    assert depths(probe.events)[-1] == 401
    rise, fall = probe.events[1:]
    assert (rise.kind, rise.value, rise.t) == (PUT, 401, peak_at)
    assert (fall.kind, fall.value, fall.t) == (GOT, 1, clock.now)


def test_each_queue_is_counted_apart_and_a_queue_that_only_fell_reports_only_the_fall(clock, probe):
    counts = tally.Tally(probe)
    counts.put("a")
    counts.got("b")
    for _ in range(5):
        clock.now += 1e-6
        counts.got("a")
        counts.put("b")
        counts.got("b")
    counts.send_all()
    by_queue = {name: [(e.kind, e.value) for e in probe.events if e.name == name] for name in ("a", "b")}
    assert by_queue["a"] == [(PUT, 1), (GOT, 5)]
    assert by_queue["b"] == [(GOT, 1), (PUT, 1), (GOT, 1)]  # up to the one item it held, then down again
    assert depths([e for e in probe.events if e.name == "b"]) == [-1, 0, -1]


def test_a_forked_child_forgets_the_counts_its_parent_still_has_to_report(clock, probe):
    counts = tally.Tally(probe)
    counts.put("jobs")
    clock.now += 1e-6
    counts.put("jobs")  # held back in the parent
    counts.forget()
    counts.send_all()
    assert [e.value for e in probe.events] == [1]
