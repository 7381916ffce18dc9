"""Rapid Run/Stop in one sitting of the window leaves nothing behind (issue 15 item 9).

One window, built as the app builds it, runs lessons that make semaphores, heap
arenas (``Value``/``Array``), managers, pools and queues, and playground starters
(``SharedMemory`` is used by a starter only), and the user stops each run with
the keys at a seeded random moment: in the same breath as Run (F5), while the
run starts up, or mid-run (Esc or Shift+F5). Every cycle waits for the window's
``run_finished``. After the window has closed: no process of ours, none of the
``/dev/shm`` names the runs made, no scratch folder in the test's ``TMPDIR``.

Bounded by default (CI): 40 cycles. Full mode (``CONCURRENCY_LAB_RELIABILITY=full``):
1,200. ``CONCURRENCY_LAB_RELIABILITY_SEED`` replays another sequence. Run with
``-s`` for the summary line (cycles, Stop-to-finished median and max, leaks).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import Qt, QTimer

from desktop import settings
from desktop.monitor.sampler import Sampler
from desktop.runtime import named_resources, scratch
from desktop.runtime.script import starter
from desktop.settings import Settings
from desktop.ui.app import build_window
from desktop.ui.playground.playground import Playground
from desktop.ui.run_files import DOCUMENTS_ENV_VAR
from tests.conftest import leftover_children, processes_under

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(not os.path.isdir(named_resources.SHM_DIR), reason="POSIX names live in /dev/shm (Linux)"),
]

MODE = os.environ.get("CONCURRENCY_LAB_RELIABILITY", "bounded")
CYCLES = 1200 if MODE == "full" else 40
SEED = int(os.environ.get("CONCURRENCY_LAB_RELIABILITY_SEED", "20240611"))
LESSONS = (  # semaphores, heap arenas, managers, pools, queues
    "shared-value-array",
    "manager-counter",
    "manager-types",
    "pool-speedup",
    "pool-early-stop",
    "producer-consumer",
    "joinable-queue",
    "queue-feeder",
    "semaphore-room",
    "bounded-semaphore",
    "ticket-lock",
)
STARTERS = ("shared_memory.py", "value_array.py", "manager_dict.py")  # no lesson uses SharedMemory
MOMENTS = ("immediately", "start-up", "mid-run")
START_UP = (0.0, 0.25)  # seconds after the run's first events: the lesson makes its locks, queues, workers
MID_RUN = (0.25, 1.0)
FINISH_TIMEOUT_MS = 30_000  # a stopped run ends in well under a second; this only catches a hang
GRACE = 3.0  # seconds killed processes get to be reaped (as tests/conftest.py's fixture gives)


@dataclass
class Cycle:
    """What one Run/Stop cycle did and what its run was made of (to tell its /dev/shm names)."""

    subject: str
    moment: str
    delay: float
    status: str = ""
    stop_to_finished: float | None = None  # None: the run ended before the Stop
    pids: set[int] = field(default_factory=set)
    semprefix: str = ""
    names: set[str] = field(default_factory=set)  # /dev/shm entries the run reported
    released: int = 0

    def __str__(self) -> str:
        return f"{self.subject} stopped {self.moment} (+{self.delay:.2f} s)"

    def owns(self, shm_name: str) -> bool:
        """True if ``shm_name`` in /dev/shm was made by this run (its semaphores, arenas or reported names)."""
        if shm_name in self.names:
            return True
        if self.semprefix and shm_name.startswith(named_resources.run_entry_heads(self.semprefix)):
            return True
        return any(shm_name.startswith(f"pym-{pid}-") for pid in self.pids)


def plan() -> list[tuple[str, str, float]]:
    """(subject, moment, delay) per cycle: every subject in turn, in a seeded shuffled order."""
    rng = random.Random(SEED)
    subjects = list(LESSONS) + list(STARTERS)
    cycles = []
    while len(cycles) < CYCLES:
        rng.shuffle(subjects)
        for subject in subjects:
            moment = rng.choice(MOMENTS)
            delay = 0.0 if moment == "immediately" else rng.uniform(*(START_UP if moment == "start-up" else MID_RUN))
            cycles.append((subject, moment, delay))
    return cycles[:CYCLES]


def shm_names() -> set[str]:
    return set(os.listdir(named_resources.SHM_DIR))


def scratch_folders(root: Path) -> set[str]:
    return {path.name for path in root.glob(f"{scratch.PREFIX}*")}


def processes_left(tmp: Path) -> list[psutil.Process]:
    """The test's descendants and every process of its runs (by TMPDIR, re-parented ones too), after a grace."""

    def look() -> list[psutil.Process]:
        found = {proc.pid: proc for proc in leftover_children()}
        found.update((proc.pid, proc) for proc in processes_under(tmp))
        return list(found.values())

    left = look()
    if left:
        psutil.wait_procs(left, timeout=GRACE)
        left = look()
    for proc in left:  # the test fails; they must not outlive it
        try:
            proc.kill()
        except psutil.Error:
            pass
    return left


class User:
    """Drives the window with the keys and the playground's Run, as a student would."""

    def __init__(self, qtbot, window, tmp: Path):
        self.qtbot, self.window, self.tmp = qtbot, window, tmp
        self.playground = window.findChild(Playground)
        self.playground.show()
        self._stop_keys = [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)]
        self._stop_keys.append((Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier))

    def cycle(self, cycle: Cycle, index: int) -> None:
        """Run ``cycle.subject``, press Stop at its moment, wait for ``run_finished``; note what the run made."""
        window, bridge = self.window, self.window.bridge
        before = scratch_folders(self.tmp)
        stop_at: list[float] = []
        finished_at: list[float] = []
        timer = QTimer(window)
        timer.setSingleShot(True)
        timer.setInterval(round(cycle.delay * 1000))
        timer.timeout.connect(lambda: self._press_stop(index, cycle, stop_at))

        armed: list[bool] = []

        def on_events(_events: list) -> None:
            if not armed:
                armed.append(True)
                timer.start()  # the run has reported in: from now on it is starting up, then running

        def on_finished(_record: object) -> None:
            finished_at.append(time.perf_counter())

        bridge.run_finished.connect(on_finished)
        with self.qtbot.waitSignal(bridge.run_finished, timeout=FINISH_TIMEOUT_MS) as finished:
            self._press_run(cycle.subject)
            run = bridge.run
            (folder,) = scratch_folders(self.tmp) - before
            cycle.semprefix = named_resources.run_semprefix(str(self.tmp / folder))
            if cycle.moment == "immediately":
                self._press_stop(index, cycle, stop_at)
            else:
                bridge.events_received.connect(on_events)
        timer.stop()
        bridge.run_finished.disconnect(on_finished)
        if cycle.moment != "immediately":
            bridge.events_received.disconnect(on_events)
        timer.deleteLater()
        record = finished.args[0]
        cycle.status = record.status
        assert record.status in ("stopped", "passed"), f"cycle {index}: {cycle}: {record.status} {record.error}"
        if stop_at and record.status == "stopped":
            cycle.stop_to_finished = finished_at[0] - stop_at[0]
        cycle.pids |= set(run.pids())
        cycle.names = {
            f"sem.{n.lstrip('/')}" if t == "semaphore" else n.lstrip("/") for n, t in run.named_resources_seen.items()
        }
        cycle.released = len(run.released_resources)
        assert not (self.tmp / folder).exists(), f"cycle {index}: {cycle} left its scratch folder"

    def _press_run(self, subject: str) -> None:
        window = self.window
        with self.qtbot.waitSignal(window.bridge.run_started, timeout=5_000):
            if subject.endswith(".py"):
                chosen = next(each for each in starter.STARTERS if each.file == subject)
                assert self.playground.open_starter(chosen)
                self.playground.run_action.trigger()  # the playground's Run script (Ctrl+R in its editor)
            else:
                assert window.select_lesson(subject)
                self.qtbot.keyClick(window, Qt.Key.Key_F5)

    def _press_stop(self, index: int, cycle: Cycle, stop_at: list[float]) -> None:
        window = self.window
        if not window.stop_action.isEnabled():
            return  # the run has ended: there is nothing to stop
        cycle.pids |= {p.pid for p in leftover_children()}  # including any that have not reported in yet
        key, modifier = self._stop_keys[index % len(self._stop_keys)]
        stop_at.append(time.perf_counter())
        self.qtbot.keyClick(window, key, modifier)
        assert window.bridge.run is None or window.bridge.run.stop_requested, f"cycle {index}: the Stop key did nothing"


@pytest.mark.timeout(4 * 3600 if MODE == "full" else 600)
def test_rapid_run_stop_in_one_sitting_leaves_no_process_name_or_folder(qtbot, tmp_path, short_tmp_path, monkeypatch):
    monkeypatch.setenv(settings.DIRECTORY_ENV_VAR, str(tmp_path / "settings"))
    monkeypatch.setenv(DOCUMENTS_ENV_VAR, str(tmp_path / "documents"))
    for name in ("TMPDIR", "TEMP", "TMP"):  # the runs' scratch folders go here, and only here
        monkeypatch.setenv(name, str(short_tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(short_tmp_path))
    shm_before = shm_names()
    cycles = [Cycle(subject, moment, delay) for subject, moment, delay in plan()]
    sampler = Sampler()
    sampler.start()
    try:
        window = build_window(sampler, Settings())
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        with qtbot.waitActive(window):  # the Run and Stop keys are the window's shortcuts
            window.activateWindow()
        user = User(qtbot, window, short_tmp_path)
        for index, cycle in enumerate(cycles):
            user.cycle(cycle, index)
            left = processes_left(short_tmp_path)
            assert not left, f"cycle {index}: {cycle} left {left}"
            ours = sorted(name for name in shm_names() - shm_before if cycle.owns(name))
            assert not ours, f"cycle {index}: {cycle} left {ours} in /dev/shm"
        window.close()
    finally:
        sampler.stop()
    left = processes_left(short_tmp_path)
    new_names = {n for n in shm_names() - shm_before if n.startswith(("pym-", "sem.", "psm_"))}
    ours = sorted(n for n in new_names if any(cycle.owns(n) for cycle in cycles))
    folders = sorted(scratch_folders(short_tmp_path))
    collectors = [t.name for t in threading.enumerate() if t.name == "run-collector"]
    times = [c.stop_to_finished for c in cycles if c.stop_to_finished is not None]
    by_moment = {m: sum(c.moment == m and c.status == "stopped" for c in cycles) for m in MOMENTS}
    print(
        f"\n{len(cycles)} Run/Stop cycles ({MODE}, seed {SEED}, {sys.platform}): {len(times)} stopped "
        f"({', '.join(f'{n} {m}' for m, n in by_moment.items())}), {len(cycles) - len(times)} ended before the Stop; "
        f"Stop to run_finished median {statistics.median(times):.3f} s, max {max(times):.3f} s; "
        f"leaks after close: {len(left)} processes, {len(ours)} /dev/shm names, {len(folders)} scratch folders; "
        f"{sum(c.released for c in cycles)} names unlinked by the runtime for killed processes; "
        f"new /dev/shm names not of these runs: {sorted(new_names - set(ours))[:5]}"
    )
    assert not left, f"processes left after the window closed: {left}"
    assert not ours, f"/dev/shm names left after the window closed: {ours}"
    assert not folders, f"scratch folders left in {short_tmp_path}: {folders}"
    assert not collectors, "a run's collector thread outlived the window"
    assert len(times) >= len(cycles) // 2  # the moments came while the runs were going
