"""Caps hold while a run goes, and estimates count what really runs (issue 15 item 15).

A lesson whose estimate is too low (here: ticket-lock told it starts nothing)
is stopped once its processes exceed a cap, naming the cap. manager-counter
counts its Manager's server process; pool-early-stop counts the memory of the
blocks it queues at once.
"""

from __future__ import annotations

import pytest

from desktop.lessons import catalog
from desktop.model.lesson import Plan
from desktop.model.param import InvalidParams
from desktop.runtime.caps import Caps
from desktop.runtime.run import run_to_completion


def underestimated_ticket_lock():
    return catalog.load("ticket-lock").replace(plan=lambda _params: Plan(processes=0, threads=0))


def test_a_run_starting_more_processes_than_the_cap_is_stopped_while_running():
    lesson = underestimated_ticket_lock()
    params = lesson.parse_params({"buyers": 6, "delay": 3.0, "lock": True})  # 6 buyers taking turns: ~18 s
    record = run_to_completion(lesson, params, caps=Caps(max_processes=2, max_threads=1000, max_memory_mb=10_000))
    assert record.status == "failed"
    assert "stopped by a cap while running: the run started" in record.error and "the cap is 2" in record.error


def test_a_run_using_more_memory_than_the_cap_is_stopped_while_running():
    lesson = underestimated_ticket_lock()
    params = lesson.parse_params({"buyers": 6, "delay": 3.0, "lock": True})  # 7 interpreters: over 100 MB
    record = run_to_completion(lesson, params, caps=Caps(max_processes=100, max_threads=1000, max_memory_mb=60))
    assert record.status == "failed"
    assert "the memory cap is 60 MB" in record.error


def test_manager_counter_counts_its_manager_process():
    lesson = catalog.load("manager-counter")
    params = lesson.parse_params({"workers": 4, "rounds": 2})
    assert lesson.plan_for(params).processes == 5
    with pytest.raises(InvalidParams, match="5 processes; the cap is 4"):
        run_to_completion(lesson, params, caps=Caps(max_processes=4))
    record = run_to_completion(lesson, params, caps=Caps(max_processes=5))
    assert record.status == "passed", record.error  # 4 workers and the manager: within the estimate


def test_pool_early_stop_estimates_the_blocks_it_queues_and_stays_within():
    lesson = catalog.load("pool-early-stop")
    huge = lesson.parse_params({"candidates": 100_000_000, "block": 100})
    assert lesson.plan_for(huge).memory_mb > 2_022  # measured peak of this run before the estimate knew
    with pytest.raises(InvalidParams, match="memory cap"):
        run_to_completion(lesson, huge, caps=Caps(max_memory_mb=2_048))  # refused instead of taking 2 GB
    params = lesson.parse_params({"candidates": 10_000_000, "block": 100})
    plan = lesson.plan_for(params)
    caps = Caps(max_processes=plan.processes, max_threads=1000, max_memory_mb=plan.memory_mb)
    record = run_to_completion(lesson, params, caps=caps)
    assert record.status == "passed", record.error
    peak_mb = max(sample[3] for sample in record.samples) / 2**20
    assert peak_mb <= plan.memory_mb
