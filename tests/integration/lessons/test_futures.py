"""futures with real executors: synchronous collection serialises; asynchronous styles follow completion."""

from __future__ import annotations


def result_of(record) -> dict:
    return next(e[5] for e in record.events if e[3] == "result")


def test_thread_executor_async_styles_follow_completion_and_sync_takes_the_sum(run_lesson):
    record = run_lesson("futures", tasks=5, workers=5, step=0.04, longest_first=True)
    assert record.status == "passed", record.error
    styles = result_of(record)["styles"]
    submitted = [1, 2, 3, 4, 5]
    # Durations are reversed, so finishing order differs from submission order...
    assert styles["as_completed"]["finished"] != submitted
    # ...and the asynchronous styles hand results over in that finishing order.
    assert styles["as_completed"]["received"] == styles["as_completed"]["finished"]
    assert styles["as_completed"]["received"] != submitted
    assert sorted(styles["callbacks"]["received"]) == submitted
    assert styles["callbacks"]["received"] != submitted
    # Synchronous and map both return in submission order.
    assert styles["submit-result"]["received"] == submitted
    assert styles["map"]["received"] == submitted
    figures = record.figures
    assert figures["as_completed_in_submission_order"] == 0
    assert figures["submit_result_in_submission_order"] == 1 and figures["map_in_submission_order"] == 1
    # One task at a time cannot beat the sum of the sleeps; overlapping styles are far below it.
    assert figures["sum_s"] == 0.6
    assert figures["submit_result_wall_s"] >= 0.95 * figures["sum_s"]
    assert figures["as_completed_wall_s"] < figures["submit_result_wall_s"]
    assert "as_completed:" in record.verdict.en and "results in submission order (1,2,3,4,5)" in record.verdict.en


def test_shortest_first_makes_completion_order_equal_submission_order(run_lesson):
    record = run_lesson("futures", tasks=4, workers=4, step=0.04, longest_first=False)
    styles = result_of(record)["styles"]
    assert styles["as_completed"]["finished"] == [1, 2, 3, 4]
    assert record.figures["as_completed_matches_finish_order"] == 1


def test_process_executor_workers_are_spawned_children_and_results_are_complete(run_lesson):
    record = run_lesson("futures", tasks=3, workers=2, step=0.02, processes=True)
    assert record.status == "passed", record.error
    assert record.figures["processes"] == 1
    assert record.verdict.en.startswith("ProcessPoolExecutor with 2 workers")
    styles = result_of(record)["styles"]
    assert all(sorted(info["received"]) == [1, 2, 3] for info in styles.values())
    assert styles["submit-result"]["received"] == [1, 2, 3] and styles["map"]["received"] == [1, 2, 3]
    hellos = [e for e in record.events if e[3] == "hello"]
    main_pid = next(e[1] for e in hellos if e[2] == "main")
    children = [e for e in hellos if e[1] != main_pid]
    assert 1 <= len(children) <= 2
    assert all(e[5]["ppid"] == main_pid and e[5]["start_method"] == "spawn" for e in children)
