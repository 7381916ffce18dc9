"""What a lesson parameter is: typed, bounded, labelled in both languages, checked before anything starts."""

from __future__ import annotations

import math
from typing import Any, ClassVar

from desktop.model.record_type import Record
from desktop.model.text import Text


class InvalidParams(ValueError):
    """Raised before anything starts when a parameter value is rejected.

    ``problems`` holds one message per rejected parameter (or cap); each names
    the parameter and the limit it broke, so the CLI and the GUI can show them
    as is. A problem given as a :class:`Text` (the caps say theirs in every
    language) shows in the UI's language through :meth:`in_language`;
    ``problems`` is the English, a plain string shows as it is in every language.
    """

    def __init__(self, problems: list[str | Text]):
        self.texts = [p if isinstance(p, Text) else Text(p, p) for p in problems]
        self.problems = [text.en for text in self.texts]
        super().__init__("; ".join(self.problems))

    def in_language(self, language: str) -> list[str]:
        """The problems in ``language`` ("en" or "zh")."""
        return [text.get(language) for text in self.texts]


class Param(Record):
    """One typed, bounded parameter of a lesson.

    ``kind`` is ``int``, ``float`` or ``bool``. Bounds are inclusive and ignored
    for booleans. ``unit`` is shown next to the value and in error messages.
    """

    __slots__ = ("name", "kind", "default", "label", "unit", "minimum", "maximum", "help")
    _defaults: ClassVar = {"unit": "", "minimum": None, "maximum": None, "help": None}
    name: str
    kind: type
    default: Any
    label: Text
    unit: str
    minimum: float | None
    maximum: float | None
    help: Text | None

    def parse(self, raw: Any) -> Any:
        """Convert ``raw`` (a string from the CLI or a form, or a value) and check bounds.

        Raises:
            ValueError: with a message naming this parameter and its limit.
        """
        value = self._convert(raw)
        if self.kind is not bool:
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"{self.name} must be at least {self._fmt(self.minimum)} (got {self._fmt(value)})")
            if self.maximum is not None and value > self.maximum:
                raise ValueError(f"{self.name} must be at most {self._fmt(self.maximum)} (got {self._fmt(value)})")
        return value

    def describe_range(self) -> str:
        """A short human description of the accepted values, e.g. ``1–64 processes``."""
        if self.kind is bool:
            return "true/false"
        return f"{self._fmt(self.minimum, unit='')}–{self._fmt(self.maximum, unit='')} {self.unit}".strip()

    def _convert(self, raw: Any) -> Any:
        if self.kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("true", "1", "yes", "on"):
                return True
            if text in ("false", "0", "no", "off"):
                return False
            raise ValueError(f"{self.name} must be true or false (got {raw!r})")
        if isinstance(raw, bool):
            raise ValueError(f"{self.name} must be a number, not a boolean")
        try:
            if self.kind is int:
                if isinstance(raw, float):
                    if not raw.is_integer():
                        raise ValueError
                    return int(raw)
                return int(str(raw).strip())
            value = float(str(raw).strip()) if not isinstance(raw, (int, float)) else float(raw)
        except (TypeError, ValueError):
            noun = "a whole number" if self.kind is int else "a number"
            raise ValueError(f"{self.name} must be {noun} (got {raw!r})") from None
        if not math.isfinite(value):
            raise ValueError(f"{self.name} must be a finite number (got {raw!r})")
        return value

    def _fmt(self, value: Any, unit: str | None = None) -> str:
        if value is None:
            return ""
        if self.kind is int:
            text = f"{int(value):,}".replace(",", " ")
        else:
            text = f"{value:g}"
        return f"{text} {self.unit if unit is None else unit}".strip()


def int_param(name: str, default: int, minimum: int, maximum: int, label: Text, unit: str = "", **kw: Any) -> Param:
    return Param(name, int, default, label, unit, minimum, maximum, **kw)


def float_param(
    name: str, default: float, minimum: float, maximum: float, label: Text, unit: str = "", **kw: Any
) -> Param:
    return Param(name, float, default, label, unit, minimum, maximum, **kw)


def bool_param(name: str, default: bool, label: Text, **kw: Any) -> Param:
    return Param(name, bool, default, label, **kw)


class Params(dict):
    """Validated parameter values; read them as attributes (``params.buyers``).

    A plain ``dict`` subclass so it pickles into the run process unchanged.
    """

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None
