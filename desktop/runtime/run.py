"""Starting, watching and stopping one run: the public entry points :class:`Run` and :func:`run_to_completion`.

A :class:`Run` of a *run target* (a lesson, or anything else that satisfies
:class:`~desktop.runtime.run_target.RunTarget`) wires four pieces, each with one job:

* :class:`~desktop.runtime.supervisor.Supervisor` spawns the run process in the
  explicit spawn context, keeps every process of the run and kills the tree;
* :class:`~desktop.runtime.collector.Collector` keeps the events and samples and
  acts on control events (hello, result, errors, named resources);
* :class:`~desktop.runtime.watchdog.Watchdog` ends a run that stopped reporting;
* :func:`~desktop.runtime.verdict_text.judge` turns the finished run into a
  status, a verdict and figures.

This module owns the collector thread that drives them and builds the
:class:`~desktop.model.run_record.RunRecord`. Nothing here blocks the caller:
``start`` returns once the run process has been launched, ``stop`` only asks,
and the GUI polls ``take_new_events`` and ``finished`` from its timer. The CLI
simply calls ``wait``.
"""

from __future__ import annotations

import contextlib
import datetime
import multiprocessing
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait

from desktop.model.outcome import Outcome
from desktop.model.param import Params
from desktop.model.run_record import RunRecord, interpreter_description
from desktop.model.text import Text
from desktop.monitor.sampler import Sampler
from desktop.runtime import named_resources, scratch, telemetry
from desktop.runtime.caps import Caps
from desktop.runtime.collector import MAX_KEPT_EVENTS, Collector
from desktop.runtime.probe import Probe
from desktop.runtime.run_target import RunTarget, entry_of, process_name_of, source_text_of
from desktop.runtime.supervisor import START_METHOD, Supervisor, spawn_context
from desktop.runtime.telemetry import Event
from desktop.runtime.verdict_text import judge
from desktop.runtime.watchdog import Watchdog, describe_stall

__all__ = ["DRAIN_TIMEOUT", "MAX_KEPT_EVENTS", "START_METHOD", "Run", "run_to_completion", "spawn_context"]

DRAIN_TIMEOUT = 2.0  # after the run process ends, how long leftovers may keep writing
CAPS_CHECK_INTERVAL = 0.5  # seconds between checks of what the run uses against the caps
# The collector sleeps until telemetry arrives, the run process ends or a stop is asked for; this often otherwise, for
# the watchdog, the caps and the drain deadline. It polled every 50 ms before: each wake-up took a core next to the
# lesson's, where timings such as queue-basics' empty() right after put() (how soon a feeder thread runs) are measured.
CHECK_INTERVAL = 0.25


class Run:
    """One run of ``lesson`` (any :class:`RunTarget`) with validated ``params``."""

    def __init__(self, lesson: RunTarget, params: Params, sampler: Sampler | None = None, caps: Caps | None = None):
        self.lesson = lesson
        self.params = params
        self.caps = caps or Caps()
        self._sampler = sampler
        self._supervisor = Supervisor(spawn_context(), on_watch=sampler.watch if sampler is not None else None)
        self._collector = Collector(on_hello=self._supervisor.adopt)
        self._watchdog = Watchdog(lesson.stall_timeout, bytes_moved=self._supervisor.bytes_moved)
        self._stop_requested = threading.Event()
        self._wake_lock = threading.Lock()
        self._wake_writer: Connection | None = None  # stop() writes to it: the collector wakes at once
        self._finished = threading.Event()
        self._listeners: list[Callable[[RunRecord], None]] = []
        self._thread: threading.Thread | None = None
        self._leftovers = 0
        self.released_resources: list[str] = []  # names a killed run left, unlinked by us
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
        reader, writer = spawn_context().Pipe(duplex=False)
        telemetry.enlarge_pipe(reader)
        self._scratch_dir = scratch.make()
        self._started_at = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        self.started = time.perf_counter()
        if self._sampler is not None:
            self._sampler.add_listener(self._collector.add_sample)
        try:
            self._supervisor.spawn(
                entry_of(self.lesson), dict(self.params), Probe(writer), self._scratch_dir, process_name_of(self.lesson)
            )
        except BaseException:
            # Nothing will collect this run: end what was started and remove its folder here.
            if self._sampler is not None:
                self._sampler.remove_listener(self._collector.add_sample)
            if self._supervisor.process is not None and self._supervisor.process.pid is not None:
                self._kill_all()
            writer.close()
            reader.close()
            scratch.remove(self._scratch_dir)
            raise
        # The run process holds its own copy now; closing ours lets the reader see
        # end-of-file once every process of the run has exited.
        writer.close()
        wake_reader, self._wake_writer = spawn_context().Pipe(duplex=False)
        self._thread = threading.Thread(
            target=self._collect, args=(reader, wake_reader), name="run-collector", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Ask for the run to end now. Returns at once; ``finished`` tells when it has."""
        if self._stop_requested.is_set():
            return  # asked already (also keeps a second Ctrl+C out of the lock below)
        self._stop_requested.set()
        with self._wake_lock:
            if self._wake_writer is not None:
                with contextlib.suppress(OSError, ValueError):
                    self._wake_writer.send_bytes(b"stop")

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
        return self._collector.take_new_events()

    def pids(self) -> list[int]:
        """Every process of the run seen so far (the run process first)."""
        return self._supervisor.pids()

    @property
    def named_resources_seen(self) -> dict[str, str]:
        """Every semaphore and shared-memory segment the run registered: name -> type (tests check /dev/shm)."""
        return self._collector.named_resources_seen

    @property
    def _conductor(self) -> multiprocessing.process.BaseProcess | None:
        """The run process (multiprocessing's Process); None before ``start`` (tests read its pid)."""
        return self._supervisor.process

    # ---------------------------------------------------------------- collector
    def _collect(self, reader: Connection, wake_reader: Connection) -> None:
        """The collector thread: read telemetry until the run is over, then judge it.

        It blocks until the telemetry pipe has data, the run process ends or ``stop`` wakes it, and
        otherwise every ``CHECK_INTERVAL``: a thread of the app that wakes up by the clock takes a core
        from the run it watches.
        """
        assembler = telemetry.FrameAssembler()
        frame_reader = telemetry.FrameReader(reader)
        supervisor, collector = self._supervisor, self._collector
        killed = False
        drain_deadline = None
        next_caps_check = time.perf_counter() + CAPS_CHECK_INTERVAL
        # A lesson's plan is an estimate: its caps are enforced while it runs too. A target that
        # plugs in with an ``entry`` of its own (a script) brings its own guard (script.guard).
        enforce_caps = getattr(self.lesson, "entry", None) is None
        self._watchdog.progressed()
        sources = [reader, wake_reader, supervisor.process.sentinel]
        writers_gone = False  # the telemetry pipe said end-of-file: nothing is left to drain
        while True:
            if self._stop_requested.is_set() and not killed:
                self._kill_all()
                killed = True
            if enforce_caps and not killed and time.perf_counter() >= next_caps_check:
                next_caps_check = time.perf_counter() + CAPS_CHECK_INTERVAL
                over = self.caps.exceeded(*supervisor.usage())
                if over is not None:  # the lesson's estimate was wrong
                    collector.errors.append(
                        Text(f"stopped by a cap while running: {over.en}", f"运行中超出上限而被停止：{over.zh}")
                    )
                    self._kill_all()
                    killed = True
            stalled_for = self._watchdog.stalled_for()
            if not killed and stalled_for is not None:
                collector.errors.append(describe_stall(stalled_for, collector.events(), collector.exit_codes))
                self._kill_all()
                killed = True
            if drain_deadline is None and not supervisor.is_alive():
                # The lesson is over; anything it left running is a leftover.
                self._leftovers = self._kill_all() if not killed else 0
                killed = True
                drain_deadline = time.perf_counter() + DRAIN_TIMEOUT
            if drain_deadline is not None and (writers_gone or time.perf_counter() > drain_deadline):
                break
            timeout = CHECK_INTERVAL
            if drain_deadline is not None:
                timeout = max(0.0, min(timeout, drain_deadline - time.perf_counter()))
            try:
                ready = wait(sources, timeout)
                for source in ready:
                    if source is not reader:  # a stop (read by the next turn) or the run process's end: stays ready
                        sources.remove(source)
                if supervisor.process.sentinel in ready:
                    # It is exiting: reap it now, so the next turn sees it ended (not a check interval later).
                    supervisor.process.join(CHECK_INTERVAL)
                if reader in ready:
                    batch, control = assembler.add_all(frame_reader.read())
                    if batch:
                        self._watchdog.progressed()
                        collector.ingest(batch, control)
            except (EOFError, OSError):
                if not supervisor.is_alive() or killed:
                    break  # every writer has exited
                # The run process closed its end while exiting, before the OS says it has ended: its sentinel
                # wakes the next wait (an end-of-file pipe stays ready: it is not waited on again).
                writers_gone = True
                if reader in sources:
                    sources.remove(reader)
            except Exception:
                said = traceback.format_exc()
                collector.errors.append(Text("unreadable telemetry:\n" + said, "无法读取的遥测数据：\n" + said))
                break
        reader.close()
        with self._wake_lock:
            self._wake_writer.close()
            self._wake_writer = None
        wake_reader.close()
        supervisor.process.join(timeout=1.0)
        scratch.remove(self._scratch_dir)
        # Killed processes never unlink their semaphores and shared memory: do it for them.
        self.released_resources = named_resources.release(collector.named_resources)
        # ...and names created by a process killed before it could report them.
        self.released_resources += named_resources.sweep(
            named_resources.run_semprefix(self._scratch_dir), supervisor.pids()
        )
        self._finish()

    def _kill_all(self) -> int:
        """Kill the run's process tree; return how many processes were still alive."""
        alive_before, survivors = self._supervisor.kill_all()
        if survivors:
            self._collector.errors.append(
                Text(f"processes still alive after kill: {survivors}", f"结束进程后仍有进程存活：{survivors}")
            )
        return alive_before

    def _finish(self) -> None:
        self.ended = time.perf_counter()
        if self._sampler is not None:
            self._sampler.remove_listener(self._collector.add_sample)
        events = self._collector.sorted_events()
        samples = self._collector.samples()
        outcome = Outcome(self._collector.result, events, samples, self.started, self.ended)
        judgement = judge(
            self.lesson,
            self.params,
            outcome,
            stopped=self._stop_requested.is_set(),
            errors=self._collector.errors,
            exitcode=self._supervisor.process.exitcode,
        )
        record = RunRecord(
            lesson=self.lesson.id,
            status=judgement.status,
            params=dict(self.params),
            start_method=START_METHOD,
            interpreter=interpreter_description(),
            started_at=self._started_at,
            duration=round(self.ended - self.started, 3),
            verdict=judgement.verdict,
            figures=dict(judgement.figures),
            error=judgement.error.en,
            error_zh=judgement.error.zh,
            leftovers=self._leftovers,
            background_cores=round(outcome.background_cores(), 2),
            source=source_text_of(self.lesson),
            events=events,
            samples=[[s.t, list(s.per_core), s.run_cpu, s.run_rss] for s in samples],
        )
        run_pid = self._supervisor.pid
        hello = next((e for e in events if e.kind == telemetry.HELLO and e.pid == run_pid), None)
        if hello is not None:
            record.first_event_latency = round(hello.t - self.started, 4)
        self.record = record
        self._finished.set()
        for listener in self._listeners:
            listener(record)


def run_to_completion(
    lesson: RunTarget, params: Params, sampler: Sampler | None = None, caps: Caps | None = None
) -> RunRecord:
    """Run ``lesson`` (any run target) headless and return its record; Ctrl+C stops the run, then re-raises.

    Without a ``sampler`` one is made for this run (verdicts may need CPU samples).

    Ctrl+C (SIGINT, on the main thread) does not raise here: it asks the run to
    stop, the collector thread kills the tree and removes the scratch folder,
    and only then is ``KeyboardInterrupt`` raised. A ``KeyboardInterrupt``
    raised at an arbitrary bytecode could land inside ``Run.start`` before the
    collector thread existed, and waiting for that run to finish then hung for good.

    Raises:
        InvalidParams: the run would exceed a cap; nothing was started.
        KeyboardInterrupt: Ctrl+C was pressed; the run has been stopped and cleaned up.
    """
    own_sampler = sampler is None
    runs: list[Run] = []
    interrupted = threading.Event()

    def on_interrupt() -> None:
        interrupted.set()
        for run in runs:
            run.stop()

    with _sigint_calls(on_interrupt):
        if own_sampler:
            sampler = Sampler()
            sampler.start()
        try:
            run = Run(lesson, params, sampler=sampler, caps=caps)
            if not interrupted.is_set():
                runs.append(run)
                run.start()
                if interrupted.is_set():
                    run.stop()
                while not run.wait(0.2):
                    pass
        finally:
            if own_sampler:
                sampler.stop()
    if interrupted.is_set():
        raise KeyboardInterrupt
    return run.record


@contextlib.contextmanager
def _sigint_calls(on_interrupt: Callable[[], None]) -> Iterator[None]:
    """While inside, SIGINT calls ``on_interrupt()`` instead of raising (main thread, default handler only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.default_int_handler:
        yield  # someone else handles Ctrl+C (or ignores it): leave that alone
        return
    signal.signal(signal.SIGINT, lambda _signum, _frame: on_interrupt())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
