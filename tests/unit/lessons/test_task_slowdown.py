"""pool-speedup names tasks that slowed each other down when apply_async and map lost to apply on a quiet machine.

CI on a 2-vCPU VM: nothing else ran (no load during apply_async's counted
round), yet apply_async and map missed apply by the margin, because two tasks
at once each ran far slower than one alone (two logical cores sharing one
physical core, or a busy host), which no other process's CPU shows. The tasks
time themselves; the verdict compares their mean time in each parallel
method's counted round with apply's (one task at a time) and names the
slowdown instead of "no cause was measured". Outcomes are built without
processes, as in test_phase_load_verdicts: quiet samples, phase marks and the
result the lesson's ``main`` returns.
"""

from __future__ import annotations

from desktop.lessons import pool_speedup
from desktop.lessons.task_slowdown import SLOWED, task_slowdowns
from tests.unit.lessons.test_phase_load_verdicts import POOL, POOL_PHASES, judge, machine

FASTEST = {"sequential": 1, "apply": 1, "apply_async": 1, "map": 1}


def quiet_pool_run(task_s: dict[str, float] | None):
    """A quiet run whose apply_async and map missed apply by the margin; ``task_s`` as ``main`` records it."""
    result = {**POOL, "fastest_round": FASTEST}
    if task_s is not None:
        result["task_s"] = task_s
    return judge("pool-speedup", machine(result, POOL_PHASES, 9.0, {}), workers=2, rounds=1, sweep=False)


def test_tasks_slowed_down_side_by_side_are_named_instead_of_no_cause():
    verdict = quiet_pool_run({"apply": 0.05, "apply_async": 0.08, "map": 0.081})
    assert verdict.figures["task_slowdown_apply_async"] == 1.6 and verdict.figures["task_slowdown_map"] == 1.62
    assert verdict.figures["background_cores_apply_async"] == 0.0
    en, zh = verdict.text.en, verdict.text.zh
    assert "no cause was measured" not in en and "没有测到原因" not in zh
    assert "kept several workers busy at once" not in en and "同时忙碌" not in zh
    assert "during apply_async's fastest round, while the 2 workers ran at the same time" in en
    assert "each task took 1.6× as long as a task run alone under apply (other programs used only 0.0 of 2" in en
    assert "The cores slowed each other down" in en and "could not pull ahead of apply" in en
    assert "apply_async 最快的一轮中，2 个工作进程同时运行时，每个任务的用时是 apply 下单独运行时的 1.6 倍" in zh
    assert "核心之间互相拖慢了" in zh and "没能快过 apply" in zh


def test_tasks_as_fast_side_by_side_as_alone_still_say_no_cause_was_measured():
    verdict = quiet_pool_run({"apply": 0.05, "apply_async": 0.051, "map": 0.05})
    assert verdict.figures["task_slowdown_apply_async"] == 1.02 and verdict.figures["task_slowdown_map"] == 1.0
    assert "no cause was measured" in verdict.text.en and "没有测到原因" in verdict.text.zh
    assert "slowed each other down" not in verdict.text.en and "互相拖慢" not in verdict.text.zh


def test_a_run_saved_before_tasks_timed_themselves_still_gets_a_verdict():
    verdict = quiet_pool_run(None)
    assert not any(name.startswith("task_slowdown") for name in verdict.figures)
    assert "no cause was measured" in verdict.text.en


def test_a_slowdown_changes_nothing_when_apply_async_won_or_other_programs_explain_it():
    slowed = {"apply": None, "apply_async": 1.6, "map": 1.6}
    won = pool_speedup.conclusion(2, 2, {"apply": 1.0, "apply_async": 1.3, "map": 1.2}, 0.0, slowdowns=slowed)
    assert "kept several workers busy at once" in won.en and "slowed each other" not in won.en
    busy = pool_speedup.conclusion(2, 2, {"apply": 1.0, "apply_async": 1.0, "map": 1.0}, 1.3, slowdowns=slowed)
    assert "Other programs used 1.3 of 2 cores" in busy.en and "slowed each other" not in busy.en


def test_more_workers_than_cores_taking_turns_is_not_blamed_on_the_cores():
    speedup = {"apply": 1.0, "apply_async": 1.1, "map": 1.1}
    turns = pool_speedup.conclusion(4, 2, speedup, 0.0, slowdowns={"apply_async": 2.1, "map": 2.1})
    assert "no cause was measured" in turns.en  # 4 workers on 2 cores: 2× as long from taking turns alone
    slowed = pool_speedup.conclusion(4, 2, speedup, 0.0, slowdowns={"apply_async": 3.2, "map": 3.3})
    assert "took 3.2× as long as a task run alone under apply, of which 2.0× is 4 workers taking turns" in slowed.en
    assert "其中 2.0 倍来自 4 个工作进程轮流使用 2 个核心" in slowed.zh


def test_slowdowns_are_unknown_without_task_times():
    assert task_slowdowns({}, ("apply_async",)) == {"apply_async": None}
    assert task_slowdowns({"task_s": {"apply": 0.05, "map": 0.05 * SLOWED}}, ("map",)) == {"map": SLOWED}
