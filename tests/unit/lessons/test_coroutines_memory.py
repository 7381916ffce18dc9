"""The coroutines lesson's per-process memory figure where USS cannot be read.

Under Wine, ``psutil.Process.memory_full_info()`` raises a plain OSError
([WinError 87]); the lesson failed there until it fell back to RSS for that
case too. The fallback is exercised on a real spawned process.
"""

from __future__ import annotations

import multiprocessing

import psutil
import pytest

from desktop.lessons import coroutines


@pytest.fixture
def child():
    context = multiprocessing.get_context("spawn")
    event = context.Event()
    process = context.Process(target=event.wait, args=(60,))
    process.start()
    yield process
    event.set()
    process.join(30)
    if process.is_alive():
        process.kill()


def _refuse_uss(self):
    raise OSError(22, "[WinError 87] The parameter is incorrect")


def test_an_os_error_reading_uss_falls_back_to_rss(child, monkeypatch):
    monkeypatch.setattr(psutil.Process, "memory_full_info", _refuse_uss)
    assert coroutines._unique_memory(child.pid) > 0


def test_a_process_that_is_gone_counts_nothing(child):
    child_pid = child.pid
    child.kill()
    child.join(30)
    assert coroutines._unique_memory(child_pid) == 0
