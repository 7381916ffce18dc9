"""gil-cpu-bound: the monitor sees processes use more CPU than threads."""

from __future__ import annotations

import os
import sys

import pytest

GIL_ENABLED = getattr(sys, "_is_gil_enabled", lambda: True)()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores to run two processes at once")
@pytest.mark.skipif(not GIL_ENABLED, reason="on a free-threaded interpreter threads scale too")
def test_processes_use_more_cpu_than_threads(run_lesson):
    record = run_lesson("gil-cpu-bound", workers=2, work_seconds=0.8)
    assert record.status == "passed", record.error
    figures = record.figures
    for name in ("cpu_threads", "cpu_processes", "speedup_threads", "speedup_processes"):
        assert name in figures
    # Threads share one GIL: about one core, whatever else runs.
    assert figures["cpu_threads"] < 130
    # Two processes: about two cores, when other programs leave them room (judged by the load measured
    # during the processes phase, not the run's mean: a burst inside that phase alone spoils it).
    if figures["background_cores_processes"] <= (os.cpu_count() or 1) - 1.5:
        assert figures["cpu_processes"] > figures["cpu_threads"] * 1.3, figures
    else:  # others took the second core: the verdict must say so instead of drawing the lesson's conclusion
        assert "Other programs used" in record.verdict.en and "the processes phase" in record.verdict.en
        if figures["speedup_processes"] < 1.25 * figures["speedup_threads"]:
            assert "ran at the same time" not in record.verdict.en
