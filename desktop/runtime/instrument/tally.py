"""A script's queue depth, counted per process and reported a few dozen times a second, peak kept exact.

One telemetry event per ``put`` and ``get`` made a queue-heavy script (100 000
items through a ``multiprocessing.Queue``) almost twice as slow: the events
cost the script's processes little, but the app decoding 200 000 of them
competes with the script for the cores. The depth plot redraws at 20 Hz, so
each process counts the puts and gets it makes on each queue and reports the
change at most every :data:`INTERVAL`:

* a report keeps the peak: it rises by the highest level this process's count
  reached since its last report, stamped when it was reached, then falls to
  where the count ended, stamped at the last call (a process that only puts, or
  only gets, reports exactly its number of items);
* the first call after a quiet :data:`INTERVAL` is reported at once, with its
  own stamp, so a slow script's depth steps exactly as it did;
* what a busy stream held back is sent at every flush of the probe: by its
  flusher thread within ``FLUSH_INTERVAL`` of the last call, when a pool worker
  goes idle or hands back a result, and at the end of the process, so the final
  depth is exact.

Stamps are the calls' own, so a depth built from several processes' reports
is the same curve as one event per call, seen at each report's moments.
Counts are never read from ``qsize()``.
"""

from __future__ import annotations

import math
import threading
from time import perf_counter as _clock  # the probe's clock; a test may set its own
from typing import Any

from desktop.runtime import telemetry

INTERVAL = 0.02  # seconds: at most 50 reports a second per queue and process, more than the plot draws


class _Count:
    """One queue's calls in this process since its last report: levels relative to that report."""

    __slots__ = ("high", "level", "reported", "t_high", "t_last", "worker")

    def __init__(self, worker: str):
        self.level = 0  # puts - gets since the last report
        self.high = 0  # the highest ``level`` since the last report (0: it only fell)
        self.t_high = self.t_last = 0.0  # when ``high`` was reached; the last call
        self.reported = -math.inf  # when the last report was made
        self.worker = worker  # the lane the reports are shown on: the thread that reported last


class Tally:
    """Puts and gets counted per queue in this process, reported through ``probe`` (see the module)."""

    def __init__(self, probe: Any):
        self._probe = probe
        # Re-entrant: the garbage collector may run a finalizer that counts while this thread counts.
        # Taken with acquire()/release(), not ``with``: this is on every put and get of a queue-heavy script.
        self._lock = threading.RLock()
        self._counts: dict[str, _Count] = {}

    def put(self, name: str) -> None:
        now = _clock()
        count = self._counts.get(name) or self._new_count(name)
        lock = self._lock
        lock.acquire()
        try:
            count.level += 1
            if count.level > count.high:
                count.high = count.level
                count.t_high = now
            count.t_last = now
            if now - count.reported < INTERVAL:
                return
            t_high, rise, fall = count.t_high, count.high, count.high - count.level
            _start_afresh(count, now)
        finally:
            lock.release()
        self._send(name, self._reporter(count), t_high, rise, now, fall)

    def got(self, name: str) -> None:
        now = _clock()
        count = self._counts.get(name) or self._new_count(name)
        lock = self._lock
        lock.acquire()
        try:
            count.level -= 1
            count.t_last = now
            if now - count.reported < INTERVAL:
                return
            t_high, rise, fall = count.t_high, count.high, count.high - count.level
            _start_afresh(count, now)
        finally:
            lock.release()
        self._send(name, self._reporter(count), t_high, rise, now, fall)

    def send_all(self) -> None:
        """Report every count held back (a probe flush hook: periodic, explicit and at exit)."""
        now = _clock()
        reports = []
        with self._lock:
            for name, count in list(self._counts.items()):
                if count.t_last:
                    reports.append(
                        (name, count.worker, count.t_high, count.high, count.t_last, count.high - count.level)
                    )
                    _start_afresh(count, now)
        for report in reports:
            self._send(*report)

    def forget(self) -> None:
        """In a forked child: the parent's counts are the parent's to report, and its lock may be held."""
        self._lock = threading.RLock()
        self._counts = {}

    def _new_count(self, name: str) -> _Count:
        # Made before it is stored: a count another call of this thread stored meanwhile wins.
        return self._counts.setdefault(name, _Count(self._probe._current_worker()))

    def _reporter(self, count: _Count) -> str:
        """The calling thread reports: held-back counts are later shown on its lane too."""
        worker = count.worker = self._probe._current_worker()
        return worker

    def _send(self, name: str, worker: str, t_high: float, rise: int, t_last: float, fall: int) -> None:
        """Up by ``rise`` items at ``t_high`` (the peak), then down by ``fall`` at ``t_last`` (where it ended)."""
        if rise:
            self._probe._emit_at(t_high, worker, telemetry.PUT, name, rise)
        if fall:
            self._probe._emit_at(t_last, worker, telemetry.GOT, name, fall)


def _start_afresh(count: _Count, now: float) -> None:
    """What ``count`` held is being reported: levels count from here again."""
    count.level = count.high = 0
    count.t_last = 0.0
    count.reported = now
