"""The timeline says what a real worker waits for: a barrier is not a lock, a join is not a queue."""

from __future__ import annotations

from desktop.model.events import STATE, State
from desktop.runtime.telemetry import Event
from desktop.ui.timeline_model import TimelineModel  # Qt-free: what the timeline draws


def _ticket_lock_run(run_lesson, lock: bool):
    record = run_lesson("ticket-lock", buyers=4, inventory=2, delay=0.05, lock=lock)
    assert record.status == "passed", record.error
    events = [Event(*event) for event in record.events]
    model = TimelineModel()
    model.start(record.events[0][0])
    model.add(events)
    return events, model


def _states(model: TimelineModel, worker: str) -> list[str]:
    lane = model.lane(worker)
    return [model.interval_at(lane.index, start).state for start in lane.starts]


def test_ticket_lock_without_a_lock_shows_the_start_barrier_and_the_join(run_lesson):
    events, model = _ticket_lock_run(run_lesson, lock=False)
    buyers = [lane.worker for lane in model.lanes if lane.worker.startswith("buyer-")]
    assert len(buyers) == 4
    for buyer in buyers:
        states = _states(model, buyer)
        assert next(s for s in states if s != State.RUNNING) == State.WAITING_BARRIER, states  # the start barrier
        assert State.WAITING_LOCK not in states  # there is no lock to wait for
        assert states[-1] == State.FINISHED
    main = _states(model, "main")
    assert State.WAITING_BARRIER in main and State.WAITING_LOCK not in main
    # While the buyers finish, main is shown joining them.
    main_lane = model.lane("main")
    ends = [e.t - model.origin for e in events if e.worker in buyers and (e.kind, e.name) == (STATE, State.FINISHED)]
    assert len(ends) == len(buyers)
    for t in ends:
        assert model.interval_at(main_lane.index, t).state == State.WAITING_JOIN


def test_ticket_lock_with_the_lock_shows_buyers_waiting_for_it(run_lesson):
    events, _ = _ticket_lock_run(run_lesson, lock=True)
    waits = {(e.worker, e.name) for e in events if e.kind == STATE and e.worker.startswith("buyer-")}
    assert {name for _, name in waits} >= {State.WAITING_BARRIER, State.WAITING_LOCK}
    assert {worker for worker, name in waits if name == State.WAITING_LOCK} == {f"buyer-{n}" for n in range(1, 5)}
