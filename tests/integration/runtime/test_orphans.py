"""A killed app leaves nothing behind: the run process takes its tree down."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; Windows uses TerminateProcess")
def test_sigkill_of_the_app_ends_every_worker_within_5_s():
    # With the lock the four buyers take turns: about 20 s, far longer than this test waits.
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop",
            "run",
            "ticket-lock",
            "--param",
            "buyers=4",
            "--param",
            "delay=5",
            "--param",
            "lock=true",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = psutil.Process(app.pid)
    tree: list[psutil.Process] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(tree) < 1 + 1 + 4:  # tracker, run process, buyers
        tree = parent.children(recursive=True)
        time.sleep(0.05)
    assert len(tree) >= 6, f"the run did not start: {tree}"
    app.send_signal(signal.SIGKILL)
    app.wait(timeout=5)
    killed_at = time.monotonic()
    _, alive = psutil.wait_procs(tree, timeout=5)
    assert not alive, f"still alive {time.monotonic() - killed_at:.1f} s after the app was killed: {alive}"
