"""The telemetry wire format: what workers report and how it travels.

Workers report *events*. On the wire an event is a plain tuple (cheap to
pickle); the parent turns it into an :class:`Event`. Events travel in batches
(lists) through one pipe per run, written under a cross-process lock. The pipe
is the flow control: when the parent falls behind, the OS pipe buffer fills up
and writers block, instead of an unbounded ``Queue.put`` piling up a backlog.

All timestamps come from :func:`time.perf_counter`, a system-wide monotonic
clock on Linux, macOS and Windows, so events from different processes and the
monitor's samples share one time axis.
"""

from __future__ import annotations

import pickle
from typing import Any, NamedTuple

# Event kinds.
HELLO = "hello"  # a process joined the run: value = dict(ppid, start_method, qt_loaded, python)
STATE = "state"  # a worker changed state: name = one of State.*, value = detail text
LOG = "log"  # a line for the event log: value = text
COUNT = "count"  # a counter moved: name = counter, value = delta
PUT = "put"  # one item went into a queue: name = queue
GOT = "got"  # one item came out of a queue: name = queue
PHASE = "phase"  # the run entered a named phase: name = phase
RESULT = "result"  # the lesson's main returned: value = dict
ERROR = "error"  # something raised: name = exception type, value = traceback text


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


def encode(batch: list[tuple]) -> bytes:
    return pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)


def decode(data: bytes) -> list[Event]:
    return [Event._make(item) for item in pickle.loads(data)]  # noqa: S301 - our own children wrote it
