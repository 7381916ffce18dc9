"""The headless CLI as users and scripts call it: a real `python -m desktop` subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def test_list_json_has_id_chapter_title():
    result = cli("list", "--json")
    assert result.returncode == 0, result.stderr
    lessons = json.loads(result.stdout)
    assert {"ticket-lock", "producer-consumer", "pool-speedup", "gil-cpu-bound"} <= {row["id"] for row in lessons}
    assert all({"id", "chapter", "title"} <= row.keys() for row in lessons)


def test_list_prints_one_lesson_a_line():
    result = cli("list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(json.loads(cli("list", "--json").stdout))
    assert any(line.startswith("ticket-lock ") for line in lines)


def test_run_json_has_the_documented_fields():
    result = cli(
        "run", "ticket-lock", "--param", "buyers=4", "--param", "inventory=2", "--param", "lock=true", "--json"
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    for key in ("lesson", "status", "start_method", "interpreter", "params", "verdict", "figures"):
        assert key in record
    assert record["lesson"] == "ticket-lock"
    assert record["status"] == "passed"
    assert record["start_method"] == "spawn"
    assert record["params"]["lock"] is True
    assert record["figures"]["sold"] == record["figures"]["inventory"] == 2


def test_invalid_parameter_exits_non_zero_naming_the_limit_before_starting():
    result = cli("run", "ticket-lock", "--param", "buyers=10000")
    assert result.returncode == 2
    assert "buyers must be at most 64" in result.stderr
    assert result.stdout == ""


def test_unknown_lesson_and_malformed_param_are_rejected():
    assert cli("run", "no-such-lesson").returncode == 2
    result = cli("run", "ticket-lock", "--param", "buyers")
    assert result.returncode == 2
    assert "NAME=VALUE" in result.stderr


def test_self_test_prints_its_banner_once_and_passes():
    result = cli("self-test", "--lesson", "ticket-lock", "--lesson", "producer-consumer")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("self-test starting") == 1
    assert "2 passed, 0 failed" in result.stdout


def test_headless_commands_never_import_qt():
    code = (
        "import sys; from desktop.cli import main; main(['list']); "
        "assert not any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules), 'Qt was imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_a_run_over_a_cap_is_refused_before_anything_starts():
    result = cli("run", "socket-server", "--param", "clients=64", "--param", "pool_workers=16")
    assert result.returncode == 2
    assert "this run would start 65 processes; the cap is 64" in result.stderr
    assert result.stdout == ""


def test_an_invalid_parameter_is_said_in_chinese_by_option_or_by_the_system_language():
    import os

    chinese = cli("run", "ticket-lock", "--param", "buyers=999", "--language", "zh")
    assert chinese.returncode == 2 and chinese.stdout == ""
    assert "（buyers）不能大于 64 个进程（输入的是 999 个进程）" in chinese.stderr
    assert "must be" not in chinese.stderr
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    by_system = subprocess.run(
        [sys.executable, "-m", "desktop", "run", "ticket-lock", "--param", "buyers=999"],
        cwd=ROOT,
        env={**env, "LANG": "zh_CN.UTF-8"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert by_system.returncode == 2 and by_system.stderr == chinese.stderr
    english = cli("run", "ticket-lock", "--param", "buyers=999", "--language", "en")
    assert english.returncode == 2 and "buyers must be at most 64 processes (got 999 processes)" in english.stderr
    malformed = cli("run", "ticket-lock", "--param", "buyers", "--language", "zh")
    assert malformed.returncode == 2 and "的格式应为 NAME=VALUE" in malformed.stderr


def in_language(*args: str, lang: str) -> subprocess.CompletedProcess:
    """``python -m desktop ARGS`` with the system's language set to ``lang`` (a locale such as zh_CN.UTF-8)."""
    import os

    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env={**env, "LANG": lang},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_unknown_lesson_is_said_in_chinese_by_option_or_by_the_system_language():
    chinese = cli("run", "no-such-lesson", "--language", "zh")
    assert chinese.returncode == 2 and chinese.stdout == ""
    assert chinese.stderr.startswith("error: 没有课程 'no-such-lesson'；`list` 列出所有课程（process-basics, ")
    assert "no lesson" not in chinese.stderr
    by_system = in_language("run", "no-such-lesson", lang="zh_CN.UTF-8")
    assert by_system.returncode == 2 and by_system.stderr == chinese.stderr
    english = in_language("run", "no-such-lesson", lang="en_US.UTF-8")
    assert english.returncode == 2 and english.stderr.startswith("error: no lesson 'no-such-lesson'; `list` shows")
    self_test = in_language("self-test", "--lesson", "no-such-lesson", lang="zh_CN.UTF-8")
    assert self_test.returncode == 2 and "没有课程 'no-such-lesson'" in self_test.stderr
