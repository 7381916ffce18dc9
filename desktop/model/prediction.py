"""What a prediction is: the question a lesson asks before it runs, checked against its verdict.

A guess written down before the run turns the verdict from a fact into a
surprise (or a confirmation), which is what makes it stick. Every lesson gets
one :class:`Prediction`: a question, the verdict figure that answers it, and
either a number (with a unit) or a few choices, each choice a predicate on the
verdict figures. :func:`assess` puts the answer next to what was measured.

Each lesson declares its own question (``Lesson.prediction``) with the
builders here (:func:`number`, :func:`choice`, :func:`yes_no`). Qt-free: the
GUI shows these, tests check them against real runs, and the texts are lesson
texts (``Text(en, zh)``), not UI strings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from desktop.model.record_type import Record
from desktop.model.text import Text

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import ClassVar

NUMBER, CHOICE = "number", "choice"
SAME_SPEED = 1.15  # within this factor, two speeds count as "about the same"

Figures = Mapping[str, float]
NO_UNIT = Text("", "")


class Choice(Record):
    """One possible answer and how to tell from the figures whether it came true."""

    __slots__ = ("label", "holds")
    label: Text
    holds: Callable[[Figures], bool]


class Prediction(Record):
    """The question a lesson asks before it runs.

    ``figure`` is the verdict figure the answer is checked against; ``also``
    lists other figures a choice's predicate reads (shown next to the result).
    Numbers are compared after multiplying the figure by ``scale`` (a share
    asked in %), and count as right within ``tolerance`` (relative) plus the
    rounding of ``decimals``. A choice answer is the index of the chosen choice.
    """

    __slots__ = (
        "question",
        "figure",
        "kind",
        "unit",
        "choices",
        "also",
        "decimals",
        "minimum",
        "maximum",
        "scale",
        "tolerance",
    )
    _defaults: ClassVar = {
        "kind": NUMBER,
        "unit": NO_UNIT,
        "choices": (),
        "also": (),
        "decimals": 0,
        "minimum": 0.0,
        "maximum": 1_000_000.0,
        "scale": 1.0,
        "tolerance": 0.0,
    }
    question: Text
    figure: str
    kind: str
    unit: Text
    choices: tuple[Choice, ...]
    also: tuple[str, ...]
    decimals: int
    minimum: float
    maximum: float
    scale: float
    tolerance: float

    @property
    def figures(self) -> tuple[str, ...]:
        """Every verdict figure this prediction reads."""
        return (self.figure, *self.also)

    def measured(self, figures: Figures) -> float | None:
        """The measured number (scaled), or None if the run has no such figure."""
        value = figures.get(self.figure)
        return None if value is None else float(value) * self.scale

    def measured_choice(self, figures: Figures) -> int | None:
        """Index of the first choice the figures make true; None without the figures or if none holds."""
        if any(name not in figures for name in self.figures):
            return None
        return next((index for index, choice in enumerate(self.choices) if choice.holds(figures)), None)

    def check(self, answer: float | int | None, figures: Figures) -> bool | None:
        """True if ``answer`` came true, False if not, None if there is no answer or nothing measured."""
        if answer is None:
            return None
        if self.kind == CHOICE:
            measured = self.measured_choice(figures)
            return None if measured is None else measured == int(answer)
        measured = self.measured(figures)
        if measured is None:
            return None
        slack = self.tolerance * abs(measured) + 0.5 * 10**-self.decimals
        return abs(float(answer) - measured) <= slack

    def format_answer(self, answer: float | int, language: str) -> str:
        if self.kind == CHOICE:
            return f"“{self.choices[int(answer)].label.get(language)}”"
        return _number(answer, self.decimals)


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _figure_list(prediction: Prediction, figures: Figures) -> Text:
    """The figures a choice was judged by, as the verdict's table names them ("Speed-up with threads: 1.13×")."""
    # Imported here: a lesson's module imports this one, and its workers must not load the names of every figure.
    from desktop.model import figure_reading

    readings = [figure_reading.reading(name, figures[name]) for name in prediction.figures]
    return Text("; ".join(r.en for r in readings), "；".join(r.zh for r in readings))


def assess(prediction: Prediction, answer: float | int | None, figures: Figures) -> Text:
    """The answer next to the measurement, e.g. "You predicted 10; measured 13." / "你预测 10；实测 13。"."""
    right = prediction.check(answer, figures)
    if prediction.kind == CHOICE:
        index = prediction.measured_choice(figures)
        if index is None:
            measured_en = measured_zh = None
        else:
            label = prediction.choices[index].label
            details = _figure_list(prediction, figures)
            measured_en, measured_zh = f"“{label.en}” ({details.en})", f"“{label.zh}”（{details.zh}）"
    else:
        value = prediction.measured(figures)
        measured_en = measured_zh = None if value is None else _number(value, prediction.decimals)
    if answer is None:
        if measured_en is None:
            return Text("No prediction, and nothing measured to show.", "没有预测，也没有可显示的实测值。")
        return Text(f"No prediction this time; measured {measured_en}.", f"这次没有预测；实测 {measured_zh}。")
    guess_en, guess_zh = prediction.format_answer(answer, "en"), prediction.format_answer(answer, "zh")
    if measured_en is None:
        return Text(
            f"You predicted {guess_en}; the run measured nothing to check it against.",
            f"你预测 {guess_zh}；这次运行没有可对照的实测值。",
        )
    text = Text(f"You predicted {guess_en}; measured {measured_en}.", f"你预测 {guess_zh}；实测 {measured_zh}。")
    if right:
        text = Text(text.en + " Right!", text.zh + "猜对了！")
    return text


def number(figure: str, en: str, zh: str, unit: tuple[str, str] = ("", ""), **options) -> Prediction:
    return Prediction(Text(en, zh), figure, NUMBER, Text(*unit), **options)


def choice(figure: str, en: str, zh: str, *choices: tuple[str, str, Callable[[Figures], bool]], **options):
    return Prediction(
        Text(en, zh), figure, CHOICE, choices=tuple(Choice(Text(e, z), p) for e, z, p in choices), **options
    )


def yes_no(figure: str, en: str, zh: str, yes: tuple[str, str], no: tuple[str, str]) -> Prediction:
    """A question whose answer is "the figure is above zero" or "it is zero"."""
    return choice(figure, en, zh, (*yes, lambda f: f[figure] > 0), (*no, lambda f: f[figure] <= 0))


def faster(first: str, second: str) -> Callable[[Figures], bool]:
    """True when figure ``first`` is clearly larger than ``second`` (beyond :data:`SAME_SPEED`)."""
    return lambda f: f[first] > SAME_SPEED * f[second]


def similar(first: str, second: str) -> Callable[[Figures], bool]:
    """True when the two figures are within :data:`SAME_SPEED` of each other."""
    return lambda f: f[first] <= SAME_SPEED * f[second] and f[second] <= SAME_SPEED * f[first]


def largest(names: tuple[str, ...], name: str) -> Callable[[Figures], bool]:
    """True when ``name`` is the largest of the figures ``names``."""
    return lambda f: max(names, key=lambda n: f[n]) == name


TIMES = ("×", "倍")
SECONDS = ("s", "秒")
PERCENT = ("%", "%")
