"""A script run speaks both languages: its lanes' details, why the guard stopped it, a process that vanished.

What the script itself prints, raises or names stays as it is; what the app
says about it (a lane started, a process's exit code, a task cancelled, a cap,
the timeout, a death without a traceback) is said in English and in Chinese
and read through :func:`~desktop.model.events.state_detail`,
:func:`~desktop.runtime.script.summary.headline` and
:func:`~desktop.runtime.script.summary.error_text`.
"""

from __future__ import annotations

from desktop.model.events import state_detail
from desktop.runtime.caps import Caps
from desktop.runtime.script import summary as summary_module
from desktop.runtime.telemetry import STATE
from tests.integration.runtime.chinese_text import assert_chinese, assert_english
from tests.integration.runtime.script.conftest import events_of
from tests.integration.runtime.script.test_script_run import FORK_BOMB

LANES = """
import asyncio
import multiprocessing as mp
import threading
import time


def child():
    time.sleep(0.05)


async def forever():
    await asyncio.sleep(60)


async def main():
    task = asyncio.create_task(forever())
    await asyncio.sleep(0.05)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass


if __name__ == "__main__":
    p = mp.Process(target=child, name="kid")
    p.start()
    p.join()
    t = threading.Thread(target=child, name="helper")
    t.start()
    t.join()
    asyncio.run(main())
"""


def details(record, language: str) -> set[tuple[str, str]]:
    """(worker, detail in ``language``) of every state the run reported."""
    return {(e.worker, state_detail(e.value, language)) for e in events_of(record, STATE)}


def test_lane_details_read_in_both_languages_and_the_summary_still_counts_by_them(run_text):
    record, summary = run_text(LANES)
    assert summary["status"] == "passed", record.error
    task = next(e.worker for e in events_of(record, STATE) if e.worker.endswith("(forever)"))
    english, chinese = details(record, "en"), details(record, "zh")
    assert {
        ("kid", "process started"),
        ("kid", "exit code 0"),
        ("MainProcess/helper", "thread started"),
        (task, "task started"),
        (task, "cancelled"),
    } <= english
    assert {
        ("kid", "进程已启动"),
        ("kid", "退出码 0"),
        ("MainProcess/helper", "线程已启动"),
        (task, "任务已启动"),
        (task, "已取消"),
    } <= chinese
    # The summary reads the lanes by their English details, whatever language they were said in.
    assert summary["processes_started"] == 1 and summary["threads_started"] == 1
    assert summary["tasks_started"] == 2  # main() and forever()
    assert summary["exit_codes"]["kid"] == 0


def test_a_fork_bomb_stopped_by_the_cap_says_why_in_both_languages(run_text):
    _, summary = run_text(FORK_BOMB, caps=Caps(max_processes=6))
    assert summary["status"] == "stopped"
    assert "the cap is 6 processes" in summary["stopped_because"]
    assert_english(summary["stopped_because"])
    assert summary["stopped_because_zh"].endswith("上限是 6 个进程")
    assert_chinese(summary["stopped_because_zh"])
    headline = summary_module.headline(summary)
    assert headline.en == f"Stopped: {summary['stopped_because']}."
    assert headline.zh == f"已停止：{summary['stopped_because_zh']}。"
    assert_chinese(headline.zh)


def test_the_timeout_says_why_in_both_languages(run_text):
    _, summary = run_text("while True:\n    pass\n", timeout=1.0)
    assert summary["stopped_because"] == "stopped after the 1 s timeout"
    assert summary_module.headline(summary).zh == "已停止：运行超过了 1 秒的时限。"


def test_a_process_that_vanishes_is_said_in_both_languages(run_text):
    _, summary = run_text(
        """
        import multiprocessing as mp
        import os

        def vanish():
            os._exit(7)

        if __name__ == "__main__":
            p = mp.Process(target=vanish, name="vanisher")
            p.start()
            p.join()
        """
    )
    assert summary["status"] == "failed"
    (error,) = summary["errors"]
    assert error["process"] == "vanisher"  # named, with how it died and its exit code
    assert "died with exit code 7 and no traceback" in error["message"]
    assert summary["exit_codes"]["vanisher"] == 7
    said = summary_module.error_text(error)
    assert said.en == "vanisher: exit: died with exit code 7 and no traceback"
    assert said.zh == "vanisher：意外退出（退出码 7），没有打印异常回溯（traceback）"
    assert_chinese(said.zh)
    headline = summary_module.headline(summary)
    assert headline.en == f"Failed: {said.en}"
    assert headline.zh == f"失败：{said.zh}"
    assert_chinese(headline.zh)
