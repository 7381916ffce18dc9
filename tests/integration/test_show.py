"""`python -m desktop show FILE`: a saved run's summary, headless, through the loader File > Open uses.

``tests/data/ticket-lock-saved-by-3a89dd3.json`` was saved by the app as it was
at commit 3a89dd3, before the lessons moved from ``desktop.scenarios`` to
``desktop.lessons`` (format 1; its verdict as ``"verdict"``/``"verdict_zh"``)::

    git archive 3a89dd3 | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old python -c '...catalog.load("ticket-lock"); record = run_to_completion(lesson,
        lesson.parse_params({"buyers": 3, "inventory": 2, "delay": 0.05, "lock": "false"}));
        run_file.save(record, PATH)'
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.runtime import run_file
from desktop.runtime.run import run_to_completion
from tests.reliability.failure_drill import EXIT_CODE, LESSON, params_for

ROOT = Path(__file__).resolve().parents[2]
OLD_RUN = ROOT / "tests" / "data" / "ticket-lock-saved-by-3a89dd3.json"
MISSING_FIELDS = '{"format": "concurrency-lab-run", "version": 1, "record": {"lesson": "x"}}'


def show(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "show", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def saved() -> dict:
    return json.loads(OLD_RUN.read_text("utf-8"))["record"]


def test_show_opens_a_run_saved_before_the_move():
    result = show(OLD_RUN)
    assert result.returncode == 0, result.stderr
    record = saved()
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"ticket-lock: passed, {record['duration']:.2f} s, started {record['started_at']}")
    assert record["verdict"] in lines  # the English verdict, whole, on its own line
    for name, value in record["figures"].items():
        assert f"  {name} = {value}" in lines
    assert f"{len(record['events'])} events, {len(record['samples'])} samples" in lines
    assert len(record["events"]) > 10 and record["samples"]  # a real run: the counts are not trivially zero
    assert result.stderr == ""


def test_show_json_has_the_summary_and_the_counts():
    result = show(OLD_RUN, "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    record = saved()
    for key in ("lesson", "status", "params", "verdict", "verdict_zh", "figures", "duration", "started_at"):
        assert summary[key] == record[key], key
    assert summary["event_count"] == len(record["events"])
    assert summary["sample_count"] == len(record["samples"])
    assert summary["file"] == str(OLD_RUN)
    assert "events" not in summary and "samples" not in summary


def test_show_in_chinese_prints_the_chinese_verdict():
    result = show(OLD_RUN, "--language", "zh")
    assert result.returncode == 0, result.stderr
    assert saved()["verdict_zh"] in result.stdout.splitlines()


def test_show_imports_no_qt():
    code = (
        "import sys, desktop.cli as cli; code = cli.main(['show', sys.argv[1]]); "
        "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(OLD_RUN)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def _record_with(**changes) -> str:
    document = json.loads(OLD_RUN.read_text("utf-8"))
    document["record"].update(changes)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("content", "problem", "problem_zh"),
    [
        ("", "is not a saved run: it is not valid JSON text", "不是保存的运行记录"),
        (OLD_RUN.read_text("utf-8")[:2000], "is not a saved run: it is not valid JSON text", "不是有效的 JSON 文本"),
        ('{"name": "package.json", "version": "1.0.0"}', "is JSON but not a Concurrency Lab saved run", "不是"),
        ('{"format": "concurrency-lab-run", "version": 99, "record": {}}', "saved by a newer version", "更新版本"),
        (MISSING_FIELDS, "missing field(s): ", "缺少字段"),
        (_record_with(status="exploded"), "unknown status 'exploded'", "未知的状态"),
        (_record_with(events=[[1.0, "pid"]]), "event 0 is malformed", "第 0 个事件格式错误"),
        (_record_with(figures={"sold": "many"}), "figure 'sold' is not a number", "不是数字"),
    ],
    ids=["empty", "truncated", "foreign-json", "newer-version", "missing-fields", "status", "event", "figure"],
)
def test_a_bad_file_exits_2_with_a_message_naming_the_problem(tmp_path, content, problem, problem_zh):
    path = tmp_path / "bad run.json"
    path.write_text(content, encoding="utf-8")
    for flag in ((), ("--json",)):
        result = show(path, *flag)
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.startswith("error: bad run.json") and problem in result.stderr, result.stderr
    chinese = show(path, "--language", "zh")
    assert chinese.returncode == 2 and problem_zh in chinese.stderr, chinese.stderr


def test_a_missing_file_exits_2_naming_it(tmp_path):
    result = show(tmp_path / "gone.json")
    assert result.returncode == 2
    assert "gone.json could not be read" in result.stderr


def test_show_says_why_a_run_failed_in_the_language_asked_for(tmp_path):
    record = run_to_completion(LESSON, params_for("exit"))  # a worker that os._exit(3)s: no traceback
    path = tmp_path / "failed.json"
    run_file.save(record, path)
    english, chinese = show(path), show(path, "--language", "zh")
    assert english.returncode == chinese.returncode == 0, english.stderr + chinese.stderr
    assert f"error: {record.error}" in english.stdout.splitlines()
    assert f"died with exit code {EXIT_CODE} and no traceback" in record.error
    assert f"error: {record.error_zh}" in chinese.stdout.splitlines()
    assert f"意外退出（退出码 {EXIT_CODE}），没有打印异常回溯（traceback）" in record.error_zh
    assert "运行失败：" in chinese.stdout and "The run failed" not in chinese.stdout


def test_an_old_run_s_english_only_error_shows_as_it_is_in_chinese(tmp_path):
    error = "buyer-2 (pid 4242) died with exit code 3 and no traceback"  # saved before error_zh existed
    path = tmp_path / "old failed.json"
    path.write_text(_record_with(status="failed", error=error), encoding="utf-8")
    for flag in ((), ("--language", "zh")):
        result = show(path, *flag)
        assert result.returncode == 0, result.stderr
        assert f"error: {error}" in result.stdout.splitlines()
