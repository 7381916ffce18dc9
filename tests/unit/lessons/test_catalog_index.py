"""The catalog index: what a frozen build ships so the lesson list needs no lesson imports."""

from __future__ import annotations

import json

from desktop.lessons import catalog


def test_the_index_round_trips_every_entry_in_list_order(tmp_path):
    path = tmp_path / catalog.INDEX_NAME
    catalog.write_index(path)
    assert catalog.read_index(path) == [catalog.Entry.of(lesson) for lesson in catalog.lessons()]


def test_an_index_that_does_not_match_the_catalog_is_not_used(tmp_path):
    path = tmp_path / catalog.INDEX_NAME
    catalog.write_index(path)
    rows = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(rows[:-1]), encoding="utf-8")  # a lesson missing
    assert catalog.read_index(path) is None
    path.write_text("{not json", encoding="utf-8")
    assert catalog.read_index(path) is None
    assert catalog.read_index(tmp_path / "missing.json") is None


def test_from_source_entries_come_from_the_lessons_themselves():
    assert [entry.id for entry in catalog.entries()] == [lesson.id for lesson in catalog.lessons()]


def test_an_entry_matches_in_either_language_and_any_case():
    entry = catalog.Entry.of(catalog.load("semaphore-room"))
    assert entry.matches("SEMAPHORE") and entry.matches("信号量") and entry.matches("")
    assert not entry.matches("coroutine")
