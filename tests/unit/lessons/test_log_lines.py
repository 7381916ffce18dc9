"""Every line a lesson adds to the event log, every state detail and every phase name is said in English and Chinese.

A lesson's ``probe.log(english, zh=chinese)``, ``probe.state(state, english, zh=chinese)``
and ``probe.phase(english, zh=chinese)`` reach the log, the timeline's hover
text and the phase bands as both; the GUI shows the one the UI speaks
(tests/unit/ui/test_event_log_language.py, test_timeline_language.py).
Python's own words inside a line (an exception's message) stay as Python says
them, and a detail that is one call of code (``"accept()"``) reads the same in
every language.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re

from desktop.lessons import catalog
from desktop.model.events import LOG, PHASE, STATE, log_line, phase_name, state_detail

CODE_ONLY = re.compile(r"[\w.]+\([^()]*\)")  # a detail such as "keys.acquire()": code, in every language


def _log_calls_without_chinese(source: str) -> list[str]:
    calls = []
    for node in ast.walk(ast.parse(source)):
        is_log = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "log"
        if is_log and not any(keyword.arg == "zh" for keyword in node.keywords):
            calls.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
    return calls


def _said_without_chinese(source: str) -> list[str]:
    """``probe.state(state, detail)`` calls with a detail and ``probe.phase(name)`` calls that lack ``zh=``."""
    calls = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in ("state", "phase") or any(keyword.arg == "zh" for keyword in node.keywords):
            continue
        if node.func.attr == "state":
            detail = next((keyword.value for keyword in node.keywords if keyword.arg == "detail"), None)
            detail = node.args[1] if detail is None and len(node.args) > 1 else detail
            said = isinstance(detail, ast.Constant) and isinstance(detail.value, str)
            if detail is None or (said and (not detail.value or CODE_ONLY.fullmatch(detail.value))):
                continue
        calls.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
    return calls


def _lesson_sources() -> dict[str, str]:
    modules = {catalog.module_name(lesson_id) for lesson_id in catalog.IDS} | {"desktop.lessons.chapter1_guarded"}
    return {name: inspect.getsource(importlib.import_module(name)) for name in sorted(modules)}


def test_every_log_call_of_every_lesson_says_it_in_chinese_too():
    for module_name, source in _lesson_sources().items():
        assert _log_calls_without_chinese(source) == [], module_name


def test_every_state_detail_and_phase_of_every_lesson_says_it_in_chinese_too():
    for module_name, source in _lesson_sources().items():
        assert _said_without_chinese(source) == [], module_name


def test_the_scan_finds_a_detail_or_a_phase_without_chinese():
    source = """
probe.state(State.SLEEPING, "singing in the room")
probe.state(State.SLEEPING, f"napping {seconds} s")
probe.state(State.RUNNING, detail=label)
probe.phase("threads")
probe.state(State.SLEEPING, "singing", zh="唱歌")
probe.phase("threads", zh="线程")
probe.state(State.WAITING_IO, "accept()")
probe.state(State.FINISHED)
"""
    assert [call.split(":")[0] for call in _said_without_chinese(source)] == ["line 2", "line 3", "line 4", "line 5"]


def test_a_real_run_logs_both_languages(measured):
    lines = [event.value for event in measured("ticket-lock").record.events if event.kind == LOG]
    assert lines and all(isinstance(line, dict) and line["zh"] for line in lines), lines[:3]
    assert any(log_line(line, "zh").startswith("看到还剩") for line in lines)
    assert any(log_line(line).startswith("sees ") for line in lines)


def test_a_real_run_sends_state_details_in_both_languages(measured):
    details = [event.value for event in measured("ticket-lock").record.events if event.kind == STATE and event.value]
    assert details and all(isinstance(detail, dict) and detail["zh"] for detail in details), details[:3]
    assert "付款中（网络延迟）" in {state_detail(detail, "zh") for detail in details}
    assert "paying (network delay)" in {state_detail(detail) for detail in details}


def test_a_real_run_names_its_phases_in_both_languages(measured):
    phases = [event for event in measured("gil-cpu-bound").record.events if event.kind == PHASE]
    assert [event.name for event in phases] == ["sequential", "threads", "processes"]  # what the verdict looks up
    assert [phase_name(event.name, event.value, "zh") for event in phases] == ["顺序执行", "线程", "进程"]


def test_an_old_detail_or_phase_reads_as_it_was_in_every_language():
    assert state_detail("ticket lock", "zh") == "ticket lock"  # a saved run from before Chinese details
    assert state_detail({"en": "ticket lock", "zh": "票锁"}, "zh") == "票锁"
    assert state_detail(None, "zh") == state_detail("", "zh") == ""
    assert phase_name("threads", None, "zh") == "threads"
    assert phase_name("threads", {"en": "threads", "zh": "线程"}, "zh") == "线程"


def test_a_plain_line_is_the_same_in_every_language():
    assert log_line("printed by a script", "zh") == "printed by a script"
    assert log_line({"en": "one", "zh": "一"}, "zh") == "一"
    assert log_line({"en": "one", "zh": ""}, "zh") == "one"
