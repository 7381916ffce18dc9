"""How much a saved run may carry: every string, collection and number bounded by what the app writes.

A saved run is untrusted (a file a student is handed). One that passed the
type checks could still crash or freeze the window: a 1,000,000-character
verdict crashed the GUI while painting, a 401-digit duration raised
``OverflowError``, a figure of ``Infinity`` broke the verdict panel, events at
t = 1e308 broke the plots' ranges. :func:`problem` names the first value out
of bounds (or returns None); the loader turns that into its error message.

The bounds are what the app itself can write (the runtime bounds its verdicts,
see :func:`bounded_text`), with room to spare, and what the window shows
without stalling.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

MAX_NAME_CHARS = 1_000  # lesson id, status, interpreter, figure, parameter, worker, kind and event names
MAX_VERDICT_CHARS = 4_000  # per language; the runtime cuts longer verdicts (bounded_text)
MAX_ERROR_CHARS = 1_000_000  # the error's tracebacks (a plain-text box shows them)
MAX_SOURCE_CHARS = 1_000_000  # a script run's source (the runner refuses scripts over 1 MB)
MAX_VALUE_CHARS = 1_000_000  # all the text in one event's value (a log line, a traceback)
MAX_VALUE_ITEMS = 10_000  # items in all the lists and objects of one event's value
MAX_VALUE_DEPTH = 16  # nesting of one event's value
MAX_PARAMS = 256
MAX_PARAM_CHARS = 4_096  # a text parameter: a script's path
MAX_PARAM_ITEMS = 1_000  # a list parameter: a script's argv
MAX_FIGURES = 1_000
MAX_CORES = 4_096  # per sample
MAX_EVENTS = 2_000_000  # the most a run keeps (desktop.runtime.collector.MAX_KEPT_EVENTS)
MAX_SAMPLES = 1_000_000  # a day of samples at 10 per second
MAX_MAGNITUDE = 1e15  # any number: figures, counts, sizes (a petabyte is 1e15 bytes)
MAX_SECONDS = 1e10  # any time or duration (perf_counter times are seconds since boot: ~300 years)
MAX_PID = 2**32
MAX_LINE = 10_000_000


def bounded_text(text: str, limit: int = MAX_VERDICT_CHARS) -> str:
    """``text`` cut to ``limit`` characters (with an ellipsis), so the app never writes what it would refuse."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_number(value: Any, bound: float = MAX_MAGNITUDE) -> bool:
    """A finite int or float (not a bool) within ``±bound``; huge ints are refused before any float conversion."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return -bound <= value <= bound
    return math.isfinite(value) and -bound <= value <= bound


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_NAME_CHARS


def problem(fields: Mapping[str, Any], each: Callable[[list], Iterable] = iter) -> str | None:
    """The first value of a saved run's type-checked ``fields`` that is out of bounds, in words; None if all fit.

    ``each(items)`` is how the events and the samples are walked (the loader paces the walk to report progress).
    """
    for key in ("lesson", "status", "start_method", "interpreter", "started_at"):
        if key in fields and not _is_name(fields[key]):
            return f"field {key!r} is longer than {MAX_NAME_CHARS:,} characters"
    for key in ("verdict", "verdict_zh"):
        if len(fields.get(key, "")) > MAX_VERDICT_CHARS:
            return f"field {key!r} is longer than {MAX_VERDICT_CHARS:,} characters"
    for key in ("error", "error_zh"):
        if len(fields.get(key, "")) > MAX_ERROR_CHARS:
            return f"field {key!r} is longer than {MAX_ERROR_CHARS:,} characters"
    if len(fields.get("source", "")) > MAX_SOURCE_CHARS:
        return f"field 'source' is longer than {MAX_SOURCE_CHARS:,} characters"
    for key in ("duration", "first_event_latency"):
        if key in fields and not is_number(fields[key], MAX_SECONDS):
            return f"field {key!r} is not a finite number of seconds within ±{MAX_SECONDS:g}"
    for key in ("background_cores", "leftovers"):
        if key in fields and not is_number(fields[key]):
            return f"field {key!r} is not a finite number within ±{MAX_MAGNITUDE:g}"
    if len(fields.get("events", ())) > MAX_EVENTS:
        return f"it has more than {MAX_EVENTS:,} events"
    if len(fields.get("samples", ())) > MAX_SAMPLES:
        return f"it has more than {MAX_SAMPLES:,} samples"
    params = fields.get("params", {})
    if len(params) > MAX_PARAMS:
        return f"it has more than {MAX_PARAMS} parameters"
    for name, value in params.items():
        if not _is_name(name) or not _is_param_value(value):
            return f"parameter {name[:40]!r} is not a number, a yes/no, a short text or a short list of them"
    figures = fields.get("figures", {})
    if len(figures) > MAX_FIGURES:
        return f"it has more than {MAX_FIGURES} figures"
    for name, value in figures.items():
        if not _is_name(name) or not is_number(value):
            return f"figure {name[:40]!r} is not a finite number within ±{MAX_MAGNITUDE:g}"
    for index, event in enumerate(each(fields.get("events", []))):
        reason = _event_problem(event)
        if reason:
            return f"event {index} {reason}"
    for index, sample in enumerate(each(fields.get("samples", []))):
        if not _sample_fits(sample):
            return f"sample {index} has a time, a CPU figure or a core count out of bounds"
    return None


def _is_param_value(value: Any, nested: bool = False) -> bool:
    """A number, yes/no, text up to a path's length, or (a script's argv) a list of those."""
    if isinstance(value, list) and not nested:
        return len(value) <= MAX_PARAM_ITEMS and all(_is_param_value(item, nested=True) for item in value)
    scalar = value is None or isinstance(value, bool) or is_number(value)
    return scalar or (isinstance(value, str) and len(value) <= MAX_PARAM_CHARS)


def _event_problem(event: list) -> str | None:
    t, pid, worker, kind, name, value, where = event
    if not is_number(t, MAX_SECONDS):
        return f"has a time out of bounds (±{MAX_SECONDS:g} s)"
    if not 0 <= pid < MAX_PID:
        return "has a process id out of bounds"
    if not (_is_name(worker) and _is_name(kind) and _is_name(name)):
        return f"has a worker, kind or name longer than {MAX_NAME_CHARS:,} characters"
    if where is not None and not (_is_name(where[0]) and 0 <= where[1] <= MAX_LINE):
        return "has a code location out of bounds"
    if not _value_fits(value):
        return (
            f"carries a value out of bounds (more than {MAX_VALUE_CHARS:,} characters, {MAX_VALUE_ITEMS:,} items, "
            f"{MAX_VALUE_DEPTH} levels, or a number beyond ±{MAX_MAGNITUDE:g})"
        )
    return None


def _value_fits(value: Any) -> bool:
    """Whether an event's JSON value is within the bounds (walked without recursion)."""
    chars = items = 0
    pending = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            chars += len(item)
        elif isinstance(item, (int, float)) and not isinstance(item, bool):
            if not is_number(item):
                return False
        elif isinstance(item, (list, dict)):
            if depth >= MAX_VALUE_DEPTH:
                return False
            items += len(item)
            if items > MAX_VALUE_ITEMS:
                return False
            if isinstance(item, dict):
                chars += sum(len(key) for key in item)
                pending.extend((child, depth + 1) for child in item.values())
            else:
                pending.extend((child, depth + 1) for child in item)
        if chars > MAX_VALUE_CHARS:
            return False
    return True


def _sample_fits(sample: list) -> bool:
    t, per_core, run_cpu, run_rss = sample
    return (
        is_number(t, MAX_SECONDS)
        and len(per_core) <= MAX_CORES
        and all(is_number(core) for core in per_core)
        and is_number(run_cpu)
        and is_number(run_rss)
    )
