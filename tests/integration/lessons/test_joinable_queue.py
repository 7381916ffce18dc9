"""joinable-queue with real producers and daemon consumers."""

from __future__ import annotations


def test_join_returns_after_exactly_n_task_done_and_daemons_end_with_the_run(run_lesson):
    record = run_lesson("joinable-queue", tasks=10, producers=2, consumers=2, work=0.02)
    assert record.status == "passed", record.error
    assert record.figures["task_done_at_join"] == 10
    assert record.figures["task_done_total"] == 10
    # the daemon consumers were alive (blocked in get) when main returned...
    assert record.figures["consumers_alive_at_end"] == 2
    # ...and multiprocessing ended them with the run process: nothing was left for the runtime to kill
    assert record.leftovers == 0


def test_every_task_put_is_got_once(run_lesson):
    record = run_lesson("joinable-queue", tasks=7, producers=1, consumers=3, work=0.0)
    puts = sum(1 for e in record.events if e[3] == "put" and e[4] == "tasks")
    gots = sum(1 for e in record.events if e[3] == "got" and e[4] == "tasks")
    assert puts == gots == 7
