"""A process queue's get shown waiting by the probe's flusher, not by polling the pipe first.

The watch's clock is set by each test, so which gets count as waiting does
not depend on the machine's speed.
"""

from __future__ import annotations

import os
import sys

import pytest

from desktop.runtime.instrument import frames, get_watch
from desktop.runtime.telemetry import STATE, Event, State
from tests.unit.runtime.instrument.fakes import Clock, RecordingProbe


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(get_watch, "_clock", fake)
    return fake


@pytest.fixture
def student():
    """This test module is the student's script."""
    frames.set_user_dirs([os.path.dirname(os.path.abspath(__file__))])
    yield
    frames.set_user_dirs([])


def test_a_get_that_returns_at_once_is_never_shown_waiting(clock, student):
    probe = RecordingProbe()
    watch = get_watch.GetWatch(probe)
    note = watch.started("jobs", sys._getframe())
    watch.show_waits()  # the flusher passes by while the get runs: not for long yet
    clock.now += get_watch.SLOW / 2
    assert watch.ended(note) is False
    clock.now += 1.0
    watch.show_waits()
    assert probe.events == []


def test_a_get_still_running_at_a_flush_is_shown_waiting_from_its_start_at_the_student_s_line(clock, student):
    probe = RecordingProbe()
    watch = get_watch.GetWatch(probe)
    caller = sys._getframe()
    note = watch.started("jobs", caller)
    clock.now += get_watch.SLOW * 2
    line = sys._getframe().f_lineno + 1  # the line the student's frame is at (a real one: blocked in its get)
    watch.show_waits()
    watch.show_waits()  # shown once
    where = (frames.where(caller)[0], line)
    assert probe.events == [Event(100.0, 1, "MainProcess", STATE, State.WAITING_GET, "jobs", where)]
    assert watch.ended(note) is True  # the get shows its worker running again


def test_a_get_the_queue_s_own_machinery_makes_is_not_shown(clock, student):
    probe = RecordingProbe()
    watch = get_watch.GetWatch(probe)
    note = watch.started("jobs", sys._getframe().f_back)  # pytest's frame: library code, not the student's
    clock.now += 1.0
    watch.show_waits()
    assert probe.events == []
    assert watch.ended(note) is False


def test_a_forked_child_forgets_the_gets_its_parent_s_threads_were_making(clock, student):
    probe = RecordingProbe()
    watch = get_watch.GetWatch(probe)
    watch.started("jobs", sys._getframe())
    watch.forget()
    clock.now += 1.0
    watch.show_waits()
    assert probe.events == []
