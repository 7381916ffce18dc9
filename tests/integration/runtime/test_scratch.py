"""A killed app leaves no ``$TMPDIR/concurrency-lab-run-*`` behind (issue 15 item 8).

The run process that outlives its app removes its scratch folder; an app that
starts removes the folders whose owner is gone and leaves the others alone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from desktop.runtime import scratch

ROOT = Path(__file__).resolve().parents[3]


def cli(tmp: Path, *args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, **popen)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; Windows uses TerminateProcess")
def test_the_run_process_of_a_killed_app_removes_its_scratch_folder(short_tmp_path):
    tmp_path = short_tmp_path
    app = cli(
        tmp_path,
        *("run", "ticket-lock", "--param", "buyers=4", "--param", "delay=5", "--param", "lock=true"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = psutil.Process(app.pid)
    tree: list[psutil.Process] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(tree) < 1 + 1 + 4:  # tracker, run process, buyers
        tree = parent.children(recursive=True)
        time.sleep(0.05)
    assert len(tree) >= 6, f"the run did not start: {tree}"
    folders = list(tmp_path.glob(f"{scratch.PREFIX}*"))
    assert len(folders) == 1 and any(folders[0].glob("tickets-*.json")), "the run keeps its database in its folder"
    app.send_signal(signal.SIGKILL)
    app.wait(timeout=5)
    _, alive = psutil.wait_procs(tree, timeout=10)
    assert not alive
    assert not folders[0].exists(), f"left behind: {sorted(p.name for p in folders[0].iterdir())}"


def stale_folder(tmp: Path, owner: dict | None) -> Path:
    folder = tmp / f"{scratch.PREFIX}{len(list(tmp.iterdir()))}"
    (folder / "pymp-x").mkdir(parents=True)
    (folder / "tickets-1.json").write_text('{"tickets": 3}', encoding="utf-8")
    if owner is not None:
        (folder / scratch.OWNER_FILE).write_text(json.dumps(owner), encoding="utf-8")
    return folder


def test_an_app_that_starts_removes_the_folders_of_owners_that_are_gone(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    me = psutil.Process()
    dead = stale_folder(tmp_path, {"pid": dead_pid, "started": 1.0})
    reused = stale_folder(tmp_path, {"pid": me.pid, "started": me.create_time() - 3600})  # the pid was reused
    unmarked_old = stale_folder(tmp_path, None)
    os.utime(unmarked_old, (time.time() - 2 * scratch.UNMARKED_STALE_AFTER,) * 2)
    alive = stale_folder(tmp_path, {"pid": me.pid, "started": me.create_time()})
    unmarked_new = stale_folder(tmp_path, None)  # being made right now, by an app we do not know
    other = tmp_path / "someone-elses-folder"
    other.mkdir()
    listing = cli(tmp_path, "list", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _out, err = listing.communicate(timeout=60)
    assert listing.returncode == 0, err
    assert not dead.exists() and not reused.exists() and not unmarked_old.exists()
    assert alive.exists() and unmarked_new.exists() and other.exists()


def test_a_finished_run_leaves_no_folder(short_tmp_path, run_lesson, monkeypatch):
    tmp_path = short_tmp_path
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    record = run_lesson("ticket-lock", buyers=2, inventory=1, delay=0.0, lock=True)
    assert record.status == "passed", record.error
    assert not list(tmp_path.glob(f"{scratch.PREFIX}*"))


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets: Windows managers use named pipes")
@pytest.mark.parametrize(
    "lesson_and_params",
    [["manager-counter", "workers=3", "rounds=5"], ["manager-types", "workers=2", "per_worker=5", "bench_ops=100"]],
    ids=["manager-counter", "manager-types"],
)
def test_managers_work_under_a_long_temporary_directory(tmp_path, lesson_and_params):
    # Issue 15 item 13: macOS's TMPDIR (/var/folders/xx/.../T/, 49 characters) made the manager's
    # socket path longer than a Unix socket allows: "AF_UNIX path too long".
    long = tmp_path / ("t" * 60)
    long.mkdir()
    assert len(str(long)) > scratch.MAX_ROOT_CHARS + 20
    lesson, *params = lesson_and_params
    args = ["run", lesson] + [part for param in params for part in ("--param", param)]
    done = cli(long, *args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, out + err
    assert not list(long.glob(f"{scratch.PREFIX}*"))  # the scratch folder went to a short root, and is gone
