"""The Windows app, proven under Wine: build, self-test, first paint, installer, uninstall.

    python scripts/dev.py windows            every stage (as root, on a Debian 12 machine)
    python scripts/dev.py windows --keep     also keep the app installed in the prefix at the end
    python scripts/dev.py windows --reuse-build   skip the build when one exists (while working on the checks)
    python scripts/dev.py windows --reuse-build --from kill   ... and the checks before the first stage so named

What each stage does and why is in the modules next to this file:
chroot.py (Wine 8 with 32-bit support, Xvfb), wine.py (the prefix, calls that
cannot hang), winpython.py (Windows CPython + wheels), icu_stub.py (QtCore
under Wine), winbuild.py (PyInstaller under Wine), checks.py (the app's checks;
kill_check.py and process_list.py for the kill), innosetup.py (compile,
install, uninstall). Downloads and the chroot are cached under
build/windows/ (ignored by git); a second run reuses them.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import checks
import icu_stub
import innosetup
import winbuild
import winpython
from chroot import Chroot
from stage import StageError, Stages
from wine import Wine

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "build" / "windows"
CACHE = WORK / "cache"


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if sys.platform != "linux" or os.geteuid() != 0:
        print("the Windows check runs on Linux as root (it installs packages and makes a chroot)", file=sys.stderr)
        return 2
    # A CI timeout sends SIGTERM: leave through the finally below, which ends Wine and unmounts.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    start_at = argv[argv.index("--from") + 1] if "--from" in argv[:-1] else None
    stages = Stages(start_at)
    chroot = Chroot(WORK / "chroot")
    wine = Wine(chroot)
    state: dict = {}
    stages.run("host tools (debootstrap, npm)", innosetup.ensure_host_tools, setup=True)
    stages.run("chroot: Wine 8 with 32-bit support, Xvfb, mingw-w64", chroot.ensure, setup=True)
    try:
        chroot.mount()
        stages.run("X display (Xvfb)", wine.start_display, setup=True)
        stages.run("Wine prefix", wine.ensure_prefix, setup=True)

        def downloads() -> None:
            state["wanted"] = winpython.download(CACHE)
            innosetup.download(CACHE)

        stages.run("downloads: embeddable Python 3.11, win_amd64 wheels, Inno Setup", downloads, setup=True)

        def python() -> None:
            state["python"] = winpython.install(wine, CACHE, state["wanted"])

        stages.run("Windows Python + wheels", python, setup=True)
        stages.run("stub icuuc.dll (QtCore loads)", lambda: icu_stub.install(wine, state["python"]), setup=True)
        if "--reuse-build" in argv and (winbuild.dist_dir(wine) / winbuild.APP).is_dir():
            print("reusing the last build (--reuse-build)")
        else:
            stages.run("PyInstaller build under Wine", lambda: winbuild.build(wine, state["python"], ROOT, stages))
        checks.run_all(stages, wine, winbuild.dist_dir(wine), state["python"], WORK / "ConcurrencyLab-wine.png")
        innosetup.run_all(stages, wine, ROOT, CACHE, keep="--keep" in argv)
    except StageError as error:  # raised outside a stage (e.g. while mounting)
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        wine.kill_server()
        wine.stop_display()
        chroot.unmount()
    stages.summary()
    print("\nWindows check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
