"""pipe with a real echo process and real senders: latency, throughput and the real wrong-way errors."""

from __future__ import annotations


def test_sending_on_the_receive_only_end_raises_the_real_error_and_it_is_reported(run_lesson):
    record = run_lesson("pipe", pings=20, messages=200, payload=10)
    assert record.status == "passed", record.error
    assert record.figures["send_on_receive_end_raised"] == 1
    assert record.figures["recv_on_send_end_raised"] == 1
    # CPython's Connection._check_writable / _check_readable
    assert "send() on the receive-only end raised OSError: connection is read-only" in record.verdict.en
    assert "recv() on the send-only end raised OSError: connection is write-only" in record.verdict.en
    assert record.leftovers == 0


def test_every_bulk_message_arrives_and_the_rates_are_measured(run_lesson):
    record = run_lesson("pipe", pings=50, messages=1000, payload=100)
    assert record.status == "passed", record.error
    received = {e[4]: e[5] for e in record.events if e[3] == "count" and e[4].startswith("received via")}
    assert received == {"received via pipe": 1000, "received via queue": 1000}
    assert record.figures["round_trip_median_us"] > 0
    assert record.figures["pipe_msgs_per_s"] > 0 and record.figures["queue_msgs_per_s"] > 0
