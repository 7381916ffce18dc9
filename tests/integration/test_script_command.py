"""``python -m desktop script`` and ``script-self-test`` as users call them: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTED = {
    "status",
    "start_method",
    "interpreter",
    "wall_s",
    "processes_started",
    "threads_started",
    "max_running_processes",
    "queues",
    "exit_codes",
    "errors",
    "stdout_lines",
}


def cli(*args: str, timeout: float = 180, lang: str | None = None) -> subprocess.CompletedProcess:
    """``python -m desktop ARGS``; with ``lang`` (a locale such as zh_CN.UTF-8), that is the system's language."""
    env = None
    if lang is not None:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
        env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def script(tmp_path: Path, text: str) -> str:
    path = tmp_path / "student.py"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_script_json_has_the_documented_fields(tmp_path):
    path = script(
        tmp_path,
        "import multiprocessing as mp, sys\n"
        "def work(q):\n    q.put(1)\n"
        "if __name__ == '__main__':\n"
        "    jobs = mp.Queue()\n"
        "    p = mp.Process(target=work, args=(jobs,))\n"
        "    p.start(); print(jobs.get(), sys.argv[1:]); p.join()\n",
    )
    result = cli("script", path, "--json", "--arg", "one", "--arg=--two")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary.keys() >= DOCUMENTED
    assert summary["status"] == "passed"
    assert summary["start_method"] == "spawn"
    assert summary["processes_started"] == 1
    assert summary["queues"] == {"jobs": 1}
    assert summary["exit_codes"] == {"Process-1": 0, "MainProcess": 0}
    assert summary["stdout_lines"] == 1
    assert summary["errors"] == []


def test_a_failing_script_exits_1_and_names_the_error_and_line(tmp_path):
    path = script(tmp_path, "def f():\n    return {}['missing']\n\nf()\n")
    result = cli("script", path, "--json")
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["status"] == "failed"
    (error,) = summary["errors"]
    assert {k: error[k] for k in ("process", "type", "message", "line")} == {
        "process": "MainProcess",
        "type": "KeyError",
        "message": "'missing'",
        "line": 2,
    }
    assert error["file"] == path
    assert "KeyError" in result.stderr


def test_a_syntax_error_exits_2_naming_its_line(tmp_path):
    result = cli("script", script(tmp_path, "x = (1,\nprint(x)\n"))
    assert result.returncode == 2
    assert "SyntaxError in student.py at line 1" in result.stderr


def test_the_timeout_stops_an_endless_loop_and_exits_1(tmp_path):
    result = cli("script", script(tmp_path, "while True:\n    pass\n"), "--timeout", "1", "--json")
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["status"] == "stopped"
    assert summary["stopped_because"] == "stopped after the 1 s timeout"


def test_the_text_summary_in_chinese_explains_the_main_guard(tmp_path):
    path = script(tmp_path, "import multiprocessing as mp\np = mp.Process(target=print)\np.start()\np.join()\n")
    result = cli("script", path, "--language", "zh")
    assert result.returncode == 1
    assert result.stdout.startswith("失败：Process-1: RuntimeError")
    assert "if __name__ == '__main__':" in result.stdout
    assert "子进程是一个新解释器" in result.stdout  # the main-guard lesson's explanation


def test_script_self_test_runs_starters_and_passes():
    result = cli("script-self-test", "--starter", "pipe.py", "--starter", "threads_lock")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "script self-test: 2 passed, 0 failed" in result.stdout


def test_a_file_that_cannot_run_is_said_in_the_language_asked_or_the_systems_and_exits_2(tmp_path):
    bad = tmp_path / "latin.py"
    bad.write_bytes(b"print('caf\xe9')\n")
    chinese = cli("script", str(bad), "--language", "zh")
    assert chinese.returncode == 2 and chinese.stdout == ""
    assert chinese.stderr == "error: latin.py 不是有效的 UTF-8 文本：第 1 行第 11 列的字节 0xe9；请把文件另存为 UTF-8\n"
    english = cli("script", str(bad), "--language", "en")
    assert english.returncode == 2
    assert english.stderr == (
        "error: latin.py is not valid UTF-8 text: byte 0xe9 at line 1, column 11; save the file as UTF-8\n"
    )
    missing = str(tmp_path / "nope.py")  # without --language: the system's
    by_system = cli("script", missing, lang="zh_CN.UTF-8")
    assert (by_system.returncode, by_system.stderr) == (2, f"error: {missing}：文件不存在\n")
    by_system = cli("script", missing, lang="C.UTF-8")
    assert (by_system.returncode, by_system.stderr) == (2, f"error: {missing}: no such file\n")
    syntax = cli("script", script(tmp_path, "x = (1,\nprint(x)\n"), lang="zh_CN.UTF-8")
    assert syntax.returncode == 2 and syntax.stderr.startswith("error: student.py 第 1 行第 ")
    assert "列有 SyntaxError：" in syntax.stderr  # Python's words after it, as Python says them
    wrong_starter = cli("script-self-test", "--starter", "no_such_starter", lang="zh_CN.UTF-8")
    assert wrong_starter.returncode == 2 and "没有名为 no_such_starter 的入门脚本" in wrong_starter.stderr
