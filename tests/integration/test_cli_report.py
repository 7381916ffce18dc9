"""``self-test --report FILE``: the report where the windowed Windows executable can write it.

The windowed ConcurrencyLab.exe has no stdout (``sys.stdout`` is None), so
the Windows check under Wine (scripts/windows/no_console.py) reads its
self-test through this file. A real ``python -m desktop`` subprocess.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_report_goes_to_the_file_and_nothing_to_stdout(tmp_path):
    report = tmp_path / "self-test.txt"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "self-test", "--lesson", "ticket-lock", "--report", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Concurrency Lab") and "self-test starting" in lines[0]
    assert lines[1].startswith("ok   ticket-lock")
    assert lines[-1].startswith("self-test: 1 passed, 0 failed")
