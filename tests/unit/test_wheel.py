"""The wheel ``pip install .`` builds: every module of the app, and the resources it reads at run time.

resources/ lives beside the package, not in it; pyproject.toml ships it as
``desktop/bundled`` and :mod:`desktop.resources` looks there first. The wheel
is built from a copy of the checkout (a build writes build/ and *.egg-info
next to pyproject.toml, and others work in the same tree), then unpacked, as
an installer would, and asked where its translations and starters are.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What the app opens at run time: the Chinese UI, the window icon, a playground starter, the licences.
NEEDED = (
    "translations/concurrency_lab_zh_CN.qm",
    "icons/concurrency-lab.png",
    "starters/threads_lock.py",
    "licenses/THIRD-PARTY-NOTICES.txt",
)
NETWORK_TROUBLE = ("Could not find a version that satisfies", "NewConnectionError", "Temporary failure")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("checkout")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("desktop", "resources"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-w", str(out), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode and any(trouble in built.stderr for trouble in NETWORK_TROUBLE):
        pytest.skip(f"pip could not fetch the build backend (offline?): {built.stderr[-300:]}")
    assert built.returncode == 0, built.stderr
    (found,) = out.glob("concurrency_lab-*.whl")
    return found


def test_the_wheel_holds_every_module_and_the_resources_the_app_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = [path for path in (ROOT / "desktop").rglob("*.py") if "__pycache__" not in path.parts]
    modules = {path.relative_to(ROOT).as_posix() for path in sources}
    assert modules - names == set(), "a package of desktop/ is missing from [tool.setuptools] packages"
    assert {f"desktop/bundled/{needed}" for needed in NEEDED} <= names
    assert not any(name.startswith("resources/") for name in names)  # nothing lands in site-packages/resources


def test_an_installed_wheel_finds_its_translations_and_starters(wheel, tmp_path):
    site = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site)  # a pure-Python wheel installs by unpacking
    probe = (
        "from desktop import resources; from desktop.runtime.script import starter; "
        "print(resources.path('translations/concurrency_lab_zh_CN.qm')); "
        "print(starter.path(starter.STARTERS[0]))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    for line in shown[:2]:
        assert Path(line).is_file() and Path(line).is_relative_to(site / "desktop" / "bundled"), line
