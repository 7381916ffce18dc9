"""``python -m desktop script`` and ``script-self-test`` as users call them: a real subprocess."""

from __future__ import annotations

import json
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


def cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
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
