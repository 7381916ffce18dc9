"""Kill the app mid-run with ``taskkill /F`` (no clean-up code runs): nothing of the run may stay listed.

The run process notices that its parent has gone and kills its own tree,
and every worker ends when its parent does (desktop.runtime.probe), so the
Windows process list must empty within seconds.

Why a watcher inside Windows: each look at the process list from the Linux
side starts a Windows Python under Wine (seconds each, more on a busy
machine), and a run can end between the look and the kill. The watcher is
started before the app and polls Toolhelp32 every 0.2 s; it kills the app's
top process with ``taskkill /F`` as soon as the whole tree (app, run process,
every visitor) is listed, then times how long the tree takes to disappear.
"""

from __future__ import annotations

import time
from pathlib import Path

from process_list import SNAPSHOT, app_processes, tasklist
from stage import StageError, Stages
from wine import Wine

VISITORS = 16
# One key and long stays: the visitors queue at a semaphore for about a minute, so the run cannot end
# on its own before the tree is listed, and the kill hits workers blocked in acquire().
LONG_RUN = ["run", "semaphore-room", "--param", f"visitors={VISITORS}", "--param", "room_keys=1"]
LONG_RUN += ["--param", "stay=5"]
TREE_SIZE = VISITORS + 2  # the app, its run process, one process per visitor
GONE_WITHIN = 30.0  # seconds after taskkill /F

WATCHER = (
    SNAPSHOT
    + r'''
"""Wait for the app's whole tree, taskkill /F its top process, time until none of the tree is listed."""
import subprocess, sys, time


def listed(name):
    """pid -> parent pid of every process whose image is ``name``."""
    return {pid: parent for pid, parent, image in processes() if image.lower() == name}


name, size, within = sys.argv[1].lower(), int(sys.argv[2]), float(sys.argv[3])
print("WATCHING", flush=True)
deadline, most = time.monotonic() + 180, 0
while True:
    tree = listed(name)
    most = max(most, len(tree))
    if len(tree) >= size:
        break
    if time.monotonic() > deadline:
        print("NEVER", most, flush=True)
        sys.exit(3)
    time.sleep(0.2)
roots = [pid for pid, parent in tree.items() if parent not in tree]
print("TREE", *sorted(tree), "ROOTS", *roots, flush=True)
if len(roots) != 1:
    sys.exit(4)
killed = time.monotonic()
subprocess.run(["taskkill", "/F", "/PID", str(roots[0])], stdin=subprocess.DEVNULL, timeout=60)
while True:
    left = sorted(set(listed(name)) & set(tree))
    if not left:
        print(f"GONE {time.monotonic() - killed:.2f}", flush=True)
        sys.exit(0)
    if time.monotonic() - killed > within:
        print("LEFT", *left, flush=True)
        sys.exit(5)
    time.sleep(0.2)
'''
)


def _line(output: list[str], tag: str) -> list[str] | None:
    return next((line.split()[1:] for line in output if line.startswith(tag)), None)


def killed_app_leaves_nothing(stages: Stages, wine: Wine, exe: Path, python: str) -> None:
    """Start a long run, ``taskkill /F`` the app once its whole tree is up, and time until the tree is gone."""
    if app_processes(wine, python, (exe.name,)):
        raise StageError(f"processes of the app are running before the check: {tasklist(wine, python)}")
    script = wine.chroot.path("/opt/cl/kill_watcher.py")
    script.write_text(WATCHER)
    watcher = wine.start([python, wine.windows_name(script), exe.name, str(TREE_SIZE), str(GONE_WITHIN)])
    app = None
    try:
        deadline = time.monotonic() + 120
        while "WATCHING" not in watcher.output:  # the watcher's own Wine start-up is not the app's time
            if watcher.poll() is not None or time.monotonic() > deadline:
                raise StageError("the process watcher did not start:\n" + "\n".join(watcher.output))
            time.sleep(0.2)
        app = wine.start([wine.windows_name(exe), *LONG_RUN])
        try:
            watcher.wait(timeout=300)
        except Exception:
            raise StageError("the process watcher did not finish within 300 s") from None
        output = "\n".join(watcher.output)
        if _line(watcher.output, "NEVER") is not None:
            ended = f" (the app ended with exit code {app.returncode}:\n" + "\n".join(app.output) + ")"
            raise StageError(
                f"the app's tree never reached {TREE_SIZE} processes (most: {_line(watcher.output, 'NEVER')[0]})"
                + (ended if app.poll() is not None else "")
            )
        tree = _line(watcher.output, "TREE") or []
        if watcher.returncode != 0:
            raise StageError(f"processes of the killed app were still listed {GONE_WITHIN:.0f} s later:\n{output}")
        gone = float(_line(watcher.output, "GONE")[0])
        stages.figure(f"kill: {tree.index('ROOTS')} processes of the app gone {gone:.1f} s after taskkill /F")
    finally:
        if watcher.poll() is None:
            watcher.kill()
        if app is not None and app.poll() is None:
            wine.run(["taskkill", "/F", "/IM", exe.name], timeout=60, check=False, echo=False)
            app.kill()
