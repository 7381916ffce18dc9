"""Tests against the PyInstaller-built app (``python scripts/dev.py build`` first).

They run the real frozen executable as a user would, so they catch what only
breaks frozen: a lesson module the analysis missed, lesson sources not shipped,
a runtime hook that loads Qt into workers, children that re-run the app
instead of becoming workers, processes left behind.

The executable is ``$CONCURRENCY_LAB_FROZEN`` or ``dist/ConcurrencyLab/``. Missing,
the tests skip locally but fail in CI (``CI=true``), so CI cannot pass by
skipping them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.frozen

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = ROOT / "dist" / "ConcurrencyLab"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
COMMAND_TIMEOUT = 120  # one short lesson, cold start included, on a busy 2-core machine
SELF_TEST_TIMEOUT = 600  # every lesson's quick variant
EXIT_INVALID = 2
LEFTOVER_GRACE = 5.0  # seconds the app's last children get to exit after it has
BANNER = "self-test starting"


def _gui_executable() -> Path:
    override = os.environ.get("CONCURRENCY_LAB_FROZEN")
    return Path(override) if override else APP_DIR / f"ConcurrencyLab{EXE_SUFFIX}"


def _cli_executable() -> Path:
    """The console executable next to the GUI one (a windowed Windows exe has no stdout)."""
    gui = _gui_executable()
    cli = gui.with_name(f"concurrency-lab-cli{EXE_SUFFIX}")
    return cli if cli.exists() else gui


@pytest.fixture(scope="module")
def frozen_cli() -> Path:
    exe = _cli_executable()
    if not exe.exists():
        message = f"no frozen build at {exe}: run `python scripts/dev.py build` first"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return exe


def _processes_of(exe: Path, since: float) -> list[psutil.Process]:
    """Live processes running the app's executables that started at or after ``since``."""
    app_dir = exe.resolve().parent
    found = []
    for proc in psutil.process_iter(["exe", "create_time", "status"]):
        try:
            path = proc.info["exe"]
            if (
                path
                and Path(path).parent == app_dir
                and proc.info["create_time"] >= since - 1.0
                and proc.info["status"] != psutil.STATUS_ZOMBIE
            ):
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


def run_app(exe: Path, *args: str, timeout: float = COMMAND_TIMEOUT, env: dict | None = None):
    """Run the frozen app to completion; then demand that none of its processes survive it.

    Orphans are re-parented away from us, so they are found by executable path,
    not as our children.
    """
    started = time.time()
    completed = subprocess.run(
        [str(exe), *args],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    deadline = time.monotonic() + LEFTOVER_GRACE
    leftovers = _processes_of(exe, started)
    while leftovers and time.monotonic() < deadline:
        psutil.wait_procs(leftovers, timeout=0.2)
        leftovers = _processes_of(exe, started)
    if leftovers:
        described = []
        for proc in leftovers:
            try:
                described.append(f"{proc.pid} {' '.join(proc.cmdline())[:120]}")
                proc.kill()
            except psutil.Error:
                pass
        pytest.fail(f"`{' '.join(args)}` left {len(leftovers)} process(es) of the app alive: {described}")
    return completed


def test_list_json_shows_lessons(frozen_cli):
    completed = run_app(frozen_cli, "list", "--json")
    assert completed.returncode == 0, completed.stderr
    rows = json.loads(completed.stdout)
    assert len(rows) >= 1
    for row in rows:
        assert row["id"] and row["title"] and isinstance(row["chapter"], int)
    assert "ticket-lock" in {row["id"] for row in rows}


def test_run_ticket_lock_with_lock_passes_in_spawn_mode(frozen_cli):
    params = ["--param", "lock=true", "--param", "buyers=3", "--param", "delay=0.05"]
    completed = run_app(frozen_cli, "run", "ticket-lock", *params, "--json")
    assert completed.returncode == 0, completed.stderr
    record = json.loads(completed.stdout)
    assert record["status"] == "passed", record
    assert record["start_method"] == "spawn"
    assert record["figures"]["oversold"] == 0  # the locked variant is always correct


def test_self_test_of_one_lesson_checks_workers_frozen(frozen_cli):
    # self-test checks every worker's hello: spawn start method and no PySide6 in
    # sys.modules, which fails if a runtime hook imports Qt in every process.
    completed = run_app(frozen_cli, "self-test", "--lesson", "ticket-lock")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "frozen" in completed.stdout.splitlines()[0]
    assert completed.stdout.count(BANNER) == 1, completed.stdout


def test_invalid_param_is_rejected_on_stderr(frozen_cli):
    completed = run_app(frozen_cli, "run", "ticket-lock", "--param", "buyers=1000")
    assert completed.returncode == EXIT_INVALID
    assert "buyers must be at most" in completed.stderr
    assert completed.stdout == ""


def test_unknown_lesson_is_rejected_on_stderr(frozen_cli):
    completed = run_app(frozen_cli, "run", "no-such-lesson")
    assert completed.returncode == EXIT_INVALID
    assert "no lesson 'no-such-lesson'" in completed.stderr


def test_gui_starts_and_paints_offscreen(frozen_cli):
    # The GUI process imports Qt itself; the light runtime hook must still give it
    # its plugins (QT_PLUGIN_PATH) and the relocated qt.conf.
    gui = _gui_executable()
    help_text = run_app(frozen_cli, "gui", "--help").stdout
    if "--exit-after-paint" not in help_text:
        pytest.skip("this build's GUI has no --exit-after-paint option yet")
    completed = run_app(gui, "gui", "--exit-after-paint", env={"QT_QPA_PLATFORM": "offscreen"})
    assert completed.returncode == 0, completed.stderr


@pytest.mark.slow
def test_full_self_test_passes_and_starts_once(frozen_cli):
    completed = run_app(frozen_cli, "self-test", timeout=SELF_TEST_TIMEOUT)
    print(completed.stdout)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    # Children that re-ran the app instead of becoming workers would print it again.
    assert completed.stdout.count(BANNER) == 1, completed.stdout
    assert ", 0 failed" in completed.stdout


def test_bundle_ships_every_lesson_source_as_it_is_in_the_repository(frozen_cli):
    """The Code tab reads lesson sources from the bundle: they must be the modules that run."""
    bundled = frozen_cli.parent / "_internal" / "desktop" / "lessons"
    if sys.platform == "darwin" and not bundled.exists():
        bundled = frozen_cli.parent.parent / "Resources" / "desktop" / "lessons"
    sources = sorted((ROOT / "desktop" / "lessons").glob("*.py"))
    assert len(sources) > 31
    for source in sources:
        shipped = bundled / source.name
        assert shipped.is_file(), f"{source.name} is not in the bundle"
        assert shipped.read_bytes() == source.read_bytes(), f"{source.name} in the bundle differs from the repository"


def test_bundle_lists_lessons_from_an_index_that_matches_the_lessons(frozen_cli):
    """The lesson list comes from the bundled index, not from importing 31 modules at start-up."""
    from desktop.lessons import catalog

    bundled = frozen_cli.parent / "_internal" / "desktop" / "lessons"
    if sys.platform == "darwin" and not bundled.exists():
        bundled = frozen_cli.parent.parent / "Resources" / "desktop" / "lessons"
    indexed = catalog.read_index(bundled / catalog.INDEX_NAME)
    assert indexed == [catalog.Entry.of(lesson) for lesson in catalog.lessons()]


def test_bundle_ships_the_chinese_translation(frozen_cli):
    translations = frozen_cli.parent / "_internal" / "resources" / "translations"
    if sys.platform == "darwin" and not translations.exists():
        translations = frozen_cli.parent.parent / "Resources" / "resources" / "translations"
    assert (translations / "concurrency_lab_zh_CN.qm").is_file()
