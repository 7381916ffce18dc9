"""A busy machine is measured and named: runs next to CPU hogs this test starts.

Two real processes spin for the whole run; the run's record must count them
as other programs' load (``background_cores``), and the verdicts of lessons
whose claim needs free cores must name that load with its figure, in both
languages, and never assert the claim the figures don't support. Those
lessons judge the load during the phase they compare, so the figure named is
that phase's (``background_cores_<phase>``), which the hogs fill as well.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from desktop.model.verdict import BUSY_CORES

CORES = os.cpu_count() or 1
HOGS = 2
LOAD_EN = re.compile(r"Other programs used (\d+\.\d) of (\d+) cores? during (this run|.+?), so ")
LOAD_ZH = re.compile(r"期间，其他程序占用了 (\d+) 个核心中的 (\d+\.\d) 个，因此")


@pytest.fixture
def cpu_hogs():
    """Two processes spinning in pure Python for the whole test, ended and reaped after it."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(HOGS)]
    yield hogs
    for hog in hogs:
        hog.kill()
    for hog in hogs:
        hog.wait()


def assert_names_the_load(record, phase_figures: tuple[str, ...]) -> None:
    """The verdict names the load of one of ``phase_figures`` with its figure, in both languages."""
    # Two hogs take at least a fair share of the cores (2 of the run's + 2 runnable processes).
    assert record.background_cores >= max(BUSY_CORES, min(HOGS, CORES) * 0.4), record.background_cores
    english, chinese = LOAD_EN.search(record.verdict.en), LOAD_ZH.search(record.verdict.zh)
    assert english, record.verdict.en
    assert chinese, record.verdict.zh
    named = [record.figures[name] for name in phase_figures]
    assert any(abs(float(english.group(1)) - figure) <= 0.06 for figure in named), (english.group(0), named)
    assert any(abs(float(chinese.group(2)) - figure) <= 0.06 for figure in named), (chinese.group(0), named)
    assert int(english.group(2)) == int(chinese.group(1)) == CORES
    assert record.figures["background_cores"] == pytest.approx(record.background_cores, abs=0.01)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the claim needs two cores")
def test_gil_cpu_bound_names_the_load_and_claims_only_what_it_measured(cpu_hogs, run_lesson):
    record = run_lesson("gil-cpu-bound", workers=2, work_seconds=0.4)
    assert record.status == "passed", record.error
    figures = record.figures
    claimed = "The processes ran at the same time" in record.verdict.en
    assert claimed == (figures["speedup_processes"] >= 1.25 * figures["speedup_threads"]), record.verdict.en
    assert claimed == ("进程同时在多个核心上运行" in record.verdict.zh)
    if not claimed:
        assert "could not pull ahead of the threads" in record.verdict.en
    assert_names_the_load(record, ("background_cores_processes",))


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the claim needs two cores")
def test_pool_speedup_names_the_load_and_claims_only_what_it_measured(cpu_hogs, run_lesson):
    record = run_lesson("pool-speedup", workers=2, tasks=8, task_seconds=0.03, rounds=1, sweep=False)
    assert record.status == "passed", record.error
    figures = record.figures
    claimed = "kept several workers busy at once" in record.verdict.en
    parallel = max(figures["speedup_apply_async"], figures["speedup_map"])
    assert claimed == (parallel >= 1.2 * figures["speedup_apply"]), record.verdict.en
    if not claimed:
        assert "could not pull ahead of apply" in record.verdict.en
    assert_names_the_load(record, ("background_cores_apply_async", "background_cores_map"))


def test_run_json_carries_the_load_of_other_programs(cpu_hogs):
    completed = subprocess.run(
        [sys.executable, "-m", "desktop", "run", "ticket-lock", "--param", "buyers=3", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    summary = json.loads(completed.stdout)
    assert summary["background_cores"] >= BUSY_CORES, summary
