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
    guard.start()            # guard.stop_reason says why it stopped the run, if it did (a Text)
"""

from __future__ import annotations

import threading
import time
from typing import Any

import psutil

from desktop.model.text import Text
from desktop.runtime import process_tree
from desktop.runtime.caps import Caps

INTERVAL = 0.1  # seconds between two counts of the run's processes and threads
NO_REASON = Text("", "")  # the guard did not stop the run


class Guard:
    """Stops ``run`` when its tree exceeds ``caps`` or it runs longer than ``timeout`` seconds."""

    def __init__(self, run: Any, caps: Caps, timeout: float | None = None):
        self._run = run
        self.caps = caps
        self.timeout = timeout
        self.stop_reason = NO_REASON  # why the guard (not the user) stopped the run, in every language
        self._trackers: dict[int, bool] = {}
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._watch, name="script-guard", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        started = time.perf_counter()
        while not self._run.wait(INTERVAL):
            if self.timeout is not None and time.perf_counter() - started > self.timeout:
                seconds = f"{self.timeout:g}"
                self._stop_because(Text(f"stopped after the {seconds} s timeout", f"运行超过了 {seconds} 秒的时限"))
                return
            problem = self.exceeded()
            if problem is not None:
                self._stop_because(problem)
                return

    def _stop_because(self, reason: Text) -> None:
        self.stop_reason = reason
        self._run.stop()

    def exceeded(self) -> Text | None:
        """The cap the run's tree exceeds now, as a sentence naming it in every language (None when none)."""
        pids = self._run.pids()
        if not pids:
            return None
        try:
            root = psutil.Process(pids[0])
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            return None
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
            return Text(
                f"stopped: the script had {started} processes running; the cap is {caps.max_processes} processes",
                f"脚本同时运行了 {started} 个进程，上限是 {caps.max_processes} 个进程",
            )
        if threads > caps.max_threads:
            return Text(
                f"stopped: the script had {threads} threads running; the cap is {caps.max_threads} threads",
                f"脚本同时运行了 {threads} 个线程，上限是 {caps.max_threads} 个线程",
            )
        if rss / 1e6 > caps.max_memory_mb:
            used, cap = f"{rss / 1e6:,.0f}", f"{caps.max_memory_mb:,.0f}"
            return Text(
                f"stopped: the script used {used} MB; the memory cap is {cap} MB",
                f"脚本用了 {used} MB 内存，内存上限是 {cap} MB",
            )
        return None

    def _is_tracker(self, proc: psutil.Process) -> bool:
        known = self._trackers.get(proc.pid)
        if known is None:
            known = self._trackers[proc.pid] = process_tree.is_resource_tracker(proc)
        return known
