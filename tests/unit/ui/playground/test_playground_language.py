"""A script run in the Chinese UI: waits named by kind and files refused are said in Chinese, and follow a switch."""

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


def test_a_file_that_cannot_run_or_open_is_said_in_the_ui_language_and_again_after_a_switch(playground, tmp_path):
    window = playground._window
    assert window.set_language(settings_module.CHINESE) is None
    broken = tmp_path / "broken.py"
    broken.write_text("x = 1\nif x\n    print(x)\n", encoding="utf-8")
    assert playground.open_path(str(broken))  # a syntax error can be edited, not run
    assert not playground.run_script()
    assert not window.bridge.running and playground.editor.current_line() == 2
    chinese = playground.result.headline.text()
    assert chinese.startswith("broken.py 第 2 行第 ") and "列有 SyntaxError：" in chinese
    assert window.set_language(settings_module.ENGLISH) is None
    assert playground.result.headline.text().startswith("SyntaxError in broken.py at line 2, column ")
    assert window.set_language(settings_module.CHINESE) is None
    assert playground.result.headline.text() == chinese
    # Refused when opened (not UTF-8): the framing is Qt's translation, the reason the runtime's Text.
    legacy = tmp_path / "legacy.py"
    legacy.write_bytes(b"print('caf\xe9')\n")
    assert not playground.open_path(str(legacy))
    opened = playground.result.headline.text()
    assert "legacy.py 不是有效的 UTF-8 文本：第 1 行第 11 列的字节 0xe9；请把文件另存为 UTF-8" in opened
    assert "is not valid" not in opened and "could not be opened" not in opened
    assert window.set_language(settings_module.ENGLISH) is None
    assert playground.result.headline.text() == (
        "The file could not be opened: legacy.py is not valid UTF-8 text: byte 0xe9 at line 1, column 11; "
        "save the file as UTF-8"
    )
