"""Human names, in both languages, for the counters lessons report with ``probe.count(name, delta)``.

A counter's code name (``"task_done"``, ``"waited_ms"``) is what the lesson's
code and its verdict use; students read the name here instead, in the live
counters display and wherever a counter is shown. The table is keyed by the
counter's name, not by lesson: several lessons count "sent" or "tasks", and a
name means the same everywhere.

Steps to add a counter: call ``probe.count("my counter", delta)`` in the
lesson, then add ``"my counter": Text(english, chinese)`` to :data:`COUNTER_NAMES`
(or, for a name built at run time such as ``f"received via {channel}"``, a
prefix to :data:`COUNTER_PREFIXES`). ``tests/unit/model/test_counter_name.py``
reads every lesson's source and fails on a counter without a name here.
A counter no lesson declares (a script in the playground) is shown with its
underscores as spaces, in both languages.
"""

from __future__ import annotations

import ast
from types import MappingProxyType

from desktop.model.text import Text

COUNTER_NAMES = MappingProxyType(
    {
        "appended": Text("items appended", "追加的元素"),
        "blocks searched": Text("blocks searched", "已搜索的块"),
        "bootstrap_errors": Text("bootstrap errors", "启动阶段错误"),
        "clean_runs": Text("clean runs", "正常运行"),
        "consumed": Text("items consumed", "已消费"),
        "daemon_completed": Text("daemon finished", "守护进程完成"),
        "daemon_steps": Text("daemon steps", "守护进程步数"),
        "decrements": Text("decrements", "减一次数"),
        "echoed": Text("messages echoed", "已回显的消息"),
        "increments": Text("increments", "加一次数"),
        "io_replies": Text("IO replies", "IO 回复"),
        "lines_written": Text("lines written", "已写行数"),
        "normal_completed": Text("normal child finished", "普通子进程完成"),
        "normal_steps": Text("normal child steps", "普通子进程步数"),
        "occupants": Text("people in the room", "房间内人数"),
        "pages fetched": Text("pages fetched", "已抓取页面"),
        "produced": Text("items produced", "已生产"),
        "rounds": Text("rounds", "轮数"),
        "sent": Text("items sent", "已发送"),
        "sold": Text("tickets sold", "已售票数"),
        "switches": Text("light switches", "信号灯切换"),
        "task_done": Text("task_done() calls", "task_done() 调用"),
        "tasks": Text("tasks done", "已完成任务"),
        "waited_ms": Text("total wait (ms)", "总等待 (毫秒)"),
        "workers started": Text("workers started", "已启动的工作进程"),
    }
)

# Names built at run time: the prefix, and how the rest of the name is put into each language.
COUNTER_PREFIXES = MappingProxyType(
    {
        "received via ": Text("received via {rest}", "经 {rest} 收到"),
        "non-zero ": Text("non-zero balances ({rest})", "余额不为零 ({rest})"),
    }
)


def counter_name(name: str) -> Text:
    """The human name of counter ``name`` in both languages (its code name, readable, if none is declared)."""
    known = COUNTER_NAMES.get(name)
    if known is not None:
        return known
    for prefix, pattern in COUNTER_PREFIXES.items():
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            return Text(pattern.en.format(rest=rest), pattern.zh.format(rest=rest))
    readable = name.replace("_", " ")
    return Text(readable, readable)


def is_declared(name: str) -> bool:
    """True if ``name`` has a human name here (by itself or by one of the prefixes)."""
    return name in COUNTER_NAMES or any(name.startswith(prefix) for prefix in COUNTER_PREFIXES)


def counters_in(source: str) -> list[str]:
    """The counters a lesson's ``source`` reports by a literal name (``*.count("name", ...)``), in order, once each.

    Names built at run time (f-strings) are not known before the run and are left out.
    """
    names: dict[str, None] = {}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and node.args]
    calls.sort(key=lambda node: (node.lineno, node.col_offset))
    for call in calls:
        first = call.args[0]
        if (
            isinstance(call.func, ast.Attribute)
            and call.func.attr == "count"
            and _is_probe(call.func.value)
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
        ):
            names.setdefault(first.value, None)
    return list(names)


def _is_probe(node: ast.expr) -> bool:
    """``probe`` or ``something.probe``: the receiver of a probe call (never ``text.count("x")``)."""
    return (isinstance(node, ast.Name) and node.id == "probe") or (
        isinstance(node, ast.Attribute) and node.attr == "probe"
    )
