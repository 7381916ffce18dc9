"""The catalog: 36 lessons in six chapters, every lesson complete and searchable in both languages."""

from __future__ import annotations

import re

import pytest

from desktop import resources
from desktop.lessons import catalog, check
from desktop.model.lesson import Chapter

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_lesson_in_six_chapters_in_teaching_order():
    lessons = catalog.lessons()
    assert len(lessons) == 36
    assert [lesson.id for lesson in lessons] == list(catalog.IDS)
    assert {lesson.chapter for lesson in lessons} == set(Chapter)
    chapters = [lesson.chapter.number for lesson in lessons]
    assert chapters == sorted(chapters)


def test_the_catalog_passes_the_checks_a_new_lesson_must_pass():
    """The same checks the adding-a-lesson test runs on a lesson written from the doc (desktop.lessons.check)."""
    assert check.catalog_problems(catalog.IDS, "desktop.lessons") == []


@pytest.mark.parametrize("lesson_id", list(catalog.IDS))
def test_every_lesson_is_complete_in_both_languages(lesson_id):
    lesson = catalog.load(lesson_id)
    assert check.lesson_problems(lesson, catalog.module_name(lesson_id)) == []
    for text in (lesson.title, lesson.summary, lesson.watch, lesson.explanation):
        assert text.en.strip() and not CJK.search(text.en)
        assert CJK.search(text.zh), f"{lesson_id}: Chinese text missing in {text.en[:30]!r}"
    assert resources.lesson_source_path(lesson.module_name).is_file()


def test_the_checks_catch_what_a_newcomer_may_forget():
    lesson = catalog.load("ticket-lock")
    module = catalog.module_name("ticket-lock")
    assert check.lesson_problems(lesson, module) == []
    undeclared = lesson.replace(figures=("inventory", "wall_s"))
    assert "prediction reads undeclared figure 'sold'" in check.lesson_problems(undeclared, module)
    assert any("prediction is missing" in p for p in check.lesson_problems(lesson.replace(prediction=None), module))
    assert any("comparison is missing" in p for p in check.lesson_problems(lesson.replace(comparison=None), module))
    for exercise in ("", "no_such_starter.py"):
        problems = check.lesson_problems(lesson.replace(exercise=exercise), module)
        assert f"exercise {exercise!r} is not a starter script in resources/starters/" in problems
    with pytest.raises(ValueError, match="unknown views"):
        lesson.replace(views=("counters",))
    assert check.catalog_problems(["ticket-lock", "ticket-lock"], "desktop.lessons")[0].endswith("listed twice")
    assert "has no LESSON" in check.catalog_problems(["no-such-lesson"], "desktop.lessons")[0]


def test_the_chinese_house_style_check_names_what_breaks_it():
    assert check.chinese_problems("用时 0.25 秒。运行于 CPython 3.11（有 GIL），`balance = balance + n` 没丢。") == []
    assert check.chinese_problems("threads：每秒 10 个请求。") != []
    assert check.chinese_problems("卖出 5 张。 用时 0.25 秒。") == ["a space after Chinese punctuation"]
    assert check.chinese_problems("例如 abc...") != []
    assert check.chinese_problems("退出码 exit 0") != []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Semaphore", "semaphore-room"), ("信号量", "semaphore-room"), ("GIL", "gil-cpu-bound"), ("死锁", "deadlock")],
)
def test_search_by_name_or_concept_in_either_language(query, expected):
    assert expected in [lesson.id for lesson in catalog.search(query)]


def test_search_for_nothing_returns_everything_and_nonsense_returns_nothing():
    assert len(catalog.search("  ")) == 36
    assert catalog.search("no such concept anywhere") == []
