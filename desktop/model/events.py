"""What a worker reports: the event kinds, the worker states and the event record.

The vocabulary lives in the model so that verdicts (:mod:`desktop.model.outcome`),
the runtime's wire format (:mod:`desktop.runtime.telemetry`), saved runs and the
GUI all read one definition.
"""

from __future__ import annotations

from typing import Any, NamedTuple

# Event kinds.
HELLO = "hello"  # a process joined the run: value = dict(ppid, start_method, qt_loaded, python)
STATE = "state"  # a worker changed state: name = one of State.*, value = detail text
LOG = "log"  # a line for the event log: value = text
COUNT = "count"  # a counter moved: name = counter, value = delta
QUEUE = "queue"  # a queue was created: name = queue, value = its maxsize (0: unbounded)
PUT = "put"  # one item went into a queue: name = queue
GOT = "got"  # one item came out of a queue: name = queue
PHASE = "phase"  # the run entered a named phase: name = phase
RESULT = "result"  # the lesson's main returned: value = dict
ERROR = "error"  # something raised: name = exception type, value = traceback text

# Everything else (hello, result, error, child exits, named resources) is a control event.
ROUTINE_KINDS = frozenset({STATE, LOG, COUNT, QUEUE, PUT, GOT, PHASE})


class State:
    """Worker states shown on the timeline."""

    RUNNING = "running"
    WAITING_LOCK = "waiting-lock"  # lock, semaphore, event, condition
    WAITING_QUEUE = "waiting-queue"  # queue, pipe, result of a future
    SLEEPING = "sleeping"  # sleep or IO
    FINISHED = "finished"
    FAILED = "failed"

    ALL = (RUNNING, WAITING_LOCK, WAITING_QUEUE, SLEEPING, FINISHED, FAILED)


class Event(NamedTuple):
    """One thing a worker reported."""

    t: float  # perf_counter() seconds
    pid: int
    worker: str  # process name, or "process/thread" for a thread
    kind: str
    name: str
    value: Any
    where: tuple[str, int] | None  # STATE only: (module, line) of the probe.state call, for the code view
