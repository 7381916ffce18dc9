"""globals-not-shared with real children: a module-level list is per process."""

from __future__ import annotations


def test_children_appends_never_reach_the_parent(run_lesson):
    record = run_lesson("globals-not-shared", children=3, lines=4)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["children"] == 3
    assert figures["appended_by_children"] == 12
    assert figures["parent_lines_before"] == figures["parent_lines_after"] == 1
    assert figures["parent_unchanged"] == 1
    assert "unchanged" in record.verdict.en


def test_each_spawned_child_has_its_own_fresh_copy(run_lesson):
    record = run_lesson("globals-not-shared", children=2, lines=2)
    assert record.status == "passed", record.error
    assert record.figures["children_that_saw_parent_line"] == 0  # spawn: a fresh import, not a copy
    assert record.figures["foreign_lines_in_children"] == 0
    assert "['child-1 #1', 'child-1 #2']" in record.verdict.en
