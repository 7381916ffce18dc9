"""The units lessons give their parameters ("processes", "s"), named in both languages: the one table of them.

A parameter's ``unit`` is its English plural, as the lesson's code writes it
(``int_param("buyers", ..., "processes")``). The form beside its editor, the
plan line ("up to 10 processes") and the range errors of the CLI and the GUI
all read the unit through :func:`unit_name`, so one word is said the same
everywhere, "1 process" and never "1 processes".

Steps to add a unit: give the parameter its English plural as ``unit``, then
add ``"plural": (Text(plural, chinese), Text(singular, chinese))`` to
:data:`UNIT_NAMES` (a unit with no singular, such as "s", takes its own
:class:`Text` twice). ``tests/unit/model/test_unit_name.py`` fails on a
lesson's unit missing here. A unit not listed is shown as written in every
language.
"""

from __future__ import annotations

from types import MappingProxyType

from desktop.model.text import Text


def _same(english: str, chinese: str) -> tuple[Text, Text]:
    """A unit said the same for one as for many."""
    said = Text(english, chinese)
    return said, said


# unit -> (its name for any count but one, its name for exactly one)
UNIT_NAMES = MappingProxyType(
    {
        "processes": (Text("processes", "个进程"), Text("process", "个进程")),
        "threads": (Text("threads", "个线程"), Text("thread", "个线程")),
        "workers": (Text("workers", "个工作者"), Text("worker", "个工作者")),
        "tasks": (Text("tasks", "个任务"), Text("task", "个任务")),
        "coroutines": (Text("coroutines", "个协程"), Text("coroutine", "个协程")),
        "clients": (Text("clients", "个客户端"), Text("client", "个客户端")),
        "items": (Text("items", "项"), Text("item", "项")),
        "messages": (Text("messages", "条消息"), Text("message", "条消息")),
        "bytes": (Text("bytes", "字节"), Text("byte", "字节")),
        "lines": (Text("lines", "行"), Text("line", "行")),
        "links": (Text("links", "个链接"), Text("link", "个链接")),
        "pages": (Text("pages", "页"), Text("page", "页")),
        "pieces": (Text("pieces", "块"), Text("piece", "块")),
        "reads": (Text("reads", "次读取"), Text("read", "次读取")),
        "rounds": (Text("rounds", "轮"), Text("round", "轮")),
        "steps": (Text("steps", "步"), Text("step", "步")),
        "tickets": (Text("tickets", "张票"), Text("ticket", "张票")),
        "trials": (Text("trials", "次试验"), Text("trial", "次试验")),
        "PINs": (Text("PINs", "个 PIN 码"), Text("PIN", "个 PIN 码")),
        "s": _same("s", "秒"),
        "ms": _same("ms", "毫秒"),
        "×": _same("×", "×"),
    }
)


def unit_name(unit: str, count: float | None = None) -> Text:
    """``unit`` in both languages, singular when ``count`` is exactly 1; a unit not listed is as written."""
    names = UNIT_NAMES.get(unit)
    if names is None:
        return Text(unit, unit)
    return names[1] if count == 1 else names[0]


def with_unit(number: str, unit: str, count: float | None = None) -> Text:
    """``number`` followed by its unit in both languages ("10 processes", "10 个进程"); just ``number`` without one."""
    if not unit:
        return Text(number, number)
    name = unit_name(unit, count)
    return Text(f"{number} {name.en}", f"{number} {name.zh}")
