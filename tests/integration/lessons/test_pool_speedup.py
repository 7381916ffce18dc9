"""pool-speedup on a real spawn-context Pool: speed-up per calling style."""

from __future__ import annotations

import os

import pytest

from desktop.lessons.task_slowdown import SLOWED


def test_reports_a_speedup_for_every_method(run_lesson):
    record = run_lesson("pool-speedup", workers=2, tasks=6, task_seconds=0.02, rounds=2, sweep=True)
    assert record.status == "passed", record.error
    for name in ("speedup_apply", "speedup_apply_async", "speedup_map", "cores"):
        assert name in record.figures
    assert record.figures["cores"] == os.cpu_count()
    assert {"speedup_map_1_workers", "speedup_map_2_workers"} <= record.figures.keys()
    tasks_run = [e for e in record.events if e[3] == "count" and e[4] == "tasks"]
    assert len(tasks_run) == 6 * 3 * 2 + 6 * 2  # three methods twice, then the sweep's two pools


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="apply_async can only beat apply with two cores or more")
def test_apply_async_beats_apply_with_two_cores(run_lesson):
    record = run_lesson("pool-speedup", workers=2, tasks=12, task_seconds=0.05, sweep=False)
    assert record.status == "passed", record.error
    # apply is serial by construction (~1x); apply_async runs two at once (~2x on an idle machine),
    # when other programs leave it room: judged by the load measured during apply_async's counted round,
    # not the run's mean (a burst inside that short round once made this red with a quiet mean).
    # And when its tasks ran at their speed alone: on this 2-vCPU VM two tasks at once once each took far
    # longer than one under apply (logical cores sharing a physical one, or a busy host), with nothing else
    # running: 1.24x against apply's 1.06x. The tasks time themselves, and the verdict must then name that.
    load = record.figures["background_cores_apply_async"]
    slowdown = record.figures["task_slowdown_apply_async"]
    won = record.figures["speedup_apply_async"] > record.figures["speedup_apply"] * 1.2
    if load <= (os.cpu_count() or 1) - 1.5 and slowdown < SLOWED:  # tasks never overlapping (~1.0) stays red
        assert won, (load, slowdown, record.figures)
    elif load <= (os.cpu_count() or 1) - 1.5:  # the cores slowed each other down: won anyway, or the verdict says why
        claimed = "kept several workers busy at once" in record.verdict.en  # apply_async or map beat the margin
        # A load from 0.25 cores on (BUSY_CORES) that left the pool short is named first, as in the branch below.
        loaded = "Other programs used" in record.verdict.en and "fastest round" in record.verdict.en
        slowed = "The cores slowed each other down" in record.verdict.en
        assert claimed or loaded or slowed, (record.figures, record.verdict.en)
        assert not slowed or "as long as a task run alone under apply" in record.verdict.en, record.verdict.en
    else:  # others took the second core: the verdict must say so instead of drawing the lesson's conclusion
        assert "Other programs used" in record.verdict.en, record.verdict.en
        assert "fastest round" in record.verdict.en, record.verdict.en
