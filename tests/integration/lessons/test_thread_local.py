"""thread-local with real threads: every thread sees only its own value; a shared object does not isolate."""

from __future__ import annotations


def result_of(record) -> dict:
    return next(e[5] for e in record.events if e[3] == "result")


def test_each_thread_saw_only_its_own_value(run_lesson):
    record = run_lesson("thread-local", threads=12, reads=3, pause=0.01)
    assert record.status == "passed", record.error
    report = result_of(record)["report"]
    assert sorted(entry["user"] for entry in report) == sorted(f"user-{i}" for i in range(1, 13))
    for entry in report:
        assert entry["inherited"] is None  # not the main thread's "main", not another thread's user
        assert entry["local"] == [entry["user"]] * 3
    assert result_of(record)["main_after"] == "main"
    figures = record.figures
    assert figures["threads_seeing_only_own"] == 12
    assert figures["local_foreign_reads"] == 0
    assert figures["inherited_values"] == 0
    assert "each of the 12 threads saw only its own user in all 36 reads" in record.verdict.en


def test_the_plain_shared_object_holds_one_value_for_everyone(run_lesson):
    record = run_lesson("thread-local", threads=5, reads=2, pause=0.0)
    report = result_of(record)["report"]
    # Every thread bound before anyone read, so all shared reads name the same last writer.
    last_writers = {seen for entry in report for seen in entry["shared"]}
    assert len(last_writers) == 1
    assert record.figures["shared_foreign_reads"] == 4 * 2  # everyone but the last writer, twice
    assert f"in {4 * 2} of 10 reads" in record.verdict.en


def test_request_threads_report_from_the_run_process(run_lesson):
    record = run_lesson("thread-local", threads=3, reads=1, pause=0.0)
    workers = {e[2] for e in record.events if e[3] == "state"}
    assert {"main/request-1", "main/request-2", "main/request-3"} <= workers
