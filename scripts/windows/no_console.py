"""The windowed executable as Explorer starts it: no standard handles, so no stdout in it or its workers.

A windowed (GUI-subsystem) Windows program started from the Start menu has no
console and no standard handles: ``sys.stdout`` and ``sys.stderr`` are None,
in the app and in every worker it spawns. Under Wine a program started from
Linux inherits Linux's stdout instead (measured: a ``pythonw.exe`` started by
``wine`` and its spawned child both had a working ``sys.stdout``), which would
hide exactly the failures this check is for. So a small launcher starts the
program with ``STARTF_USESTDHANDLES`` and null handles, as Explorer does, and
a control run proves the condition holds (``sys.stdout is None`` in a
``pythonw.exe`` and in its spawned child) before the app's self-test counts.
"""

from __future__ import annotations

import re

from stage import StageError, Stages
from wine import Wine, windows_path

FOLDER = "/opt/cl/no-console"

LAUNCHER = r'''
"""Start a program with no standard handles (as Explorer starts a windowed app); exit with its exit code."""
import subprocess, sys
info = subprocess.STARTUPINFO(dwFlags=subprocess.STARTF_USESTDHANDLES, hStdInput=0, hStdOutput=0, hStdError=0)
sys.exit(subprocess.call(sys.argv[1:], startupinfo=info, close_fds=True))
'''

CONTROL = r'''
"""Write what sys.stdout is, in this process and in a spawned child, to the file named on the command line."""
import multiprocessing, sys


def child(path):
    with open(path, "a", encoding="utf-8") as out:
        out.write(f"child {sys.stdout is None} {sys.stderr is None}\n")


if __name__ == "__main__":
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.write(f"parent {sys.stdout is None} {sys.stderr is None}\n")
    worker = multiprocessing.get_context("spawn").Process(target=child, args=(sys.argv[1],))
    worker.start()
    worker.join()
'''


def _script(wine: Wine, name: str, text: str) -> str:
    path = wine.chroot.path(f"{FOLDER}/{name}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return windows_path(f"{FOLDER}/{name}")


def launch_without_handles(wine: Wine, python: str, argv: list[str], timeout: float):
    return wine.run([python, _script(wine, "launch.py", LAUNCHER), *argv], timeout=timeout, check=False)


def prove_no_stdout(wine: Wine, python: str) -> None:
    """The control: through the launcher, a pythonw.exe and its spawned child have sys.stdout/stderr None."""
    result = wine.chroot.path(f"{FOLDER}/control.txt")
    result.unlink(missing_ok=True)
    pythonw = python.replace("python.exe", "pythonw.exe")
    control = _script(wine, "control.py", CONTROL)
    launch_without_handles(wine, python, [pythonw, control, windows_path(f"{FOLDER}/control.txt")], timeout=120)
    seen = result.read_text(encoding="utf-8").split() if result.exists() else []
    if seen != ["parent", "True", "True", "child", "True", "True"]:
        raise StageError(f"the launcher did not take the standard handles away: {seen}")
    print("control: sys.stdout and sys.stderr are None in a windowed process and in its spawned child")


def summary(text: str) -> tuple[int, int]:
    """(passed, failed) from a self-test's last line."""
    found = re.search(r"self-test: (\d+) passed, (\d+) failed", text)
    if found is None:
        raise StageError("the self-test wrote no summary line")
    return int(found.group(1)), int(found.group(2))


# Under Wine (8.0, on these machines) CreateProcess fails now and then with
# ERROR_INTERNAL_ERROR, in bursts, for any program: measured with `wine
# start` itself ("ShellExecuteEx failed: Internal error") as well as inside
# the app. Real Windows does not fail that way, so a lesson that failed with
# exactly this error, and only such lessons, run once more; the figures say so.
WINE_CREATE_PROCESS_FLAKE = "[WinError 1359]"


def failed_lessons(text: str) -> dict[str, str]:
    """Lesson id -> its problem lines, for every FAIL line of a self-test report."""
    failed: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("FAIL "):
            current = line.split()[1]
            failed[current] = line
        elif line.startswith("     - ") and current:
            failed[current] += "\n" + line
        else:
            current = None
    return failed


def only_wine_flakes(text: str) -> list[str]:
    """The failed lessons if every one failed with Wine's CreateProcess flake; else []."""
    failed = failed_lessons(text)
    return list(failed) if failed and all(WINE_CREATE_PROCESS_FLAKE in f for f in failed.values()) else []


def _report_run(wine: Wine, python: str, exe: str, lessons: list[str]) -> tuple[str, int, float]:
    report = wine.chroot.path(f"{FOLDER}/self-test.txt")
    report.unlink(missing_ok=True)
    only = [argument for lesson in lessons for argument in ("--lesson", lesson)]
    completed = launch_without_handles(
        wine, python, [exe, "self-test", *only, "--report", windows_path(f"{FOLDER}/self-test.txt")], timeout=600
    )
    text = report.read_text(encoding="utf-8", errors="replace") if report.exists() else ""
    for line in text.splitlines():
        print(f"    {line}")
    if not text:
        raise StageError(f"no report written (exit code {completed.returncode})")
    return text, completed.returncode, completed.seconds


def windowed_self_test(stages: Stages, wine: Wine, python: str, exe: str) -> None:
    """``ConcurrencyLab.exe self-test --report FILE`` without standard handles: every lesson must pass."""
    prove_no_stdout(wine, python)
    text, returncode, seconds = _report_run(wine, python, exe, [])
    passed, failed = summary(text)
    stages.figure(f"self-test (windowed, no stdout): {passed} passed, {failed} failed in {seconds:.0f} s")
    retry = only_wine_flakes(text)
    if retry:
        print(f"retrying {retry}: they failed with Wine's CreateProcess error {WINE_CREATE_PROCESS_FLAKE}")
        text, returncode, _seconds = _report_run(wine, python, exe, retry)
        stages.figure(f"  retried after Wine's {WINE_CREATE_PROCESS_FLAKE}: {retry}: {summary(text)[0]} passed")
        failed = summary(text)[1]
    if returncode != 0 or failed:
        raise StageError(f"{failed} lesson(s) failed (exit code {returncode})")
