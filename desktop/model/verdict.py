"""What a verdict is, and the small helpers verdicts share to phrase what was measured."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from desktop.model.record_type import Record
from desktop.model.text import Text


class Verdict(Record):
    """The measured outcome of a run: one sentence per language and the figures behind it."""

    __slots__ = ("text", "figures")
    text: Text
    figures: Mapping[str, float]


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, or 0.0 when the denominator is 0 (nothing to compare)."""
    return numerator / denominator if denominator else 0.0


def plural(count: float, singular: str, plural_form: str | None = None) -> str:
    count = int(count)
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def rounded(figures: dict[str, float], digits: int = 3) -> dict[str, float]:
    """Figures rounded for display and JSON (ints stay ints)."""
    return {k: (v if isinstance(v, int) else round(float(v), digits)) for k, v in figures.items()}


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0
