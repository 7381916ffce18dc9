"""A run record in other programs' formats: samples as CSV, the timeline as a Chrome trace.

* :func:`samples_csv` — one row per monitor sample, for a spreadsheet or pandas.
* :func:`chrome_trace` — the `Trace Event Format`_ JSON that Perfetto
  (ui.perfetto.dev) and ``chrome://tracing`` open: one lane per worker with
  its states as slices, log lines and errors as instant marks, counters and
  queue depths as counter tracks, and the CPU monitor as counter tracks too.

The same record also feeds a replay in the GUI, so the functions that rebuild
its events and samples as runtime objects (:func:`events_of`,
:func:`samples_of`) and its time origin (:func:`run_origin`) live here, next to
the exporters that need them too. Every file is written atomically
(:mod:`desktop.atomic`). Qt-free.

.. _Trace Event Format:
   https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

from desktop import atomic
from desktop.model.events import depth_step, log_line, state_detail
from desktop.model.run_record import RunRecord
from desktop.monitor.sampler import Sample
from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event, State

CSV_HEADER = ("t_s", "machine_percent", "run_cpu_percent", "run_rss_mb")
MICROSECONDS = 1e6
MAX_INSTANT_NAME = 80  # a long log line is cut in the slice's name; its full text is in args
SEPARATOR = "/"  # a thread's worker name is "process/thread"


# ---------------------------------------------------------------- the record's timeline
def events_of(record: RunRecord, shift: float = 0.0) -> list[Event]:
    """The record's events as :class:`Event` tuples (a loaded record holds lists), ``shift`` s later."""
    events = []
    for t, pid, worker, kind, name, value, where in record.events:
        events.append(Event(t + shift, pid, worker, kind, name, value, tuple(where) if where is not None else None))
    return events


def samples_of(record: RunRecord, shift: float = 0.0) -> list[Sample]:
    """The record's monitor samples as :class:`Sample` objects, ``shift`` s later.

    A record keeps only the run's total CPU and memory, not each process's, so
    the rebuilt sample holds them under one made-up pid 0: the totals are right.
    """
    return [
        Sample(t + shift, tuple(per_core), {0: (run_cpu, int(run_rss))})
        for t, per_core, run_cpu, run_rss in record.samples
    ]


def run_origin(record: RunRecord) -> float:
    """When the run started, on the events' clock (``perf_counter`` of the machine that ran it).

    The record does not keep the start time itself, but it keeps how long the
    run process took to say hello; without that, the first event or sample is
    the best estimate.
    """
    hello = next((event for event in record.events if event[3] == telemetry.HELLO), None)
    if hello is not None and record.first_event_latency > 0:
        return hello[0] - record.first_event_latency
    firsts = [record.events[0][0]] if record.events else []
    firsts += [record.samples[0][0]] if record.samples else []
    return min(firsts, default=0.0)


def run_end(record: RunRecord) -> float:
    """When the run ended, on the events' clock: never before its last event or sample."""
    lasts = [run_origin(record) + record.duration]
    lasts += [record.events[-1][0]] if record.events else []
    lasts += [record.samples[-1][0]] if record.samples else []
    return max(lasts)


# ------------------------------------------------------------------------------- CSV
def samples_csv(record: RunRecord) -> str:
    """One row per sample: seconds since the run started, machine %, run CPU % (100 = one core),
    run memory (MB) and each core's %."""
    origin = run_origin(record)
    cores = max((len(sample[1]) for sample in record.samples), default=0)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*CSV_HEADER, *(f"core{index}" for index in range(cores))])
    for t, per_core, run_cpu, run_rss in record.samples:
        machine = sum(per_core) / len(per_core) if per_core else 0.0
        writer.writerow(
            [
                f"{t - origin:.4f}",
                f"{machine:.2f}",
                f"{run_cpu:.2f}",
                f"{run_rss / 1e6:.3f}",
                *(f"{core:.2f}" for core in per_core),
            ]
        )
    return out.getvalue()


def write_samples_csv(record: RunRecord, path: Path | str) -> None:
    atomic.write_text(path, samples_csv(record))


# ----------------------------------------------------------------------- Chrome trace
def chrome_trace(record: RunRecord) -> dict[str, Any]:
    """The record as a Trace Event Format object: ``{"traceEvents": [...], "displayTimeUnit": "ms"}``.

    Times are microseconds since the run started. Each worker is one thread
    (``tid``, numbered in order of appearance) of its real process (``pid``).
    Counters, queue depths and the CPU monitor are run-wide, so they are drawn
    on the run process (the first to say hello).
    """
    origin = run_origin(record)
    events = sorted(events_of(record), key=lambda event: event.t)
    threads = _thread_ids(events)
    run_pid = next((e.pid for e in events if e.kind == telemetry.HELLO), events[0].pid if events else 0)
    trace: list[dict[str, Any]] = _metadata(threads, run_pid)
    trace += _state_slices(events, threads, origin, run_end(record))
    trace += _instants_and_counters(events, threads, origin, run_pid)
    trace += _monitor_counters(record, origin, run_pid)
    return {
        "traceEvents": trace,
        "displayTimeUnit": "ms",
        "otherData": {
            "lesson": record.lesson,
            "status": record.status,
            "started_at": record.started_at,
            "params": _jsonable(record.params),
            "verdict": record.verdict.en,
        },
    }


def write_chrome_trace(record: RunRecord, path: Path | str) -> None:
    atomic.write_text(path, json.dumps(chrome_trace(record), ensure_ascii=False))


def _micros(t: float, origin: float) -> float:
    return round((t - origin) * MICROSECONDS, 3)


def _thread_ids(events: list[Event]) -> dict[tuple[int, str], int]:
    """A stable ``tid`` for every (pid, worker), in order of first appearance."""
    threads: dict[tuple[int, str], int] = {}
    for event in events:
        threads.setdefault((event.pid, event.worker), len(threads) + 1)
    return threads


def _metadata(threads: dict[tuple[int, str], int], run_pid: int) -> list[dict[str, Any]]:
    trace = []
    named: set[int] = set()
    for (pid, worker), tid in threads.items():
        if pid not in named:
            named.add(pid)
            process = worker.split(SEPARATOR, 1)[0]
            trace.append(_meta("process_name", pid, 0, f"{process} (run)" if pid == run_pid else process))
        trace.append(_meta("thread_name", pid, tid, worker))
    return trace


def _meta(kind: str, pid: int, tid: int, name: str) -> dict[str, Any]:
    return {"ph": "M", "name": kind, "pid": pid, "tid": tid, "ts": 0, "args": {"name": name}}


def _state_slices(
    events: list[Event], threads: dict[tuple[int, str], int], origin: float, end: float
) -> list[dict[str, Any]]:
    """One complete ("X") slice per state change, lasting until the worker's next one (or the run's end).

    A finished or failed worker's last slice is instant: it did nothing more.
    """
    changes: dict[tuple[int, str], list[Event]] = {}
    for event in events:
        if event.kind == telemetry.STATE:
            changes.setdefault((event.pid, event.worker), []).append(event)
    trace = []
    for key, states in changes.items():
        for index, state in enumerate(states):
            start = _micros(state.t, origin)
            if index + 1 < len(states):
                stop = _micros(states[index + 1].t, origin)
            elif state.name in (State.FINISHED, State.FAILED):
                stop = start
            else:
                stop = max(_micros(end, origin), start)
            args: dict[str, Any] = {"detail": state_detail(state.value)}  # English, as every export
            if state.where is not None:
                args["where"] = f"{state.where[0]}:{state.where[1]}"
            trace.append(
                {
                    "ph": "X",
                    "name": state.name,
                    "cat": "state",
                    "pid": state.pid,
                    "tid": threads[key],
                    "ts": start,
                    "dur": round(stop - start, 3),
                    "args": args,
                }
            )
    return trace


def _instants_and_counters(
    events: list[Event], threads: dict[tuple[int, str], int], origin: float, run_pid: int
) -> list[dict[str, Any]]:
    """Log lines, errors, phases, hellos and results as instant ("i") marks; counters and queues as "C"."""
    trace = []
    totals: dict[str, float] = {}
    depths: dict[str, int] = {}
    for event in events:
        ts = _micros(event.t, origin)
        if event.kind == telemetry.COUNT:
            delta = event.value if isinstance(event.value, (int, float)) and math.isfinite(event.value) else 0
            totals[event.name] = totals.get(event.name, 0) + delta
            trace.append(_counter(event.name, run_pid, ts, {"value": totals[event.name]}))
        elif event.kind in (telemetry.PUT, telemetry.GOT):
            # A get can be stamped before the put of the same item: clamp at 0, as the depth plot does.
            depths[event.name] = max(depths.get(event.name, 0) + depth_step(event), 0)
            trace.append(_counter(f"queue {event.name}", run_pid, ts, {"depth": depths[event.name]}))
        elif event.kind != telemetry.STATE:
            name, args = _instant_text(event)
            trace.append(
                {
                    "ph": "i",
                    "s": "p" if event.kind == telemetry.PHASE else "t",
                    "name": name,
                    "cat": event.kind,
                    "pid": event.pid,
                    "tid": threads[(event.pid, event.worker)],
                    "ts": ts,
                    "args": args,
                }
            )
    return trace


def _instant_text(event: Event) -> tuple[str, dict[str, Any]]:
    if event.kind == telemetry.LOG:
        text = log_line(event.value)
        first = text.splitlines()[0] if text.strip() else text
        return first[:MAX_INSTANT_NAME], {"text": text}
    if event.kind == telemetry.ERROR:
        return f"error: {event.name}", {"traceback": str(event.value)}
    if event.kind == telemetry.PHASE:
        return f"phase: {event.name}", {}
    if event.kind == telemetry.HELLO:
        return "process started", {"hello": _jsonable(event.value)}
    if event.kind == telemetry.RESULT:
        return "main returned", {"result": _jsonable(event.value)}
    return f"{event.kind} {event.name}", {"value": _jsonable(event.value)}


def _counter(name: str, pid: int, ts: float, values: dict[str, float]) -> dict[str, Any]:
    return {"ph": "C", "name": name, "cat": "counter", "pid": pid, "tid": 0, "ts": ts, "args": values}


def _monitor_counters(record: RunRecord, origin: float, run_pid: int) -> list[dict[str, Any]]:
    trace = []
    for t, per_core, run_cpu, run_rss in record.samples:
        ts = _micros(t, origin)
        machine = sum(per_core) / len(per_core) if per_core else 0.0
        trace.append(_counter("CPU %", run_pid, ts, {"machine": round(machine, 2), "run": round(run_cpu, 2)}))
        trace.append(_counter("run memory MB", run_pid, ts, {"rss": round(run_rss / 1e6, 3)}))
    return trace


def _jsonable(value: Any) -> Any:
    """``value`` with everything strict JSON cannot hold (NaN, sets, objects...) turned into text."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    return str(value)
