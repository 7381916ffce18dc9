"""The Debian chroot in which every Wine call of the Windows check runs.

Why a chroot: Inno Setup's compiler (ISCC.exe) and the Setup.exe it makes are
32-bit programs, so Wine needs ``wine32:i386`` next to ``wine64``. Adding i386
to the host's own dpkg architectures is not an option on these machines (the
i386 index their apt serves is stale; forcing it would remove python3-dev and
downgrade security updates). A ``debootstrap`` of bookworm main, with i386
added inside it, gives a consistent WoW64 Wine 8.0 and leaves the host alone.
Xvfb, ImageMagick (screenshots) and mingw-w64 (the ICU stub) live there too,
so the host needs nothing but debootstrap.

The chroot gets ``/proc``, ``/sys`` and a ``/dev/shm`` tmpfs while a check runs
and loses them at the end, even after a failure: nothing under ``build/`` is a
live mount between runs (``rm -rf build`` stays safe).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from stage import StageError, host_run

MIRROR = "http://deb.debian.org/debian"
SUITE = "bookworm"
# wine + wine64 + wine32:i386: WoW64 Wine 8.0 (64-bit app, 32-bit Inno Setup).
# xvfb: Wine needs an X display even for hidden windows. imagemagick: `import`
# takes the screenshot. gcc-mingw-w64: builds the icuuc.dll stub (icu_stub.py).
PACKAGES = (
    "wine",
    "wine64",
    "wine32:i386",
    "fonts-wine",
    "xvfb",
    "xauth",
    "imagemagick",
    "gcc-mingw-w64-x86-64-win32",
    "procps",
)
# /proc and /sys: Wine reads the CPUs there (without /sys, per-CPU times fail
# with "[WinError 1]" and so does psutil's CPU sampling).
MOUNTS = (("proc", "proc", "proc"), ("sysfs", "sys", "sysfs"), ("tmpfs", "dev/shm", "tmpfs"))
READY = "etc/concurrency-lab-chroot-ready"
# One line per package and step from debootstrap and dpkg: kept in the output, not echoed.
PACKAGE_CHATTER = re.compile(
    r"^(I: (Retrieving|Validating|Extracting|Unpacking|Configuring|Installing|Base system)|Selecting previously"
    r"|Preparing to unpack|Unpacking |Setting up |Processing triggers|\(Reading database|update-alternatives: using)"
)


class Chroot:
    """A bookworm chroot at ``root``; ``command()`` wraps a command line to run inside it."""

    def __init__(self, root: Path):
        self.root = root

    # ------------------------------------------------------------ creating it
    def ensure(self) -> None:
        """debootstrap + Wine (once; later runs find the ready stamp and return at once)."""
        stamp = self.root / READY
        wanted = " ".join(PACKAGES)
        if stamp.exists() and stamp.read_text().strip() == wanted:
            print(f"chroot ready at {self.root}")
            return
        if shutil.which("debootstrap") is None:
            host_run(["apt-get", "install", "-y", "-qq", "debootstrap"], timeout=600)
        if not (self.root / "usr/bin/apt-get").exists():
            if self.root.exists():  # a half-made chroot from an interrupted run
                self.unmount()
                shutil.rmtree(self.root)
            self.root.parent.mkdir(parents=True, exist_ok=True)
            host_run(
                ["debootstrap", "--variant=minbase", "--components=main", SUITE, str(self.root), MIRROR],
                timeout=1200,
                hide=PACKAGE_CHATTER,
            )
        (self.root / "etc/apt/sources.list").write_text(f"deb {MIRROR} {SUITE} main\n")
        with self.mounted():
            self.run(["dpkg", "--add-architecture", "i386"], timeout=60)
            self.run(["apt-get", "update", "-qq"], timeout=600)
            self.run(
                ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *PACKAGES],
                timeout=1800,
                env={"DEBIAN_FRONTEND": "noninteractive"},
                hide=PACKAGE_CHATTER,
            )
            self.run(["apt-get", "clean"], timeout=120)
        stamp.write_text(wanted + "\n")

    # ---------------------------------------------------------------- mounts
    def _mount_points(self) -> list[Path]:
        return [self.root / target for _source, target, _kind in MOUNTS]

    def mount(self) -> None:
        for source, target, kind in MOUNTS:
            point = self.root / target
            point.mkdir(parents=True, exist_ok=True)
            if not os.path.ismount(point):
                host_run(["mount", "-t", kind, source, str(point)], timeout=30, echo=False)

    def unmount(self) -> None:
        for point in reversed(self._mount_points()):
            if os.path.ismount(point):
                subprocess.run(["umount", "-l", str(point)], check=False, timeout=30)

    def mounted(self):
        chroot = self

        class _Mounted:
            def __enter__(self):
                chroot.mount()
                return chroot

            def __exit__(self, *exc):
                chroot.unmount()

        return _Mounted()

    # --------------------------------------------------------------- running
    def command(self, argv: list[str], env: dict[str, str] | None = None) -> list[str]:
        """``argv`` inside the chroot with a clean environment plus ``env``."""
        base = {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "HOME": "/root", "LANG": "C.UTF-8"}
        base.update(env or {})
        return ["chroot", str(self.root), "/usr/bin/env", "-i", *[f"{k}={v}" for k, v in base.items()], *argv]

    def run(
        self,
        argv: list[str],
        timeout: float,
        env: dict[str, str] | None = None,
        echo: bool = True,
        check: bool = True,
        hide: re.Pattern | None = None,
    ):
        return host_run(self.command(argv, env), timeout=timeout, echo=echo, check=check, hide=hide)

    def path(self, inside: str) -> Path:
        """The host path of ``inside`` (an absolute path inside the chroot)."""
        return self.root / inside.lstrip("/")


__all__ = ["Chroot", "StageError"]
