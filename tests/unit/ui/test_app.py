"""The real app as a subprocess: it opens, paints and exits when asked to."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_app_paints_its_window_and_exits(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CONCURRENCY_LAB_SETTINGS_DIR": str(tmp_path)}
    code = (
        "from desktop.ui.app import run_gui; raise SystemExit(run_gui(lesson_id='ticket-lock', exit_after_paint=True))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("first-paint ")]
    assert len(lines) == 1, done.stdout
    assert float(lines[0].split()[1]) > 0
    assert (tmp_path / "concurrency-lab.ini").exists()
