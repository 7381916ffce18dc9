"""What a worker reports: the event kinds, the worker states and the event record.

The vocabulary lives in the model so that verdicts (:mod:`desktop.model.outcome`),
the runtime's wire format (:mod:`desktop.runtime.telemetry`), saved runs and the
GUI all read one definition.
"""

from __future__ import annotations

from collections import namedtuple
from types import MappingProxyType

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import Any

# Event kinds.
HELLO = "hello"  # a process joined the run: value = dict(ppid, start_method, qt_loaded, python)
STATE = "state"  # a worker changed state: name = one of State.*, value = detail, or {"en", "zh"} (state_detail)
LOG = "log"  # a line for the event log: value = text, or {"en": text, "zh": text} (see log_line)
COUNT = "count"  # a counter moved: name = counter, value = delta
QUEUE = "queue"  # a queue was created: name = queue, value = its maxsize (0: unbounded)
PUT = "put"  # items went into a queue: name = queue, value = how many (see depth_step)
GOT = "got"  # items came out of a queue: name = queue, value = how many (see depth_step)
PHASE = "phase"  # the run entered a named phase: name = phase (English), value = None or {"en", "zh"} (see phase_name)
RESULT = "result"  # the lesson's main returned: value = dict
ERROR = "error"  # something raised: name = exception type, value = traceback text

# Everything else (hello, result, error, child exits, named resources) is a control event.
ROUTINE_KINDS = frozenset({STATE, LOG, COUNT, QUEUE, PUT, GOT, PHASE})


def depth_step(event: Any) -> int:
    """How far a PUT (up) or GOT (down) event moves its queue's depth.

    A lesson's probe reports each call (value 1); a script's instrumentation
    coalesces a process's calls into a few reports a second, each moving the
    depth by many items (see :mod:`desktop.runtime.instrument.tally`). A value
    that is not a positive whole number (an odd saved run) counts as one item.
    """
    value = event.value
    items = value if type(value) is int and value > 0 else 1
    return items if event.kind == PUT else -items


def log_line(value: Any, language: str = "en") -> str:
    """A LOG event's line in ``language`` ("en" or "zh").

    A lesson says its own lines in both languages (``probe.log(english, zh=chinese)``
    sends ``{"en": ..., "zh": ...}``); what a script prints, and older saved runs,
    are a plain string, shown as they are in every language.
    """
    if isinstance(value, dict) and "en" in value:
        return str(value.get(language) or value["en"])
    return str(value)


def state_detail(value: Any, language: str = "en") -> str:
    """A STATE event's detail in ``language``: said as a log line is (:func:`log_line`); no detail is "".

    A lesson says what a worker waits for or does in both languages
    (``probe.state(State.SLEEPING, "paying", zh="付款中")``); the script
    playground's instrumentation, a worker's exception line and older saved
    runs send a plain string.
    """
    return log_line(value, language) if value else ""


def phase_name(name: str, value: Any, language: str = "en") -> str:
    """A PHASE event's name in ``language``: ``name`` is the English one, which verdicts look up.

    ``value`` is what ``probe.phase(name, zh=...)`` sent alongside
    (``{"en": name, "zh": chinese}``); a phase marked without a Chinese name,
    or by an older version, is ``name`` in every language.
    """
    return log_line(value, language) if isinstance(value, dict) else name


class State:
    """What a worker is doing, shown on the timeline: the one list of worker states.

    Each waiting state names what the worker is blocked on, so that a lesson (or
    the script playground's automatic instrumentation) reports the true one and
    the timeline never calls a barrier a lock or a ``join()`` a queue.
    """

    RUNNING = "running"
    WAITING_LOCK = "waiting-lock"  # Lock / RLock acquire (also a manager's lock)
    WAITING_SEMAPHORE = "waiting-semaphore"  # Semaphore / BoundedSemaphore acquire
    WAITING_EVENT = "waiting-event"  # Event.wait(), Condition.wait() / wait_for()
    WAITING_BARRIER = "waiting-barrier"  # Barrier.wait(): for the other parties to arrive
    WAITING_JOIN = "waiting-join"  # join() of a process, thread or pool: for it to end
    WAITING_GET = "waiting-get"  # get() from an empty queue, or a result another worker sends (pool, future)
    WAITING_PUT = "waiting-put"  # put() into a full queue
    WAITING_IO = "waiting-io"  # pipe send/recv, socket accept/recv, select, file or network IO
    SLEEPING = "sleeping"  # time.sleep(), asyncio.sleep(): waiting for nothing but time
    FINISHED = "finished"
    FAILED = "failed"

    ALL = (
        RUNNING,
        WAITING_LOCK,
        WAITING_SEMAPHORE,
        WAITING_EVENT,
        WAITING_BARRIER,
        WAITING_JOIN,
        WAITING_GET,
        WAITING_PUT,
        WAITING_IO,
        SLEEPING,
        FINISHED,
        FAILED,
    )
    WAITING = ALL[1:-3]  # the states that block on something other than time

    # Names saved runs of older versions used, and the state each is drawn as:
    # "waiting-queue" covered queues, pipes, futures and join(); a queue get is the likeliest.
    # ("waiting-lock" also covered semaphores, events and conditions; it keeps its name as the lock.)
    LEGACY = MappingProxyType({"waiting-queue": WAITING_GET})

    @staticmethod
    def current(name: str) -> str:
        """``name`` in today's vocabulary: an older saved run's state becomes the one it is drawn as."""
        return State.LEGACY.get(name, name)


# A plain namedtuple, not a typing.NamedTuple class: that one imports typing and compiles each field's
# annotation, some 2 ms of every spawned worker's start (workers import this module through the probe).
Event = namedtuple("Event", ("t", "pid", "worker", "kind", "name", "value", "where"))
Event.__doc__ = """One thing a worker reported.

``t``: ``perf_counter()`` seconds; ``pid``; ``worker``: process name, or "process/thread" for a thread;
``kind``, ``name``, ``value`` (any picklable value); ``where``: STATE only, (module, line) of the
``probe.state`` call for the code view, else None.
"""
