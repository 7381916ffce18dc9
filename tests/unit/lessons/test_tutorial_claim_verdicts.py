"""The verdicts of the tutorial-claim lessons tell what the evidence says, including when it disagrees with the claim.

join-timeout, queue-feeder, condition, rlock-reentry and bounded-semaphore are
run for real in tests/integration/lessons. Here their verdicts are fed
evidence that contradicts the lesson's usual story (a child that crashed, a
join that did not time out, a waiter that was not yet waiting, an RLock that
refused its owner, a semaphore that gained no key) and must report that
evidence instead of the story.
"""

from __future__ import annotations

from desktop.lessons import catalog
from desktop.model.outcome import Outcome


def judge(lesson_id: str, result: dict, **params: object):
    lesson = catalog.load(lesson_id)
    outcome = Outcome(result=result, events=[], samples=[], started=0.0, ended=1.0)
    return lesson.verdict(lesson.parse_params(params), outcome)


def child(name: str, alive: bool, later_code: int | None, finished: bool, terminate: dict | None = None) -> dict:
    row = {
        "name": name,
        "join_returned_after": 0.1,
        "right_after_join": {"is_alive": alive, "exitcode": None if alive else 0, "at": 0.1},
        "later": {"is_alive": False, "exitcode": later_code, "at": 1.0},
        "finished_work": finished,
    }
    if terminate is not None:
        row["terminate"] = terminate
    return row


def test_join_timeout_never_says_nothing_ended_them_when_a_child_did_not_finish():
    rows = [child("child-1", True, 0, True), child("child-2", True, 1, False)]
    verdict = judge("join-timeout", {"children": rows, "system": "Linux"}, children=2, terminate=False)
    assert "nothing ended them early" not in verdict.text.en
    assert "exit codes 0, 1" in verdict.text.en and "退出码 0, 1" in verdict.text.zh
    assert verdict.figures["finished_work"] == 1 and verdict.figures["exited_zero"] == 1


def test_join_timeout_reports_is_alive_false_right_after_terminate_when_that_is_what_was_seen():
    gone = {"alive_right_after": False, "exitcode_right_after": -15, "polls": 0, "dead_after": 0.0, "exitcode": -15}
    rows = [child("child-1", True, -15, False, gone), child("child-2", True, -15, False, gone)]
    verdict = judge("join-timeout", {"children": rows, "system": "Linux"}, children=2, terminate=True)
    assert "already returned False for all 2" in verdict.text.en
    assert "still returned True" not in verdict.text.en
    assert verdict.figures["alive_right_after_terminate"] == 0


def test_join_timeout_says_the_timeout_did_not_matter_when_the_children_had_ended():
    rows = [child("child-1", False, 0, True)]
    verdict = judge("join-timeout", {"children": rows, "system": "Linux"}, children=1, timeout=5.0)
    assert "never came into play" in verdict.text.en and "超时根本没起作用" in verdict.text.zh
    assert "only stopped the waiting" not in verdict.text.en
    assert verdict.figures["alive_after_join"] == 0


def feeder_result(first_alive: bool, received: int) -> dict:
    first = {"seconds": 0.3 if first_alive else 0.01, "is_alive": first_alive, "exitcode": None if first_alive else 0}
    final = {"seconds": 0.01, "is_alive": False, "exitcode": 0}
    return {
        "first_join": first,
        "final_join": final if first_alive else first,
        "received": received,
        "child_flush": 0.3,
    }


def test_queue_feeder_says_no_deadlock_when_the_join_did_not_time_out():
    verdict = judge("queue-feeder", feeder_result(False, 1000), variant=1, count=1000)
    assert "no deadlock this time" in verdict.text.en and "这次没有死锁" in verdict.text.zh
    assert "waited forever" not in verdict.text.en
    assert verdict.figures["join_timed_out"] == 0


def test_queue_feeder_reports_items_that_never_arrived_even_when_draining_first():
    verdict = judge("queue-feeder", feeder_result(False, 990), variant=2, count=1000)
    assert "10 items never arrived" in verdict.text.en and "有 10 个元素始终没有到达" in verdict.text.zh
    assert verdict.figures["lost"] == 10


def test_condition_counts_waiters_that_were_not_yet_waiting_and_who_woke():
    result = {
        "waiting_at_notify": 2,
        "call": "notify_all()",
        "woke": [1, 1, 0],
        "got": [1, 0, 0],
        "waited": [0.01, 0.01, 1.0],
        "tickets_left": 0,
        "exitcodes": [0, 0, 0],
    }
    verdict = judge("condition", result, waiters=3, notify_all=True)
    assert "2 of 3 woke" in verdict.text.en
    assert "1 woke to find no ticket left" in verdict.text.en
    assert "The other one was never woken" in verdict.text.en
    assert (
        "1 waiter(s) were not yet inside wait()" in verdict.text.en
        and "还有 1 个等待者没有进入 wait()" in verdict.text.zh
    )


def test_rlock_reentry_reports_a_refused_owner_and_a_neighbour_that_got_in_early_as_measured():
    teller = {
        "attempts": [{"level": 1, "got": True, "seconds": 0.0}, {"level": 2, "got": False, "seconds": 0.3}],
        "count": 1,
        "last_at": 10.0,
    }
    neighbour = {"got": True, "waited": 0.1, "got_at": 9.0}
    result = {"teller": teller, "neighbour": neighbour, "kind": "RLock", "exitcodes": [0, 0]}
    verdict = judge("rlock-reentry", result, rlock=True, timeout=0.3)
    assert verdict.text.en.startswith("RLock: the teller took the lock at level 1, then asked for it again")
    assert "did not keep it out" in verdict.text.en and "没能把它挡在外面" in verdict.text.zh
    assert verdict.figures["reentry_blocked"] == 1 and verdict.figures["neighbour_got_in_early"] == 1


def test_rlock_reentry_says_so_when_a_process_never_reported():
    verdict = judge("rlock-reentry", {"teller": {}, "kind": "Lock", "exitcodes": [0, 1]})
    assert "ended without reporting (exit codes 0, 1)" in verdict.text.en


def test_bounded_semaphore_does_not_claim_an_extra_key_that_was_not_counted():
    result = {"kind": "Semaphore", "second_release": "returned", "free_keys": 2, "peak": 2, "exitcodes": [0] * 5}
    verdict = judge("bounded-semaphore", result, bounded=False, room_keys=2, visitors=4)
    assert "still handed out 2 keys" in verdict.text.en
    assert "never more than the 2 keys" in verdict.text.en


def test_bounded_semaphore_names_an_extra_key_the_visitors_did_not_happen_to_use():
    result = {"kind": "Semaphore", "second_release": "returned", "free_keys": 3, "peak": 2, "exitcodes": [0] * 5}
    verdict = judge("bounded-semaphore", result, bounded=False, room_keys=2, visitors=4)
    assert "handed out 3 keys" in verdict.text.en
    assert "the extra key was there, but this time" in verdict.text.en
    assert "more people than the room has keys" not in verdict.text.en


def test_bounded_semaphore_shows_an_unknown_exception_text_as_it_is():
    result = {
        "kind": "BoundedSemaphore",
        "second_release": "raised ValueError('something new')",
        "free_keys": 2,
        "peak": 2,
        "exitcodes": [0] * 3,
    }
    verdict = judge("bounded-semaphore", result, bounded=True, room_keys=2, visitors=2)
    assert "raised ValueError('something new') on the spot" in verdict.text.en
    assert "ValueError('something new')" in verdict.text.zh
