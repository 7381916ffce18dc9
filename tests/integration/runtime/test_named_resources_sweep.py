"""A run killed between creating a /dev/shm name and reporting it leaves nothing (issue 15 item 9)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from desktop.model.events import log_line
from desktop.model.param import Params
from desktop.runtime.run import Run
from tests.integration.runtime import killed_mid_creation

SHM = Path("/dev/shm")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux keeps semaphores and heap files in /dev/shm")
def test_names_created_but_never_reported_are_removed_after_a_stop():
    run = Run(killed_mid_creation, Params({}))
    run.start()
    leaked = None
    deadline = time.monotonic() + 60
    while leaked is None and time.monotonic() < deadline:
        for event in run.take_new_events():
            if event.kind == "log" and log_line(event.value).startswith("leaked "):
                leaked = log_line(event.value).split()[1:]
        time.sleep(0.02)
    assert leaked is not None, "the target never reported what it made"
    sem_name, heap_path = leaked
    sem_file, heap_file = SHM / f"sem.{sem_name.lstrip('/')}", Path(heap_path)
    assert sem_file.exists() and heap_file.exists()
    run.stop()
    assert run.wait(30)
    assert not sem_file.exists(), "the unreported semaphore was left in /dev/shm"
    assert not heap_file.exists(), "the heap file was left in /dev/shm"
    assert {sem_file.name, heap_file.name} <= set(run.released_resources)
