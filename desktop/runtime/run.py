"""Starting, watching and stopping one run of a lesson.

A :class:`Run` spawns the run process (:mod:`desktop.runtime.conductor`) in an
explicit spawn context, collects telemetry on a background thread, feeds new
pids to the sampler, and when the run process tree has ended computes the
verdict and builds the :class:`~desktop.model.run_record.RunRecord`.

Nothing here blocks the caller: ``start`` returns once the run process has
been launched, ``stop`` only asks, and the GUI polls ``take_new_events`` and
``finished`` from its timer. The CLI simply calls ``wait``.
"""

from __future__ import annotations

import datetime
import multiprocessing
import operator
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection

import psutil

from desktop.model.lesson import Lesson
from desktop.model.outcome import Outcome
from desktop.model.param import Params
from desktop.model.run_record import FAILED, PASSED, STOPPED, RunRecord, interpreter_description
from desktop.monitor.sampler import Sample, Sampler
from desktop.runtime import child_exits, conductor, named_resources, process_tree, telemetry
from desktop.runtime.caps import Caps
from desktop.runtime.probe import Probe
from desktop.runtime.telemetry import Event

START_METHOD = "spawn"
MAX_KEPT_EVENTS = 2_000_000  # ~300 MB of tuples; past this, events are counted, not kept
DRAIN_TIMEOUT = 2.0  # after the run process ends, how long leftovers may keep writing


def spawn_context() -> multiprocessing.context.SpawnContext:
    """The one multiprocessing context every run uses, on every platform."""
    return multiprocessing.get_context(START_METHOD)


class Run:
    """One run of ``lesson`` with validated ``params``."""

    def __init__(self, lesson: Lesson, params: Params, sampler: Sampler | None = None, caps: Caps | None = None):
        self.lesson = lesson
        self.params = params
        self.caps = caps or Caps()
        self._sampler = sampler
        self._ctx = spawn_context()
        self._lock = threading.Lock()
        self._events: list[Event] = []
        self._pending: list[Event] = []
        self._samples: list[Sample] = []
        self._dropped = 0
        self._processes: dict[int, psutil.Process] = {}
        self._pgid: int | None = None
        self._result: dict | None = None
        self._errors: list[str] = []
        self._worker_names: dict[int, str] = {}  # pid -> name, from each process's hello
        self._error_of_pid: dict[int, int] = {}  # pid -> index in _errors of the traceback it printed
        self.released_resources: list[str] = []  # names a killed run left, unlinked by us
        self._named_resources: dict[str, str] = {}  # semaphores / segments still registered: name -> type
        self.named_resources_seen: dict[str, str] = {}  # every one the run registered (tests check /dev/shm)
        self._exit_codes: dict[int, int] = {}  # pid -> abnormal exit code, for workers that died unasked
        self._stop_requested = threading.Event()
        self._finished = threading.Event()
        self._listeners: list[Callable[[RunRecord], None]] = []
        self._conductor: multiprocessing.process.BaseProcess | None = None
        self._collector: threading.Thread | None = None
        self.record: RunRecord | None = None
        self.started = 0.0
        self.ended = 0.0

    # ------------------------------------------------------------------ control
    def start(self) -> None:
        """Spawn the run process and start collecting its telemetry.

        Raises:
            InvalidParams: the run would exceed a cap; nothing was started.
        """
        self.caps.check(self.lesson.plan_for(self.params))
        reader, writer = self._ctx.Pipe(duplex=False)
        telemetry.enlarge_pipe(reader)
        self._scratch_dir = tempfile.mkdtemp(prefix="concurrency-lab-run-")
        probe = Probe(writer)
        self._started_at = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        self.started = time.perf_counter()
        if self._sampler is not None:
            self._sampler.add_listener(self._on_sample)
        self._conductor = self._ctx.Process(
            target=conductor.conduct,
            args=(self.lesson.module_name, dict(self.params), probe, self._scratch_dir),
            name=conductor.MAIN_WORKER_NAME,
        )
        self._conductor.start()
        # The run process holds its own copy now; closing ours lets the reader see
        # end-of-file once every process of the run has exited.
        writer.close()
        self._watch(self._conductor.pid)
        self._collector = threading.Thread(target=self._collect, args=(reader,), name="run-collector", daemon=True)
        self._collector.start()

    def stop(self) -> None:
        """Ask for the run to end now. Returns at once; ``finished`` tells when it has."""
        self._stop_requested.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the run has finished (CLI and tests only). True if it has."""
        return self._finished.wait(timeout)

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    @property
    def stop_requested(self) -> bool:
        return self._stop_requested.is_set()

    def add_finished_listener(self, listener: Callable[[RunRecord], None]) -> None:
        """Call ``listener(record)`` on the collector thread when the run has finished."""
        self._listeners.append(listener)

    # ------------------------------------------------------------------ reading
    def take_new_events(self) -> list[Event]:
        """Events that arrived since the last call (arrival order), for live views."""
        with self._lock:
            pending, self._pending = self._pending, []
        return pending

    def pids(self) -> list[int]:
        with self._lock:
            return list(self._processes)

    # ---------------------------------------------------------------- collector
    def _collect(self, reader: Connection) -> None:
        assembler = telemetry.FrameAssembler()
        frame_reader = telemetry.FrameReader(reader)
        killed = False
        drain_deadline = None
        self._last_progress = time.perf_counter()
        while True:
            if self._stop_requested.is_set() and not killed:
                self._kill_all()
                killed = True
            stalled_for = time.perf_counter() - self._last_progress
            if not killed and stalled_for > self.lesson.stall_timeout:
                self._errors.append(self._describe_stall(stalled_for))
                self._kill_all()
                killed = True
            if drain_deadline is None and not self._conductor.is_alive():
                # The lesson is over; anything it left running is a leftover.
                self._leftovers = self._kill_all() if not killed else 0
                killed = True
                drain_deadline = time.perf_counter() + DRAIN_TIMEOUT
            if drain_deadline is not None and time.perf_counter() > drain_deadline:
                break
            try:
                if reader.poll(0.05):
                    batch, control = assembler.add_all(frame_reader.read())
                    if batch:
                        self._ingest(batch, control)
            except (EOFError, OSError):
                if not self._conductor.is_alive() or killed:
                    break  # every writer has exited
            except Exception:
                self._errors.append("unreadable telemetry:\n" + traceback.format_exc())
                break
        reader.close()
        self._conductor.join(timeout=1.0)
        shutil.rmtree(self._scratch_dir, ignore_errors=True)
        # Killed processes never unlink their semaphores and shared memory: do it for them.
        self.released_resources = named_resources.release(self._named_resources)
        self._finish()

    def _describe_stall(self, stalled_for: float) -> str:
        """Who was waiting for what when the watchdog fired: each worker's last state."""
        last_state: dict[str, Event] = {}
        with self._lock:
            for event in self._events:
                if event.kind == telemetry.STATE:
                    last_state[event.worker] = event
        waiting = [
            f"{worker} (pid {event.pid}) {event.name}"
            + (f": {event.value}" if event.value else "")
            + (
                f" (then died with {child_exits.describe_exitcode(self._exit_codes[event.pid])})"
                if event.pid in self._exit_codes
                else ""
            )
            for worker, event in sorted(last_state.items())
            if event.name not in (telemetry.State.FINISHED, telemetry.State.FAILED)
        ]
        return f"no progress for {stalled_for:.0f} s (watchdog); " + (
            "; ".join(waiting) or "no worker reported a state"
        )

    def _ingest(self, batch: list[Event], control: bool = True) -> None:
        self._last_progress = time.perf_counter()
        with self._lock:
            if len(self._events) < MAX_KEPT_EVENTS:
                self._events.extend(batch)
            else:
                self._dropped += len(batch)
            self._pending.extend(batch)
        if not control:
            return  # routine events only: nothing to act on one by one
        for event in batch:
            if event.kind == telemetry.HELLO:
                self._worker_names[event.pid] = event.worker
                self._watch(event.pid)
                if event.pid == self._conductor.pid:
                    self._pgid = process_tree.group_of(event.pid)
            elif event.kind == telemetry.RESULT:
                self._result = event.value
            elif event.kind == telemetry.ERROR:
                last_line = event.value.strip().splitlines()[-1] if event.value.strip() else event.name
                self._error_of_pid.setdefault(event.pid, len(self._errors))
                self._errors.append(f"{event.worker} (pid {event.pid}) raised {last_line}\n{event.value}")
            elif event.kind == named_resources.NAMED_RESOURCE:
                name, registered = event.value
                if registered:
                    self._named_resources[name] = event.name
                    self.named_resources_seen[name] = event.name
                else:
                    self._named_resources.pop(name, None)
            elif event.kind == child_exits.CHILD_EXIT:
                self._on_child_exit(event.value["pid"], event.value["exitcode"])

    def _on_child_exit(self, pid: int, exitcode: int) -> None:
        """A worker ended with a non-zero exit code nobody asked for: the run fails, naming it."""
        self._exit_codes[pid] = exitcode
        code = child_exits.describe_exitcode(exitcode)
        index = self._error_of_pid.get(pid)
        if index is not None:  # it printed a traceback first: one entry with both
            first, _, rest = self._errors[index].partition("\n")
            self._errors[index] = f"{first} and exited with {code}\n{rest}"
            return
        name = self._worker_names.get(pid, "a process of the run")
        self._errors.append(f"{name} (pid {pid}) died with {code} and no traceback")

    def _watch(self, pid: int) -> None:
        try:
            proc = psutil.Process(pid)
        except psutil.Error:
            return
        with self._lock:
            self._processes.setdefault(pid, proc)
        if self._sampler is not None:
            self._sampler.watch(pid)

    def _kill_all(self) -> int:
        """Kill the run's process tree; return how many processes were still alive."""
        with self._lock:
            known = [p for p in self._processes.values() if p.pid != self._conductor.pid]
        root = self._processes.get(self._conductor.pid)
        alive_before = [p for p in known if _is_alive(p)]
        if root is not None and _is_alive(root):
            alive_before += [c for c in _children(root) if c.pid not in {p.pid for p in alive_before}]
        # The run process is multiprocessing's own child, so multiprocessing must reap it:
        # had psutil waited for it, its Process object would never learn that it ended and
        # would keep two pipes open (and itself in multiprocessing's child list) for good.
        self._conductor.kill()
        survivors = process_tree.kill_tree(None, alive_before + known, pgid=self._pgid)
        self._conductor.join(process_tree.KILL_TIMEOUT)
        if self._conductor.exitcode is None:
            survivors.append(self._conductor.pid)
        if survivors:
            self._errors.append(f"processes still alive after kill: {survivors}")
        return len(alive_before)

    def _on_sample(self, sample: Sample) -> None:
        with self._lock:
            self._samples.append(sample)

    def _finish(self) -> None:
        self.ended = time.perf_counter()
        if self._sampler is not None:
            self._sampler.remove_listener(self._on_sample)
        with self._lock:
            events = sorted(self._events, key=operator.itemgetter(0))  # by time
            samples = list(self._samples)
        record = RunRecord(
            lesson=self.lesson.id,
            status=PASSED,
            params=dict(self.params),
            start_method=START_METHOD,
            interpreter=interpreter_description(),
            started_at=self._started_at,
            duration=round(self.ended - self.started, 3),
            leftovers=getattr(self, "_leftovers", 0),
            events=events,
            samples=[[s.t, list(s.per_core), s.run_cpu, s.run_rss] for s in samples],
        )
        hello = next((e for e in events if e.kind == telemetry.HELLO and e.pid == self._conductor.pid), None)
        if hello is not None:
            record.first_event_latency = round(hello.t - self.started, 4)
        exitcode = self._conductor.exitcode
        if self._stop_requested.is_set():
            record.status = STOPPED
            record.verdict = "Stopped before the end: no verdict."
            record.verdict_zh = "运行在结束前被停止：没有结论。"
        elif self._errors or self._result is None or exitcode != 0:
            record.status = FAILED
            reason = "\n".join(self._errors) or f"the run process ended with exit code {exitcode} and no result"
            record.error = reason
            record.verdict = "The run failed: " + reason.splitlines()[0]
            record.verdict_zh = "运行失败：" + reason.splitlines()[0]
        else:
            outcome = Outcome(self._result, events, samples, self.started, self.ended)
            try:
                verdict = self.lesson.verdict(self.params, outcome)
            except Exception:
                record.status = FAILED
                record.error = traceback.format_exc()
                record.verdict = "The verdict could not be computed: " + record.error.strip().splitlines()[-1]
                record.verdict_zh = "无法计算结论：" + record.error.strip().splitlines()[-1]
            else:
                record.verdict = verdict.text.en
                record.verdict_zh = verdict.text.zh
                record.figures = dict(verdict.figures)
        self.record = record
        self._finished.set()
        for listener in self._listeners:
            listener(record)


def _is_alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _children(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return [c for c in proc.children(recursive=True) if _is_alive(c)]
    except psutil.Error:
        return []


def run_to_completion(
    lesson: Lesson, params: Params, sampler: Sampler | None = None, caps: Caps | None = None
) -> RunRecord:
    """Run ``lesson`` headless and return its record; Ctrl+C stops the run, then re-raises.

    Without a ``sampler`` one is made for this run (verdicts may need CPU samples).

    Raises:
        InvalidParams: the run would exceed a cap; nothing was started.
    """
    own_sampler = sampler is None
    if own_sampler:
        sampler = Sampler()
        sampler.start()
    run = Run(lesson, params, sampler=sampler, caps=caps)
    try:
        run.start()
        while not run.wait(0.2):
            pass
    except KeyboardInterrupt:
        run.stop()
        run.wait()
        raise
    finally:
        if own_sampler:
            sampler.stop()
    return run.record
