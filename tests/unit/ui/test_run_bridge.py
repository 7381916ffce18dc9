"""RunBridge: a real run's telemetry reaches the GUI thread as batched signals, and a saved run replays.

Real spawned runs, the real sampler, Qt signals waited for with qtbot (never sleeps).
"""

from __future__ import annotations

import time

import pytest

from desktop.lessons import catalog
from desktop.model.param import InvalidParams
from desktop.runtime import export
from desktop.runtime.caps import Caps
from desktop.runtime.run import run_to_completion
from desktop.ui.live_view import FinishedRun
from desktop.ui.run_bridge import RunBridge

RUN_TIMEOUT_MS = 60_000  # a quick run ends in about a second; generous for a loaded 2-core machine


@pytest.fixture
def bridge(sampler):
    bridge = RunBridge(sampler, caps=Caps)
    yield bridge
    bridge.shutdown()


def quick_ticket_lock():
    lesson = catalog.load("ticket-lock")
    return lesson, lesson.parse_params({"buyers": 3, "inventory": 2, "delay": 0.05, "lock": True})


def test_a_live_run_reaches_the_gui_thread_once_each_event_then_its_record(qtbot, bridge):
    received = []
    bridge.events_received.connect(received.extend)
    lesson, params = quick_ticket_lock()
    with qtbot.waitSignal(bridge.run_started, timeout=1_000) as started:
        bridge.start(lesson, params)
    assert started.args == ["ticket-lock"]
    assert bridge.running and bridge.origin == bridge.run.started
    with qtbot.waitSignal(bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        pass
    record = finished.args[0]
    assert record.status == "passed", record.error
    assert not bridge.running and bridge.run is None
    # Every event the run recorded was handed to the views exactly once (arrival order may differ).
    assert sorted(map(tuple, received)) == sorted(map(tuple, record.events))
    assert {e.kind for e in received} >= {"hello", "state", "result"}


def test_samples_flow_while_no_run_is_going(qtbot, bridge):
    with qtbot.waitSignal(bridge.samples_received, timeout=5_000) as got:
        pass
    samples = got.args[0]
    assert samples and all(sample.per_core for sample in samples)
    times = [sample.t for sample in samples]
    assert times == sorted(times)


def test_one_run_at_a_time_and_no_replay_during_a_run(qtbot, bridge):
    lesson, params = quick_ticket_lock()
    bridge.start(lesson, params)
    with pytest.raises(RuntimeError, match="already in progress"):
        bridge.start(lesson, params)
    with pytest.raises(RuntimeError, match="replay once it has finished"):
        bridge.replay(run_to_completion(lesson, params, sampler=bridge.sampler))
    with qtbot.waitSignal(bridge.run_finished, timeout=RUN_TIMEOUT_MS):
        pass


def test_stop_ends_the_run_and_the_record_says_stopped(qtbot, bridge, descendants_left):
    lesson = catalog.load("ticket-lock")
    bridge.start(lesson, lesson.parse_params({"buyers": 4, "delay": 5.0, "lock": True}))
    qtbot.waitUntil(lambda: len(bridge.run.pids()) >= 1 + 4, timeout=RUN_TIMEOUT_MS)  # every buyer started
    with qtbot.waitSignal(bridge.run_finished, timeout=10_000) as finished:
        bridge.stop()
    assert finished.args[0].status == "stopped"
    assert not bridge.running
    assert not descendants_left()


def test_a_run_over_the_caps_is_refused_and_nothing_starts(qtbot, bridge):
    refusing = RunBridge(bridge.sampler, caps=lambda: Caps(max_processes=2))
    lesson = catalog.load("ticket-lock")
    with qtbot.assertNotEmitted(refusing.run_started), pytest.raises(InvalidParams, match="the cap is 2"):
        refusing.start(lesson, lesson.parse_params({"buyers": 8}))
    assert not refusing.running
    refusing.shutdown()


def test_replay_shows_a_finished_run_at_once_ending_now(qtbot, bridge):
    lesson, params = quick_ticket_lock()
    record = run_to_completion(lesson, params, sampler=bridge.sampler)
    order = []
    bridge.run_replayed.connect(lambda shown: order.append(("replayed", shown)))
    bridge.run_finished.connect(lambda finished: order.append(("finished", finished)))
    before = time.perf_counter()
    bridge.replay(record)  # everything is emitted before replay returns
    assert [name for name, _ in order] == ["replayed", "finished"]
    shown, finished = order[0][1], order[1][1]
    assert isinstance(shown, FinishedRun) and shown.record is record and finished is record
    assert len(shown.events) == len(record.events)
    assert [e.name for e in shown.events] == [e[4] for e in record.events]
    # Moved so that the run ends now (between the call and its return), every event by the same shift.
    after = time.perf_counter()
    shift = shown.origin - export.run_origin(record)
    assert before <= export.run_end(record) + shift <= after
    assert [e.t for e in shown.events] == pytest.approx([e[0] + shift for e in record.events])
    assert shown.events[-1].t <= after
    assert shown.origin == bridge.origin
    assert not bridge.running and not bridge.replaying


def test_shutdown_stops_a_run_in_progress_and_waits_for_it(qtbot, sampler, descendants_left):
    bridge = RunBridge(sampler, caps=Caps)
    lesson = catalog.load("ticket-lock")
    bridge.start(lesson, lesson.parse_params({"buyers": 2, "delay": 5.0, "lock": True}))
    run = bridge.run
    bridge.shutdown()
    assert run.finished and run.record.status == "stopped"
    assert bridge.run is None
    assert not descendants_left()
