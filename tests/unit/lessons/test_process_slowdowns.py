"""gil-cpu-bound and dummy-pool name processes that slowed each other down when they lost on a quiet machine.

As pool-speedup's tasks (test_task_slowdown): on a 2-vCPU VM two processes at
once can each compute far slower than one alone, and no other program's CPU
shows it. Each process's computing time (its RUNNING to FINISHED reports) is
compared with its share of the work alone in the sequential phase, and the
verdict names that slowdown instead of "no cause was measured". dummy-pool's
CPU tasks time themselves, against one task's computation in its thread pool
(where the GIL runs one at a time). Outcomes are built without processes, as
in test_phase_load_verdicts.
"""

from __future__ import annotations

from desktop.lessons import gil_cpu_bound
from desktop.model.events import State
from desktop.model.param import Params
from tests.unit.lessons.test_phase_load_verdicts import batches, judge, machine, state

PHASES = [("sequential", 0.0), ("threads", 2.0), ("processes", 4.0)]


def quiet_run(process_seconds: float | None, workers: int = 2):
    """A quiet run whose processes (1.9 s) lost to threads (2.0 s); each process computed ``process_seconds``."""
    result = {"sequential": 2.0, "threads": 2.0, "processes": 1.9, "gil_enabled": True, "python": "3.11", "cores": 2}
    events = []
    for n in range(1, workers + 1):
        events += [state(2.0, f"main/thread-{n}", State.RUNNING), state(4.0, f"main/thread-{n}", State.FINISHED)]
        if process_seconds is not None:
            events += [
                state(4.05, f"main/process-{n}", State.RUNNING),
                state(4.05 + process_seconds, f"main/process-{n}", State.FINISHED),
            ]
    if process_seconds is None:  # a run without its processes' reports: only the phase's span is known
        events += [state(4.05, "main/process-1", State.RUNNING), state(5.9, "main/process-1", State.FAILED)]
    return judge("gil-cpu-bound", machine(result, PHASES, 6.0, {}, events), workers=workers, work_seconds=1.0)


def test_processes_slowed_down_side_by_side_are_named_instead_of_no_cause():
    verdict = quiet_run(1.8)  # alone, a share took 2.0 s / 2 workers = 1.0 s
    assert verdict.figures["process_slowdown"] == 1.8
    en, zh = verdict.text.en, verdict.text.zh
    assert "no cause was measured" not in en and "没有测到原因" not in zh
    assert "The processes ran at the same time" not in en
    assert "each took 1.8× as long as its share of the work alone in the sequential phase" in en
    assert "other programs used only 0.0 of 2 cores during the processes phase" in en
    assert "The cores slowed each other down" in en and "could not pull ahead of the threads" in en
    assert "每个进程的用时是顺序阶段单独完成同样工作的 1.8 倍" in zh and "核心之间互相拖慢了" in zh


def test_processes_as_fast_side_by_side_as_alone_still_say_no_cause_was_measured():
    verdict = quiet_run(1.0)
    assert verdict.figures["process_slowdown"] == 1.0
    assert "no cause was measured" in verdict.text.en and "没有测到原因" in verdict.text.zh
    assert "slowed each other down" not in verdict.text.en and "互相拖慢" not in verdict.text.zh


def test_a_run_without_its_processes_reports_has_no_slowdown():
    verdict = quiet_run(None)
    assert "process_slowdown" not in verdict.figures
    assert "no cause was measured" in verdict.text.en


def test_more_processes_than_cores_taking_turns_is_not_blamed_on_the_cores():
    two = {"workers": 4}
    result = {"cores": 2, "gil_enabled": True, "processes": 1.0}
    args = (Params(two), result, (1.0, 1.05), 0.0, 0.05)
    assert "no cause was measured" in gil_cpu_bound.conclusion(*args, slowdown=2.1).en  # 2× from taking turns alone
    slowed = gil_cpu_bound.conclusion(*args, slowdown=3.2)
    assert (
        "each took 3.2× as long as its share of the work alone in the sequential phase, of which 2.0× is" in slowed.en
    )
    assert "其中 2.0 倍来自 4 个进程轮流使用 2 个核心" in slowed.zh


def test_a_slowdown_changes_nothing_when_the_processes_won_or_other_programs_explain_it():
    params, result = Params({"workers": 2}), {"cores": 2, "gil_enabled": True, "processes": 1.0}
    won = gil_cpu_bound.conclusion(params, result, (1.0, 1.6), 0.0, 0.05, slowdown=1.6)
    assert "The processes ran at the same time" in won.en and "slowed each other" not in won.en
    busy = gil_cpu_bound.conclusion(params, result, (1.0, 1.0), 1.3, 0.05, slowdown=1.9)
    assert "Other programs used 1.3 of 2 cores" in busy.en and "slowed each other" not in busy.en


def quiet_dummy_pool(process_task_s: float | None, workers: int = 2):
    """dummy-pool on a quiet machine: 4 CPU tasks; the thread pool took 0.4 s (0.1 s a task, one at a time), the
    process pool 0.38 s (it did not win); each of its tasks took ``process_task_s`` (None: a run saved before)."""
    processes = batches(0.38, (6.2, 6.58))
    if process_task_s is not None:
        processes["task_s"] = process_task_s
    result = {"threads": batches(0.4, (0.6, 1.0)), "processes": processes, "iterations": 1}
    outcome = machine(result, [("thread pool", 0.0), ("process pool", 1.5)], 8.0, {})
    return judge("dummy-pool", outcome, workers=workers, cpu_tasks=4, io_tasks=1)


def test_dummy_pool_names_process_workers_that_slowed_each_other_down():
    verdict = quiet_dummy_pool(0.19)
    assert verdict.figures["cpu_task_slowdown"] == 1.9
    en, zh = verdict.text.en, verdict.text.zh
    assert "each task took 1.9× as long as one task's computation in the thread pool, which runs one at a time" in en
    assert "(other programs used only 0.0 of 2 cores during the process pool's CPU batch)" in en
    assert "The cores slowed each other down" in en
    assert (
        "每个任务的用时是线程池中单个任务计算用时（线程池一次只算一个）的 1.9 倍" in zh and "核心之间互相拖慢了" in zh
    )


def test_dummy_pool_names_no_slowdown_when_tasks_ran_as_fast_as_alone_or_were_not_timed():
    as_fast = quiet_dummy_pool(0.1)
    assert as_fast.figures["cpu_task_slowdown"] == 1.0
    saved_before = quiet_dummy_pool(None)
    assert "cpu_task_slowdown" not in saved_before.figures
    for verdict in (as_fast, saved_before):
        assert "slowed each other down" not in verdict.text.en and "互相拖慢" not in verdict.text.zh
