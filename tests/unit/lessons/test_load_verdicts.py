"""Verdicts that need free cores judge their figures against the load measured, and name it.

The conclusions are fed figures directly: a claim the figures support, one
they don't on a busy machine, and one they don't on a quiet machine. The
verdict never asserts what the figures contradict, and never reports the
opposite without naming the cause it measured.
"""

from __future__ import annotations

from desktop.lessons import gil_cpu_bound, pool_speedup
from desktop.model.param import Params

RESULT = {"cores": 2, "gil_enabled": True, "processes": 1.0}
TWO = Params({"workers": 2})


def gil(speedup_threads: float, speedup_processes: float, background: float, start_up: float = 0.05):
    return gil_cpu_bound.conclusion(TWO, RESULT, (speedup_threads, speedup_processes), background, start_up)


def test_gil_claim_on_a_quiet_machine_names_no_load():
    text = gil(1.0, 1.9, background=0.05)
    assert "The processes ran at the same time" in text.en
    assert "Other programs" not in text.en and "其他程序" not in text.zh


def test_gil_claim_on_a_busy_machine_still_names_the_load():
    text = gil(1.0, 1.6, background=0.6)
    assert "The processes ran at the same time" in text.en
    assert "Other programs used 0.6 of 2 cores during this run, so the 2 processes shared the cores" in text.en
    assert "其他程序占用了 2 个核心中的 0.6 个" in text.zh


def test_gil_no_claim_when_a_busy_machine_left_too_few_cores():
    text = gil(0.7, 0.6, background=1.4)
    assert "ran at the same time" not in text.en and "同时在多个核心上运行" not in text.zh
    assert "Other programs used 1.4 of 2 cores" in text.en and "could not pull ahead of the threads" in text.en
    assert "2 个核心中的 1.4 个" in text.zh and "没能快过线程" in text.zh


def test_gil_no_claim_on_a_quiet_machine_names_start_up_or_says_no_cause_was_measured():
    slow_start = gil(1.0, 1.05, background=0.05, start_up=0.6)
    assert "starting them took 0.60 s" in slow_start.en and "启动进程就用了 0.60 秒" in slow_start.zh
    unexplained = gil(1.0, 1.05, background=0.05, start_up=0.05)
    assert "no cause was measured" in unexplained.en and "0.1 of 2 cores" in unexplained.en
    assert "没有测到原因" in unexplained.zh
    for text in (slow_start, unexplained):
        assert "ran at the same time" not in text.en


def test_gil_on_one_core_says_why_processes_cannot_win():
    text = gil_cpu_bound.conclusion(TWO, {**RESULT, "cores": 1}, (1.0, 1.0), 0.0, 0.05)
    assert "With one core" in text.en and "只有一个核心" in text.zh


def pool(apply: float, apply_async: float, map_: float, background: float, workers: int = 2):
    speedup = {"apply": apply, "apply_async": apply_async, "map": map_}
    return pool_speedup.conclusion(workers, 2, speedup, background)


def test_pool_claim_only_when_the_figures_show_it():
    assert "kept several workers busy at once" in pool(1.0, 1.8, 1.9, background=0.0).en
    busy = pool(0.9, 0.95, 0.9, background=1.3)
    assert "kept several workers busy" not in busy.en
    assert "Other programs used 1.3 of 2 cores" in busy.en and "could not pull ahead of apply" in busy.en
    assert "2 个核心中的 1.3 个" in busy.zh
    quiet = pool(0.9, 0.95, 0.9, background=0.1)
    assert "no cause was measured" in quiet.en and "没有测到原因" in quiet.zh
    assert "no calling style" in pool(1.0, 1.0, 1.0, background=0.0, workers=1).en
