"""What a comparison is: two variants of a lesson worth running side by side, and the figures to set against each other.

A lesson with a natural switch compares it (lock off / on, threads / processes,
sleeping / waiting on a socket); the others vary the one parameter that
changes the story (1 worker / every core, few / many clients). ``figures`` are
the verdict figures whose ratio B/A tells the difference; ``simultaneous``
says whether running both at once still shows it (not for lessons that
measure speed or CPU share: two runs at once share the cores).

Each lesson declares its pair (``Lesson.comparison``) with :func:`switch` or
:func:`vary`. Qt-free: the compare window shows these, tests check them
against the lessons.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from desktop.model.record_type import Record
from desktop.model.text import Text

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import Any, ClassVar

CORES = os.cpu_count() or 1
MANY_WORKERS = min(max(2, CORES), 64)


class Variant(Record):
    """One side of a comparison: a label and the parameter overrides that make it."""

    __slots__ = ("label", "overrides")
    label: Text
    overrides: Mapping[str, Any]


class ComparePair(Record):
    """Variant A and variant B, the figures whose ratio B/A tells them apart, and whether both may run at once."""

    __slots__ = ("a", "b", "figures", "simultaneous")
    _defaults: ClassVar = {"simultaneous": True}
    a: Variant
    b: Variant
    figures: tuple[str, ...]
    simultaneous: bool


def switch(name: str, off: tuple[str, str], on: tuple[str, str], figures: tuple[str, ...], **kw) -> ComparePair:
    """Compare a boolean parameter off (A) and on (B)."""
    return ComparePair(Variant(Text(*off), {name: False}), Variant(Text(*on), {name: True}), figures, **kw)


def vary(name: str, a: float, b: float, en: str, zh: str, figures: tuple[str, ...], **kw) -> ComparePair:
    """Compare two values of one parameter, labelled e.g. "2 children" / "2 个子进程" (``{}`` is the value)."""
    return ComparePair(
        Variant(Text(en.format(f"{a:g}"), zh.format(f"{a:g}")), {name: a}),
        Variant(Text(en.format(f"{b:g}"), zh.format(f"{b:g}")), {name: b}),
        figures,
        **kw,
    )


def ratio_b_over_a(a: float | None, b: float | None) -> float | None:
    """B/A, or None when it means nothing (a figure missing, or A is 0)."""
    if a is None or b is None or float(a) == 0.0:
        return None
    return float(b) / float(a)


def with_common(pair: ComparePair, **common: Any) -> ComparePair:
    """``pair`` with ``common`` overrides added to both sides (e.g. a shorter run for both)."""
    return pair.replace(
        a=Variant(pair.a.label, {**common, **pair.a.overrides}),
        b=Variant(pair.b.label, {**common, **pair.b.overrides}),
    )
