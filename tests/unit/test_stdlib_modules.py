"""scripts/installer/stdlib_modules.py: the standard library build.spec bundles for students' scripts."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "installer"))

import stdlib_modules

from desktop.runtime.script import stdlib_excluded


def test_the_less_common_modules_a_script_may_use_are_bundled():
    bundled = set(stdlib_modules.hidden_imports())
    for name in (
        "sqlite3",
        "csv",
        "json",
        "decimal",
        "zipfile",
        "concurrent.futures.process",
        "asyncio.tasks",
        "xml.etree.ElementTree",
        "multiprocessing.shared_memory",
        "unittest.mock",
        "ssl",
    ):
        assert name in bundled, name


def test_nothing_excluded_is_bundled_and_the_exclusions_are_passed_on():
    bundled = stdlib_modules.hidden_imports()
    assert not [name for name in bundled if stdlib_excluded.is_excluded(name)]
    excludes = set(stdlib_modules.excludes())
    assert {"tkinter", "idlelib", "lib2to3", "test"} <= excludes
    assert not [name for name in excludes if not stdlib_excluded.is_excluded(name)]


def test_a_zipped_standard_library_is_read_from_the_archive(tmp_path):
    """An embeddable Windows Python keeps its standard library in python311.zip (bytecode only)."""
    archive = tmp_path / "python311.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name in ("json/__init__.pyc", "json/decoder.pyc", "xml/etree/ElementTree.pyc", "csv.pyc", "README.txt"):
            out.writestr(name, b"")
    assert stdlib_modules._zip_modules(str(archive)) == {
        "json",
        "json.decoder",
        "xml.etree.ElementTree",
        "csv",
    }
