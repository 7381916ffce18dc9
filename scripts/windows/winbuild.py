"""The Windows build: ``build.spec`` run by PyInstaller under the Windows Python in Wine.

The repository's tracked files (plus the compiled .qm translations, which are
built, never committed) are copied into the chroot, so the Windows Python never
writes into the working tree and a stale file there cannot leak into the
bundle. The onefile variant is built as well (CONCURRENCY_LAB_ONEFILE=1), as the
hosted workflow does on Windows.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from stage import StageError, Stages
from wine import Wine, windows_path

SOURCE = "/opt/cl/src"
DIST = f"{SOURCE}/dist"  # where the .iss looks for it (..\\..\\dist)
WORKPATH = "/opt/cl/work"
APP = "ConcurrencyLab"
# PyInstaller under Wine warns hundreds of times that it cannot find the
# Universal CRT's api-ms-win-crt-*.dll: they are part of Windows 10+, so the
# real build leaves them out too. Kept in the output, not echoed.
UNIVERSAL_CRT_WARNING = re.compile(r"could not resolve 'api-ms-win-crt-")


def dist_dir(wine: Wine) -> Path:
    return wine.chroot.path(DIST)


def _tracked_files(root: Path) -> list[Path]:
    listed = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:
        raise StageError(f"git ls-files failed: {listed.stderr.decode(errors='replace')}")
    names = [name for name in listed.stdout.decode().split("\0") if name]
    built = [path.relative_to(root).as_posix() for path in (root / "resources").rglob("*.qm")]
    return [Path(name) for name in sorted({*names, *built}) if (root / name).is_file()]


def copy_source(root: Path, wine: Wine) -> int:
    target = wine.chroot.path(SOURCE)
    shutil.rmtree(target, ignore_errors=True)
    files = _tracked_files(root)
    for relative in files:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, destination)
    if not list((target / "resources").rglob("*.qm")):
        raise StageError("no compiled translations (.qm): run scripts/build_translations.py --no-update first")
    return len(files)


def megabytes(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file() and not file.is_symlink()) / 1e6


def build(wine: Wine, python: str, root: Path, stages: Stages) -> None:
    count = copy_source(root, wine)
    print(f"copied {count} files to {SOURCE}")
    for folder in (DIST, WORKPATH):
        shutil.rmtree(wine.chroot.path(folder), ignore_errors=True)
    wine.run(
        [
            python,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            windows_path(DIST),
            "--workpath",
            windows_path(WORKPATH),
            windows_path(f"{SOURCE}/build.spec"),
        ],
        timeout=1200,
        env={"CONCURRENCY_LAB_ONEFILE": "1"},
        hide=UNIVERSAL_CRT_WARNING,
    )
    onedir = dist_dir(wine) / APP
    for name in (f"{APP}.exe", "concurrency-lab-cli.exe"):
        if not (onedir / name).is_file():
            raise StageError(f"the build made no {name}")
    bundled_icu = sorted(path.name for path in onedir.rglob("icuuc*.dll"))
    if bundled_icu:
        raise StageError(f"the Wine-only ICU stub was bundled: {bundled_icu}")
    stages.figure(f"onedir {megabytes(onedir):.0f} MB ({sum(1 for _ in onedir.rglob('*'))} files)")
    onefile = dist_dir(wine) / f"{APP}-onefile.exe"
    if onefile.is_file():
        stages.figure(f"onefile {megabytes(onefile):.0f} MB")
