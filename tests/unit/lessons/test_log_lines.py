"""Every line a lesson adds to the event log is said in English and in Chinese.

A lesson's ``probe.log(english, zh=chinese)`` reaches the log as both; the GUI
shows the one the UI speaks (tests/unit/ui/test_event_log_language.py).
Python's own words inside a line (an exception's message) stay as Python says them.
"""

from __future__ import annotations

import ast
import importlib
import inspect

from desktop.lessons import catalog
from desktop.model.events import LOG, log_line


def _log_calls_without_chinese(source: str) -> list[str]:
    calls = []
    for node in ast.walk(ast.parse(source)):
        is_log = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "log"
        if is_log and not any(keyword.arg == "zh" for keyword in node.keywords):
            calls.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
    return calls


def test_every_log_call_of_every_lesson_says_it_in_chinese_too():
    modules = {catalog.module_name(lesson_id) for lesson_id in catalog.IDS} | {"desktop.lessons.chapter1_guarded"}
    for module_name in sorted(modules):
        source = inspect.getsource(importlib.import_module(module_name))
        assert _log_calls_without_chinese(source) == [], module_name


def test_a_real_run_logs_both_languages(measured):
    lines = [event.value for event in measured("ticket-lock").record.events if event.kind == LOG]
    assert lines and all(isinstance(line, dict) and line["zh"] for line in lines), lines[:3]
    assert any(log_line(line, "zh").startswith("看到还剩") for line in lines)
    assert any(log_line(line).startswith("sees ") for line in lines)


def test_a_plain_line_is_the_same_in_every_language():
    assert log_line("printed by a script", "zh") == "printed by a script"
    assert log_line({"en": "one", "zh": "一"}, "zh") == "一"
    assert log_line({"en": "one", "zh": ""}, "zh") == "one"
