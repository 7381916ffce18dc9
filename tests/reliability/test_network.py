"""Socket lessons bind 127.0.0.1 on ephemeral ports only, and no listening socket survives a run or a stop."""

from __future__ import annotations

import time

import psutil
import pytest

from desktop.lessons import catalog
from desktop.runtime.run import Run

SOCKET_LESSONS = ("socket-server", "io-models", "coroutines", "threads-io-bound")
LOOPBACK = ("127.0.0.1", "::1")


def watch_sockets(run: Run, until, listening: dict[int, str] | None = None) -> dict[int, str]:
    """Poll the run's processes' inet sockets until ``until()``; return {port: address} of listeners seen."""
    listening = {} if listening is None else listening
    while not until():
        for pid in run.pids():
            try:
                connections = psutil.Process(pid).net_connections(kind="inet")
            except psutil.Error:
                continue
            for conn in connections:
                if conn.laddr:
                    assert conn.laddr.ip in LOOPBACK, f"pid {pid} bound {conn.laddr} (not loopback)"
                if conn.status == psutil.CONN_LISTEN:
                    listening[conn.laddr.port] = conn.laddr.ip
        time.sleep(0.01)
    return listening


def listeners_on(ports: set[int]) -> list:
    return [c for c in psutil.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN and c.laddr.port in ports]


@pytest.mark.parametrize("lesson_id", SOCKET_LESSONS)
def test_a_finished_run_binds_loopback_only_and_closes_its_listeners(lesson_id):
    lesson = catalog.load(lesson_id)
    run = Run(lesson, lesson.quick_params())
    run.start()
    listening = watch_sockets(run, lambda: run.finished)
    assert run.record.status == "passed", run.record.error
    assert not listeners_on(set(listening)), f"{lesson_id} left listening sockets on {sorted(listening)}"


@pytest.mark.parametrize("lesson_id", ["socket-server", "io-models"])
def test_a_stopped_run_leaves_no_listening_socket(lesson_id):
    lesson = catalog.load(lesson_id)
    run = Run(lesson, lesson.defaults())
    run.start()
    seen: dict[int, str] = {}
    deadline = time.monotonic() + 20
    # Stop as soon as a server is listening: the moment a leak would matter most.
    watch_sockets(run, lambda: bool(seen) or run.finished or time.monotonic() > deadline, seen)
    run.stop()
    assert run.wait(15)
    assert run.record.status == "stopped"
    assert seen, f"{lesson_id} never listened before it ended"
    assert not listeners_on(set(seen))
