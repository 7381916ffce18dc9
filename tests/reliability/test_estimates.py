"""Every lesson's estimate bounds what its run really uses (issue 15 item 15).

Each lesson runs with caps equal to its own estimate (``Lesson.plan_for``):
processes, threads and memory. The runtime enforces caps while a run goes
(``Caps.exceeded``, checked twice a second against the run's processes), so a
lesson that uses more than it estimated is stopped, naming the cap, and fails
here. Bounded mode runs each lesson's quick variant (about two minutes for
all); full mode (``CONCURRENCY_LAB_RELIABILITY=full``) runs the defaults.
Every lesson at its maximum parameters was not feasible here: several run for
minutes at their maximum (pool-early-stop's 100 million candidates, pipe's
million one-megabyte messages), so those are covered by the lesson-specific
tests in tests/integration/runtime/test_caps_while_running.py.
"""

from __future__ import annotations

import os

import pytest

from desktop.lessons import catalog
from desktop.runtime.caps import Caps
from desktop.runtime.run import run_to_completion

MODE = os.environ.get("CONCURRENCY_LAB_RELIABILITY", "bounded")


@pytest.mark.timeout(1800)
def test_every_lesson_runs_within_caps_equal_to_its_own_estimate():
    over = []
    for lesson in catalog.lessons():
        params = lesson.defaults() if MODE == "full" else lesson.quick_params()
        plan = lesson.plan_for(params)
        caps = Caps(max_processes=plan.processes, max_threads=plan.threads, max_memory_mb=plan.memory_mb)
        record = run_to_completion(lesson, params, caps=caps)
        if "stopped by a cap" in record.error:
            over.append(f"{lesson.id}: estimated {plan.describe()}; {record.error.splitlines()[0]}")
    assert not over, "\n".join(over)
