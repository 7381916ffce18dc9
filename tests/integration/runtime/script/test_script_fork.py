"""A script that forks while its other threads report: the child must not inherit their held locks."""

from __future__ import annotations

import sys

import pytest

from desktop.runtime.telemetry import LOG
from tests.integration.runtime.script.conftest import events_of

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")

FORKS = 60


def test_forking_while_a_thread_prints_never_hangs_a_child(run_text):
    # The chattering thread holds the stdout stream's and the probe's locks most of the time; a child forked
    # then inherited them held and hung on its first line (CI: 1 run in ~1,000 ended "stopped" at the timeout).
    record, summary = run_text(
        f"""
        import multiprocessing as mp
        import threading

        def hello(i):
            print("hello", i)

        def chatter(stop):
            n = 0
            while not stop.is_set():
                n += 1
                print("chat", n)

        if __name__ == "__main__":
            ctx = mp.get_context("fork")
            stop = threading.Event()
            thread = threading.Thread(target=chatter, args=(stop,))
            thread.start()
            for i in range({FORKS}):
                p = ctx.Process(target=hello, args=(i,))
                p.start()
                p.join()
            stop.set()
            thread.join()
        """,
        timeout=30.0,
    )
    assert summary["status"] == "passed", summary.get("stopped_because")
    children = {name: code for name, code in summary["exit_codes"].items() if name.startswith("ForkProcess")}
    assert list(children.values()) == [0] * FORKS
    # A child reports its own lines only: not the chatter's, which it inherited unsent or kept back.
    by_children = [e.value for e in events_of(record, LOG) if e.worker.startswith("ForkProcess")]
    assert sorted(by_children, key=lambda line: int(line.split()[-1])) == [f"hello {i}" for i in range(FORKS)]
