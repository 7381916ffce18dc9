"""The launch clock: exact from a launcher's stamp, coarse (but present) without one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from desktop import launch_clock

ROOT = Path(__file__).resolve().parents[2]
PRINT_SINCE_LAUNCH = "from desktop import launch_clock; print(*launch_clock.seconds_since_launch())"


def run(env: dict[str, str]) -> tuple[float, str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PRINT_SINCE_LAUNCH], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - started
    seconds, clock = done.stdout.split()
    return float(seconds), clock, wall


def test_a_launcher_stamp_gives_a_figure_within_the_launch_to_exit_time():
    seconds, clock, wall = run(launch_clock.launch_environment())
    assert clock == "launcher"
    assert 0 < seconds < wall  # printed before the child exited, after our stamp


def test_without_a_stamp_the_process_start_is_used_and_says_so():
    env = {k: v for k, v in os.environ.items() if k != launch_clock.LAUNCHED_AT_VARIABLE}
    seconds, clock, _ = run(env)
    assert clock == "process-start"
    assert seconds > 0


def test_a_garbled_stamp_falls_back_instead_of_crashing():
    seconds, clock, _ = run({**os.environ, launch_clock.LAUNCHED_AT_VARIABLE: "soon"})
    assert clock == "process-start"
    assert seconds > 0
