"""Real quick runs of lessons, measured once per session and shared by the lesson tests.

``measured(lesson_id, **overrides)`` runs the lesson's quick variant (with
``overrides`` on top) in real spawned processes and keeps what its verdict was
computed from: the :class:`Outcome` and the :class:`Verdict` themselves, not
only the record. Verdict tests then feed the real outcome, or a copy with one
piece of evidence changed, back to ``lesson.verdict``.
"""

from __future__ import annotations

import pytest

from desktop.lessons import catalog, check
from desktop.model.lesson import Lesson
from desktop.model.outcome import Outcome
from desktop.model.param import Params
from desktop.model.record_type import Record
from desktop.model.run_record import PASSED, RunRecord
from desktop.model.verdict import Verdict
from desktop.runtime.run import run_to_completion


class Measured(Record):
    """One real run: the lesson, its parameters, the record, and the outcome and verdict the run computed."""

    __slots__ = ("lesson", "params", "record", "outcome", "verdict")
    lesson: Lesson
    params: Params
    record: RunRecord
    outcome: Outcome
    verdict: Verdict

    def judge(self, params: Params | None = None, **result: object) -> Verdict:
        """The lesson's verdict on this run's evidence, with ``result`` entries replaced (and other params)."""
        outcome = self.outcome.replace(result={**self.outcome.result, **result})
        verdict = self.lesson.verdict(params or self.params, outcome)
        assert check.chinese_problems(verdict.text.zh) == [], verdict.text.zh  # every branch keeps the house style
        return verdict


@pytest.fixture(scope="session")
def measured():
    """``measured(lesson_id, **overrides) -> Measured``: a real quick run, run once per session."""
    cache: dict[tuple, Measured] = {}

    def measure(lesson_id: str, **overrides: object) -> Measured:
        key = (lesson_id, tuple(sorted(overrides.items())))
        if key not in cache:
            lesson = catalog.load(lesson_id)
            params = lesson.parse_params({**lesson.quick, **overrides})
            seen: list[tuple[Outcome, Verdict]] = []

            def keep(params: Params, outcome: Outcome) -> Verdict:
                verdict = lesson.verdict(params, outcome)
                seen.append((outcome, verdict))
                return verdict

            # Each run makes and stops its own sampler: a session-long one would still be sampling when
            # tests/unit/ui's no_dangling_threads checks for a "cpu-sampler" thread after every GUI test.
            record = run_to_completion(lesson.replace(verdict=keep), params)
            assert record.status == PASSED, record.error
            cache[key] = Measured(lesson, params, record, *seen[0])
        return cache[key]

    return measure
