"""socket-server with real spawned handler processes, a real pool, threads and asyncio on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.lessons import loopback

MODELS = ("processes", "pool", "threads", "asyncio")


@pytest.fixture(scope="module")
def record(run_lesson):
    return run_lesson("socket-server", clients=3, messages=4, size=100, think=0.0, pool_workers=2)


def result_of(record):
    return next(e[5] for e in record.events if e[3] == "result")


def test_every_model_echoes_every_message(record):
    assert record.status == "passed", record.error
    assert record.figures["all_echoed"] == 1
    for model in MODELS:
        report = result_of(record)["models"][model]
        assert report["sent"] == 12
        assert report["correct"] == 12, model
        assert report["failures"] == []


def test_processes_and_threads_created_per_model(record):
    assert record.figures["processes_processes_created"] == 3  # one per client
    assert record.figures["pool_processes_created"] == 2  # the pool's size
    assert record.figures["threads_processes_created"] == 0
    assert record.figures["asyncio_processes_created"] == 0
    assert record.figures["threads_handler_threads"] == 3  # one per client
    assert record.figures["asyncio_handler_threads"] == 0
    assert record.figures["processes_handler_threads"] == 0


def test_servers_bind_loopback_ephemeral_ports_only(record):
    result = result_of(record)
    assert result["hosts"] == ["127.0.0.1"] * len(MODELS)
    low = 1024
    port_range = Path("/proc/sys/net/ipv4/ip_local_port_range")
    if port_range.exists():  # Linux: the exact range the kernel hands out for port 0
        low, high = map(int, port_range.read_text().split())
        assert all(port <= high for port in result["ports"])
    assert all(port >= low for port in result["ports"])
    assert len(set(result["ports"])) == len(MODELS)


def test_no_listening_socket_is_left(record):
    assert record.figures["listening_left"] == 0
    assert not any(loopback.accepts_connections(port) for port in result_of(record)["ports"])
