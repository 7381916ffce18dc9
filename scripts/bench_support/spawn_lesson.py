"""Bench-only lesson: start N workers that each report once, optionally stay a while, and exit.

Used to time ``Run.start()`` -> each worker's first telemetry event and to read a
worker's memory while it holds. Not in the catalog; imported by module name
(``bench_support.spawn_lesson``) like any lesson.
"""

from __future__ import annotations

import multiprocessing
import time

from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict
from desktop.runtime.probe import Probe, State

ctx = multiprocessing.get_context("spawn")


def worker(probe: Probe, hold: float) -> None:
    probe.state(State.RUNNING, "started")  # the worker's first event (its hello goes with it)
    time.sleep(hold)
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    workers = [ctx.Process(target=worker, args=(probe, params.hold), name=f"w{i}") for i in range(params.workers)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    return {"workers": params.workers}


def verdict(params: Params, outcome) -> Verdict:
    return Verdict(Text("bench", "bench"), {})


LESSON = Lesson(
    id="bench-spawn",
    chapter=Chapter.POOLS,
    title=Text("bench: spawn", "bench: spawn"),
    summary=Text("", ""),
    watch=Text("", ""),
    explanation=Text("", ""),
    params=(
        int_param("workers", 1, 1, 64, Text("Workers", "Workers"), "processes"),
        float_param("hold", 0.0, 0.0, 10.0, Text("Hold", "Hold"), "s"),
    ),
    main=main,
    verdict=verdict,
)
