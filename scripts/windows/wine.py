"""Wine inside the chroot: the prefix, the X display, and Wine calls that cannot hang.

Measured on Wine 8.0 (Debian bookworm):
- Wine needs an X display even for programs that never show a window: Xvfb.
- With a display, a crashing program opens winedbg's modal dialog and waits
  forever: ``HKCU\\Software\\Wine\\WineDbg\\ShowCrashDialog = 0`` is set before
  anything else runs, and every call has a deadline (stage.host_run).
- ``mscoree``/``mshtml`` are disabled so that creating the prefix never asks
  to install Wine Mono or Gecko.
- Wine strips ``QT_*`` variables from the Windows environment; a
  ``WINEQT_QPA_PLATFORM`` arrives as ``QT_QPA_PLATFORM`` (not needed here: Qt's
  native "windows" platform works on Xvfb).
"""

from __future__ import annotations

import re
import subprocess
import threading
import time
from pathlib import Path

from chroot import Chroot
from stage import Completed, StageError, host_run

PREFIX = "/opt/cl/prefix"  # inside the chroot
FIRST_DISPLAY = 99  # the first X display number tried; taken ones are skipped (free_display)
SCREEN = "1400x950x24"
PREFIX_READY = "concurrency-lab-prefix-ready"


def free_display(first: int = FIRST_DISPLAY) -> str:
    """The first X display number from ``first`` on that no X server on this machine listens on.

    X servers listen on an abstract Unix socket, which a chroot does not
    separate: a second check (or a developer's Xvfb) on :99 would make ours
    fail to start or, worse, draw the windows on the other one.
    """
    listening = Path("/proc/net/unix").read_text() if Path("/proc/net/unix").exists() else ""
    number = first
    while f"/tmp/.X11-unix/X{number}\n" in listening or Path(f"/tmp/.X{number}-lock").exists():
        number += 1
    return f":{number}"


def windows_path(inside: str) -> str:
    """The Windows name of a path inside the chroot (Wine maps Z: to /)."""
    return "Z:" + inside.replace("/", "\\")


class Wine:
    def __init__(self, chroot: Chroot):
        self.chroot = chroot
        self.xvfb: subprocess.Popen | None = None
        self.keeper: subprocess.Popen | None = None
        self.display = f":{FIRST_DISPLAY}"  # start_display picks a free one

    @property
    def env(self) -> dict[str, str]:
        return {
            "WINEPREFIX": PREFIX,
            "WINEARCH": "win64",
            "WINEDEBUG": "-all",
            "DISPLAY": self.display,
            "WINEDLLOVERRIDES": "mscoree=d;mshtml=d;winemenubuilder.exe=d",
        }

    def drive_c(self, relative: str = "") -> str:
        """Host path of C:\\relative in the prefix."""
        return str(self.chroot.path(f"{PREFIX}/drive_c/{relative}"))

    def windows_name(self, path: Path) -> str:
        """Windows name of a host path inside the chroot (C:\\... inside the prefix's drive_c, else Z:\\...)."""
        drive_c = Path(self.drive_c())
        if path.is_relative_to(drive_c):
            return "C:\\" + str(path.relative_to(drive_c)).replace("/", "\\")
        return windows_path("/" + path.relative_to(self.chroot.root).as_posix())

    # ------------------------------------------------------------ X display
    def start_display(self) -> None:
        self.display = free_display()
        lock = self.chroot.path(f"/tmp/.X{self.display[1:]}-lock")
        lock.unlink(missing_ok=True)  # left by a killed run; the chroot has no other X server
        self.chroot.path(f"/tmp/.X11-unix/X{self.display[1:]}").unlink(missing_ok=True)
        argv = self.chroot.command(["Xvfb", self.display, "-screen", "0", SCREEN, "-nolisten", "tcp"])
        self.xvfb = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        socket = self.chroot.path(f"/tmp/.X11-unix/X{self.display[1:]}")
        deadline = time.monotonic() + 30
        while not socket.exists():
            if self.xvfb.poll() is not None or time.monotonic() > deadline:
                raise StageError("Xvfb did not start")
            time.sleep(0.2)

    def stop_display(self) -> None:
        if self.xvfb is not None and self.xvfb.poll() is None:
            self.xvfb.terminate()
            try:
                self.xvfb.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.xvfb.kill()
        self.xvfb = None

    # --------------------------------------------------------------- desktop
    def start_desktop(self, python: str) -> None:
        """Start Wine's desktop process (explorer.exe) now, from a long-lived keeper process.

        Wine starts explorer.exe as a *child* of the first GUI program that
        needs the desktop. Without this, the windowed app would get an
        explorer.exe child that outlives its runs, and the self-test's "no
        process left behind" check would (rightly, for what it sees) fail.
        On Windows, explorer.exe is never the app's child.
        """
        keeper = "import ctypes, time; ctypes.windll.user32.GetDesktopWindow(); time.sleep(86400)"
        self.keeper = self.start([python, "-c", keeper])

    def start(self, argv: list[str]) -> subprocess.Popen:
        """``wine argv...`` in the background; its output lines are kept in ``.output``.

        Through a pipe, not /dev/null: a Windows Python whose stdout is not a
        pipe or console may die at start-up under Wine 8 ("[WinError 6]").
        The caller ends it (taskkill, or kill_server at the end).
        """
        process = subprocess.Popen(
            self.chroot.command(["wine", *argv], self.env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.output = []  # its lines, for a message when it ends too early

        def drain() -> None:
            for raw in iter(process.stdout.readline, b""):
                process.output.append(raw.decode("utf-8", "replace").rstrip())

        threading.Thread(target=drain, daemon=True).start()
        return process

    # ---------------------------------------------------------------- calls
    def kill_server(self) -> None:
        """``wineserver -k``: ends every Windows process of the prefix (and the desktop keeper)."""
        subprocess.run(
            self.chroot.command(["wineserver", "-k"], self.env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )
        if self.keeper is not None:
            try:
                self.keeper.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.keeper.kill()
            self.keeper = None

    def wait_server(self, timeout: float = 120) -> None:
        """``wineserver -w``: wait until every Windows process of the prefix has ended."""
        host_run(self.chroot.command(["wineserver", "-w"], self.env), timeout=timeout, on_timeout=self.kill_server)

    def run(
        self,
        argv: list[str],
        timeout: float,
        env: dict[str, str] | None = None,
        check: bool = True,
        echo: bool = True,
        hide: re.Pattern | None = None,
    ) -> Completed:
        """``wine argv...`` inside the chroot, killed with the whole prefix at ``timeout``."""
        environment = {**self.env, **(env or {})}
        return host_run(
            self.chroot.command(["wine", *argv], environment),
            timeout=timeout,
            echo=echo,
            check=check,
            on_timeout=self.kill_server,
            hide=hide,
        )

    # ---------------------------------------------------------------- prefix
    def ensure_prefix(self) -> None:
        stamp = self.chroot.path(f"{PREFIX}/{PREFIX_READY}")
        if stamp.exists():
            print(f"Wine prefix ready at {PREFIX}")
            return
        self.chroot.path(PREFIX).parent.mkdir(parents=True, exist_ok=True)
        self.run(["wineboot", "--init"], timeout=300)
        self.wait_server()
        self.run(
            ["reg", "add", r"HKCU\Software\Wine\WineDbg", "/v", "ShowCrashDialog", "/t", "REG_DWORD", "/d", "0", "/f"],
            timeout=120,
        )
        self.wait_server()
        stamp.write_text("ok\n")
