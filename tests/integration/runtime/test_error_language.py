"""Why a run failed, in both languages: each kind of failure, triggered by a real run, read in English and Chinese.

The collector, the watchdog, the caps and the judge say every message as a
:class:`~desktop.model.text.Text`; the record keeps the English as ``error``
and the Chinese as ``error_zh`` (``error_text`` is both), and the failed
verdict quotes the first line of each. What Python itself prints (a
traceback, an exception's message) stays as printed.
"""

from __future__ import annotations

import pytest

from desktop.lessons import catalog
from desktop.model.lesson import Plan
from desktop.model.param import InvalidParams, Params
from desktop.model.run_record import FAILED
from desktop.runtime.caps import Caps
from desktop.runtime.run import run_to_completion
from tests.integration.runtime import silent_exit
from tests.integration.runtime.chinese_text import assert_chinese, assert_english
from tests.reliability.failure_drill import EXIT_CODE, LESSON, params_for


def first_lines(record) -> tuple[str, str]:
    """The first line of the record's error in English and in Chinese."""
    said = record.error_text
    return said.en.splitlines()[0], said.zh.splitlines()[0]


def assert_failed_in_both_languages(record) -> tuple[str, str]:
    """The run failed; its error and verdict say why in English and in Chinese. Returns the error's first lines."""
    assert record.status == FAILED
    en, zh = first_lines(record)
    assert_english(en)
    assert_chinese(zh)
    assert record.verdict.en == f"The run failed: {en}"
    assert record.verdict.zh == f"运行失败：{zh}"
    return en, zh


def test_the_watchdog_says_who_waited_for_what_in_both_languages():
    lesson = catalog.load("ticket-lock").replace(stall_timeout=1.0)
    record = run_to_completion(lesson, lesson.parse_params({"buyers": 3, "delay": 4.0, "lock": True}))
    en, zh = assert_failed_in_both_languages(record)
    assert en.startswith("no progress for ") and "(watchdog)" in en
    assert "waiting-lock: ticket lock" in en  # the buyers queued behind the one that sleeps
    assert "秒没有任何进展（看门狗）" in zh
    assert "等待锁：" in zh and "休眠中：" in zh  # each state named in Chinese, with the lesson's Chinese detail
    assert "ticket lock" not in zh and "paying" not in zh


def test_a_cap_exceeded_while_running_in_both_languages():
    lesson = catalog.load("ticket-lock").replace(plan=lambda _params: Plan(processes=0, threads=0))
    params = lesson.parse_params({"buyers": 6, "delay": 3.0, "lock": True})  # 6 buyers taking turns: ~18 s
    record = run_to_completion(lesson, params, caps=Caps(max_processes=2, max_threads=1000, max_memory_mb=10_000))
    en, zh = assert_failed_in_both_languages(record)
    assert en.startswith("stopped by a cap while running: the run started ") and en.endswith("the cap is 2")
    assert zh.startswith("运行中超出上限而被停止：运行启动了 ") and zh.endswith("上限是 2 个")


def test_a_worker_that_vanishes_without_a_traceback_in_both_languages():
    record = run_to_completion(LESSON, params_for("exit"))
    en, zh = assert_failed_in_both_languages(record)
    assert en.startswith("drill-worker (pid ") and en.endswith(f"died with exit code {EXIT_CODE} and no traceback")
    assert zh.startswith("drill-worker（pid ") and zh.endswith(
        f"意外退出（退出码 {EXIT_CODE}），没有打印异常回溯（traceback）"
    )


def test_a_worker_that_raises_and_exits_says_so_around_python_s_own_words():
    record = run_to_completion(LESSON, params_for("raise"))
    assert record.status == FAILED
    en, zh = first_lines(record)
    message = "RuntimeError: the drill worker failed on purpose"  # the exception's own words, in every language
    assert en.startswith("drill-worker (pid ") and en.endswith(f"raised {message} and exited with exit code 1")
    assert zh.startswith("drill-worker（pid ") and zh.endswith(f"抛出了 {message}，随后退出（退出码 1）")
    assert record.error_text.zh.count("Traceback (most recent call last)") == 1  # the traceback as Python printed it


def test_a_run_process_that_ends_without_a_word_in_both_languages():
    record = run_to_completion(silent_exit, Params({}))
    en, zh = assert_failed_in_both_languages(record)
    assert en == f"the run process ended with exit code {silent_exit.EXIT_CODE} and no result"
    assert zh == f"运行进程结束了（退出码 {silent_exit.EXIT_CODE}），没有给出结果"


def test_a_run_over_the_caps_is_refused_before_it_starts_in_both_languages():
    lesson = catalog.load("ticket-lock").replace(plan=lambda _params: Plan(processes=5, threads=40))
    params = lesson.parse_params({"buyers": 2})
    with pytest.raises(InvalidParams) as refused:
        run_to_completion(lesson, params, caps=Caps(max_processes=4, max_threads=10, max_memory_mb=1))
    english, chinese = refused.value.in_language("en"), refused.value.in_language("zh")
    assert english == refused.value.problems and len(english) == 3  # processes, threads, memory
    assert english[:2] == [
        "this run would start 5 processes; the cap is 4",
        "this run would start 40 threads; the cap is 10",
    ]
    assert chinese[:2] == ["这次运行会启动 5 个进程，上限是 4 个", "这次运行会启动 40 个线程，上限是 10 个"]
    assert chinese[2].startswith("这次运行大约需要 ") and chinese[2].endswith(" MB 内存，内存上限是 1 MB")
    for problem in english:
        assert_english(problem)
    for problem in chinese:
        assert_chinese(problem)
