"""queue-basics against a real ctx.Queue shared with a real spawned taker process."""

from __future__ import annotations

from desktop.model.events import log_line


def test_each_call_reports_its_real_outcome(run_lesson):
    record = run_lesson("queue-basics", maxsize=2, timeout=0.2, delay=0.3)
    assert record.status == "passed", record.error
    figures = record.figures
    # put on a full queue with a timeout waits about the timeout, then raises queue.Full
    assert figures["put_timeout_raised_full"] == 1
    assert figures["put_timeout_blocked_s"] >= 0.2 * 0.9
    # get_nowait on an empty queue raises queue.Empty; get(timeout) raises it after waiting
    assert figures["get_nowait_raised_empty"] == 1
    assert figures["get_timeout_raised_empty"] == 1
    assert figures["get_timeout_blocked_s"] >= 0.2 * 0.9
    # the blocked put() only returned once the taker (after its delay) made room
    assert figures["put_blocked_until_room_s"] >= 0.3 * 0.9
    assert "raised Full after" in record.verdict.en and "get_nowait() raised Empty" in record.verdict.en
    assert record.leftovers == 0


def test_the_script_log_lists_every_call(run_lesson):
    record = run_lesson("queue-basics", maxsize=3, timeout=0.1, delay=0.1)
    lines = [log_line(e[5]) for e in record.events if e[3] == "log" and e[2] == "main"]
    assert sum(line.startswith("put(") and "returned" in line for line in lines) >= 3
    assert any(line.startswith("put_nowait('x') → raised Full") for line in lines)
    assert any(line.startswith("get_nowait() → raised Empty") for line in lines)
