"""threads-io-bound with real threads and spawned processes: waiting threads overlap, threads are cheap."""

from __future__ import annotations

import re


def test_waiting_threads_overlap_so_wall_is_far_below_the_serial_sum(run_lesson):
    record = run_lesson("threads-io-bound", threads=30, processes=2, wait=0.2)
    assert record.status == "passed", record.error
    figures = record.figures
    # Every task really waited its 0.2 s, so one after another they would take >= 6 s.
    assert figures["serial_sum_s"] >= 30 * 0.2 * 0.95
    assert figures["longest_task_s"] >= 0.2 * 0.95
    # Overlapping: the threads' wall time is a small fraction of the serial sum.
    assert figures["thread_wall_s"] * 5 < figures["serial_sum_s"]
    # The verdict quotes the serial sum (rounded for display; the figure is rounded to 3 digits).
    quoted = re.search(r"one after another they would have taken ([0-9.]+) s", record.verdict.en)
    assert quoted is not None and abs(float(quoted.group(1)) - figures["serial_sum_s"]) <= 0.01


def test_a_process_costs_far_more_memory_and_start_up_than_a_thread(run_lesson):
    record = run_lesson("threads-io-bound", threads=20, processes=2, wait=0.1, socket=True)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["process_memory_mb"] > 1  # a whole interpreter
    assert figures["process_memory_mb"] * 1024 > 10 * figures["thread_memory_kb"]
    assert figures["process_start_ms"] > 5 * figures["thread_start_ms"]
    assert "on a socket" in record.verdict.en


def test_threads_report_from_the_run_process_and_processes_are_spawned_children(run_lesson):
    record = run_lesson("threads-io-bound", threads=5, processes=2, wait=0.05)
    hellos = [e for e in record.events if e[3] == "hello"]
    main = [e for e in hellos if e[2] == "main"]
    children = [e for e in hellos if e[2].startswith("io-proc-")]
    assert len(main) == 1 and len(children) == 2
    assert all(e[5]["ppid"] == main[0][1] and e[5]["start_method"] == "spawn" for e in children)
    thread_workers = {e[2] for e in record.events if e[3] == "state" and e[2].startswith("main/io-")}
    assert thread_workers == {f"main/io-{i}" for i in range(1, 6)}
    assert all(e[1] == main[0][1] for e in record.events if e[2].startswith("main/io-"))


def test_hundreds_of_threads_waiting_on_sockets_hold_descriptors_above_1023(run_lesson):
    # Issue 15 item 12: 550 socket pairs take descriptors past select()'s limit of 1023.
    record = run_lesson("threads-io-bound", threads=550, socket=True, wait=0.5, processes=1)
    assert record.status == "passed", record.error
    assert "Exception in thread" not in record.verdict.en
