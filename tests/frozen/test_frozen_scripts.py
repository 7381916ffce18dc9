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


def test_a_script_using_less_common_standard_library_modules_runs_frozen(frozen_cli, tmp_path):  # noqa: F811
    """The build bundles the whole standard library (scripts/installer/stdlib_modules.py), not only
    what the app imports: each module below is used for real, in the run process and in a pool worker."""
    script = tmp_path / "batteries.py"
    script.write_text(
        "import asyncio, csv, decimal, io, json, sqlite3, ssl, zipfile\n"
        "import xml.etree.ElementTree as ET\n"
        "from concurrent.futures import ProcessPoolExecutor\n\n"
        "def digest(text):\n"
        "    import hashlib, lzma, bz2, statistics, fractions, difflib\n"
        "    data = bz2.decompress(lzma.decompress(lzma.compress(bz2.compress(text.encode()))))\n"
        "    half = statistics.mean([1, 2, 3]) + fractions.Fraction(1, 2)\n"
        "    return hashlib.sha256(data).hexdigest()[:8], half\n\n"
        "async def double(x):\n    await asyncio.sleep(0)\n    return 2 * x\n\n"
        "async def gathered():\n    return await asyncio.gather(*(double(i) for i in range(3)))\n\n"
        "if __name__ == '__main__':\n"
        "    db = sqlite3.connect(':memory:')\n"
        "    db.execute('create table t (x)')\n"
        "    db.executemany('insert into t values (?)', [(1,), (2,)])\n"
        "    print('sqlite', db.execute('select sum(x) from t').fetchone()[0])\n"
        "    rows = list(csv.reader(io.StringIO('a,b\\n1,2\\n')))\n"
        "    print('csv', json.dumps(rows))\n"
        "    print('decimal', decimal.Decimal('0.1') + decimal.Decimal('0.2'))\n"
        "    buffer = io.BytesIO()\n"
        "    with zipfile.ZipFile(buffer, 'w', zipfile.ZIP_DEFLATED) as z:\n"
        "        z.writestr('a.txt', 'hello')\n"
        "    print('zip', zipfile.ZipFile(buffer).read('a.txt').decode())\n"
        "    print('xml', ET.fromstring('<r><i>7</i></r>').find('i').text)\n"
        "    print('asyncio', asyncio.run(gathered()))\n"
        "    print('ssl', ssl.create_default_context().protocol > 0)\n"
        "    with ProcessPoolExecutor(1) as ex:\n"
        "        print('worker', *ex.submit(digest, 'abc').result())\n",
        encoding="utf-8",
    )
    result = run(frozen_cli, "script", str(script))
    assert result.returncode == 0, result.stdout + result.stderr
    for line in (
        "sqlite 3",
        'csv [["a", "b"], ["1", "2"]]',
        "decimal 0.3",
        "zip hello",
        "xml 7",
        "asyncio [0, 2, 4]",
        "ssl True",
        "worker ba7816bf 5/2",
    ):
        assert line in result.stdout, result.stdout + result.stderr


def test_an_unbundled_module_is_named_frozen(frozen_cli, tmp_path):  # noqa: F811
    script = tmp_path / "gui.py"
    script.write_text("import tkinter\n", encoding="utf-8")
    result = run(frozen_cli, "script", str(script), "--json")
    assert result.returncode == 1
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["type"], error["hint"], error["module"]) == ("ModuleNotFoundError", "missing-module", "tkinter")
    text = run(frozen_cli, "script", str(script))
    assert "tkinter is part of the Python standard library, but the app leaves it out" in text.stdout


def test_a_package_that_is_not_bundled_is_named_frozen(frozen_cli, tmp_path):  # noqa: F811
    script = tmp_path / "web.py"
    script.write_text("import json\nimport requests\n", encoding="utf-8")
    result = run(frozen_cli, "script", str(script))
    assert result.returncode == 1
    assert "requests is not available to scripts run by the app" in result.stdout
    assert "standard library" in result.stdout


def test_the_main_guard_error_frozen(frozen_cli, tmp_path):  # noqa: F811
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import multiprocessing as mp\np = mp.Process(target=print)\np.start()\np.join()\n", encoding="utf-8"
    )
    result = run(frozen_cli, "script", str(script), "--json")
    assert result.returncode == 1
    errors = json.loads(result.stdout)["errors"]
    assert any(e.get("hint") == "main-guard" for e in errors)
