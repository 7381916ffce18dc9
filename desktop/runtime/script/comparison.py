"""Two runs of a script set side by side: which two, their summary figures with the ratio B/A, and the source diff.

A student runs a script, edits it, and runs it again; Compare shows the two
runs next to each other. Everything here comes from the two
:class:`~desktop.model.run_record.RunRecord` objects, as the summary at the end
of a run does (:func:`~desktop.runtime.script.script_run.summarize`): the
figures are measured from their events and samples, and the diff is taken
between the sources the records kept (``RunRecord.source``, the text checked
before each run started), so a file edited again since still compares as it ran.

* :func:`pick_pair` -- (A, B) from the runs a student selected, or a
  :class:`NotAPair` whose text says why not (a lesson's run is never paired);
* :func:`rows` -- one :class:`Row` per figure: wall time, processes and threads
  started, the most running at once, CPU, each queue's peak depth, exit
  codes, errors;
* :func:`source_diff` -- what changed in the source, as a unified diff with a
  sentence saying how much (or why there is none).

Qt-free: the compare window (:mod:`desktop.ui.script_compare`) shows these.
"""

from __future__ import annotations

import collections
import difflib
import os
from collections.abc import Sequence
from typing import ClassVar

from desktop.model.comparison import ratio_b_over_a
from desktop.model.record_type import Record
from desktop.model.run_record import RunRecord
from desktop.model.text import Text
from desktop.runtime.script.script_run import summarize
from desktop.runtime.script.target import SCRIPT_ID

MAX_DIFF_LINES = 400  # lines of diff shown; a rewrite of a long script says how many more there were
DIFF_CONTEXT = 2  # unchanged lines around each change
QUEUE_PREFIX = "queue:"  # a queue's row key: "queue:" + its name


class NotAPair(ValueError):
    """The selected runs cannot be compared as two versions of a script; ``text`` says why, in both languages."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


class Row(Record):
    """One figure of both runs: ``a`` and ``b`` are numbers (shown with ``unit``) or texts; None when missing.

    ``ratio`` is B/A where it means something (None otherwise); ``detail`` says
    more (each error, each process's exit code) for a tooltip.
    """

    __slots__ = ("key", "title", "a", "b", "unit", "ratio", "detail")
    _defaults: ClassVar = {"unit": "", "ratio": None, "detail": Text("", "")}
    key: str
    title: Text
    a: float | str | None
    b: float | str | None
    unit: str
    ratio: float | None
    detail: Text


class SourceDiff(Record):
    """The unified diff of A's source to B's (``lines``, at most :data:`MAX_DIFF_LINES`) and a sentence about it."""

    __slots__ = ("lines", "note", "added", "removed")
    lines: tuple[str, ...]
    note: Text
    added: int
    removed: int


def is_script_run(record: RunRecord) -> bool:
    return record.lesson == SCRIPT_ID


def script_path(record: RunRecord) -> str:
    path = record.params.get("path", "")
    return path if isinstance(path, str) else ""


def script_name(record: RunRecord) -> str:
    """The script's file name (``queue_demo.py``), or ``script`` when the record does not say."""
    return os.path.basename(script_path(record)) or SCRIPT_ID


def pick_pair(selected: Sequence[RunRecord], records: Sequence[RunRecord]) -> tuple[RunRecord, RunRecord]:
    """(A, B) to compare, A the older: the two ``selected`` runs, or the one selected and the run before it.

    ``records`` is the history, newest first. With one run selected, A is the
    newest older run of the same script file (its previous version).

    Raises:
        NotAPair: nothing, or more than two runs, selected; a lesson's run among
            them; or no earlier run of the script to compare with.
    """
    if not selected:
        raise NotAPair(
            Text(
                "Run a script first (twice, e.g. before and after an edit): Compare sets two runs side by side.",
                "请先运行脚本（运行两次，例如修改前后各一次）：比较会把两次运行并排显示。",
            )
        )
    if len(selected) > 2:
        raise NotAPair(
            Text(
                f"Select two runs to compare (Ctrl+click), not {len(selected)}.",
                f"请选择两次运行进行比较（Ctrl+单击），而不是 {len(selected)} 次。",
            )
        )
    lesson = next((r for r in selected if not is_script_run(r)), None)
    if lesson is not None:
        raise NotAPair(
            Text(
                f"{lesson.lesson} is a run of a lesson, not of a script: Compare runs sets two runs of a script "
                "side by side. To compare two variants of a lesson, use Run → Compare variants… (Ctrl+K).",
                f"{lesson.lesson} 是课程的运行，不是脚本的运行：“比较运行”只能并排显示同一脚本的两次运行。"
                "要比较课程的两个变体，请使用“运行 → 比较变体…”（Ctrl+K）。",
            )
        )
    order = {id(record): index for index, record in enumerate(records)}
    if len(selected) == 2:
        newer, older = sorted(selected, key=lambda r: order.get(id(r), -1))
        return older, newer
    chosen = selected[0]
    start = order.get(id(chosen), len(records))
    path = script_path(chosen)
    earlier = next((r for r in records[start + 1 :] if is_script_run(r) and script_path(r) == path), None)
    if earlier is None:
        name = script_name(chosen)
        raise NotAPair(
            Text(
                f"There is no earlier run of {name} in the history: run it again (after an edit), "
                "or select two script runs with Ctrl+click.",
                f"历史中没有 {name} 更早的运行：请（修改后）再运行一次，或用 Ctrl+单击选择两次脚本运行。",
            )
        )
    return earlier, chosen


def rows(a: RunRecord, b: RunRecord) -> list[Row]:
    """The summary figures of both runs, in the order the end-of-run summary names them."""
    fa, fb = summarize(a, script_path(a)), summarize(b, script_path(b))
    out = [
        Row("status", Text("How the run ended", "运行结果"), a.status, b.status),
        _number("wall_s", Text("Wall time of the script", "脚本的运行时间"), fa, fb, "s"),
        Row(
            "duration",
            Text("Whole run, from Run to the end", "整个运行（从点击运行到结束）"),
            a.duration,
            b.duration,
            "s",
            ratio_b_over_a(a.duration, b.duration),
        ),
        _number("processes_started", Text("Processes started", "启动的进程"), fa, fb),
        _number("threads_started", Text("Threads started", "启动的线程"), fa, fb),
        _number("max_running_processes", Text("Most processes running at once", "同时运行的最多进程数"), fa, fb),
        _number("max_running_threads", Text("Most threads running at once", "同时运行的最多线程数"), fa, fb),
        _number("cpu_cores_used", Text("CPU used by the run, in cores (mean)", "运行占用的 CPU（核数，平均）"), fa, fb),
        _per_core(fa, fb),
    ]
    for name in sorted(fa["queues"].keys() | fb["queues"].keys()):
        title = Text(f"Peak depth of queue {name}", f"队列 {name} 的最大深度")
        pa, pb = fa["queues"].get(name), fb["queues"].get(name)
        out.append(Row(QUEUE_PREFIX + name, title, pa, pb, "", ratio_b_over_a(pa, pb)))
    out.append(_exit_codes(fa, fb))
    out.append(_errors(fa, fb))
    out.append(_number("stdout_lines", Text("Lines printed", "打印的行数"), fa, fb))
    return out


def _number(key: str, title: Text, fa: dict, fb: dict, unit: str = "") -> Row:
    return Row(key, title, fa[key], fb[key], unit, ratio_b_over_a(fa[key], fb[key]))


def _per_core(fa: dict, fb: dict) -> Row:
    """Each core's mean CPU (the whole machine's, as the summary reports it); the ratio is of their means."""

    def shown(cores: list[float]) -> str | None:
        return " · ".join(f"{core:.0f}" for core in cores) if cores else None

    def mean(cores: list[float]) -> float | None:
        return sum(cores) / len(cores) if cores else None

    a, b = fa["cpu_per_core"], fb["cpu_per_core"]
    title = Text("CPU per core, mean % (whole machine)", "各核心 CPU，平均 %（整机）")
    return Row("cpu_per_core", title, shown(a), shown(b), "%", ratio_b_over_a(mean(a), mean(b)))


def _exit_codes(fa: dict, fb: dict) -> Row:
    """How many processes ended with each exit code ("0 ×3, 1 ×1"); each process's code in ``detail``."""

    def shown(codes: dict) -> str | None:
        counts = collections.Counter(codes.values())
        return ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items())) if counts else None

    def listed(side: str, codes: dict) -> str:
        names = sorted(codes, key=lambda name: (name != "MainProcess", name))
        return f"{side}: " + (", ".join(f"{name} {codes[name]}" for name in names) or "—")

    detail = "\n".join((listed("A", fa["exit_codes"]), listed("B", fb["exit_codes"])))
    return Row(
        "exit_codes",
        Text("Exit codes (code ×processes)", "退出码（退出码 ×进程数）"),
        shown(fa["exit_codes"]),
        shown(fb["exit_codes"]),
        detail=Text(detail, detail),
    )


def _errors(fa: dict, fb: dict) -> Row:
    """How many uncaught errors each run had; each one (process, type, message, line) in ``detail``."""

    def listed(side: str, errors: list[dict]) -> list[str]:
        lines = []
        for error in errors:
            where = f" (line {error['line']})" if error["line"] else ""
            lines.append(f"{side}: {error['process']}: {error['type']}: {error['message']}{where}"[:300])
        return lines

    detail = "\n".join(listed("A", fa["errors"]) + listed("B", fb["errors"]))
    na, nb = len(fa["errors"]), len(fb["errors"])
    return Row(
        "errors",
        Text("Uncaught errors", "未捕获的错误"),
        na,
        nb,
        "",
        ratio_b_over_a(na, nb),
        Text(detail, detail),
    )


def source_diff(a: RunRecord, b: RunRecord) -> SourceDiff:
    """What changed from A's source to B's, with a sentence saying how much (or why there is no diff)."""
    missing = [side for side, record in (("A", a), ("B", b)) if not record.source]
    if missing:
        sides = " and ".join(missing)
        return SourceDiff(
            (),
            Text(
                f"Run {sides} kept no source (saved by an older version of the app): there is no diff to show.",
                f"运行 {sides} 没有保存源代码（由旧版本的应用保存）：无法显示差异。",
            ),
            0,
            0,
        )
    if a.source == b.source:
        return SourceDiff(
            (),
            Text(
                "The source is the same in both runs: the differences come from the runs themselves "
                "(timing, scheduling, the machine's load).",
                "两次运行的源代码相同：差异来自运行本身（时序、调度、机器负载）。",
            ),
            0,
            0,
        )
    diff = list(
        difflib.unified_diff(
            a.source.splitlines(),
            b.source.splitlines(),
            f"A: {script_name(a)}",
            f"B: {script_name(b)}",
            n=DIFF_CONTEXT,
            lineterm="",
        )
    )
    added = sum(1 for line in diff[2:] if line.startswith("+"))
    removed = sum(1 for line in diff[2:] if line.startswith("-"))
    en = f"From A to B: {added} line{'s' if added != 1 else ''} added, {removed} removed."
    zh = f"从 A 到 B：新增 {added} 行，删除 {removed} 行。"
    if len(diff) > MAX_DIFF_LINES:
        more = len(diff) - MAX_DIFF_LINES
        en += f" The first {MAX_DIFF_LINES} lines of the diff are shown ({more} more)."
        zh += f" 只显示差异的前 {MAX_DIFF_LINES} 行（另有 {more} 行）。"
        diff = diff[:MAX_DIFF_LINES]
    return SourceDiff(tuple(diff), Text(en, zh), added, removed)
