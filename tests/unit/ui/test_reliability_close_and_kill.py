"""Closing the window mid-run, or killing the GUI process, leaves no process behind."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[3]
CLOSE_BUDGET = 3.0
KILL_BUDGET = 5.0
LONG_RUN = {"buyers": 4, "delay": 5.0, "lock": True}


def test_closing_the_window_mid_run_ends_everything_within_3_s(window, qtbot, descendants_left):
    assert window.start_run(LONG_RUN)

    def everyone_reported_in():
        # The bridge drains the events; the run's pid list grows with each process's hello.
        assert len(window.bridge.run.pids()) >= 1 + 4  # the run process and four buyers

    qtbot.waitUntil(everyone_reported_in, timeout=20_000)
    started = time.monotonic()
    window.close()
    while descendants_left() and time.monotonic() - started < CLOSE_BUDGET:
        time.sleep(0.02)
    took = time.monotonic() - started
    assert not descendants_left(), f"still alive {took:.1f} s after close: {descendants_left()}"
    assert took < CLOSE_BUDGET


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; Windows uses TerminateProcess")
def test_sigkill_of_the_gui_process_ends_every_worker_within_5_s():
    gui = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.gui_with_run"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        line = gui.stdout.readline().decode()
        assert line.startswith("started"), f"the GUI did not start its run: {line!r}"
        parent = psutil.Process(gui.pid)
        tree: list[psutil.Process] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(tree) < 1 + 1 + 4:  # tracker, run process, buyers
            tree = parent.children(recursive=True)
            time.sleep(0.05)
        assert len(tree) >= 6, f"the run did not start: {tree}"
    finally:
        gui.send_signal(signal.SIGKILL)
        gui.wait(timeout=5)
        gui.stdout.close()
    killed_at = time.monotonic()
    _, alive = psutil.wait_procs(tree, timeout=KILL_BUDGET)
    assert not alive, f"still alive {time.monotonic() - killed_at:.1f} s after the GUI was killed: {alive}"
