"""Students' scripts in the frozen Windows app, under Wine: ``concurrency-lab-cli.exe script-self-test``.

Every starter (``resources/starters/*.py``, shipped in the bundle) runs as a
student's script: instrumented, in spawn mode, with its children. This is the
case issue 16 item 5 asks to prove on Windows: a frozen Windows app never sends
the main module's path to its children (the ``WINEXE`` check in
``multiprocessing.spawn.get_preparation_data``), so without the runner putting
the script's path back (``desktop/runtime/instrument/lifecycle.py``) a child
could not find the script's functions and every starter that starts a process
would fail here while passing on Linux.
"""

from __future__ import annotations

from pathlib import Path

from no_console import summary
from stage import StageError, Stages
from wine import Wine

STARTERS = Path(__file__).resolve().parents[2] / "resources" / "starters"


def script_self_test(stages: Stages, wine: Wine, exe: str, label: str) -> None:
    """``exe script-self-test`` through a pipe: every starter must pass, frozen."""
    expected = len(list(STARTERS.glob("*.py")))
    completed = wine.run([exe, "script-self-test"], timeout=900, check=False)
    passed, failed = summary(completed.output)
    stages.figure(f"script-self-test ({label}): {passed} passed, {failed} failed in {completed.seconds:.0f} s")
    if " frozen," not in completed.output:
        raise StageError("script-self-test did not run frozen")
    if completed.returncode != 0 or failed or passed != expected:
        raise StageError(
            f"{failed} starter(s) failed, {passed} of {expected} passed (exit code {completed.returncode})"
        )
