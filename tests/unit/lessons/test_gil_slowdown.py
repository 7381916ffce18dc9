"""gil-cpu-bound names processes that slowed each other down when they lost to threads on a quiet machine.

As pool-speedup's tasks (test_task_slowdown): on a 2-vCPU VM two processes at
once can each compute far slower than one alone, and no other program's CPU
shows it. Each process's computing time (its RUNNING to FINISHED reports) is
compared with its share of the work alone in the sequential phase, and the
verdict names that slowdown instead of "no cause was measured". Outcomes are
built without processes, as in test_phase_load_verdicts.
"""

from __future__ import annotations

from desktop.lessons import gil_cpu_bound
from desktop.model.events import State
from desktop.model.param import Params
from tests.unit.lessons.test_phase_load_verdicts import judge, machine, state

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
