"""One run of a script: checked first, then run under the caps and a timeout, then summarised.

:class:`ScriptRun` wraps a :class:`~desktop.runtime.run.Run` of a
:class:`~desktop.runtime.script.target.ScriptTarget`. A script's size is not
known before it runs (``while True: Process(...).start()`` is one line), so
the caps are enforced *while* it runs: a guard thread counts the live
processes, threads and memory of the run's process tree ten times a second
and stops the run, naming the cap, as soon as one is exceeded. The same
thread ends a run that outlives its timeout.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import psutil

from desktop.model.events import RESULT
from desktop.model.run_record import RunRecord
from desktop.monitor.sampler import Sampler
from desktop.runtime import process_tree
from desktop.runtime.caps import Caps
from desktop.runtime.run import Run
from desktop.runtime.script import source, summary
from desktop.runtime.script.target import ScriptTarget

GUARD_INTERVAL = 0.1  # seconds between two counts of the run's processes and threads


class ScriptRun:
    """Run the script at ``path``; raises :class:`~desktop.runtime.script.source.ScriptProblem` before starting."""

    def __init__(
        self,
        path: str,
        *,
        argv: Sequence[str] = (),
        sampler: Sampler | None = None,
        caps: Caps | None = None,
        timeout: float | None = None,
    ):
        source.load(path)  # refuse what cannot run before anything is spawned
        self.target = ScriptTarget(path)
        self.caps = caps or Caps()
        self.timeout = timeout
        self.run = Run(self.target, self.target.params(tuple(argv)), sampler=sampler, caps=self.caps)
        self.stop_reason = ""  # why the runtime (not the user) stopped the run: a cap or the timeout
        self._guard: threading.Thread | None = None
        self._tracker_pids: dict[int, bool] = {}

    def start(self) -> None:
        self.run.start()
        self._guard = threading.Thread(target=self._watch, name="script-guard", daemon=True)
        self._guard.start()

    def stop(self) -> None:
        self.run.stop()

    def wait(self, timeout: float | None = None) -> bool:
        return self.run.wait(timeout)

    @property
    def record(self) -> RunRecord | None:
        return self.run.record

    def summary(self) -> dict:
        """The measured summary of the finished run (see :mod:`desktop.runtime.script.summary`)."""
        record = self.run.record
        if record is None:
            raise RuntimeError("the run has not finished")
        result = next((e.value for e in record.events if e.kind == RESULT), None)
        facts = summary.measure(record.events, record.samples, result, self.target.path)
        facts["status"] = record.status
        facts["stopped_because"] = self.stop_reason
        return facts

    # ------------------------------------------------------------------ guard
    def _watch(self) -> None:
        started = time.perf_counter()
        while not self.run.wait(GUARD_INTERVAL):
            if self.timeout is not None and time.perf_counter() - started > self.timeout:
                self._stop_because(f"stopped after the {self.timeout:g} s timeout")
                return
            problem = self._cap_exceeded()
            if problem:
                self._stop_because(problem)
                return

    def _stop_because(self, reason: str) -> None:
        self.stop_reason = reason
        self.run.stop()

    def _cap_exceeded(self) -> str:
        pids = self.run.pids()
        if not pids:
            return ""
        try:
            root = psutil.Process(pids[0])
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            return ""
        processes = threads = rss = 0
        for proc in tree:
            try:
                if proc.status() == psutil.STATUS_ZOMBIE or self._is_tracker(proc):
                    continue
                with proc.oneshot():
                    threads += proc.num_threads()
                    rss += proc.memory_info().rss
            except psutil.Error:
                continue
            processes += 1
        caps = self.caps
        started = processes - 1  # the run process is the script's own main process
        if started > caps.max_processes:
            return f"stopped: the script had {started} processes running; the cap is {caps.max_processes} processes"
        if threads > caps.max_threads:
            return f"stopped: the script had {threads} threads running; the cap is {caps.max_threads} threads"
        if rss / 1e6 > caps.max_memory_mb:
            return f"stopped: the script used {rss / 1e6:,.0f} MB; the memory cap is {caps.max_memory_mb:,.0f} MB"
        return ""

    def _is_tracker(self, proc: psutil.Process) -> bool:
        known = self._tracker_pids.get(proc.pid)
        if known is None:
            known = self._tracker_pids[proc.pid] = process_tree.is_resource_tracker(proc)
        return known


def run_script(
    path: str,
    *,
    argv: Sequence[str] = (),
    timeout: float | None = None,
    caps: Caps | None = None,
    sampler: Sampler | None = None,
) -> tuple[RunRecord, dict]:
    """Run the script headless to its end (or its timeout); return the record and the summary.

    Ctrl+C stops the run, then re-raises.

    Raises:
        ScriptProblem: the script cannot run (see :func:`desktop.runtime.script.source.load`).
    """
    own_sampler = sampler is None
    if own_sampler:
        sampler = Sampler()
        sampler.start()
    script_run = ScriptRun(path, argv=argv, sampler=sampler, caps=caps, timeout=timeout)
    try:
        script_run.start()
        while not script_run.wait(0.2):
            pass
    except KeyboardInterrupt:
        script_run.stop()
        script_run.wait()
        raise
    finally:
        if own_sampler:
            sampler.stop()
    return script_run.record, script_run.summary()
