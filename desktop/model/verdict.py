"""What a verdict is, and the small helpers verdicts share to phrase what was measured.

Lessons whose claim needs free cores (processes running at once, a pool's
speed-up) judge their figures against the cores other programs left them and
name the load with :func:`load_note`, so every such verdict says it the same
way in both languages. A lesson that compares CPU-bound phases judges each
against the load during that phase (``Outcome.phase_background(name)``), not
the run's mean (``Outcome.background_cores()``): another program's burst
inside one short phase spoils that phase's figure while the mean stays low;
the note then says which phase (``during``).
"""

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


# Other programs using fewer cores than this are an idle desktop's noise (a
# terminal, the window system); from here on a verdict names the load.
BUSY_CORES = 0.25


def is_busy(background_cores: float) -> bool:
    """Whether other programs took a real share of the CPU (see ``BUSY_CORES``)."""
    return background_cores >= BUSY_CORES


def cores_left(background_cores: float, cores: int) -> float:
    """Cores other programs left for the run, on average (at least 0)."""
    return max(0.0, cores - background_cores)


def load_figure(background_cores: float, cores: int) -> Text:
    """ "1.2 of 2 cores" in both languages, for verdicts that phrase the load themselves."""
    return Text(
        f"{background_cores:.1f} of {plural(cores, 'core')}",
        f"{cores} 个核心中的 {background_cores:.1f} 个",
    )


THIS_RUN = Text("this run", "本次运行")


def load_note(
    background_cores: float, cores: int, so: Text | None = None, always: bool = False, during: Text = THIS_RUN
) -> Text:
    """The sentence naming the load, or empty texts when the machine was quiet (unless ``always``).

    "Other programs used 1.2 of 2 cores during this run, so <so>." The English
    text starts with a space, so a verdict appends it to its last sentence;
    Chinese needs none. ``so`` says what the load did to this lesson's figures;
    ``during`` names the stretch the load was measured over when it is one
    phase ("the processes phase", "进程阶段"), whose load ``background_cores`` is.
    """
    if not (always or is_busy(background_cores)):
        return Text("", "")
    figure = load_figure(background_cores, cores)
    en = f" Other programs used {figure.en} during {during.en}"
    zh = f"{during.zh}期间，其他程序占用了 {figure.zh}"
    if so is not None:
        en += f", so {so.en}"
        zh += f"，因此{so.zh}"
    return Text(en + ".", zh + "。")
