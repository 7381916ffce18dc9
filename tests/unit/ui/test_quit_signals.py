"""SIGINT (Ctrl+C in the app's terminal) and SIGTERM close the real app as File > Quit does.

The app runs as a subprocess with a run going; after the signal it must stop
the run, save the layout and the last lesson, print no traceback and exit with
128 + the signal's number.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from desktop.runtime import process_tree

ROOT = Path(__file__).resolve().parents[3]

# Selects a lesson other than the default one, starts a long run once the event loop
# runs, and prints the run process's pid: then the test sends the signal.
DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.ui.app import run_gui
from desktop.ui.main_window import MainWindow

app = QApplication(sys.argv)

def start():
    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    if window.start_run({"visitors": 8, "room_keys": 1, "stay": 5.0}):
        print("started", window.bridge.run.pids()[0], flush=True)
    else:
        print("could not start", flush=True)
        app.exit(1)

QTimer.singleShot(0, start)
sys.exit(run_gui(lesson_id="semaphore-room"))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_quit_signal_stops_the_run_saves_the_layout_and_exits(tmp_path, signum):
    settings_dir, scratch = tmp_path / "settings", tmp_path / "tmp"
    settings_dir.mkdir()
    scratch.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CONCURRENCY_LAB_SETTINGS_DIR": str(settings_dir),
        "TMPDIR": str(scratch),
        "PYTHONPATH": str(ROOT),
    }
    app = subprocess.Popen(
        [sys.executable, "-c", DRIVER],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = app.stdout.readline()
        assert line.startswith("started "), line + app.stderr.read()
        run_process = psutil.Process(int(line.split()[1]))
        app.send_signal(signum)
        _out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 128 + signum, err
    assert "Traceback" not in err, err
    assert process_tree.wait_dead([run_process], timeout=5.0) == [], "the run process outlived the app"
    assert not list(scratch.glob("concurrency-lab-run-*")), "the run's scratch folder was left behind"
    ini = (settings_dir / "concurrency-lab.ini").read_text(encoding="utf-8")
    assert "last=semaphore-room" in ini
    assert "state=" in ini  # the window layout
