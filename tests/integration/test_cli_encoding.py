"""Output never crashes the CLI: a stdout that cannot encode Chinese (cp1252, as a redirected Windows console).

Issue 15 item 16: ``list --json``, ``run --json`` and ``--language zh`` raised
``UnicodeEncodeError``. JSON now falls back to ASCII escapes (it loads back
exactly); text replaces what the stream cannot encode.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QUICK_RUN = ["run", "ticket-lock", "--param", "buyers=2", "--param", "delay=0", "--param", "lock=true"]


def cli(*args: str, encoding: str = "cp1252") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, capture_output=True, timeout=180, check=False
    )


def test_list_json_on_a_cp1252_stdout_is_ascii_json_that_loads_back_exactly():
    done = cli("list", "--json")
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    rows = json.loads(done.stdout.decode("ascii"))
    assert any(row["title_zh"] == "抢票：竞争条件与锁" for row in rows)


@pytest.mark.parametrize("args", [[*QUICK_RUN, "--json"], [*QUICK_RUN, "--language", "zh"]], ids=["json", "zh"])
def test_run_on_a_cp1252_stdout_does_not_crash(args):
    done = cli(*args)
    stderr = done.stderr.decode("cp1252", "replace")
    assert done.returncode == 0, stderr
    assert "UnicodeEncodeError" not in stderr
    if "--json" in args:
        assert json.loads(done.stdout.decode("ascii"))["lesson"] == "ticket-lock"
    else:
        assert "?" in done.stdout.decode("cp1252")  # the Chinese verdict, replaced character by character


def test_json_stays_readable_utf8_where_stdout_can_encode_it():
    done = cli("list", "--json", encoding="utf-8")
    assert "抢票" in done.stdout.decode("utf-8")
