"""Start the run process and keep hold of every process of its tree, so all of them can be ended.

The :class:`Supervisor` spawns the run process (:func:`desktop.runtime.conductor.conduct`)
in the explicit spawn context, adopts every process that says hello on the
telemetry pipe, remembers the process group the run process leads, and kills
the whole tree when the run is stopped, stuck or over. It does not read
telemetry (:mod:`desktop.runtime.collector`) nor judge the run
(:mod:`desktop.runtime.verdict_text`).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable

import psutil

from desktop.runtime import conductor, process_tree
from desktop.runtime.probe import Probe
from desktop.runtime.spawn import START_METHOD, spawn_context

__all__ = ["START_METHOD", "Supervisor", "spawn_context"]


class Supervisor:
    """The run process and every process of the run that has been seen, by pid."""

    def __init__(self, ctx: multiprocessing.context.SpawnContext, on_watch: Callable[[int], None] | None = None):
        self._ctx = ctx
        self._on_watch = on_watch  # called with each new pid (the sampler follows it)
        self._lock = threading.Lock()
        self._processes: dict[int, psutil.Process] = {}
        self._pgid: int | None = None
        self.process: multiprocessing.process.BaseProcess | None = None  # the run process

    def spawn(
        self, entry: str, values: dict, probe: Probe, scratch_dir: str, name: str = conductor.MAIN_WORKER_NAME
    ) -> None:
        """Start the run process calling ``entry`` (see :mod:`desktop.runtime.run_target`) and watch it.

        ``name`` is the run process's name: its lane in the timeline.
        """
        self.process = self._ctx.Process(
            target=conductor.conduct,
            args=(entry, values, probe, scratch_dir),
            name=name,
        )
        self.process.start()
        self.watch(self.process.pid)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def is_alive(self) -> bool:
        return self.process.is_alive()

    def adopt(self, pid: int) -> None:
        """A process of the run said hello: watch it; if it is the run process, note the group it leads."""
        self.watch(pid)
        if pid == self.process.pid:
            self._pgid = process_tree.group_of(pid)

    def watch(self, pid: int) -> None:
        try:
            proc = psutil.Process(pid)
        except psutil.Error:
            return
        with self._lock:
            self._processes.setdefault(pid, proc)
        if self._on_watch is not None:
            self._on_watch(pid)

    def pids(self) -> list[int]:
        with self._lock:
            return list(self._processes)

    def usage(self) -> tuple[int, float, int]:
        """What the run uses now: processes it started (the run process not counted), MB resident, threads."""
        with self._lock:
            processes = {proc.pid: proc for proc in self._processes.values()}
            root = self._processes.get(self.pid) if self.process is not None else None
        if root is not None:
            processes.update((child.pid, child) for child in _children(root))
        count, rss, threads = 0, 0, 0
        for proc in processes.values():
            try:
                with proc.oneshot():
                    if proc.status() == psutil.STATUS_ZOMBIE:
                        continue
                    rss += proc.memory_info().rss
                    threads += proc.num_threads()
            except psutil.Error:
                continue
            count += proc.pid != self.pid
        return count, rss / (1024 * 1024), threads

    def bytes_moved(self) -> int | None:
        """Bytes the run's living processes have read and written so far (pipes and sockets included).

        None where the OS does not count them per process (macOS). A process that ended
        drops out of the sum: the sum changing either way means something happened.
        """
        with self._lock:
            processes = {proc.pid: proc for proc in self._processes.values()}
            root = self._processes.get(self.pid) if self.process is not None else None
        if root is not None:
            processes.update((child.pid, child) for child in _children(root))  # some never say hello
        total, known = 0, False
        for proc in processes.values():
            try:
                counters = proc.io_counters()
            except (psutil.Error, AttributeError, NotImplementedError):
                continue
            known = True
            # Linux: read_chars/write_chars count every read() and write(), pipes included;
            # Windows: read_bytes/write_bytes/other_bytes count all I/O.
            total += getattr(counters, "read_chars", counters.read_bytes)
            total += getattr(counters, "write_chars", counters.write_bytes)
            total += getattr(counters, "other_bytes", 0)
        return total if known else None

    def kill_all(self) -> tuple[int, list[int]]:
        """Kill the run's process tree.

        Returns:
            how many processes (other than the run process) were still alive,
            and the pids still alive after the kill (empty when all are gone).
        """
        run_process = self.process
        with self._lock:
            known = [p for p in self._processes.values() if p.pid != run_process.pid]
            root = self._processes.get(run_process.pid)
        alive_before = [p for p in known if _is_alive(p)]
        if root is not None and _is_alive(root):
            alive_before += [c for c in _children(root) if c.pid not in {p.pid for p in alive_before}]
        # A Stop may come before the run process's hello was read (rapid Run/Stop under load): its
        # group is not known yet, so ask the OS, before the kill and again after it (a zombie keeps
        # its group) in case it became the leader in between. It leads before it starts anything.
        pgid = self._pgid or process_tree.group_of(run_process.pid)
        # The run process is multiprocessing's own child, so multiprocessing must reap it:
        # had psutil waited for it, its Process object would never learn that it ended and
        # would keep two pipes open (and itself in multiprocessing's child list) for good.
        run_process.kill()
        pgid = pgid or process_tree.group_of(run_process.pid)
        survivors = process_tree.kill_tree(None, alive_before + known, pgid=pgid)
        run_process.join(process_tree.KILL_TIMEOUT)
        if run_process.exitcode is None:
            survivors.append(run_process.pid)
        return len(alive_before), survivors


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
