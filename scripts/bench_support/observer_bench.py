"""Observer effect: each lesson's figure, divided by the same workload's figure as a bare script.

The lesson runs as the app runs it (``run_to_completion`` with a 10 Hz
sampler watching its processes, every probe call reporting); the bare script
(:mod:`bench_support.observer_bare`) does the same calls in a fresh
interpreter with nothing watching. The two alternate, lesson first in even
repetitions and bare first in odd ones, so a burst of load from elsewhere
hits both alike. A ratio of 1.0 means the measurement did not change what it
measured; the goal on a quiet machine is 0.9-1.1.

Figures that count yes answers out of many tries in a run (``empty()``
right after ``put()``, 50 tries a run) are pooled: the ratio is of the two
rates over all tries of all runs, with more runs than the other lessons.
Every lesson run also records ``background_cores`` (the load other programs
put on the machine), reported next to the ratios.
"""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent
ROOT = SCRIPTS.parent
MARKER = "OBSERVER-JSON "

# Alternating lesson/bare pairs per repetition of the bench for a figure of one run: a single run's speed-up or
# wall time moves 10-30 % from run to run even on a quiet machine (5 pairs gave 0.75 and then 1.24 for the same
# code), so each lesson runs 5 pairs a repetition (25 at the default 5) and its median gets a 95 % interval. With
# 15 pairs the medians of two bench runs of the same code were up to 0.07 apart (dummy-pool 0.98 -> 1.09), as wide
# as the 0.9-1.1 band's half; 25 narrow that by a fifth.
PAIRS = 5
# lesson id, parameters, figures compared, repetitions per repetition of the bench (pooled figures need more)
SPECS: tuple[tuple[str, dict, tuple[str, ...], int], ...] = (
    ("gil-cpu-bound", {"workers": 2, "work_seconds": 0.5}, ("speedup_processes",), PAIRS),
    (
        "pool-speedup",
        {"workers": 2, "tasks": 16, "task_seconds": 0.05, "chunksize": 1, "rounds": 1, "sweep": False},
        ("speedup_map", "speedup_apply_async"),
        PAIRS,
    ),
    ("pipe", {"pings": 200, "messages": 20_000, "payload": 100}, ("pipe_msgs_per_s", "queue_msgs_per_s"), PAIRS),
    # Tries where empty() said True, of 50 a run: 4 runs a repetition, 20 runs (1000 tries) a side at the default 5.
    ("queue-basics", {"maxsize": 2, "timeout": 0.05, "delay": 0.05, "tries": 50}, ("empty_after_put_true",), 4),
    ("join-parallel", {"children": 3, "shortest": 0.2, "longest": 0.5}, ("wall_all_then_join_s",), PAIRS),
    (
        "threads-io-bound",
        # The lesson's own counts: 30 threads start in ~4 ms, and their per-thread time spread by a third run to run.
        {"threads": 100, "processes": 4, "wait": 0.2, "socket": False},
        ("thread_start_ms", "process_start_ms"),
        PAIRS,
    ),
    (
        "dummy-pool",
        {"workers": 2, "cpu_tasks": 4, "cpu_seconds": 0.1, "io_tasks": 6, "io_seconds": 0.05},
        ("thread_cpu_s", "process_cpu_s"),
        PAIRS,
    ),
    ("shared-value-array", {"workers": 2, "increments": 20_000, "lock": True}, ("wall_s",), PAIRS),
)
# A lesson that sizes its CPU work to the machine at the start of each run (``iterations_for``) -> the result naming
# that work. Two runs of it calibrate differently (by up to ±12 % here, whatever is watching), so its time figures
# are compared per unit of that work: the same work on both sides, as the ratio means.
WORK = {"dummy-pool": "iterations"}
# A pooled figure (a count of yes answers) -> the figure counting the tries it is out of; a figure pooled
# without one (an older bench run's 0/1 empty_right_after_put) is out of one try per run.
POOLED = {"empty_after_put_true": "empty_after_put_tries", "empty_right_after_put": ""}


def bare_run(lesson_id: str, params: dict) -> dict:
    """The bare script of ``lesson_id`` in a fresh interpreter; its figures."""
    options = {"lesson": lesson_id, "params": params}
    code = (
        f"import json, sys\nsys.path[:0] = {[str(SCRIPTS), str(ROOT)]!r}\n"
        "from bench_support import observer_bare\n"
        f"print({MARKER!r} + json.dumps(observer_bare.measure({options!r})), flush=True)\n"
    )
    # In a session of its own, as the lesson's run process is (desktop/runtime/process_tree.py): where the OS
    # shares the CPU between sessions first (Linux's autogroups), neither side gets a bigger share.
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=240, start_new_session=True
    )
    line = next((li for li in out.stdout.splitlines() if li.startswith(MARKER)), None)
    if line is None:
        raise RuntimeError(f"bare {lesson_id}: exit {out.returncode}\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return json.loads(line[len(MARKER) :])


def lesson_run(lesson_id: str, params: dict, sampler) -> tuple[dict, float]:
    """The lesson as the app runs it; its figures (with its calibrated work, see ``WORK``) and the load other
    programs put on the machine meanwhile."""
    from desktop.lessons import catalog
    from desktop.model.events import RESULT
    from desktop.runtime.run import run_to_completion

    lesson = catalog.load(lesson_id)
    record = run_to_completion(lesson, lesson.parse_params(params), sampler=sampler)
    if record.status != "passed":
        raise RuntimeError(f"{lesson_id} {record.status}: {record.error}")
    figures = dict(record.figures)
    if lesson_id in WORK:  # what main returned: the run's RESULT event
        result = next(event.value for event in record.events if event.kind == RESULT)
        figures[WORK[lesson_id]] = result[WORK[lesson_id]]
    return figures, record.background_cores


def measure(options: dict) -> dict:
    from desktop.monitor.sampler import Sampler

    only = set(options.get("lessons") or [spec[0] for spec in SPECS])
    specs = [spec for spec in SPECS if spec[0] in only]
    results = {
        lesson_id: {
            "params": params,
            "figures": {f: {"lesson": [], "bare": []} for f in figures},
            "out_of": {f: {"lesson": [], "bare": []} for f in figures if POOLED.get(f)},
            **({"work": {"lesson": [], "bare": []}} if lesson_id in WORK else {}),
            "background": [],
        }
        for lesson_id, params, figures, _ in specs
    }
    sampler = Sampler()  # the app's sampler: always on, 10 Hz
    sampler.start()
    try:
        for repetition in range(options["repeat"]):
            for lesson_id, params, figures, times in specs:
                entry = results[lesson_id]
                for turn in range(times):
                    lesson_first = (repetition * times + turn) % 2 == 0
                    for kind in ("lesson", "bare") if lesson_first else ("bare", "lesson"):
                        if kind == "lesson":
                            measured, background = lesson_run(lesson_id, params, sampler)
                            entry["background"].append(background)
                        else:
                            measured = bare_run(lesson_id, params)
                        if "work" in entry:
                            entry["work"][kind].append(float(measured[WORK[lesson_id]]))
                        for figure in figures:
                            entry["figures"][figure][kind].append(float(measured[figure]))
                            if POOLED.get(figure):
                                entry["out_of"][figure][kind].append(float(measured[POOLED[figure]]))
                print(f"  observer {repetition + 1}/{options['repeat']}: {lesson_id}", file=sys.stderr, flush=True)
    finally:
        sampler.stop()
    return {"lessons": results, "pooled": sorted(POOLED)}


def out_of(entry: dict, figure: str, kind: str) -> list[float]:
    """The tries behind each run's count of a pooled figure (one a run when the run recorded none)."""
    tries = entry.get("out_of", {}).get(figure, {}).get(kind)
    return tries if tries else [1.0] * len(entry["figures"][figure][kind])


def pooled_interval(entry: dict, figure: str) -> tuple[float, float, int, int]:
    """The 95 % interval of a pooled figure's rate ratio, and the runs and tries a side behind it.

    The log of a ratio of two rates has variance var(p)/p² per side. var(p) is
    the binomial p(1-p)/n over the n tries, or, when the runs' own rates spread
    more than that (tries of one run resemble each other: a busy moment lowers
    or raises all 50), the spread of the runs' rates over the runs. Half a try
    is added to each count so that a rate of 0 or 1 still gives an interval.
    """
    variance, runs, tries, rates = 0.0, [], [], []
    for kind in ("lesson", "bare"):
        yes, out = entry["figures"][figure][kind], out_of(entry, figure, kind)
        n = sum(out) + 1
        p = (sum(yes) + 0.5) / n
        per_run = [(y + 0.5) / (t + 1) for y, t in zip(yes, out, strict=True)]
        spread = statistics.variance(per_run) / len(per_run) if len(per_run) > 1 else 0.0
        variance += max(p * (1 - p) / n, spread) / p**2
        runs.append(len(yes))
        tries.append(round(sum(out)))
        rates.append(p)
    point, half = rates[0] / rates[1], 1.96 * math.sqrt(variance)
    return point * math.exp(-half), point * math.exp(half), min(runs), min(tries)


def median_interval(values: list[float]) -> tuple[float, float] | None:
    """A distribution-free 95 % interval of the median of ``values`` (order statistics), or None under 6 values.

    The median lies below the k-th smallest value with the probability that
    fewer than k of n fair coin tosses come up heads; k is the largest one
    with that probability at most 2.5 %, so [k-th smallest, k-th largest]
    holds the median at least 95 % of the time, whatever the ratios' spread.
    """
    n = len(values)
    below, k = 0.0, 0
    while below + math.comb(n, k) / 2**n <= 0.025:
        below += math.comb(n, k) / 2**n
        k += 1
    if k == 0:
        return None
    ordered = sorted(values)
    return ordered[k - 1], ordered[n - k]


def ratios(entry: dict, figure: str, pooled: bool) -> list[float]:
    """lesson / bare per alternating pair, or one ratio of the two rates over all tries for a pooled figure.

    A lesson in ``WORK`` compares each run's figure per unit of the work it calibrated.
    """
    lesson, bare = entry["figures"][figure]["lesson"], entry["figures"][figure]["bare"]
    if work := entry.get("work"):
        lesson = [value / units for value, units in zip(lesson, work["lesson"], strict=True)]
        bare = [value / units for value, units in zip(bare, work["bare"], strict=True)]
    if pooled:
        rate = {
            kind: sum(entry["figures"][figure][kind]) / sum(out_of(entry, figure, kind)) for kind in ("lesson", "bare")
        }
        return [rate["lesson"] / rate["bare"]] if rate["bare"] else []
    return [a / b for a, b in zip(lesson, bare, strict=True) if b]
