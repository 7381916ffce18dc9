"""A figure as a student reads it, in either language: its name in words and its value with the unit.

Qt-free, so that what the model itself says (a prediction's feedback, the
headless commands) and what the window shows read the same;
:mod:`desktop.ui.figure_text` asks this module in the UI's language. Names
come from :mod:`desktop.model.figure_name`; a figure no lesson declares (an
old saved run) is spelled out from its code name ("tickets_left" ->
"Tickets left").
"""

from __future__ import annotations

from desktop.model import figure_name as figure_table
from desktop.model.text import Text

# suffix -> unit shown after the value (the same in both languages), longest first.
UNITS = (
    ("_per_s", "/s"),
    ("_percent", "%"),
    ("_ms", "ms"),
    ("_us", "µs"),
    ("_mb", "MB"),
    ("_kb", "KB"),
    ("_s", "s"),
)
_YES, _NO = Text("yes", "是"), Text("no", "否")


def format_number(value: object) -> str:
    """A figure's number as people write it: at most three decimals, no trailing zeros."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"
    return str(value)


def spelled_name(name: str, language: str) -> str:
    """``name`` (a figure's code name) in words, in ``language``."""
    known = figure_table.figure_name(name)
    if known is not None:
        return known.get(language)
    words = name
    for suffix, _ in UNITS:
        if words.endswith(suffix) and len(words) > len(suffix):
            words = words[: -len(suffix)]
            break
    words = words.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def unit(name: str, language: str) -> str:
    """The unit of ``name``: the table's ("×", "cores") or its suffix's ("s", "ms", "/s"), or "" for a count."""
    known = figure_table.figure_unit(name)
    if known is not None:
        return known.get(language)
    return next((unit for suffix, unit in UNITS if name.endswith(suffix)), "")


def value_text(name: str, value: object, language: str) -> str:
    """``value`` with the unit ``name`` declares: "1.04 s", "36.7 /s", "10", "2.1×"; "yes" or "no" for a yes/no."""
    if figure_table.is_yes_no(name) and value in (0, 1):
        return (_YES if value else _NO).get(language)
    said = unit(name, language)
    number = format_number(value)
    if not said or not isinstance(value, (int, float)):
        return number
    return f"{number}{said}" if said in ("%", "×") else f"{number} {said}"


def reading(name: str, value: object) -> Text:
    """ "Speed-up with threads: 1.13×" / "线程加速比：1.13×": one figure as a sentence part, in both languages."""
    return Text(
        f"{spelled_name(name, 'en')}: {value_text(name, value, 'en')}",
        f"{spelled_name(name, 'zh')}：{value_text(name, value, 'zh')}",
    )
