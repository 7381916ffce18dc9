"""Predict and compare: every lesson asks a question and has a comparison, both about figures its verdict reports.

Figure names are checked two ways: for every lesson against the figures it
declares (``Lesson.figures``; test_verdict_figures.py checks that a real quick
run of every lesson reports exactly those), and for a representative handful
against the figures of a real quick run.
"""

from __future__ import annotations

import pytest

from desktop.lessons import catalog
from desktop.model import comparison
from desktop.model.prediction import CHOICE, NUMBER, assess
from desktop.model.text import Text

# One lesson per kind of figure set: literal keys, keys built from MODELS / STYLES, CPU samples.
REAL_RUNS = ("ticket-lock", "producer-consumer", "futures", "socket-server", "gil-cpu-bound", "deadlock")


def _check_prediction_reads(prediction, figures) -> None:
    assert set(prediction.figures) <= set(figures)
    if prediction.kind == CHOICE:
        assert prediction.measured_choice(figures) is not None, "no choice holds for these figures"
    else:
        assert prediction.measured(figures) is not None


def test_every_lesson_has_a_prediction_and_a_compare_pair():
    for lesson in catalog.lessons():
        assert lesson.prediction is not None, lesson.id
        assert lesson.comparison is not None, lesson.id


@pytest.mark.parametrize("lesson_id", list(catalog.IDS))
def test_prediction_and_pair_read_figures_the_verdict_reports(lesson_id):
    lesson = catalog.load(lesson_id)
    declared = set(lesson.figures)
    prediction = lesson.prediction
    pair = lesson.comparison
    assert set(prediction.figures) <= declared
    assert set(pair.figures) <= declared and pair.figures
    # Every predicate reads only declared figures (a typo raises KeyError here).
    _check_prediction_reads(prediction, {name: 1.0 for name in declared})
    assert prediction.kind in (NUMBER, CHOICE)
    assert prediction.question.en.endswith("?") and prediction.question.zh.endswith("？")
    if prediction.kind == CHOICE:
        assert len(prediction.choices) >= 2
    # Both sides are valid parameters of the lesson, and they differ.
    side_a, side_b = lesson.parse_params(pair.a.overrides), lesson.parse_params(pair.b.overrides)
    assert side_a != side_b
    assert pair.a.label.en != pair.b.label.en and pair.a.label.zh != pair.b.label.zh


@pytest.mark.parametrize("lesson_id", REAL_RUNS)
def test_figure_names_match_a_real_quick_run(lesson_id, measured):
    run = measured(lesson_id)
    prediction = run.lesson.prediction
    _check_prediction_reads(prediction, run.record.figures)
    assert set(run.lesson.comparison.figures) <= set(run.record.figures)
    assert "measured" in assess(prediction, 0, run.record.figures).en


def test_assess_puts_the_number_next_to_the_measurement():
    prediction = catalog.load("ticket-lock").prediction
    assert assess(prediction, 10, {"sold": 13}) == Text("You predicted 10; measured 13.", "你预测 10；实测 13。")
    assert assess(prediction, 13, {"sold": 13}) == Text(
        "You predicted 13; measured 13. Right!", "你预测 13；实测 13。猜对了！"
    )
    assert "nothing" in assess(prediction, 10, {}).en
    assert assess(prediction, None, {"sold": 4}).en == "No prediction this time; measured 4."


def test_assess_scales_shares_and_allows_the_tolerance():
    prediction = catalog.load("process-states").prediction
    assert assess(prediction, 50, {"mean_cpu_share": 0.47}).en == "You predicted 50; measured 47. Right!"
    assert prediction.check(20, {"mean_cpu_share": 0.47}) is False


def test_assess_names_the_choice_that_came_true():
    prediction = catalog.load("gil-cpu-bound").prediction
    figures = {"speedup_threads": 0.98, "speedup_processes": 1.9}
    threads, processes = 0, 1
    text = assess(prediction, threads, figures)
    assert text.en == (
        "You predicted “Threads”; measured “Processes” (Speed-up with threads: 0.98×; Speed-up with processes: 1.9×)."
    )
    assert text.zh.startswith("你预测 “线程”；实测 “进程”")
    assert assess(prediction, processes, figures).en.endswith("Right!")
    assert prediction.measured_choice({"speedup_threads": 1.0, "speedup_processes": 1.05}) == 2


def test_ratio_b_over_a():
    assert comparison.ratio_b_over_a(4, 2) == 0.5
    assert comparison.ratio_b_over_a(0, 2) is None
    assert comparison.ratio_b_over_a(None, 2) is None
