"""Collecting one run's telemetry: the events, the samples, and what the control events say.

The :class:`Collector` is fed each batch of events read from the run's pipe
(by :class:`~desktop.runtime.run.Run`'s collector thread) and each monitor
sample. It keeps every event (up to :data:`MAX_KEPT_EVENTS`), hands new ones to
live views through :meth:`Collector.take_new_events`, and acts on control
events one by one: a process said hello, the main returned its result, a worker
raised or died unasked, a semaphore or shared-memory segment was created or
released. It never touches a process; ``on_hello`` tells whoever does.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Callable

from desktop.model.events import ERROR, HELLO, RESULT, Event
from desktop.model.text import Text
from desktop.monitor.sampler import Sample
from desktop.runtime import child_exits, named_resources

MAX_KEPT_EVENTS = 2_000_000  # ~300 MB of tuples; past this, events are counted, not kept


class Collector:
    """Everything one run reported, gathered on the collector thread and read from any thread."""

    def __init__(self, on_hello: Callable[[int], None]):
        self._on_hello = on_hello  # called with the pid of each process that says hello
        self._lock = threading.Lock()
        self._events: list[Event] = []
        self._pending: list[Event] = []
        self._samples: list[Sample] = []
        self.dropped = 0  # events counted but not kept (past MAX_KEPT_EVENTS)
        self.result: dict | None = None  # what the target's main returned
        self.errors: list[Text] = []  # why the run failed, one entry per problem (the watchdog's too), every language
        self.exit_codes: dict[int, int] = {}  # pid -> abnormal exit code, for workers that died unasked
        self._worker_names: dict[int, str] = {}  # pid -> name, from each process's hello
        self._error_of_pid: dict[int, int] = {}  # pid -> index in errors of the traceback it printed
        self.named_resources: dict[str, str] = {}  # semaphores / segments still registered: name -> type
        self.named_resources_seen: dict[str, str] = {}  # every one the run registered (tests check /dev/shm)

    # ------------------------------------------------------------------ feeding
    def ingest(self, batch: list[Event], control: bool = True) -> None:
        """Keep ``batch``; if it holds control events (``control``), act on each of them."""
        with self._lock:
            if len(self._events) < MAX_KEPT_EVENTS:
                self._events.extend(batch)
            else:
                self.dropped += len(batch)
            self._pending.extend(batch)
        if not control:
            return  # routine events only: nothing to act on one by one
        for event in batch:
            if event.kind == HELLO:
                self._worker_names[event.pid] = event.worker
                self._on_hello(event.pid)
            elif event.kind == RESULT:
                self.result = event.value
            elif event.kind == ERROR:
                last_line = event.value.strip().splitlines()[-1] if event.value.strip() else event.name
                self._error_of_pid.setdefault(event.pid, len(self.errors))
                self.errors.append(
                    Text(
                        f"{event.worker} (pid {event.pid}) raised {last_line}\n{event.value}",
                        f"{event.worker}（pid {event.pid}）抛出了 {last_line}\n{event.value}",
                    )
                )
            elif event.kind == named_resources.NAMED_RESOURCE:
                name, registered = event.value
                if registered:
                    self.named_resources[name] = event.name
                    self.named_resources_seen[name] = event.name
                else:
                    self.named_resources.pop(name, None)
            elif event.kind == child_exits.CHILD_EXIT:
                self._on_child_exit(event.value["pid"], event.value["exitcode"])

    def add_sample(self, sample: Sample) -> None:
        """A monitor sample taken while the run was going (a sampler listener; any thread)."""
        with self._lock:
            self._samples.append(sample)

    def _on_child_exit(self, pid: int, exitcode: int) -> None:
        """A worker ended with a non-zero exit code nobody asked for: the run fails, naming it."""
        self.exit_codes[pid] = exitcode
        code = child_exits.exitcode_text(exitcode)
        index = self._error_of_pid.get(pid)
        if index is not None:  # it printed a traceback first: one entry with both
            said = self.errors[index]
            first_en, _, rest_en = said.en.partition("\n")
            first_zh, _, rest_zh = said.zh.partition("\n")
            self.errors[index] = Text(
                f"{first_en} and exited with {code.en}\n{rest_en}", f"{first_zh}，随后退出（{code.zh}）\n{rest_zh}"
            )
            return
        name = self._worker_names.get(pid)
        self.errors.append(
            Text(
                f"{name or 'a process of the run'} (pid {pid}) died with {code.en} and no traceback",
                f"{name or '运行中的一个进程'}（pid {pid}）意外退出（{code.zh}），没有打印异常回溯（traceback）",
            )
        )

    # ------------------------------------------------------------------ reading
    def take_new_events(self) -> list[Event]:
        """Events that arrived since the last call (arrival order), for live views."""
        with self._lock:
            pending, self._pending = self._pending, []
        return pending

    def events(self) -> list[Event]:
        """A copy of every kept event, in arrival order."""
        with self._lock:
            return list(self._events)

    def sorted_events(self) -> list[Event]:
        """Every kept event, sorted by time (what the record and the verdict see)."""
        with self._lock:
            return sorted(self._events, key=operator.itemgetter(0))

    def samples(self) -> list[Sample]:
        with self._lock:
            return list(self._samples)
