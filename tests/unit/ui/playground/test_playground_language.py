"""A script run in the Chinese UI: the waits the app names by kind are said in Chinese, and the headline switches."""

from __future__ import annotations

import pytest

from desktop import settings as settings_module
from desktop.ui import i18n
from desktop.ui.event_log import describe
from desktop.ui.playground.playground import install_playground

RUN_TIMEOUT_MS = 120_000

# A pool's map, a future's result and an executor's shutdown, each forced to wait (the work sleeps).
WAITS = """
import time
import multiprocessing as mp
from concurrent.futures import ThreadPoolExecutor


def nap(x):
    time.sleep(0.2)
    return x


if __name__ == "__main__":
    with mp.Pool(1) as pool:
        pool.map(nap, [1])
    jobs = ThreadPoolExecutor(1)
    jobs.submit(nap, 2).result()
    jobs.submit(nap, 3)
    jobs.shutdown(wait=True)
"""


@pytest.fixture
def playground(window):
    installed = install_playground(window)
    installed.show()
    yield installed
    i18n.set_language(settings_module.ENGLISH)


def test_waits_named_by_kind_read_in_chinese_and_the_headline_follows_a_switch(playground, qtbot):
    window = playground._window
    assert window.set_language(settings_module.CHINESE) is None
    events = []
    window.bridge.events_received.connect(events.extend)
    playground.editor.setPlainText(WAITS)
    with qtbot.waitSignal(playground.script_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert playground.run_script()
    assert finished.args[0]["status"] == "passed", finished.args[0]["errors"]
    said = {describe(e) for e in events}
    for chinese in ("进程池的结果", "Future 对象的结果", "执行器", "0.2 秒"):
        assert any(chinese in line for line in said), (chinese, sorted(said))
    assert not any(english in line for line in said for english in ("pool results", "future", "executor", "0.2 s"))
    # The headline shown at the end of the run switches with the UI.
    chinese_headline = playground.result.headline.text()
    assert window.set_language(settings_module.ENGLISH) is None
    english_headline = playground.result.headline.text()
    assert chinese_headline != english_headline and "Ran to the end" in english_headline
    assert any("pool results" in describe(e) for e in events)
