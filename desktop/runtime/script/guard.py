"""Caps and a timeout enforced while a script runs: a guard thread beside any :class:`~desktop.runtime.run.Run`.

A script's size is not known before it runs (``while True: Process(...).start()``
is one line), so its caps cannot be checked in advance like a lesson's plan.
The guard counts the live processes, threads and memory of the run's process
tree ten times a second and stops the run, naming the cap, as soon as one is
exceeded; it also ends a run that outlives its timeout. It works on any run:
the CLI's (:class:`~desktop.runtime.script.script_run.ScriptRun`) and the
window's (the bridge's run, guarded after it started)::

    bridge.start(target, target.params())
    guard = Guard(bridge.run, caps)
    guard.start()            # guard.stop_reason says why it stopped the run, if it did
"""

from __future__ import annotations

import threading
import time
from typing import Any

import psutil

from desktop.runtime import process_tree
from desktop.runtime.caps import Caps

INTERVAL = 0.1  # seconds between two counts of the run's processes and threads


class Guard:
    """Stops ``run`` when its tree exceeds ``caps`` or it runs longer than ``timeout`` seconds."""

    def __init__(self, run: Any, caps: Caps, timeout: float | None = None):
        self._run = run
        self.caps = caps
        self.timeout = timeout
        self.stop_reason = ""  # why the guard (not the user) stopped the run
        self._trackers: dict[int, bool] = {}
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._watch, name="script-guard", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        started = time.perf_counter()
        while not self._run.wait(INTERVAL):
            if self.timeout is not None and time.perf_counter() - started > self.timeout:
                self._stop_because(f"stopped after the {self.timeout:g} s timeout")
                return
            problem = self.exceeded()
            if problem:
                self._stop_because(problem)
                return

    def _stop_because(self, reason: str) -> None:
        self.stop_reason = reason
        self._run.stop()

    def exceeded(self) -> str:
        """The cap the run's tree exceeds now, as a sentence naming it ("" when none)."""
        pids = self._run.pids()
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
        known = self._trackers.get(proc.pid)
        if known is None:
            known = self._trackers[proc.pid] = process_tree.is_resource_tracker(proc)
        return known
