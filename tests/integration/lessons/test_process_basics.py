"""process-basics with real spawned children: pids, parent pid, exit codes, terminate()."""

from __future__ import annotations

import signal


def test_children_report_the_run_process_as_parent_and_terminate_gives_minus_sigterm(run_lesson):
    record = run_lesson("process-basics", children=3, nap=0.3)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["children"] == 4  # 3 nappers + the one that gets terminated
    assert figures["ppid_matches"] == 4
    assert figures["pid_matches"] == 4
    assert figures["exited_zero"] == 3
    assert figures["terminated_exitcode"] == -signal.SIGTERM
    # The run process is the pid that said hello as "main".
    main_pid = next(e[1] for e in record.events if e[3] == "hello" and e[2] == "main")
    assert figures["run_pid"] == main_pid
    assert f"exited with {-signal.SIGTERM}" in record.verdict.en


def test_both_styles_run_and_the_terminated_child_never_finishes(run_lesson):
    record = run_lesson("process-basics", children=2, nap=0.2)
    assert record.status == "passed", record.error
    states = [(e[2], e[4]) for e in record.events if e[3] == "state"]
    assert ("target-1", "finished") in states
    assert ("subclass-2", "finished") in states  # run() overridden in a subclass ran in the child
    assert ("terminated", "sleeping") in states
    assert ("terminated", "finished") not in states
    hellos = [e for e in record.events if e[3] == "hello" and e[2] != "main"]
    assert len(hellos) == 3
    assert all(e[5]["start_method"] == "spawn" for e in hellos)


def test_finish_order_is_reported_against_start_order(run_lesson):
    record = run_lesson("process-basics", children=3, nap=1.5)
    assert record.status == "passed", record.error
    # Naps of 1.5, 1.0 and 0.5 s: half a second apart, so they end in reverse.
    assert record.figures["order_differs"] == 1
    assert "finished in order 3 2 1" in record.verdict.en
