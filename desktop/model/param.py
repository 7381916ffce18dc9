"""What a lesson parameter is: typed, bounded, labelled in both languages, checked before anything starts."""

from __future__ import annotations

import math

from desktop.model.record_type import Record
from desktop.model.text import Text

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import Any, ClassVar


class InvalidParams(ValueError):
    """Raised before anything starts when a parameter value is rejected.

    ``problems`` holds one message per rejected parameter (or cap); each names
    the parameter and the limit it broke, so the CLI and the GUI can show them
    as is. A problem given as a :class:`Text` (a parameter's range, a cap: said in
    every language) shows in the UI's language through :meth:`in_language`;
    ``problems`` is the English, a plain string shows as it is in every language.
    """

    def __init__(self, problems: list[str | Text]):
        self.texts = [p if isinstance(p, Text) else Text(p, p) for p in problems]
        self.problems = [text.en for text in self.texts]
        super().__init__("; ".join(self.problems))

    def in_language(self, language: str) -> list[str]:
        """The problems in ``language`` ("en" or "zh")."""
        return [text.get(language) for text in self.texts]


class ParamError(ValueError):
    """One parameter's value was rejected; ``text`` says so in every language (``str()`` is the English)."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


class Param(Record):
    """One typed, bounded parameter of a lesson.

    ``kind`` is ``int``, ``float`` or ``bool``. Bounds are inclusive and ignored
    for booleans. ``unit`` (an English plural, named in both languages by
    :mod:`desktop.model.unit_name`) is shown next to the value and in error messages.
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
            ParamError: saying, in every language, which parameter and which limit.
        """
        value = self._convert(raw)
        if self.kind is not bool:
            if self.minimum is not None and value < self.minimum:
                raise self._error(
                    Text(
                        "{name} must be at least {limit} (got {value})",
                        "{label}（{name}）不能小于 {limit}（输入的是 {value}）",
                    ),
                    limit=self._fmt(self.minimum),
                    value=self._fmt(value),
                )
            if self.maximum is not None and value > self.maximum:
                raise self._error(
                    Text(
                        "{name} must be at most {limit} (got {value})",
                        "{label}（{name}）不能大于 {limit}（输入的是 {value}）",
                    ),
                    limit=self._fmt(self.maximum),
                    value=self._fmt(value),
                )
        return value

    def describe_range(self) -> str:
        """A short human description of the accepted values, e.g. ``1–64 processes``."""
        if self.kind is bool:
            return "true/false"
        return f"{self._fmt(self.minimum, unit='').en}–{self._fmt(self.maximum, unit='').en} {self.unit}".strip()

    def _convert(self, raw: Any) -> Any:
        if self.kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("true", "1", "yes", "on"):
                return True
            if text in ("false", "0", "no", "off"):
                return False
            raise self._error(
                Text(
                    "{name} must be true or false (got {raw})",
                    "{label}（{name}）只能是 true 或 false（输入的是 {raw}）",
                ),
                raw=repr(raw),
            )
        if isinstance(raw, bool):
            raise self._error(
                Text("{name} must be a number, not a boolean", "{label}（{name}）必须是数字，不能是布尔值")
            )
        try:
            if self.kind is int:
                if isinstance(raw, float):
                    if not raw.is_integer():
                        raise ValueError
                    return int(raw)
                return int(str(raw).strip())
            value = float(str(raw).strip()) if not isinstance(raw, (int, float)) else float(raw)
        except (TypeError, ValueError):
            said = (
                Text("{name} must be a whole number (got {raw})", "{label}（{name}）必须是整数（输入的是 {raw}）")
                if self.kind is int
                else Text("{name} must be a number (got {raw})", "{label}（{name}）必须是数字（输入的是 {raw}）")
            )
            raise self._error(said, raw=repr(raw)) from None
        if not math.isfinite(value):
            raise self._error(
                Text("{name} must be a finite number (got {raw})", "{label}（{name}）必须是有限的数（输入的是 {raw}）"),
                raw=repr(raw),
            )
        return value

    def _error(self, said: Text, **values: Text | str) -> ParamError:
        """``said`` filled in for this parameter: its code name, its label and ``values`` in each language."""
        english = {key: value.en if isinstance(value, Text) else value for key, value in values.items()}
        chinese = {key: value.zh if isinstance(value, Text) else value for key, value in values.items()}
        return ParamError(
            Text(
                said.en.format(name=self.name, label=self.label.en, **english),
                said.zh.format(name=self.name, label=self.label.zh, **chinese),
            )
        )

    def _fmt(self, value: Any, unit: str | None = None) -> Text:
        """``value`` with the unit (this parameter's, unless ``unit`` is given), in both languages."""
        if value is None:
            return Text("", "")
        if self.kind is int:
            text = f"{int(value):,}".replace(",", " ")
        else:
            text = f"{value:g}"
        # Here, not at the top: only error messages and labels name units, and every spawned worker imports
        # this module (through its lesson's) before its first line, which lessons time: the table is ~0.2 ms.
        from desktop.model.unit_name import with_unit

        return with_unit(text, self.unit if unit is None else unit, value)


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
