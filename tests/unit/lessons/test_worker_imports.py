"""A lesson's worker processes import what the lesson's workers need, and not the app around them.

Each spawned worker imports its lesson's module (to unpickle its target), so
everything that module imports at the top is part of every worker's start-up,
which lessons such as threads-io-bound, join-parallel and gil-cpu-bound time
(issue 13 item 4: the measurement must not change what it measures). Qt and the
app's other floors would be far worse: a worker must never load them.

Each lesson's module is imported in a real spawned process started by a fresh
interpreter (``python -c``, so the worker runs no ``__main__`` file and holds
only what spawn itself imports), which reports what the import added.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.lessons import catalog

ROOT = Path(__file__).resolve().parents[3]

# Never in a worker: Qt and what comes with it, the parent's monitor, and the app's floors above the lessons.
NEVER = {
    "PySide6",
    "shiboken6",
    "pyqtgraph",
    "numpy",
    "psutil",  # the run process measures memory and CPU with it, imported where it is used (~8 ms)
    "desktop.ui",
    "desktop.cli",
    "desktop.monitor",
    "desktop.runtime.run",
    "desktop.lessons.catalog",
    "desktop.model.run_record",
}
# Heavy for a start-up and not needed by the probe, the model or a lesson's workers: ``typing`` (~3 ms,
# its NamedTuple more), ``dataclasses`` (with ``inspect``, ~10 ms), ``platform``. Only asyncio brings
# ``typing`` and ``inspect`` in with it, for the lessons whose workers run an event loop.
HEAVY = {"typing", "dataclasses", "inspect", "platform"}
WITH_ASYNCIO = {"typing", "inspect"}
# Of the model, what only the app reads: a run's Outcome (the verdict's input; a lesson names it only in the
# verdict's annotation, imported under TYPE_CHECKING) and the table of units (labels and range errors). Each
# is some 0.2 ms of every worker's start-up, which threads-io-bound and join-parallel time.
APP_SIDE_MODEL = {"desktop.model.outcome", "desktop.model.unit_name"}
# The runtime a worker needs: the probe, the modules it reports through, and the one spawn context its pipes use.
PROBE = {
    "desktop.runtime.fork_safety",
    "desktop.runtime.probe",
    "desktop.runtime.spawn",
    "desktop.runtime.stderr_tee",
    "desktop.runtime.telemetry",
    "desktop.runtime.child_exits",
    "desktop.runtime.named_resources",
    "desktop.runtime.import_hook",
}

PARENT = """
import json, multiprocessing, sys
from tests.unit.lessons import worker_imports
ctx = multiprocessing.get_context("spawn")
added = {}
for module in sys.argv[1:]:
    reader, writer = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=worker_imports.report, args=(module, writer))
    worker.start()
    writer.close()
    added[module] = reader.recv()
    worker.join()
print("ADDED " + json.dumps(added))
"""


@pytest.fixture(scope="module")
def added_by_lesson() -> dict[str, list[str]]:
    """Lesson module -> the modules its import added in a freshly spawned worker."""
    modules = [catalog.module_name(lesson_id) for lesson_id in catalog.IDS]
    out = subprocess.run(
        [sys.executable, "-c", PARENT, *modules], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    line = next((line for line in out.stdout.splitlines() if line.startswith("ADDED ")), None)
    assert line is not None, f"exit {out.returncode}\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}"
    return json.loads(line[len("ADDED ") :])


def _packages(names: list[str]) -> set[str]:
    """Every name and each package above it: ``a.b.c`` gives ``a``, ``a.b``, ``a.b.c``."""
    return {".".join(name.split(".")[: i + 1]) for name in names for i in range(name.count(".") + 1)}


def test_every_lesson_is_reported(added_by_lesson):
    assert set(added_by_lesson) == {catalog.module_name(lesson_id) for lesson_id in catalog.IDS}
    assert all(module in added for module, added in added_by_lesson.items())


def test_no_worker_imports_qt_the_monitor_or_the_floors_above_the_lessons(added_by_lesson):
    found = {module: sorted(_packages(added) & NEVER) for module, added in added_by_lesson.items()}
    assert {module: names for module, names in found.items() if names} == {}


def test_no_worker_imports_typing_dataclasses_inspect_or_platform_unless_it_runs_asyncio(added_by_lesson):
    found = {}
    for module, added in added_by_lesson.items():
        heavy = HEAVY - WITH_ASYNCIO if "asyncio" in added else HEAVY
        if names := sorted(set(added) & heavy):
            found[module] = names
    assert found == {}


def test_no_worker_imports_the_model_only_the_app_reads(added_by_lesson):
    found = {module: sorted(set(added) & APP_SIDE_MODEL) for module, added in added_by_lesson.items()}
    assert {module: names for module, names in found.items() if names} == {}


def test_of_the_runtime_a_worker_imports_only_the_probe_and_what_it_reports_through(added_by_lesson):
    found = {}
    for module, added in added_by_lesson.items():
        if extra := sorted(name for name in added if name.startswith("desktop.runtime.") and name not in PROBE):
            found[module] = extra
    assert found == {}


def test_threads_io_bound_workers_import_none_of_the_lesson_model(added_by_lesson):
    # The lesson times a worker process's start-up, so its workers import what a bare script's would (with the
    # probe): its LESSON and the model classes it is made of are built on first use, in the app only.
    added = added_by_lesson[catalog.module_name("threads-io-bound")]
    assert sorted(name for name in added if name.startswith("desktop.model.")) == ["desktop.model.events"]


def test_threads_io_bound_builds_its_lesson_once_on_first_use():
    module = importlib.import_module(catalog.module_name("threads-io-bound"))
    lesson = module.LESSON
    assert lesson.id == "threads-io-bound"
    assert module.LESSON is lesson
    with pytest.raises(AttributeError, match="no attribute 'LESSONS'"):
        module.LESSONS  # noqa: B018 - the module's __getattr__ builds only LESSON
