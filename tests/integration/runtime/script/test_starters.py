"""Every starter script run from source through the instrumentation, in real spawned processes.

``Starter`` says how many processes and threads it starts and a line it
prints (:func:`desktop.runtime.script.starter.problems` checks those, as
``script-self-test`` does); ``EXPECTED`` adds what its lanes and queues must show.
"""

from __future__ import annotations

import pytest

from desktop.model.events import State, state_detail
from desktop.runtime.script import starter
from desktop.runtime.script.script_run import run_script
from desktop.runtime.telemetry import GOT, PUT, STATE
from tests.integration.runtime.script.conftest import items_of

WAIT = {
    "lock": State.WAITING_LOCK,
    "semaphore": State.WAITING_SEMAPHORE,
    "event": State.WAITING_EVENT,
    "join": State.WAITING_JOIN,
    "get": State.WAITING_GET,
    "io": State.WAITING_IO,
    "sleep": State.SLEEPING,
}

# Per starter: waits that must appear (kind, detail) and queues whose puts and gets must balance.
# Only waits the program forces are listed (a child still starting, a barrier, a queue read
# before anything was put), so that a busy machine cannot make them disappear.
EXPECTED = {
    "process_join.py": {"waits": [("join", "Process-1"), ("sleep", "0.3 s")]},
    "process_subclass.py": {"waits": [("join", "Countdown-1"), ("sleep", "0.05 s")]},
    "pool_apply_map.py": {"waits": [("get", "pool results")], "queues": {"pool tasks": 1 + 5 + 10}},  # map: chunks of 1
    "queue_writer_reader.py": {"waits": [("join", "Process-1")], "queues": {"numbers": 11}},
    "pipe.py": {"waits": [("io", "pipe")]},
    "lock_prints.py": {"waits": [("join", "Process-1")]},
    "semaphore.py": {"waits": [("join", "Process-1"), ("sleep", "0.2 s")]},
    "event.py": {"waits": [("event", "start_signal"), ("get", "ready")], "queues": {"ready": 3}},
    "manager_dict.py": {"waits": [("join", "Process-2")]},  # Process-1 is the manager's server
    "value_array.py": {"waits": [("join", "Process-1")]},
    "shared_memory.py": {"waits": [("join", "Process-1")]},
    "threads_lock.py": {},  # the threads may all be done before the first join
    "thread_pool_executor.py": {"waits": [("get", "future"), ("join", "executor"), ("sleep", "0.1 s")]},
    "asyncio_gather.py": {"waits": [("sleep", "asyncio.sleep"), ("get", "tasks")], "tasks": 4},
    "echo_server_pool.py": {"waits": [("io", "socket"), ("get", "pool results")], "queues": {"pool tasks": 4}},
}


@pytest.mark.parametrize("each", starter.STARTERS, ids=lambda s: s.file)
def test_starter_runs_and_measures_what_it_does(each):
    assert each.file in EXPECTED, f"add {each.file} to EXPECTED (see desktop.runtime.script.starter)"
    record, summary = run_script(str(starter.path(each)), timeout=120)
    assert starter.problems(each, record, summary) == []
    assert summary["errors"] == []
    assert set(summary["exit_codes"].values()) == {0}
    expected = EXPECTED[each.file]
    states = {(e.name, state_detail(e.value)) for e in record.events if e.kind == STATE}
    for kind, detail in expected.get("waits", []):
        assert (WAIT[kind], detail) in states, f"no {kind} wait on {detail}"
    assert summary["tasks_started"] == expected.get("tasks", 0)
    assert set(summary["queues"]) == set(expected.get("queues", {}))
    for name, items in expected.get("queues", {}).items():
        assert items_of(record, PUT, name) == items
        assert items_of(record, GOT, name) == items
        assert 1 <= summary["queues"][name] <= items
