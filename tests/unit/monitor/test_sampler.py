"""The sampler measures real processes: a spinning child shows about one core, a sleeping one about none."""

from __future__ import annotations

import subprocess
import sys
import time

import psutil

from desktop.monitor.sampler import Sampler


def test_a_busy_child_reads_as_one_core_and_an_idle_child_as_none():
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    idle = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    sampler = Sampler(interval=0.1)
    try:
        sampler.start()
        sampler.watch(busy.pid)
        sampler.watch(idle.pid)
        deadline = time.monotonic() + 10
        samples = []
        while time.monotonic() < deadline and len(samples) < 15:
            samples = [s for s in sampler.samples_since(0)[0] if busy.pid in s.processes]
            time.sleep(0.05)
        later = samples[5:]  # skip the ramp while the interpreters start
        assert later, "no samples of the children"
        busy_cpu = sum(s.processes[busy.pid][0] for s in later) / len(later)
        idle_cpu = sum(s.processes[idle.pid][0] for s in later) / len(later)
        assert busy_cpu > 50  # a whole core when the machine is idle; more than half even when shared
        assert idle_cpu < 5
        assert all(len(s.per_core) == psutil.cpu_count() for s in later)
        assert all(s.processes[busy.pid][1] > 1_000_000 for s in later)  # RSS in bytes
    finally:
        sampler.stop()
        for child in (busy, idle):
            child.kill()
            child.wait()


def test_processes_that_exit_are_dropped():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    sampler = Sampler(interval=0.05)
    sampler.start()
    try:
        sampler.watch(child.pid)
        child.wait()
        time.sleep(0.3)  # a few sampling periods for the sampler to notice
        latest = sampler.latest()
        assert latest is not None and child.pid not in latest.processes
    finally:
        sampler.stop()
