"""main-guard with real spawned children: importing an unguarded script while bootstrapping raises."""

from __future__ import annotations

from desktop.model.events import log_line

BOOTSTRAP_ERROR = (
    "RuntimeError: An attempt has been made to start a new process before the current process "
    "has finished its bootstrapping phase"
)


def test_unguarded_import_raises_the_real_runtime_error_and_guarded_runs_clean(run_lesson):
    record = run_lesson("main-guard", unguarded_children=2, guarded=True)
    assert record.status == "passed", record.error
    assert record.figures["bootstrap_errors"] == 2
    assert record.figures["guarded_clean"] == 1
    assert record.figures["child_exitcodes_nonzero"] == 0
    assert BOOTSTRAP_ERROR in record.verdict.en
    logs = [log_line(e[5]) for e in record.events if e[3] == "log"]
    # The full message, including the advice it gives, reached the log from the child.
    assert any(BOOTSTRAP_ERROR in line and "freeze_support()" in line for line in logs)
    assert any("guarded helper: started and ran cleanly" in line for line in logs)


def test_the_unguarded_script_never_got_to_start_its_helper(run_lesson):
    record = run_lesson("main-guard", unguarded_children=1, guarded=False)
    assert record.status == "passed", record.error
    assert record.figures["bootstrap_errors"] == 1
    assert record.figures["guarded_clean"] == 0
    workers = sorted(e[2] for e in record.events if e[3] == "hello")
    assert workers == ["main", "unguarded-1"]


def test_the_plan_counts_exactly_the_processes_a_run_starts(run_lesson):
    # The start-up progress line counts workers' hellos against the plan: a plan that counted a helper for an
    # unguarded child (it never starts one) made a finished run read "ended with 3 of 4 processes started".
    from desktop.lessons import catalog

    lesson = catalog.load("main-guard")
    for unguarded, guarded in ((2, True), (1, False)):
        record = run_lesson("main-guard", unguarded_children=unguarded, guarded=guarded)
        assert record.status == "passed", record.error
        started = {e[1] for e in record.events if e[3] == "hello" and e[2] != "main"}
        plan = lesson.plan_for(lesson.parse_params({"unguarded_children": unguarded, "guarded": guarded}))
        assert len(started) == plan.processes
