"""rlock-reentry with real spawned processes: a Lock blocks its own holder; an RLock counts, others still wait."""

from __future__ import annotations

from desktop.model.events import log_line


def test_a_lock_taken_again_by_its_holder_blocks_until_the_timeout(run_lesson):
    record = run_lesson("rlock-reentry", rlock=False, depth=3, timeout=0.3)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["levels_acquired"] == 1
    assert figures["reentry_blocked"] == 1
    assert figures["blocked_s"] >= 0.3 * 0.9  # it waited out the whole timeout, for itself
    assert figures["releases"] == 1
    assert figures["neighbour_got_in_early"] == 0
    assert f"waited {figures['blocked_s']:.2f} s and returned False" in record.verdict.en
    lines = [log_line(e[5]) for e in record.events if e[3] == "log" and e[2] == "teller"]
    assert lines[0].startswith("level 1: acquire() returned True")
    assert lines[1].startswith("level 2: acquire() returned False")
    assert record.leftovers == 0


def test_an_rlock_lets_its_owner_in_at_every_level_and_keeps_the_neighbour_out_until_the_last_release(run_lesson):
    record = run_lesson("rlock-reentry", rlock=True, depth=4, timeout=5.0)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["levels_acquired"] == 4
    assert figures["reentry_blocked"] == 0
    assert figures["releases"] == 4
    assert figures["neighbour_got_in_early"] == 0
    assert figures["neighbour_waited_s"] > 0
    assert "took the same lock 4 times" in record.verdict.en
    assert "after the teller's 4th and last release()" in record.verdict.en
