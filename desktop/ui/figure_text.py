"""A verdict figure as a student reads it: a human name and the value with its unit, in the UI's language.

Lessons name their figures for code (``wall_s``, ``tickets_left``,
``throughput_per_s``). :func:`figure_name` shows the name in words, from
:data:`desktop.model.figure_name.FIGURE_NAMES` (every figure a lesson declares,
in English and Chinese); a figure no lesson declares (an old saved run) is
spelled out from its code name ("tickets_left" -> "Tickets left"). The code
name stays the tooltip so a student can still match it to the lesson's
source. :func:`figure_value` adds the unit the name's suffix declares (``_s``
seconds, ``_ms``, ``_us``, ``_mb``, ``_kb``, ``_per_s``, ``_percent``) or the
table gives ("×", "cores"), and reads a yes/no figure as "yes" or "no".
"""

from __future__ import annotations

from desktop.model import figure_name as figure_table
from desktop.model.figure_name import FIGURE_NAMES
from desktop.model.text import Text
from desktop.ui import i18n

# code name -> (English, Chinese), kept in the model so the headless commands can use them too.
NAMES = FIGURE_NAMES

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


def figure_name(name: str) -> str:
    """``name`` (a figure's code name) in words, in the UI's language."""
    known = figure_table.figure_name(name)
    if known is not None:
        return known.get(i18n.language())
    words = name
    for suffix, _ in UNITS:
        if words.endswith(suffix) and len(words) > len(suffix):
            words = words[: -len(suffix)]
            break
    words = words.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def figure_unit(name: str) -> str:
    """The unit of ``name``: the table's ("×", "cores") or its suffix's ("s", "ms", "/s"), or "" for a count."""
    unit = figure_table.figure_unit(name)
    if unit is not None:
        return unit.get(i18n.language())
    return next((unit for suffix, unit in UNITS if name.endswith(suffix)), "")


def format_number(value: object) -> str:
    """A figure's number as people write it: at most three decimals, no trailing zeros."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"
    return str(value)


def figure_value(name: str, value: object) -> str:
    """``value`` with the unit ``name`` declares: "1.04 s", "36.7 /s", "10", "2.1×"; "yes" or "no" for a yes/no."""
    if figure_table.is_yes_no(name) and value in (0, 1):
        return (_YES if value else _NO).get(i18n.language())
    unit = figure_unit(name)
    number = format_number(value)
    if not unit or not isinstance(value, (int, float)):
        return number
    return f"{number}{unit}" if unit in ("%", "×") else f"{number} {unit}"
