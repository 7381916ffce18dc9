"""The catalog: 36 lessons in six chapters, every lesson complete and searchable in both languages."""

from __future__ import annotations

import re

import pytest

from desktop import resources
from desktop.lessons import catalog
from desktop.model.lesson import Chapter

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_lesson_in_six_chapters_in_teaching_order():
    lessons = catalog.lessons()
    assert len(lessons) == 36
    assert [lesson.id for lesson in lessons] == list(catalog.IDS)
    assert {lesson.chapter for lesson in lessons} == set(Chapter)
    chapters = [lesson.chapter.number for lesson in lessons]
    assert chapters == sorted(chapters)


@pytest.mark.parametrize("lesson_id", list(catalog.IDS))
def test_every_lesson_is_complete_in_both_languages(lesson_id):
    lesson = catalog.load(lesson_id)
    for text in (lesson.title, lesson.summary, lesson.watch, lesson.explanation):
        assert text.en.strip() and not CJK.search(text.en)
        assert CJK.search(text.zh), f"{lesson_id}: Chinese text missing in {text.en[:30]!r}"
    assert len(lesson.explanation.en) > len(lesson.summary.en)
    for param in lesson.params:
        assert param.label.en and CJK.search(param.label.zh)
        assert param.parse(param.default) == param.default
    lesson.quick_params()
    assert resources.lesson_source_path(lesson.module_name).is_file()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Semaphore", "semaphore-room"), ("信号量", "semaphore-room"), ("GIL", "gil-cpu-bound"), ("死锁", "deadlock")],
)
def test_search_by_name_or_concept_in_either_language(query, expected):
    assert expected in [lesson.id for lesson in catalog.search(query)]


def test_search_for_nothing_returns_everything_and_nonsense_returns_nothing():
    assert len(catalog.search("  ")) == 36
    assert catalog.search("no such concept anywhere") == []
