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

from desktop.model import figure_reading
from desktop.model.figure_name import FIGURE_NAMES
from desktop.ui import i18n

# code name -> (English, Chinese), kept in the model so the headless commands can use them too.
NAMES = FIGURE_NAMES
format_number = figure_reading.format_number


def figure_name(name: str) -> str:
    """``name`` (a figure's code name) in words, in the UI's language."""
    return figure_reading.spelled_name(name, i18n.language())


def figure_unit(name: str) -> str:
    """The unit of ``name``: the table's ("×", "cores") or its suffix's ("s", "ms", "/s"), or "" for a count."""
    return figure_reading.unit(name, i18n.language())


def figure_value(name: str, value: object) -> str:
    """``value`` with the unit ``name`` declares: "1.04 s", "36.7 /s", "10", "2.1×"; "yes" or "no" for a yes/no."""
    return figure_reading.value_text(name, value, i18n.language())
