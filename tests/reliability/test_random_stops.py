"""Stopping a lesson at a random moment leaves nothing: no process, no semaphore, no segment; the next run works.

Bounded by default (CI): 40 seeded stops spread over every lesson. Full mode
(``CONCURRENCY_LAB_RELIABILITY=full``): 200 stops. ``CONCURRENCY_LAB_RELIABILITY_SEED``
replays another sequence. Each lesson's quick variant is run once after its
first stop to prove the next run works.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

import psutil
import pytest

from desktop.lessons import catalog
from desktop.runtime.run import Run
from tests.conftest import leftover_children

MODE = os.environ.get("CONCURRENCY_LAB_RELIABILITY", "bounded")
STOPS = 200 if MODE == "full" else 40
SEED = int(os.environ.get("CONCURRENCY_LAB_RELIABILITY_SEED", "20240611"))
LATEST_STOP = 1.5  # seconds after start; most default runs are still going then
TREE_BUDGET = 2.0  # seconds from the end of the run to no descendant
SHM = Path("/dev/shm")


def stop_plan() -> list[tuple[str, float]]:
    rng = random.Random(SEED)
    lesson_ids = [lesson.id for lesson in catalog.lessons()]
    plan = []
    while len(plan) < STOPS:
        rng.shuffle(lesson_ids)
        plan += [(lesson_id, rng.uniform(0.0, LATEST_STOP)) for lesson_id in lesson_ids]
    return plan[:STOPS]


def shm_names() -> set[str]:
    return {p.name for p in SHM.iterdir()} if SHM.is_dir() else set()


def shm_file_names(run: Run) -> set[str]:
    """The /dev/shm entries of the semaphores and segments the run created (glibc: ``sem.`` + name)."""
    files = set()
    for name, rtype in run.named_resources_seen.items():
        bare = name.lstrip("/")
        files.add(f"sem.{bare}" if rtype == "semaphore" else bare)
    return files


def wait_until_no_descendants(budget: float) -> list[psutil.Process]:
    deadline = time.monotonic() + budget
    left = leftover_children()
    while left and time.monotonic() < deadline:
        time.sleep(0.02)
        left = leftover_children()
    return left


@pytest.mark.timeout(3600 if MODE == "full" else 600)  # 200 stops take longer than the default 300 s
def test_random_stops_leave_nothing_and_the_next_run_works():
    stopped_mid_run = 0
    rerun = set()
    shm_before = shm_names()
    created = released = 0
    unattributed: set[str] = set()
    for index, (lesson_id, moment) in enumerate(stop_plan()):
        lesson = catalog.load(lesson_id)
        run = Run(lesson, lesson.defaults())
        run.start()
        time.sleep(moment)  # the random moment is the point of this test
        run.stop()
        assert run.wait(15), f"stop {index}: {lesson_id} at {moment:.2f} s never finished"
        stopped_mid_run += run.record.status == "stopped"
        assert run.record.status in ("stopped", "passed"), f"stop {index}: {lesson_id}: {run.record.error}"
        left = wait_until_no_descendants(TREE_BUDGET)
        assert not left, f"stop {index}: {lesson_id} at {moment:.2f} s left {left}"
        # Other programs (other test runs) may create multiprocessing names too: judge the run's own.
        ours = sorted(shm_file_names(run) & shm_names())
        assert not ours, f"stop {index}: {lesson_id} at {moment:.2f} s left {ours} in /dev/shm"
        created += len(run.named_resources_seen)
        released += len(run.released_resources)
        unattributed |= {n for n in shm_names() - shm_before if n.startswith(("sem.mp-", "psm_"))}
        if lesson_id not in rerun:
            rerun.add(lesson_id)
            again = Run(lesson, lesson.quick_params())
            again.start()
            assert again.wait(60)
            assert again.record.status == "passed", f"{lesson_id} after a stop: {again.record.error}"
    print(
        f"\n{STOPS} stops ({MODE}, seed {SEED}): {stopped_mid_run} mid-run, {len(rerun)} lessons re-run; "
        f"{created} semaphores/segments created, {released} left by killed processes and unlinked by the runtime; "
        f"{len(unattributed & shm_names())} other multiprocessing names still in /dev/shm "
        f"(seen in passing: {len(unattributed)}, from other programs)"
    )
    assert stopped_mid_run >= STOPS // 2  # the moments were early enough to hit running lessons


@pytest.mark.skipif(sys.platform == "win32", reason="named semaphores live in /dev/shm on POSIX only")
def test_a_stopped_run_s_semaphores_are_unlinked():
    lesson = catalog.load("producer-consumer")
    run = Run(lesson, lesson.defaults())
    run.start()
    time.sleep(1.0)
    run.stop()
    assert run.wait(15)
    assert run.record.status == "stopped"
    assert run.released_resources, "a producer-consumer run creates queues and locks: some were left to release"
    assert not shm_file_names(run) & shm_names()
