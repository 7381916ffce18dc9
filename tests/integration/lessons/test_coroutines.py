"""coroutines with real spawned host and waiter processes: every wait completes, coroutines share one thread."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def record(run_lesson):
    return run_lesson("coroutines", coroutines=1500, threads=120, processes=3, wait=0.1)


def test_every_wait_completes_in_every_model(record):
    assert record.status == "passed", record.error
    assert record.figures["coroutines_completed"] == record.figures["coroutines_waits"] == 1500
    assert record.figures["threads_completed"] == record.figures["threads_waits"] == 120
    assert record.figures["processes_completed"] == record.figures["processes_waits"] == 3
    assert record.figures["all_completed"] == 1


def test_coroutines_ran_in_one_thread_and_threads_in_many(record):
    assert record.figures["coroutine_threads"] == 1
    assert record.figures["thread_threads"] == 120  # all alive at once, so no id was reused


def test_generators_take_turns_in_one_thread(record):
    trace = next(e[5] for e in record.events if e[3] == "result")["generators"]["trace"]
    # Every generator starts its first nap before any of them wakes: the waits overlap.
    assert trace[:3] == [line for line in trace[:3] if " sleeps " in line]
    assert {line.split()[0] for line in trace[:3]} == {"A", "B", "C"}
    assert sum(" wakes" in line for line in trace) == 6


def test_waiter_processes_are_spawned_children_of_the_run_process(record):
    hellos = [e for e in record.events if e[3] == "hello"]
    main_pid = next(e[1] for e in hellos if e[2] == "main")
    waiters = [e for e in hellos if e[2].startswith("waiter-")]
    hosts = [e for e in hellos if e[2] in ("coroutines", "threads")]
    assert len(waiters) == 3 and len(hosts) == 2
    assert all(e[5]["ppid"] == main_pid and e[5]["start_method"] == "spawn" for e in waiters + hosts)
