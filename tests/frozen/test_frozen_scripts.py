"""Students' scripts in the PyInstaller-built app: the starters' self-test and the script command, frozen.

Frozen is where a script run can break on its own: children of a frozen
executable re-run it (``freeze_support``), a frozen Windows app never sends the
main module's path to children, and only what the build bundled can be
imported. The executable is found as in :mod:`tests.frozen.test_frozen_app`;
without a build these tests skip locally and fail in CI.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.frozen.test_frozen_app import frozen_cli  # noqa: F401  (fixture)

pytestmark = pytest.mark.frozen

SELF_TEST_TIMEOUT = 900  # fifteen starters, each a cold frozen start and several spawned children
COMMAND_TIMEOUT = 180


def run(exe, *args: str, timeout: float = COMMAND_TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=timeout)


def test_every_starter_runs_frozen_and_measures_what_it_does(frozen_cli):  # noqa: F811
    """Pool, Queue, Manager, ProcessPoolExecutor, threads, asyncio and shared_memory among them."""
    result = run(frozen_cli, "script-self-test", timeout=SELF_TEST_TIMEOUT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "frozen" in result.stdout
    assert "15 passed, 0 failed" in result.stdout


def test_a_script_outside_the_app_runs_frozen_with_its_children(frozen_cli, tmp_path):  # noqa: F811
    script = tmp_path / "student.py"
    script.write_text(
        "import multiprocessing as mp\n"
        "from concurrent.futures import ProcessPoolExecutor\n\n"
        "def square(x):\n    return x * x\n\n"
        "if __name__ == '__main__':\n"
        "    with ProcessPoolExecutor(2) as ex:\n        print(sum(ex.map(square, range(10))))\n",
        encoding="utf-8",
    )
    result = run(frozen_cli, "script", str(script), "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout)
    assert summary["status"] == "passed"
    assert summary["start_method"] == "spawn"
    assert 1 <= summary["processes_started"] <= 2
    assert summary["stdout_lines"] == 1


def test_an_unbundled_module_is_named_frozen(frozen_cli, tmp_path):  # noqa: F811
    script = tmp_path / "gui.py"
    script.write_text("import tkinter\n", encoding="utf-8")
    result = run(frozen_cli, "script", str(script), "--json")
    assert result.returncode == 1
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["type"], error["hint"], error["module"]) == ("ModuleNotFoundError", "missing-module", "tkinter")


def test_the_main_guard_error_frozen(frozen_cli, tmp_path):  # noqa: F811
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import multiprocessing as mp\np = mp.Process(target=print)\np.start()\np.join()\n", encoding="utf-8"
    )
    result = run(frozen_cli, "script", str(script), "--json")
    assert result.returncode == 1
    errors = json.loads(result.stdout)["errors"]
    assert any(e.get("hint") == "main-guard" for e in errors)
