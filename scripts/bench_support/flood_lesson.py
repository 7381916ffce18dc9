"""Bench-only lesson: workers emit counter events as fast as they can, or at a fixed total rate.

``rate=0`` floods (throughput); ``rate>0`` paces the workers to about ``rate``
events per second in total (GUI lag under a known load). Every event is a real
``probe.count`` call, so the whole path is measured: probe buffer, frames,
pipe, assembler, ``Run.take_new_events``.
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
PACE_SLICE = 0.005  # paced workers emit in slices this long, then sleep to the next one


def flood(probe: Probe, events: int, rate: float) -> None:
    probe.state(State.RUNNING, "flooding")
    count = probe.count
    if rate <= 0:
        for _ in range(events):
            count("n")
    else:
        per_slice = max(1, round(rate * PACE_SLICE))
        started = time.perf_counter()
        sent = 0
        while sent < events:
            for _ in range(min(per_slice, events - sent)):
                count("n")
            sent += per_slice
            delay = started + sent / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    per_worker = params.events // params.workers
    rate = params.rate / params.workers
    workers = [ctx.Process(target=flood, args=(probe, per_worker, rate), name=f"f{i}") for i in range(params.workers)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    return {"events": per_worker * params.workers}


def verdict(params: Params, outcome) -> Verdict:
    return Verdict(Text("bench", "bench"), {})


LESSON = Lesson(
    id="bench-flood",
    chapter=Chapter.POOLS,
    title=Text("bench: flood", "bench: flood"),
    summary=Text("", ""),
    watch=Text("", ""),
    explanation=Text("", ""),
    params=(
        int_param("workers", 1, 1, 64, Text("Workers", "Workers"), "processes"),
        int_param("events", 1_000_000, 1, 10_000_000, Text("Events", "Events"), "events"),
        float_param("rate", 0.0, 0.0, 10_000_000.0, Text("Rate", "Rate"), "events/s"),
    ),
    main=main,
    verdict=verdict,
)
