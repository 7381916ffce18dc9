"""What a frozen app leaves behind, how it behaves twice at once, and how fast it starts.

- The onefile variant (``dist/ConcurrencyLab-onefile``, built with
  ``CONCURRENCY_LAB_ONEFILE=1``) unpacks into a ``_MEI*`` temp dir; its spawned
  workers reuse it. After the app exits, none may remain.
- Spawn-mode locks and semaphores are named POSIX semaphores (``/dev/shm/sem.mp-*``
  on Linux) and shared memory is ``/dev/shm/psm_*``: the resource tracker must
  have unlinked every one the app created.
- Two copies started at once both work (no shared lock file, port or settings
  clash) and both leave nothing behind.
- The start-to-first-paint time of the frozen GUI is printed (CI logs show it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_frozen_app import (
    APP_DIR,
    BANNER,
    COMMAND_TIMEOUT,
    EXE_SUFFIX,
    LEFTOVER_GRACE,
    _processes_of,
    frozen_cli,
    run_app,
)

from desktop import launch_clock

pytestmark = pytest.mark.frozen
__all__ = ["frozen_cli"]  # the fixture, imported for the tests below

SHM_DIR = Path("/dev/shm")
SHM_PATTERN = re.compile(r"^(sem\.mp-|psm_|mp-)")
# Lessons that create spawn-mode locks, semaphores, conditions, shared values and managers.
IPC_LESSONS = ("ticket-lock", "semaphore-room", "deadlock", "shared-value-array", "joinable-queue", "manager-counter")
ONEFILE = APP_DIR.parent / f"ConcurrencyLab-onefile{EXE_SUFFIX}"
FIRST_PAINT = re.compile(r"first-paint ([0-9.]+)")
SETTLE_SECONDS = 5.0


def _shm_entries() -> set[str]:
    return {entry.name for entry in SHM_DIR.iterdir() if SHM_PATTERN.match(entry.name)}


def _new_entries_after_settling(before: set[str]) -> set[str]:
    """Entries that appeared since ``before`` and are still there after a grace period.

    Other test runs on the same machine create and remove their own entries; only
    what stays for SETTLE_SECONDS counts as a leftover.
    """
    deadline = time.monotonic() + SETTLE_SECONDS
    leftovers = _shm_entries() - before
    while leftovers and time.monotonic() < deadline:
        time.sleep(0.25)
        leftovers &= _shm_entries()
    return leftovers


@pytest.mark.skipif(not SHM_DIR.is_dir(), reason="POSIX shared memory is listable in /dev/shm on Linux only")
def test_no_semaphore_or_shared_memory_left_after_exit(frozen_cli):
    before = _shm_entries()
    args = [arg for lesson in IPC_LESSONS for arg in ("--lesson", lesson)]
    completed = run_app(frozen_cli, "self-test", *args, timeout=COMMAND_TIMEOUT * 2)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    leftovers = _new_entries_after_settling(before)
    assert not leftovers, f"the frozen app left these in /dev/shm: {sorted(leftovers)}"


def test_two_copies_at_once_both_work(frozen_cli):
    commands = [[str(frozen_cli), "self-test", "--lesson", "ticket-lock"]] * 2
    started = time.time()
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        for cmd in commands
    ]
    outputs = [proc.communicate(timeout=COMMAND_TIMEOUT * 2) for proc in procs]
    for proc, (stdout, stderr) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, stdout + stderr
        assert stdout.count(BANNER) == 1, stdout
    deadline = time.monotonic() + LEFTOVER_GRACE
    while (leftovers := _processes_of(frozen_cli, started)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not leftovers, f"two copies left processes behind: {[proc.pid for proc in leftovers]}"


def test_two_gui_copies_at_once_both_paint(frozen_cli):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [str(frozen_cli), "gui", "--exit-after-paint"]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
        for _ in range(2)
    ]
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=COMMAND_TIMEOUT)
        assert proc.returncode == 0, stderr
        assert FIRST_PAINT.search(stdout), stdout + stderr


def test_prints_frozen_start_to_ready_time(frozen_cli, capsys):
    # The console executable runs the GUI too; on Windows the windowed one has no stdout.
    completed = run_app(
        frozen_cli, "gui", "--exit-after-paint", env=launch_clock.launch_environment({"QT_QPA_PLATFORM": "offscreen"})
    )
    assert completed.returncode == 0, completed.stderr
    match = FIRST_PAINT.search(completed.stdout)
    assert match, completed.stdout
    assert completed.stdout.split()[-1] == "launcher", completed.stdout  # timed from our stamp, not the OS's
    with capsys.disabled():
        print(f"\nfrozen start-to-first-paint: {float(match.group(1)):.3f} s ({sys.platform})")


@pytest.fixture(scope="module")
def onefile() -> Path:
    if not ONEFILE.exists():
        if os.environ.get("CONCURRENCY_LAB_REQUIRE_ONEFILE") == "1":
            pytest.fail(f"no onefile build at {ONEFILE}")
        pytest.skip(f"no onefile build at {ONEFILE} (build with CONCURRENCY_LAB_ONEFILE=1)")
    if sys.platform == "win32":
        pytest.skip("the Windows onefile variant is windowed: no stdout to check")
    return ONEFILE


def test_onefile_leaves_no_mei_directory(onefile, tmp_path):
    # A private temp dir: the bootloader unpacks into $TMPDIR, and other programs'
    # _MEI* dirs in the shared /tmp cannot confuse the check.
    env = {**os.environ, "TMPDIR": str(tmp_path), "TEMP": str(tmp_path), "TMP": str(tmp_path)}
    proc = subprocess.Popen(
        [str(onefile), "self-test", "--lesson", "ticket-lock"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=env,
    )
    seen_while_running = set()
    while proc.poll() is None:  # the unpack dir exists while the app (and its workers) run
        seen_while_running |= {path.name for path in tmp_path.glob("_MEI*")}
        time.sleep(0.02)
    output = proc.communicate(timeout=COMMAND_TIMEOUT)[0]
    assert proc.returncode == 0, output
    assert output.count(BANNER) == 1, output
    assert seen_while_running, "the onefile app did not unpack into $TMPDIR: the check below would prove nothing"
    leftovers = sorted(path.name for path in tmp_path.glob("_MEI*"))
    assert not leftovers, f"onefile left its unpack dir(s) behind: {leftovers}"
