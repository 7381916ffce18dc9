"""dummy-pool with a real thread pool and a real spawned process pool: same API, same results, measured winners."""

from __future__ import annotations

import sys

import pytest

from desktop.lessons.dummy_pool import TIE_MARGIN
from desktop.model.events import state_detail
from desktop.model.verdict import BUSY_CORES

QUICK = {"workers": 2, "cpu_tasks": 4, "cpu_seconds": 0.03, "io_tasks": 6, "io_seconds": 0.05}


@pytest.fixture(scope="module")
def record(run_lesson):
    return run_lesson("dummy-pool", **QUICK)


def result_of(record) -> dict:
    return next(e[5] for e in record.events if e[3] == "result")


def test_both_pools_return_the_same_results_in_task_order(record):
    assert record.status == "passed", record.error
    result = result_of(record)
    threads, processes = result["threads"], result["processes"]
    assert [index for index, _ in threads["cpu_results"]] == list(range(4))
    assert threads["cpu_results"] == processes["cpu_results"]
    assert threads["io_results"] == processes["io_results"] == [(i, i * i) for i in range(6)]
    assert record.figures["results_match"] == 1
    assert "Both pools returned the same results." in record.verdict.en


def test_every_timing_is_measured_and_the_verdict_names_the_winner_it_shows(record):
    figures = record.figures
    for name in ("thread_cpu_s", "process_cpu_s", "thread_io_s", "process_io_s", "process_start_s"):
        assert figures[name] > 0
    # Each IO batch waited at least 6 tasks / 2 workers × 0.05 s.
    assert figures["thread_io_s"] >= 0.15 * 0.95 and figures["process_io_s"] >= 0.15 * 0.95
    thread_s, process_s = figures["thread_cpu_s"], figures["process_cpu_s"]
    cpu_sentence = record.verdict.en.split("CPU-bound", 1)[1].split("IO-bound", 1)[0]
    start_s = figures["process_start_s"]
    if abs(start_s - process_s) > 0.01:  # the figures are rounded: the verdict decided on the exact times
        assert figures["startup_dominated"] == int(start_s > process_s)
    if figures["startup_dominated"]:  # starting the processes took longer than their batch
        assert "start-up dominated" in cpu_sentence and "wins" not in cpu_sentence
    elif abs(thread_s - process_s) <= TIE_MARGIN * max(thread_s, process_s):
        assert "about the same" in cpu_sentence
    elif process_s < thread_s:
        assert "the process pool wins" in cpu_sentence
    else:
        assert "the thread pool wins" in cpu_sentence


def test_the_verdict_names_the_load_during_the_process_pools_cpu_batch_exactly_when_it_was_busy(record):
    # Judged against the load during that batch, not the run's mean: a burst inside the short batch counts.
    load = record.figures["background_cores_process_cpu"]
    if abs(load - BUSY_CORES) < 0.005:  # the figure is rounded: the verdict decided on the exact load
        return
    busy = load >= BUSY_CORES
    assert busy == ("during the process pool's CPU batch" in record.verdict.en), record.verdict.en
    assert busy == ("进程池的 CPU 任务期间，其他程序占用了" in record.verdict.zh), record.verdict.zh
    assert record.figures["background_cores_thread_cpu"] >= 0


@pytest.mark.skipif(not getattr(sys, "_is_gil_enabled", lambda: True)(), reason="no GIL to serialise threads")
def test_with_the_gil_the_thread_pool_never_keeps_much_more_than_one_core_busy(record):
    # Busy cores = CPU seconds / wall seconds; CPU time is counted in 10 ms ticks, hence the margin.
    assert 0 < record.figures["thread_cpu_cores"] < 1.5
    assert record.figures["process_cpu_cores"] > 0


def test_thread_pool_runs_in_the_run_process_and_process_pool_workers_are_spawned(record):
    hellos = [e for e in record.events if e[3] == "hello"]
    main_pid = next(e[1] for e in hellos if e[2] == "main")
    workers = [e for e in hellos if e[1] != main_pid]
    assert len(workers) == 2
    assert all(e[5]["start_method"] == "spawn" and e[5]["ppid"] == main_pid for e in workers)
    cpu_states = [e for e in record.events if e[3] == "state" and state_detail(e[5]).startswith("computing task")]
    process_pids = {e[1] for e in cpu_states} - {main_pid}
    assert process_pids and process_pids <= {e[1] for e in workers}  # the process pool's workers computed
    assert any(e[1] == main_pid and "/" in e[2] for e in cpu_states)  # so did threads of the run process
