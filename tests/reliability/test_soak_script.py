"""scripts/soak.py itself: a short soak through the real window completes and reports its figures.

The 300-run soak is too long for the test command (its figures are in the
closing note); this keeps the script from rotting and checks that it drives
the window through the event loop: every run is counted, stopped ones too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_short_soak_runs_every_run_and_reports_flat_figures(tmp_path):
    env = {**os.environ, "CONCURRENCY_LAB_SETTINGS_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    completed = subprocess.run(
        [sys.executable, str(ROOT / "scripts/soak.py"), "--runs", "8", "--lessons", "process-basics,pipe", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    assert figures["runs"] == 8
    assert sum(figures["statuses"].values()) == 8
    # The 7th run is stopped after 0.3 s, or passes if it was quicker than that; nothing else.
    assert set(figures["statuses"]) <= {"passed", "stopped"}
    for key in ("fds", "threads", "rss_mb"):
        assert set(figures[key]) >= {"start", "after_warmup", "end", "max"}
    assert figures["flat"] is True
