"""Shared test set-up: offscreen Qt, no test may leave a process behind, and the fixtures every floor uses.

* :func:`leftover_children` is the one helper that lists live descendants of
  the test process (the ``descendants_left`` fixture hands it to a test);
  :func:`processes_under` lists a run's processes by their TMPDIR, re-parented ones too;
* ``run_lesson`` is the one factory that runs a lesson in real spawned
  processes: ``record = run_lesson("ticket-lock", buyers=3, lock=True)``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import psutil
import pytest

from desktop.model.run_record import RunRecord
from desktop.runtime.process_tree import descendants, is_resource_tracker

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app and its CLI follow the system language; tests that check English words
# must not turn Chinese on a machine set to Chinese. Tests of the system language set their own.
for _variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_variable, None)
os.environ["LANG"] = "C.UTF-8"

ORPHAN_GRACE = 3.0  # seconds a test's children get to exit after the test


def leftover_children() -> list[psutil.Process]:
    """This test process's living descendants (no zombies), except its long-lived resource tracker."""
    return descendants()


def processes_under(tmp_root: Path) -> list[psutil.Process]:
    """Living processes whose TMPDIR lies inside ``tmp_root``, resource trackers aside.

    A run's processes have its scratch folder as their TMPDIR, so with scratch
    folders in ``tmp_root`` this finds every process of those runs, even one
    re-parented away from the test process (which :func:`leftover_children` misses).
    """
    found = []
    for proc in psutil.process_iter():
        try:
            if proc.pid == os.getpid() or proc.status() == psutil.STATUS_ZOMBIE:
                continue
            if proc.environ().get("TMPDIR", "").startswith(str(tmp_root)) and not is_resource_tracker(proc):
                found.append(proc)
        except psutil.Error:
            pass
    return found


@pytest.fixture
def short_tmp_path():
    """An empty directory with a path short enough that runs keep their scratch folders in it.

    Under a temporary directory longer than ``desktop.runtime.scratch.MAX_ROOT_CHARS``
    (pytest's ``tmp_path`` often is), runs put their scratch folders in ``/tmp`` instead.
    """
    import shutil
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="cl-", dir="/tmp" if os.name == "posix" else None))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def descendants_left():
    """A function listing the live descendants of the test process (see :func:`leftover_children`)."""
    return leftover_children


@pytest.fixture(scope="session")
def run_lesson():
    """A function that runs a lesson headless and returns its RunRecord: ``run_lesson(lesson_id, **params)``.

    Parameters are parsed and checked as the CLI and GUI do (``Lesson.parse_params``),
    so a test states only the values it cares about; the rest are the lesson's defaults.
    """
    from desktop.lessons import catalog
    from desktop.runtime.run import run_to_completion

    def run(lesson_id: str, **params: object) -> RunRecord:
        lesson = catalog.load(lesson_id)
        return run_to_completion(lesson, lesson.parse_params(params))

    return run


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
