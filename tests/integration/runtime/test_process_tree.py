"""process_tree.wait_dead: a killed process counts as ended once it has exited, reaped or not."""

from __future__ import annotations

import subprocess
import sys

import psutil
import pytest

from desktop.runtime import process_tree


@pytest.mark.skipif(sys.platform == "win32", reason="zombies are a POSIX state")
def test_an_unreaped_zombie_counts_as_ended():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        proc = psutil.Process(child.pid)
        assert process_tree.wait_dead([proc], timeout=30) == []  # returned as soon as it exited
        assert proc.status() == psutil.STATUS_ZOMBIE  # still unreaped: only we can reap it
    finally:
        child.wait()


def test_a_living_process_is_reported_alive_after_the_timeout_and_dead_once_killed():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        proc = psutil.Process(child.pid)
        assert process_tree.wait_dead([proc], timeout=0.2) == [proc]
        proc.kill()
        assert process_tree.wait_dead([proc], timeout=30) == []
    finally:
        child.kill()
        child.wait()
