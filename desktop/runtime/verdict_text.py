"""The verdict of a finished run: its status, the sentence a student reads, the figures behind it.

A run that completed gets the target's own verdict, computed from what was
measured. Otherwise the runtime phrases it, in every language the app speaks
(:class:`~desktop.model.text.Text`): stopped before the end, failed (with the
first line of the reason), or a verdict that raised. :func:`judge` decides
which; nothing here touches a process or the pipe.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping, Sequence
from typing import ClassVar

from desktop.model.outcome import Outcome
from desktop.model.param import Params
from desktop.model.record_type import Record
from desktop.model.run_record import FAILED, PASSED, STOPPED
from desktop.model.text import Text
from desktop.runtime import run_file_bounds as bounds
from desktop.runtime.run_target import RunTarget

STOPPED_TEXT = Text("Stopped before the end: no verdict.", "运行在结束前被停止：没有结论。")


def failed_text(reason: Text | str) -> Text:
    """The verdict of a run that failed: the first line of ``reason``, each language its own.

    A plain string (a reason said in one language only) shows as it is in every language.
    """
    said = reason if isinstance(reason, Text) else Text(reason, reason)
    first_en, first_zh = (text.splitlines()[0] if text else "" for text in (said.en, said.zh or said.en))
    return Text("The run failed: " + first_en, "运行失败：" + first_zh)


def uncomputable_text(error: str) -> Text:
    """The verdict of a run whose verdict function raised: the last line of its traceback."""
    last = error.strip().splitlines()[-1]
    return Text("The verdict could not be computed: " + last, "无法计算结论：" + last)


class Judgement(Record):
    """How a run ended: status, verdict text, figures, and the error that explains a failure (every language)."""

    __slots__ = ("status", "verdict", "figures", "error")
    _factories: ClassVar = {"figures": dict}
    _defaults: ClassVar = {"error": Text("", "")}
    status: str
    verdict: Text
    figures: Mapping[str, float]
    error: Text


def judge(
    target: RunTarget,
    params: Params,
    outcome: Outcome,
    *,
    stopped: bool,
    errors: Sequence[Text | str],
    exitcode: int | None,
) -> Judgement:
    """Judge a finished run of ``target``.

    Args:
        outcome: what was measured; ``outcome.result`` is None when the main never returned.
        stopped: the user asked for the run to end.
        errors: what went wrong around the target (tracebacks, deaths, the watchdog, a failed kill),
            each in every language (a plain string shows as it is in every language).
        exitcode: the run process's exit code.
    """
    judgement = _judge(target, params, outcome, stopped=stopped, errors=errors, exitcode=exitcode)
    # Never write what a saved run may not hold (desktop.runtime.run_file_bounds): a worker's
    # exception message can be any length, and the verdict shows its first line.
    verdict = Text(*(bounds.bounded_text(part) for part in (judgement.verdict.en, judgement.verdict.zh)))
    error = Text(
        *(bounds.bounded_text(part, bounds.MAX_ERROR_CHARS) for part in (judgement.error.en, judgement.error.zh))
    )
    return Judgement(judgement.status, verdict, judgement.figures, error)


def _judge(
    target: RunTarget,
    params: Params,
    outcome: Outcome,
    *,
    stopped: bool,
    errors: Sequence[Text | str],
    exitcode: int | None,
) -> Judgement:
    if stopped:
        return Judgement(STOPPED, STOPPED_TEXT)
    if errors or outcome.result is None or exitcode != 0:
        said = [e if isinstance(e, Text) else Text(e, e) for e in errors]
        reason = Text("\n".join(e.en for e in said), "\n".join(e.zh for e in said))
        if not said:
            reason = Text(
                f"the run process ended with exit code {exitcode} and no result",
                f"运行进程结束了（退出码 {exitcode}），没有给出结果",
            )
        return Judgement(FAILED, failed_text(reason), error=reason)
    try:
        verdict = target.verdict(params, outcome)
    except Exception:
        error = traceback.format_exc()
        return Judgement(FAILED, uncomputable_text(error), error=Text(error, error))
    return Judgement(PASSED, verdict.text, dict(verdict.figures))
