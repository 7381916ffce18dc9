"""What the Windows check demands of the built (and of the installed) app, run under Wine.

- The console executable's ``self-test`` passes every lesson, frozen, in spawn mode,
  and its ``script-self-test`` every starter script (script_check.py).
- The windowed executable's ``self-test`` passes too, started as Explorer
  starts it: no standard handles, so ``sys.stdout``/``sys.stderr`` are None
  in it and in its workers (no_console.py); ``--report`` writes the result.
- The windowed executable paints its window (``gui --exit-after-paint``), and
  a screenshot of the real window under Xvfb is saved.
- Killing the app mid-run (``taskkill /F``, kill_check.py) and Stop leave no
  process in the Windows process list (process_list.py: Wine 8's tasklist is a stub).
- The onefile variant unpacks into a fresh ``_MEI*`` folder next to a stale one
  and removes its own folder at exit.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import kill_check
import no_console
import script_check
import winbuild
from no_console import summary
from process_list import tasklist
from stage import StageError, Stages, wait_for
from wine import Wine, windows_path

CLI = "concurrency-lab-cli.exe"
WINDOWED = "ConcurrencyLab.exe"
SCREENSHOT_INSIDE = "/opt/cl/shots"


def self_test(stages: Stages, wine: Wine, exe: Path, label: str, lessons: tuple[str, ...] = ()) -> None:
    """``exe self-test`` (all lessons, or ``lessons``) through a pipe; every lesson must pass."""
    only = [argument for lesson in lessons for argument in ("--lesson", lesson)]
    completed = wine.run([wine.windows_name(exe), "self-test", *only], timeout=600, check=False)
    passed, failed = summary(completed.output)
    stages.figure(f"self-test ({label}): {passed} passed, {failed} failed in {completed.seconds:.0f} s")
    retry = no_console.only_wine_flakes(completed.output)
    if retry:  # no_console.WINE_CREATE_PROCESS_FLAKE says why
        print(f"retrying {retry}: they failed with Wine's CreateProcess error {no_console.WINE_CREATE_PROCESS_FLAKE}")
        again = [argument for lesson in retry for argument in ("--lesson", lesson)]
        completed = wine.run([wine.windows_name(exe), "self-test", *again], timeout=600, check=False)
        passed, failed = summary(completed.output)
        stages.figure(f"  retried after Wine's {no_console.WINE_CREATE_PROCESS_FLAKE}: {retry}: {passed} passed")
    if completed.returncode != 0 or failed:
        raise StageError(f"{failed} lesson(s) failed (exit code {completed.returncode})")


def first_paint(stages: Stages, wine: Wine, exe: Path, label: str) -> None:
    """``gui --exit-after-paint``: the window paints and the app quits by itself (exit code 0)."""
    completed = wine.run([wine.windows_name(exe), "gui", "--exit-after-paint"], timeout=180)
    painted = re.search(r"first-paint ([\d.]+)", completed.output)
    detail = f"app says {float(painted.group(1)):.1f} s, " if painted else ""
    stages.figure(f"first paint ({label}): {detail}{completed.seconds:.1f} s wall including Wine start-up")


def _colours(image: str, wine: Wine) -> int:
    counted = wine.chroot.run(["identify", "-format", "%k", image], timeout=60, echo=False, check=False)
    return int(counted.output.strip() or 0) if counted.returncode == 0 else 0


def screenshot(stages: Stages, wine: Wine, exe: Path, target: Path) -> None:
    """Open the window, wait until two shots in a row show it drawn, save the last (ImageMagick ``import``)."""
    shots = wine.chroot.path(SCREENSHOT_INSIDE)
    shots.mkdir(parents=True, exist_ok=True)
    app = wine.start([wine.windows_name(exe), "gui", "--lesson", "ticket-lock"])
    shot = f"{SCREENSHOT_INSIDE}/window.png"
    try:
        previous, deadline = -1, time.monotonic() + 120
        while True:
            if app.poll() is not None:
                raise StageError(f"the window closed by itself (exit code {app.returncode})")
            if time.monotonic() > deadline:
                raise StageError("the window did not settle within 120 s")
            time.sleep(3)
            wine.chroot.run(["import", "-display", wine.display, "-window", "root", shot], timeout=60, echo=False)
            colours = _colours(shot, wine)
            if colours > 100 and previous > 100:  # drawn on two shots in a row (the live plot keeps changing)
                break
            previous = colours
    finally:
        wine.run(["taskkill", "/F", "/IM", exe.name], timeout=60, check=False, echo=False)
        try:
            app.wait(timeout=30)
        except subprocess.TimeoutExpired:
            wine.kill_server()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wine.chroot.path(shot), target)
    stages.figure(f"screenshot {target} ({colours} colours)")


# --------------------------------------------------------- process checks
STOP_DRIVER = r'''
"""Stop a running lesson through the runtime's own Run.stop() and list what is left (Windows CPython)."""
import sys, time
sys.path.insert(0, sys.argv[1])
if __name__ == "__main__":
    import psutil
    from desktop.lessons import catalog
    from desktop.runtime.run import Run
    lesson = catalog.load("semaphore-room")
    run = Run(lesson, lesson.parse_params({"visitors": "8", "room_keys": "2", "stay": "5"}))
    run.start()
    deadline = time.monotonic() + 90
    while len(psutil.Process().children(recursive=True)) < 5 and time.monotonic() < deadline:
        time.sleep(0.5)
    started = [p.pid for p in psutil.Process().children(recursive=True)]
    print("STARTED", *started, flush=True)
    run.stop()
    print("FINISHED", run.wait(60), flush=True)
'''


def stop_leaves_nothing(stages: Stages, wine: Wine, python: str) -> None:
    """Run.stop() of a running lesson (the GUI's Stop) under Windows CPython; then nothing may be listed."""
    driver = wine.chroot.path("/opt/cl/stop_driver.py")
    driver.write_text(STOP_DRIVER)
    completed = wine.run([python, wine.windows_name(driver), windows_path(winbuild.SOURCE)], timeout=180)
    started = next((line.split()[1:] for line in completed.output.splitlines() if line.startswith("STARTED")), [])
    if len(started) < 5:
        raise StageError(f"the run had only {len(started)} processes when stopped")
    if "FINISHED True" not in completed.output:
        raise StageError("the run did not finish within 60 s of Stop")
    left = {
        pid: name
        for pid, name in tasklist(wine, python).items()
        if str(pid) in started and name.lower() == "python.exe"
    }
    if left:
        raise StageError(f"processes left after Stop: {left}")
    stages.figure(f"stop: all {len(started)} processes of the run gone")


def onefile_fresh_extraction(stages: Stages, wine: Wine, onefile: Path) -> None:
    """The onefile app next to a stale _MEI folder: it unpacks afresh and removes its own folder at exit."""
    temp = wait_for(
        lambda: (
            next(Path(wine.drive_c("users")).glob("*/AppData/Local/Temp"), None)
            or next(Path(wine.drive_c("users")).glob("*/Temp"), None)
        ),
        5,
        "no Temp folder in the prefix",
    )
    for old in temp.glob("_MEI*"):
        shutil.rmtree(old, ignore_errors=True)
    stale = temp / "_MEI999999"
    (stale / "desktop").mkdir(parents=True)
    (stale / "base_library.zip").write_bytes(b"stale: not a zip")
    started = time.monotonic()
    app = wine.start([wine.windows_name(onefile), "self-test", "--lesson", "ticket-lock"])
    seen: set[str] = set()  # the unpack folders seen while it ran
    try:
        while app.poll() is None:
            if time.monotonic() - started > 300:
                raise StageError("the onefile app did not finish within 300 s")
            seen |= {path.name for path in temp.glob("_MEI*") if path != stale}
            time.sleep(0.2)
    finally:
        if app.poll() is None:
            wine.run(["taskkill", "/F", "/IM", onefile.name], timeout=60, check=False, echo=False)
            app.kill()
    if app.returncode != 0:
        raise StageError(f"the onefile app failed next to a stale _MEI folder (exit code {app.returncode})")
    if not seen:
        raise StageError(f"the onefile app never unpacked into {temp}: this check would prove nothing")
    left = sorted(path.name for path in temp.glob("_MEI*") if path != stale)
    if left:
        raise StageError(f"the onefile app left its unpack folder(s): {left}")
    shutil.rmtree(stale)
    stages.figure(f"onefile: unpacked afresh into {sorted(seen)}, removed at exit; {time.monotonic() - started:.0f} s")


# ------------------------------------------------------------ the stages
def desktop(wine: Wine, python: str) -> None:
    """Wine's explorer.exe, up before any windowed app (wine.start_desktop says why)."""
    wine.start_desktop(python)
    wait_for(lambda: "explorer.exe" in tasklist(wine, python).values(), 60, "Wine's explorer.exe did not start")


def run_all(stages: Stages, wine: Wine, dist: Path, python: str, screenshot_to: Path) -> None:
    onedir = dist / winbuild.APP
    stages.run("Wine's desktop process, started up front", lambda: desktop(wine, python), setup=True)
    stages.run("CLI exe: self-test (all lessons)", lambda: self_test(stages, wine, onedir / CLI, "cli"))
    stages.run(
        "CLI exe: script-self-test (all starters, children find the script's functions)",
        lambda: script_check.script_self_test(stages, wine, wine.windows_name(onedir / CLI), "cli"),
    )
    stages.run(
        "windowed exe: self-test with no stdout (as Explorer starts it)",
        lambda: no_console.windowed_self_test(stages, wine, python, wine.windows_name(onedir / WINDOWED)),
    )
    stages.run("windowed exe: first paint", lambda: first_paint(stages, wine, onedir / WINDOWED, "build"))
    stages.run("windowed exe: screenshot", lambda: screenshot(stages, wine, onedir / WINDOWED, screenshot_to))
    stages.run(
        "kill the app mid-run: no process left",
        lambda: kill_check.killed_app_leaves_nothing(stages, wine, onedir / CLI, python),
    )
    stages.run("Stop a running lesson: no process left", lambda: stop_leaves_nothing(stages, wine, python))
    onefile = dist / f"{winbuild.APP}-onefile.exe"
    if onefile.is_file():
        stages.run("onefile: fresh extraction folder", lambda: onefile_fresh_extraction(stages, wine, onefile))


# The installed files are the build's, byte for byte (innosetup.install checks), and the build passed every
# lesson above; from the install folder (a path with spaces, under Program Files) one lesson of each
# mechanism runs: processes, a pool, a manager, shared memory, queues, sockets, printing workers, coroutines.
INSTALLED_LESSONS = (
    "process-basics",
    "pool-lifecycle",
    "manager-counter",
    "shared-value-array",
    "producer-consumer",
    "socket-server",
    "print-interleave",
    "coroutines",
)


def installed_app(stages: Stages, wine: Wine, installed: Path) -> None:
    stages.run(
        f"installed app: self-test ({len(INSTALLED_LESSONS)} lessons, one per mechanism)",
        lambda: self_test(stages, wine, installed / CLI, "installed", INSTALLED_LESSONS),
    )
    stages.run("installed app: first paint", lambda: first_paint(stages, wine, installed / WINDOWED, "installed"))
