"""Shared test set-up: offscreen Qt, and no test may leave a process behind."""

from __future__ import annotations

import os
import time
from pathlib import Path

import psutil
import pytest

from desktop.runtime.process_tree import descendants

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ORPHAN_GRACE = 3.0  # seconds a test's children get to exit after the test


def leftover_children() -> list[psutil.Process]:
    """This test process's living descendants, except its long-lived resource tracker."""
    return descendants()


@pytest.fixture(autouse=True)
def no_leftover_processes():
    """Fail a test that leaves a child process alive (after a short grace period)."""
    yield
    deadline = time.monotonic() + ORPHAN_GRACE
    leftovers = leftover_children()
    while leftovers and time.monotonic() < deadline:
        psutil.wait_procs(leftovers, timeout=0.2)
        leftovers = leftover_children()
    if leftovers:
        described = [f"{p.pid} {' '.join(p.cmdline())[:120]}" for p in leftovers if p.is_running()]
        for proc in leftovers:
            try:
                proc.kill()
            except psutil.Error:
                pass
        pytest.fail(f"test left {len(leftovers)} process(es) alive: {described}")


def pytest_collection_modifyitems(config, items):
    ui_dir = Path(__file__).parent / "unit" / "ui"
    for item in items:
        if ui_dir in Path(item.fspath).parents:
            item.add_marker(pytest.mark.gui)
