"""io-models with a real spawned server process serving real loopback clients in four IO models."""

from __future__ import annotations

import pytest

from desktop.lessons import loopback

MODELS = ("blocking", "polling", "selectors", "asyncio")


@pytest.fixture(scope="module")
def record(run_lesson):
    return run_lesson("io-models", clients=3, messages=5, size=50, think=0.02)


def models_of(record):
    return next(e[5] for e in record.events if e[3] == "result")["models"]


def test_each_model_serves_every_request(record):
    assert record.status == "passed", record.error
    assert record.figures["all_served"] == 1
    for model, report in models_of(record).items():
        assert report["correct"] == report["sent"] == 15, model
        assert report["echoed"] == 15 * 50, model  # the server's own count agrees with the clients'
        assert report["failures"] == []


def test_servers_listen_on_loopback_and_leave_no_listening_socket(record):
    assert record.figures["listening_left"] == 0
    models = models_of(record)
    assert set(models) == set(MODELS)
    assert all(report["host"] == "127.0.0.1" for report in models.values())
    assert not any(loopback.accepts_connections(report["port"]) for report in models.values())


def test_busy_polling_burns_far_more_cpu_than_select(record):
    # The clients pause 20 ms between messages: the pollers spin through every pause, select() sleeps.
    assert record.figures["polling_empty_polls"] > 0
    assert record.figures["polling_server_cpu_s"] > 3 * record.figures["selectors_server_cpu_s"]
