"""Every counter a lesson reports has a human name in both languages."""

from __future__ import annotations

import ast
import importlib
import inspect

from desktop.lessons import catalog
from desktop.model.counter_name import COUNTER_NAMES, COUNTER_PREFIXES, counter_name, counters_in, is_declared


def _counted_names(source: str) -> list[str]:
    """The first argument of every ``*.count(...)`` call with a string (or an f-string's literal start)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "count"):
            continue
        if not node.args:
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.append(first.value)
        elif isinstance(first, ast.JoinedStr) and first.values and isinstance(first.values[0], ast.Constant):
            names.append(first.values[0].value + "…")  # a name built at run time: its prefix must be declared
    return names


def test_every_counter_in_every_lesson_has_a_name_in_both_languages():
    seen = set()
    for lesson_id in catalog.IDS:
        module = importlib.import_module(catalog.module_name(lesson_id))
        for name in _counted_names(inspect.getsource(module)):
            if name.endswith("…"):
                assert name[:-1] in COUNTER_PREFIXES, f"{lesson_id}: counter prefix {name!r} has no human name"
                continue
            seen.add(name)
            assert is_declared(name), f"{lesson_id}: counter {name!r} has no human name in desktop.model.counter_name"
    assert {"sold", "occupants", "decrements", "blocks searched", "pages fetched"} <= seen
    for text in COUNTER_NAMES.values():
        assert text.en and text.zh and text.en != text.zh


def test_names_built_at_run_time_and_unknown_names():
    assert counter_name("received via pipe") == counter_name("received via pipe")
    assert counter_name("received via pipe").en == "received via pipe"
    assert (
        "pipe" in counter_name("received via pipe").zh and counter_name("received via pipe").zh != "received via pipe"
    )
    assert counter_name("my_own_counter").en == "my own counter" == counter_name("my_own_counter").zh
    assert not is_declared("my_own_counter")
    assert counter_name("sold").get("zh") == "已售票数"


def test_the_counters_a_lesson_s_source_reports_by_name():
    source = (
        "def buyer(probe):\n"
        "    probe.count('sold')\n"
        "    text.count('x')\n"
        "    probe.count(f'received via {channel}', 2)\n"
        "    self.probe.count('waited_ms', 1.5)\n"
        "    probe.count('sold')\n"
    )
    assert counters_in(source) == ["sold", "waited_ms"]
    assert counters_in("def broken(:") == []
    ticket = importlib.import_module(catalog.module_name("ticket-lock"))
    assert counters_in(inspect.getsource(ticket)) == ["sold"]
