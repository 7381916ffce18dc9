"""queue-basics judges empty() right after put() on every try it made, not on the single one the prediction asks about.

Fed a real quick run's outcome with the first try's answer and the repeated
tries' count changed: the verdict says both, and says which one was the exception.
"""

from __future__ import annotations

from desktop.lessons.queue_basics import EMPTY_AFTER_PUT


def _first_try(run, answer: bool) -> list[dict]:
    return [
        dict(s, outcome=f"returned {answer}") if s["call"] == EMPTY_AFTER_PUT else s
        for s in run.outcome.result["steps"]
    ]


def test_queue_basics_reports_every_try_of_put_then_empty(measured):
    run = measured("queue-basics")
    figures = run.verdict.figures
    assert figures["empty_after_put_tries"] == run.params.tries == run.outcome.result["tries"] > 1
    assert 0 <= figures["empty_after_put_true"] <= figures["empty_after_put_tries"]
    said = f"empty() said True in {figures['empty_after_put_true']} of {figures['empty_after_put_tries']} tries"
    assert said in run.verdict.text.en
    assert f"empty() 有 {figures['empty_after_put_true']} 次返回 True" in run.verdict.text.zh


def test_queue_basics_first_true_against_tries_that_all_said_false(measured):
    run = measured("queue-basics")
    verdict = run.judge(steps=_first_try(run, True), tries=50, said_empty=0)
    assert verdict.figures["empty_right_after_put"] == 1
    assert verdict.figures["empty_after_put_true"] == 0 and verdict.figures["empty_after_put_true_percent"] == 0
    assert "Right after a put, empty() returned True" in verdict.text.en
    assert "empty() said True in 0 of 50 tries" in verdict.text.en and "always sent the item" in verdict.text.en
    assert "The first try's True was the less common answer" in verdict.text.en
    assert "empty() 有 0 次返回 True" in verdict.text.zh and "第一次得到的 True 是较少见的答案" in verdict.text.zh


def test_queue_basics_first_false_against_tries_that_mostly_said_true(measured):
    run = measured("queue-basics")
    verdict = run.judge(steps=_first_try(run, False), tries=50, said_empty=36)
    assert verdict.figures["empty_right_after_put"] == 0
    assert verdict.figures["empty_after_put_true"] == 36 and verdict.figures["empty_after_put_true_percent"] == 72
    assert "Right after a put, empty() returned False" in verdict.text.en
    assert "empty() said True in 36 of 50 tries: it is only a hint" in verdict.text.en
    assert "The first try's False was the less common answer" in verdict.text.en
    assert "第一次得到的 False 是较少见的答案" in verdict.text.zh and "它只是个提示" in verdict.text.zh
    every = run.judge(steps=_first_try(run, True), tries=50, said_empty=50)
    assert "said True in 50 of 50 tries: each time the item was still on its way" in every.text.en
    assert "less common" not in every.text.en and "较少见" not in every.text.zh
