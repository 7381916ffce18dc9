"""A finalizer the garbage collector runs while the probe is sending must not deadlock the process.

pool-lifecycle hung in about 1 run of 7. py-spy showed the run process's main thread in
``Pool.__init__`` -> ``SemLock.__init__`` -> the probe's flush (holding its buffer
lock) -> ``telemetry.frames`` -> garbage collection -> ``SemLock._cleanup`` of a lock
of the lesson's first pool -> the probe's ``_emit``, waiting for the lock its own
thread held; the probe's flusher thread waited for it too. The run below is bounded
by the run's own watchdog: a deadlocked run process moves nothing and is ended as stuck
(on the old probe it was, within a second, 3 runs of 3).
"""

from __future__ import annotations

from desktop.model.param import Params
from desktop.runtime.named_resources import NAMED_RESOURCE
from desktop.runtime.run import run_to_completion
from tests.integration.runtime import garbage_finalizers


def test_locks_freed_by_the_garbage_collector_during_a_send_are_reported_without_a_deadlock():
    rounds = garbage_finalizers.ROUNDS
    record = run_to_completion(garbage_finalizers, Params({"rounds": rounds}))
    assert record.status == "passed", record.error
    assert record.figures["rounds"] == rounds
    # What a finalizer reported in the middle of a send arrived too, whole (its frames were not
    # mixed into the batch being sent): every lock's name was reported registered, then unregistered.
    reports = [event for event in record.events if event[3] == NAMED_RESOURCE and event[4] == "semaphore"]
    registered = {event[5][0] for event in reports if event[5][1]}
    unregistered = {event[5][0] for event in reports if not event[5][1]}
    assert len(registered) >= rounds
    assert registered == unregistered
