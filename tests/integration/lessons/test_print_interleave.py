"""print-interleave with real writer processes: the Lock always keeps lines whole."""

from __future__ import annotations

from desktop.model.events import log_line


def test_with_the_lock_no_line_is_ever_malformed_and_the_unlocked_count_is_reported(run_lesson):
    record = run_lesson("print-interleave", writers=4, lines=15, pieces=3, pause_ms=0.5, trials=2)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["malformed_with_lock"] == 0
    assert figures["lines_read_with_lock"] == 2 * 4 * 15  # every line arrived, whole
    assert figures["trials"] == 2
    # The unlocked count is measured and reported, whatever it is this time.
    logged = [line for e in record.events if e[3] == "log" and "without lock:" in (line := log_line(e[5]))]
    per_trial = [int(line.split(": ")[1].split(" of ")[0]) for line in logged]
    assert len(per_trial) == 2
    assert sum(per_trial) == figures["malformed_without_lock"]
    assert figures["garbled_trials_without_lock"] == sum(1 for count in per_trial if count)
    assert f"Without a lock: {per_trial[0]}, {per_trial[1]} malformed lines in 2 trial(s)" in record.verdict.en
    assert "With the Lock: 0 malformed lines in 2 trial(s)" in record.verdict.en


def test_every_writer_wrote_every_line_in_both_modes(run_lesson):
    record = run_lesson("print-interleave", writers=2, lines=5, pieces=2, pause_ms=0.0, trials=1)
    assert record.status == "passed", record.error
    written = sum(e[5] for e in record.events if e[3] == "count" and e[4] == "lines_written")
    assert written == 2 * 5 * 2  # writers × lines × (without + with lock)
    assert record.figures["malformed_with_lock"] == 0
