"""CPU sampling with psutil: every logical core, and the run's own processes.

One background thread takes a :class:`Sample` every ``interval`` seconds (10 Hz
by default). psutil's first ``cpu_percent`` reading is meaningless, so the
machine counters and every watched process are primed once and the priming
value discarded. ``psutil.Process`` objects are kept between samples (psutil
needs the same object to compute a process's CPU share) and only pids that the
run reported are watched: the machine is never scanned.

Consumers either poll (``samples_since``, for the GUI's redraw timer) or
subscribe (``add_listener``, called on the sampler thread; keep it cheap).
"""

from __future__ import annotations

import collections
import dataclasses
import os
import sys
import threading
import time
from collections.abc import Callable

import psutil

DEFAULT_INTERVAL = 0.1
DEFAULT_HISTORY = 600  # 60 s at 10 Hz
# Reading one process costs one /proc/<pid>/stat read (~15 µs of CPU): 64 processes at
# 10 Hz alone would cost 1 % of a core. Above this rate, processes are read less often
# than cores; each reading is still an exact average over its (longer) interval.
PROCESS_READS_PER_SECOND = 200


@dataclasses.dataclass(frozen=True, slots=True)
class Sample:
    """One reading. ``t`` is perf_counter() at the end of the measured interval."""

    t: float
    per_core: tuple[float, ...]  # % of each logical core, 0-100
    processes: dict[int, tuple[float, int]]  # pid -> (cpu % where 100 = one core, rss bytes)
    app_cpu: float = 0.0  # CPU % of the process that samples (the app or the CLI, all its threads)
    # CPU seconds the processes first watched since the previous sample had used before that (their start-up):
    # spent in earlier intervals, where the machine total counted it but no process reading did.
    unseen_cpu: float = 0.0

    @property
    def machine_percent(self) -> float:
        """Whole-machine CPU, 0-100 (mean over cores)."""
        return sum(self.per_core) / len(self.per_core) if self.per_core else 0.0

    @property
    def run_cpu(self) -> float:
        """CPU of the watched processes, 100 = one core."""
        return sum(cpu for cpu, _ in self.processes.values())

    @property
    def run_rss(self) -> int:
        return sum(rss for _, rss in self.processes.values())

    @property
    def background_cores(self) -> float:
        """Cores used by other programs in this sample: the machine total minus the run's processes and the app.

        One sample's figure, clamped to 0..cores; the mean over a run is
        ``Outcome.background_cores()``, which also subtracts ``unseen_cpu``.
        """
        machine = sum(self.per_core) / 100
        return min(float(len(self.per_core)), max(0.0, machine - (self.run_cpu + self.app_cpu) / 100))


@dataclasses.dataclass(slots=True)
class _Watched:
    """A watched process and its CPU time (user + system seconds) at the last reading."""

    proc: psutil.Process
    busy: float
    since: float  # perf_counter() of that reading


def _read_proc_stat(proc: psutil.Process) -> tuple[float, int]:
    """Linux: user + system CPU seconds and RSS bytes from ONE read of /proc/<pid>/stat.

    psutil reads /proc/<pid>/stat for the CPU times and /proc/<pid>/statm for the
    RSS, through several layers; with 64 watched processes at 10 Hz that was
    ~3.7 % of a core, against ~1 % for the bare reads. Same kernel counters (a
    zombie reads as its final CPU time and 0 RSS, as with psutil).
    """
    # os.open/os.read, not open(): no buffered file object around one short read (9 µs instead of 16 here).
    try:
        stat = os.open(f"/proc/{proc.pid}/stat", os.O_RDONLY)
    except FileNotFoundError:
        raise psutil.NoSuchProcess(proc.pid) from None
    try:
        data = os.read(stat, 4096)  # ~300 bytes; 52 numbers of at most 20 digits and a 16-byte name fit easily
    except ProcessLookupError:  # it ended between the open and the read
        raise psutil.NoSuchProcess(proc.pid) from None
    finally:
        os.close(stat)
    fields = data[data.rindex(b")") + 2 :].split()  # the name, in parentheses, may hold spaces
    # Fields 14 (utime), 15 (stime) and 24 (rss) of proc(5); fields[0] is field 3.
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS, int(fields[21]) * _PAGE_SIZE


def _read_with_psutil(proc: psutil.Process) -> tuple[float, int]:
    with proc.oneshot():
        times = proc.cpu_times()
        return times.user + times.system, proc.memory_info().rss


if sys.platform.startswith("linux") and os.path.exists(f"/proc/{os.getpid()}/stat"):
    _CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
    _PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
    _cpu_seconds_and_rss = _read_proc_stat
else:
    _cpu_seconds_and_rss = _read_with_psutil


class Sampler:
    """Samples per-core CPU and watched processes on one thread."""

    def __init__(self, interval: float = DEFAULT_INTERVAL, history: int = DEFAULT_HISTORY):
        self.interval = interval
        self.core_count = psutil.cpu_count(logical=True) or 1
        self._history: collections.deque[Sample] = collections.deque(maxlen=history)
        self._taken = 0  # samples taken since start; the history holds the last ones
        self._processes: dict[int, tuple[float, int]] = {}  # last reading, repeated until the next one
        self._processes_due = 0.0
        self._app_busy = (time.process_time(), time.perf_counter())  # this process's CPU time, when read
        self._unseen = 0.0  # CPU seconds newly watched processes had used before watch(), not yet in a sample
        self._lock = threading.Lock()
        self._watched: dict[int, _Watched] = {}
        self._listeners: list[Callable[[Sample], None]] = []
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------- lifecycle
    def start(self) -> None:
        if self._thread is not None:
            return
        psutil.cpu_percent(percpu=True)  # prime: the first reading is meaningless
        self._app_busy = (time.process_time(), time.perf_counter())
        self._stopping.clear()
        self._thread = threading.Thread(target=self._sample_periodically, name="cpu-sampler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stopping.set()
        self._thread.join()
        self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    # --------------------------------------------------------------- watching
    def watch(self, pid: int) -> None:
        """Start sampling process ``pid`` (primed now, first value at the next sample)."""
        try:
            proc = psutil.Process(pid)
            times = proc.cpu_times()
        except psutil.Error:
            return
        with self._lock:
            if pid not in self._watched:
                self._watched[pid] = _Watched(proc, times.user + times.system, time.perf_counter())
                self._unseen += times.user + times.system

    def forget_all(self) -> None:
        with self._lock:
            self._watched.clear()

    def add_listener(self, listener: Callable[[Sample], None]) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[Sample], None]) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    # ---------------------------------------------------------------- reading
    def samples_since(self, taken: int) -> tuple[list[Sample], int]:
        """Samples taken after the first ``taken`` ones, and the new count to pass next time."""
        with self._lock:
            new = min(self._taken - taken, len(self._history))
            samples = list(self._history)[len(self._history) - new :] if new > 0 else []
            return samples, self._taken

    def latest(self) -> Sample | None:
        with self._lock:
            return self._history[-1] if self._history else None

    # --------------------------------------------------------------- sampling
    def _sample_periodically(self) -> None:
        deadline = time.perf_counter()
        while True:
            deadline += self.interval
            if self._stopping.wait(max(0.0, deadline - time.perf_counter())):
                return
            sample = self._take()
            with self._lock:
                self._history.append(sample)
                self._taken += 1
                listeners = list(self._listeners)
            for listener in listeners:
                listener(sample)
            if time.perf_counter() - deadline > self.interval:
                deadline = time.perf_counter()  # fell behind (suspended?): don't burst

    def _take(self) -> Sample:
        per_core = tuple(psutil.cpu_percent(percpu=True))
        app_cpu = self._app_cpu()
        with self._lock:
            watched = list(self._watched.items())
            fresh = [pid for pid, entry in watched if pid not in self._processes]
            unseen, self._unseen = self._unseen, 0.0
        started = time.perf_counter()
        if started < self._processes_due and not fresh:
            return Sample(started, per_core, dict(self._processes), app_cpu, unseen)
        self._processes_due = started + len(watched) / PROCESS_READS_PER_SECOND - self.interval / 2
        processes = {}
        gone = []
        for pid, entry in watched:
            try:
                busy, rss = _cpu_seconds_and_rss(entry.proc)
            except (psutil.Error, OSError):
                gone.append(pid)
                continue
            # What Process.cpu_percent(None) computes, without its per-call cpu_count()/timer overhead.
            now = time.perf_counter()
            elapsed = now - entry.since
            processes[pid] = (max(0.0, (busy - entry.busy) / elapsed * 100) if elapsed > 0 else 0.0, rss)
            entry.busy, entry.since = busy, now
        if gone:
            with self._lock:
                for pid in gone:
                    self._watched.pop(pid, None)
        self._processes = processes
        return Sample(time.perf_counter(), per_core, dict(processes), app_cpu, unseen)

    def _app_cpu(self) -> float:
        """CPU % of this process (every thread: GUI or CLI, telemetry, this sampler) since the last sample.

        A run's own parent is not "another program": verdicts that name the
        load on the machine subtract it along with the run's processes.
        """
        busy, now = time.process_time(), time.perf_counter()
        last_busy, last_now = self._app_busy
        self._app_busy = (busy, now)
        return max(0.0, (busy - last_busy) / (now - last_now) * 100) if now > last_now else 0.0
