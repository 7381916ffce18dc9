"""A script's queues: depth reported a few dozen times a second (exact peak and final depth, live), and waits.

Each process counts its own puts and gets and reports them coalesced
(:mod:`desktop.runtime.instrument.tally`); these scripts run in real spawned
processes and check what the summary and the record say against what the
script provably did.
"""

from __future__ import annotations

import textwrap

from desktop.model.events import State, depth_step
from desktop.runtime.script.script_run import ScriptRun
from desktop.runtime.telemetry import GOT, PUT, STATE
from tests.integration.runtime.script.conftest import TIMEOUT, events_of, items_of, line_of

ROUNDS = 2000


def final_depth(record, name: str) -> int:
    return sum(depth_step(e) for e in record.events if e.kind in (PUT, GOT) and e.name == name)


def test_peak_and_final_depth_are_exact_although_calls_are_reported_together(run_text):
    record, summary = run_text(
        f"""
        import multiprocessing as mp

        def fill(items, filled):
            for i in range({ROUNDS}):  # three in, one out: the peak comes just before the last get
                items.put(i)
                items.put(i)
                items.put(i)
                items.get()
            filled.set()

        if __name__ == "__main__":
            items = mp.Queue()
            filled = mp.Event()
            child = mp.Process(target=fill, args=(items, filled))
            child.start()
            filled.wait()  # every put and get of the child returned before the first get here
            for _ in range({2 * ROUNDS}):
                items.get()
            child.join()
            print("empty", items.empty())
        """
    )
    assert summary["status"] == "passed"
    assert summary["queues"] == {"items": 2 * ROUNDS + 1}  # not the 2 * ROUNDS the child's count ended at
    assert final_depth(record, "items") == 0
    assert items_of(record, GOT, "items") >= 2 * ROUNDS  # the main process took exactly 2 * ROUNDS
    reports = events_of(record, PUT, "items") + events_of(record, GOT, "items")
    assert len(reports) < 6 * ROUNDS  # far fewer reports than calls: they were coalesced


def test_depth_is_reported_while_a_long_stream_runs_not_only_at_its_end(tmp_path):
    stop = tmp_path / "stop"
    script = tmp_path / "stream.py"
    script.write_text(
        textwrap.dedent(
            """
            import multiprocessing as mp, os, sys

            def produce(items, stop):
                n = 0
                while not os.path.exists(stop):  # until the test has seen reports of this very stream
                    for _ in range(100):
                        items.put(n)
                        n += 1
                items.put(None)

            if __name__ == "__main__":
                items = mp.Queue(maxsize=20_000)
                producer = mp.Process(target=produce, args=(items, sys.argv[1]))
                producer.start()
                while items.get() is not None:
                    pass
                producer.join()
            """
        ),
        encoding="utf-8",
    )
    run = ScriptRun(str(script), argv=[str(stop)], timeout=TIMEOUT)
    run.start()
    live: list = []
    try:
        while not run.run.finished:
            live += [e for e in run.run.take_new_events() if e.kind in (PUT, GOT) and e.name == "items"]
            if sum(e.kind == PUT for e in live) >= 3 and sum(e.kind == GOT for e in live) >= 3:
                break
            run.wait(0.02)
    finally:
        stop.touch()  # the producer ends only now: what was seen above came while it was still putting
    assert run.wait(TIMEOUT)
    summary = run.summary()
    assert summary["status"] == "passed", run.record.error
    assert sum(e.kind == PUT for e in live) >= 3 and sum(e.kind == GOT for e in live) >= 3
    assert final_depth(run.record, "items") == 0
    items = items_of(run.record, PUT, "items")
    assert items_of(run.record, GOT, "items") == items
    assert 1 <= summary["queues"]["items"] <= 20_000
    reports = events_of(run.record, PUT, "items") + events_of(run.record, GOT, "items")
    assert len(reports) < 2 * items  # coalesced, and still reported as the stream went


def test_a_get_that_waits_is_shown_waiting_at_its_line_from_its_start_then_running(run_text):
    record, summary = run_text(
        """
        import multiprocessing as mp, time

        def late(items):
            time.sleep(0.3)
            items.put("late")

        if __name__ == "__main__":
            items = mp.Queue()
            mp.Process(target=late, args=(items,)).start()
            print(items.get())
        """
    )
    assert summary["status"] == "passed"
    main_states = [e for e in events_of(record, STATE) if e.worker == "MainProcess"]
    waits = [e for e in main_states if e.name == State.WAITING_GET]
    assert [(e.value, e.where) for e in waits] == [("items", ("__main__", line_of(summary["path"], "items.get()")))]
    after = [e for e in main_states if e.t > waits[0].t]
    assert after[0].name == State.RUNNING
    got = events_of(record, GOT, "items")
    assert len(got) == 1 and waits[0].t < after[0].t <= got[0].t  # waiting from the get's start until it returned
