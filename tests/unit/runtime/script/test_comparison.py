"""Which runs pair for Compare script runs, and what the diff says when there is nothing to diff."""

from __future__ import annotations

import pytest

from desktop.model.run_record import PASSED, RunRecord
from desktop.runtime import run_file
from desktop.runtime.script import comparison
from desktop.runtime.script.comparison import NotAPair


def script_run(path: str, source: str = "print(1)\n", second: int = 0) -> RunRecord:
    params = {"path": path, "argv": []}
    started = f"2024-01-01T10:00:0{second}+00:00"
    return RunRecord("script", PASSED, params, "spawn", "CPython", started, 0.5, source=source)


def lesson_run() -> RunRecord:
    return RunRecord("ticket-lock", PASSED, {"buyers": 2}, "spawn", "CPython", "2024-01-01T09:00:00+00:00", 0.5)


def test_two_selected_runs_pair_older_first_whatever_the_selection_order():
    old, new = script_run("/s/a.py", second=1), script_run("/s/b.py", second=2)
    history = [new, old]  # newest first
    assert comparison.pick_pair([old, new], history) == (old, new)
    assert comparison.pick_pair([new, old], history) == (old, new)


def test_one_selected_run_pairs_with_the_run_of_the_same_script_before_it():
    first, other, second = script_run("/s/a.py", second=1), script_run("/s/b.py", second=2), script_run("/s/a.py")
    history = [second, other, first]
    assert comparison.pick_pair([second], history) == (first, second)
    with pytest.raises(NotAPair) as caught:
        comparison.pick_pair([first], history)  # nothing of a.py before it
    assert "no earlier run of a.py" in caught.value.text.en and "a.py" in caught.value.text.zh


def test_a_lesson_run_never_pairs_and_the_message_says_where_lessons_are_compared():
    script, lesson = script_run("/s/a.py"), lesson_run()
    for selected in ([script, lesson], [lesson, script], [lesson]):
        with pytest.raises(NotAPair) as caught:
            comparison.pick_pair(selected, [script, lesson])
        assert "ticket-lock is a run of a lesson" in caught.value.text.en
        assert "Compare variants" in caught.value.text.en and "Ctrl+K" in caught.value.text.zh


def test_nothing_or_three_selected_say_what_to_select():
    runs = [script_run("/s/a.py", second=n) for n in range(3)]
    with pytest.raises(NotAPair, match="Run a script first"):
        comparison.pick_pair([], runs)
    with pytest.raises(NotAPair, match="Select two runs"):
        comparison.pick_pair(runs, runs)


def test_the_diff_says_when_the_source_is_the_same_or_was_not_kept():
    same = comparison.source_diff(script_run("/s/a.py"), script_run("/s/a.py"))
    assert same.lines == () and "same in both runs" in same.note.en
    old = comparison.source_diff(script_run("/s/a.py", source=""), script_run("/s/a.py"))
    assert old.lines == () and "Run A kept no source" in old.note.en


def test_a_long_rewrite_shows_the_first_lines_of_the_diff_and_says_how_many_more():
    a = script_run("/s/a.py", "".join(f"a{n} = {n}\n" for n in range(500)))
    b = script_run("/s/a.py", "".join(f"b{n} = {n}\n" for n in range(500)))
    diff = comparison.source_diff(a, b)
    assert len(diff.lines) == comparison.MAX_DIFF_LINES
    assert (diff.added, diff.removed) == (500, 500)
    assert "more" in diff.note.en


def test_the_source_round_trips_through_a_saved_run_and_a_saved_run_without_one_still_opens():
    record = script_run("/s/a.py", "print('héllo')\n")
    assert run_file.loads(run_file.dumps(record)).source == "print('héllo')\n"
    assert "source" not in record.summary()  # run --json and show --json stay as they were
    document = run_file.dumps(record).replace(', "source": "print(\'héllo\')\\n"', "")
    assert '"source"' not in document
    assert run_file.loads(document).source == ""
