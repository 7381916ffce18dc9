"""A machine whose OS will not report CPU per core (Wine: psutil's per-CPU times raise OSError).

Found by the Windows check under Wine (scripts/windows/): the sampler's first
reading raised and took every run down with it. Now every core shows the
machine's mean, measured by psutil's total, and runs go on.
"""

from __future__ import annotations

import subprocess
import sys
import time

import psutil
import pytest

from desktop.monitor.sampler import Sampler

SPIN = [sys.executable, "-c", "while True: pass"]


@pytest.fixture
def per_core_refused(monkeypatch):
    real = psutil.cpu_percent

    def cpu_percent(interval=None, percpu=False):
        if percpu:
            raise OSError(22, "[WinError 1] Incorrect function")
        return real(interval=interval, percpu=False)

    monkeypatch.setattr(psutil, "cpu_percent", cpu_percent)


def test_every_core_shows_the_machine_mean_and_sampling_goes_on(per_core_refused):
    busy = subprocess.Popen(SPIN)
    sampler = Sampler(interval=0.05)
    try:
        sampler.start()
        sampler.watch(busy.pid)
        samples, deadline = [], time.monotonic() + 30
        while len(samples) < 10 and time.monotonic() < deadline:
            time.sleep(0.05)
            samples, _ = sampler.samples_since(0)
        assert len(samples) >= 10, "the sampler stopped sampling"
        assert all(len(sample.per_core) == sampler.core_count for sample in samples)
        assert all(len(set(sample.per_core)) == 1 for sample in samples)
        assert all(0.0 <= sample.machine_percent <= 100.0 for sample in samples)
        assert any(sample.machine_percent > 0 for sample in samples), "a spinning child, yet the machine read idle"
        assert any(busy.pid in sample.processes for sample in samples)
    finally:
        sampler.stop()
        busy.kill()
        busy.wait()
