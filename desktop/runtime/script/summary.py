"""What a script run measured: the summary the CLI prints and the window shows at the end.

Everything is computed from the run's events and monitor samples, never from
what the script says about itself: processes from their hello and their end,
threads from the lanes instrumentation opened, queue depth from puts and
gets, exceptions from the tracebacks the processes printed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from typing import Any

from desktop.model.events import (
    COUNT,
    ERROR,
    GOT,
    HELLO,
    LOG,
    PHASE,
    PUT,
    QUEUE,
    STATE,
    State,
    depth_step,
    state_detail,
)
from desktop.model.run_record import PASSED, STOPPED
from desktop.model.text import Text
from desktop.runtime import child_exits
from desktop.runtime.instrument.lifecycle import PROCESS_STARTED, PROCESSES_COUNTER, THREAD_STARTED, THREADS_COUNTER
from desktop.runtime.instrument.streams import DROPPED_COUNTER, exception_line
from desktop.runtime.instrument.tasks import TASK_STARTED
from desktop.runtime.script import stdlib_excluded

SCRIPT_PHASE = "script"
MAIN_GUARD_HINT = "main-guard"  # the error is the missing ``if __name__ == "__main__":`` (see the main-guard lesson)
MISSING_MODULE_HINT = "missing-module"  # the script imports a module the app cannot give it
_MISSING_MODULE = re.compile(r"^No module named '(?P<module>[^']+)'")
_BOOTSTRAP_PHRASE = "bootstrapping phase"
_FRAME = re.compile(r'^\s*File "(?P<file>.+)", line (?P<line>\d+)')
_EXIT_CODE = re.compile(r"^exit code (-?\d+)$")
DEATH = "exit"  # an error's type when its process died without a traceback (killed, os._exit)


def measure(events: Sequence[Any], samples: Sequence[Any], result: dict | None, script: str | None = None) -> dict:
    """The summary of a run from its events (sorted by time), samples and the host's result."""
    events = list(events)
    run_pid = next((e.pid for e in events if e.kind == PHASE and e.name == SCRIPT_PHASE), None)
    names: dict[int, str] = {}
    started: dict[int, float] = {}
    ended: dict[int, float] = {}
    exit_codes: dict[str, int] = {}
    thread_spans: dict[tuple[int, str], list[float]] = {}
    threads_started = processes_started = 0  # counted by the starting process, once start() returned
    tasks_started = 0  # asyncio tasks of the script (their first step)
    depth: dict[str, int] = {}
    peaks: dict[str, int] = {}
    capacity: dict[str, int] = {}
    stdout_lines = 0
    errors = []
    last_t = events[-1].t if events else 0.0
    for event in events:
        kind, pid = event.kind, event.pid
        if kind == HELLO:
            names.setdefault(pid, event.worker)
            started.setdefault(pid, event.t)
        elif kind == STATE:
            detail = state_detail(event.value)  # the English: instrumentation says its details in both languages
            if detail == THREAD_STARTED:
                thread_spans[(pid, event.worker)] = [event.t, last_t]
            elif detail == TASK_STARTED:
                tasks_started += 1
            elif detail == PROCESS_STARTED:
                names[pid] = event.worker
            elif event.name in (State.FINISHED, State.FAILED):
                span = thread_spans.get((pid, event.worker))
                if span is not None:
                    span[1] = min(span[1], event.t)
                match = _EXIT_CODE.match(detail)
                if match and "/" not in event.worker:
                    ended[pid] = event.t
                    exit_codes[event.worker] = int(match.group(1))
        elif kind == child_exits.CHILD_EXIT:
            child, code = event.value["pid"], event.value["exitcode"]
            ended.setdefault(child, event.t)
            started.setdefault(child, event.t)
            exit_codes.setdefault(names.get(child, f"pid {child}"), code)
        elif kind == QUEUE:
            capacity[event.name] = int(event.value or 0)
            peaks.setdefault(event.name, 0)
        elif kind in (PUT, GOT):
            level = depth.get(event.name, 0) + depth_step(event)
            depth[event.name] = level
            shown = max(level, 0)
            if capacity.get(event.name, 0) > 0:
                shown = min(shown, capacity[event.name])
            peaks[event.name] = max(peaks.get(event.name, 0), shown)
        elif kind == LOG and event.name == "stdout":
            stdout_lines += 1
        elif kind == COUNT:
            if event.name == f"stdout {DROPPED_COUNTER}":
                stdout_lines += int(event.value)
            elif event.name == PROCESSES_COUNTER:
                processes_started += int(event.value)
            elif event.name == THREADS_COUNTER:
                threads_started += int(event.value)
        elif kind == ERROR:
            errors.append(_error(event, script))
    children = [pid for pid in started if pid != run_pid]
    spans = [(started[pid], ended.get(pid, last_t)) for pid in children]
    wall = (result or {}).get("wall_s")
    if wall is None:
        first = next((e.t for e in events if e.kind == PHASE and e.name == SCRIPT_PHASE), events[0].t if events else 0)
        wall = last_t - first
    if result is not None and "exit_code" in result:
        exit_codes["MainProcess"] = result["exit_code"]
    errors += _deaths_without_traceback(events, names, errors)
    return {
        "wall_s": round(float(wall), 3),
        "processes_started": processes_started,
        "threads_started": threads_started,
        "tasks_started": tasks_started,
        "max_running_processes": _most_at_once(spans),
        "max_running_threads": _most_at_once(thread_spans.values()),
        "cpu_per_core": _cpu_per_core(samples),
        "cpu_cores_used": round(_mean(_sample_field(s, "run_cpu", 2) for s in samples) / 100.0, 2),
        "queues": peaks,
        "exit_codes": exit_codes,
        "errors": errors,
        "stdout_lines": stdout_lines,
    }


def _error(event: Any, script: str | None) -> dict:
    text = str(event.value).rstrip()
    lines = text.splitlines()
    kind, message = exception_line(lines)
    frames = [(m.group("file"), int(m.group("line"))) for m in map(_FRAME.match, lines) if m]
    own = [f for f in frames if script and os.path.normcase(f[0]) == os.path.normcase(script)]
    file, line = (own or frames or [("", 0)])[-1]
    error = {
        "process": event.worker,
        "pid": event.pid,
        "type": kind or event.name,
        "message": message,
        "file": file,
        "line": line,
        "traceback": text,
    }
    if _BOOTSTRAP_PHRASE in text:
        error["hint"] = MAIN_GUARD_HINT
    missing = _MISSING_MODULE.match(message) if kind == "ModuleNotFoundError" else None
    if missing:
        error["hint"] = MISSING_MODULE_HINT
        error["module"] = missing.group("module")
    return error


def missing_module_text(module: str) -> Text:
    """Why an import failed, for a module the app does not provide to scripts.

    A standard-library module the installed app leaves out (tkinter, curses,
    test suites, see :mod:`~desktop.runtime.script.stdlib_excluded`) is named with
    why; any other module is taken for a package that is not bundled.
    """
    top = module.split(".", 1)[0]
    why = stdlib_excluded.reason(module) if stdlib_excluded.is_standard(module) else None
    if why is not None:
        return Text(
            f"{module} is part of the Python standard library, but the app leaves it out: {why.en}. "
            "Every other standard-library module is available to scripts; "
            f"run this script with an installed Python to use {top}.",
            f"{module} 属于 Python 标准库，但应用没有包含它：{why.zh}。"
            f"脚本可以使用标准库的其他所有模块；要使用 {top}，请用安装好的 Python 运行这个脚本。",
        )
    return Text(
        f"{top} is not available to scripts run by the app: a script can use the Python standard library "
        "(and numpy and psutil, which the app itself uses). Check the spelling, or run this script with a "
        f"Python where {top} is installed.",
        f"应用运行的脚本无法使用 {top}：脚本可以使用 Python 标准库（以及应用自身用到的 numpy 和 psutil）。"
        f"请检查拼写，或在安装了 {top} 的 Python 中运行这个脚本。",
    )


def _deaths_without_traceback(events: Iterable[Any], names: dict[int, str], errors: list[dict]) -> list[dict]:
    """Children that died by a signal or an exit code without printing a traceback (killed, os._exit)."""
    reported = {e["pid"] for e in errors}
    deaths = []
    for event in events:
        if event.kind != child_exits.CHILD_EXIT:
            continue
        pid, code = event.value["pid"], event.value["exitcode"]
        if pid in reported:
            continue
        reported.add(pid)
        said = child_exits.exitcode_text(code)
        deaths.append(
            {
                "process": names.get(pid, f"pid {pid}"),
                "pid": pid,
                "type": DEATH,
                "message": f"died with {said.en} and no traceback",
                "message_zh": f"意外退出（{said.zh}），没有打印异常回溯（traceback）",
                "file": "",
                "line": 0,
                "traceback": "",
            }
        )
    return deaths


def error_text(error: dict, limit: int | None = None) -> Text:
    """One error of the summary as a line in each language: process, type and message (its first ``limit``
    characters), and where it was raised.

    A traceback's type and message are Python's own, shown as they are; a
    process that died without one is said in Chinese too (``message_zh``).
    """
    where_en = f" ({os.path.basename(error['file'])}, line {error['line']})" if error["file"] else ""
    where_zh = f"（{os.path.basename(error['file'])} 第 {error['line']} 行）" if error["file"] else ""
    en = f"{error['process']}: {error['type']}: {error['message']}"
    zh = f"{error['process']}：{error['message_zh']}" if error.get("message_zh") else en
    return Text(en[:limit] + where_en, zh[:limit] + where_zh)


def _most_at_once(spans: Iterable[Sequence[float]]) -> int:
    edges = sorted([(s[0], 1) for s in spans] + [(s[1], -1) for s in spans], key=lambda e: (e[0], e[1]))
    running = most = 0
    for _, step in edges:
        running += step
        most = max(most, running)
    return most


def _sample_field(sample: Any, name: str, index: int) -> Any:
    return getattr(sample, name) if hasattr(sample, name) else sample[index]


def _cpu_per_core(samples: Sequence[Any]) -> list[float]:
    rows = [list(_sample_field(s, "per_core", 1)) for s in samples]
    if not rows:
        return []
    width = min(len(r) for r in rows)
    return [round(_mean(r[i] for r in rows), 1) for i in range(width)]


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def figures(facts: dict) -> dict[str, float]:
    """The summary's plain numbers, as a verdict's figures."""
    keys = ("wall_s", "processes_started", "threads_started", "max_running_processes", "max_running_threads")
    return {key: facts[key] for key in keys} | {"stdout_lines": facts["stdout_lines"]}


def sentence(facts: dict) -> Text:
    """One sentence in each language: what the script started and how long it ran."""
    p, t = facts["processes_started"], facts["threads_started"]
    most, wall = facts["max_running_processes"], facts["wall_s"]
    en = (
        f"Ran to the end in {wall:.2f} s: started {p} process{'es' if p != 1 else ''} "
        f"(at most {most} at once) and {t} thread{'s' if t != 1 else ''}"
    )
    zh = f"运行结束，用时 {wall:.2f} 秒：启动了 {p} 个进程（同时最多 {most} 个）和 {t} 个线程"
    if facts["queues"]:
        peaks = ", ".join(f"{name} {peak}" for name, peak in facts["queues"].items())
        en += f"; queue peak depth: {peaks}"
        zh += f"；队列最大深度：{peaks}"
    return Text(en + ".", zh + "。")


def headline(facts: dict) -> Text:
    """The first line to show: how the run ended, in each language (``facts`` with ``status``)."""
    status = facts.get("status", PASSED)
    if status == PASSED:
        return sentence(facts)
    if status == STOPPED:
        reason = facts.get("stopped_because") or "stopped by the user"
        reason_zh = facts.get("stopped_because_zh") or facts.get("stopped_because") or "由用户停止"
        return Text(f"Stopped: {reason}.", f"已停止：{reason_zh}。")
    if facts["errors"]:
        said = error_text(facts["errors"][0], limit=300)
        more = len(facts["errors"]) - 1
        return Text(
            f"Failed: {said.en}" + (f" (and {more} more)" if more else ""),
            f"失败：{said.zh}" + (f"（另有 {more} 个错误）" if more else ""),
        )
    return Text("Failed.", "失败。")
