"""The starter catalog follows its "steps to add one": every file listed, every listing a file and real lessons."""

from __future__ import annotations

import ast

from desktop import resources
from desktop.lessons import catalog
from desktop.runtime.script import starter


def test_every_starter_file_is_listed_and_every_listing_has_a_file():
    files = {p.name for p in resources.path(starter.FOLDER).glob("*.py")}
    assert files == {s.file for s in starter.STARTERS}
    assert all(starter.path(s).is_file() for s in starter.STARTERS)


def test_starters_name_real_lessons_and_every_lesson_has_an_exercise():
    ids = {lesson.id for lesson in catalog.lessons()}
    for each in starter.STARTERS:
        assert each.lessons and set(each.lessons) <= ids, each.file
        assert each.title.en and each.title.zh
    assert all(starter.for_lesson(lesson_id) is not None for lesson_id in ids)


def test_starters_are_plain_python_with_a_docstring_and_no_import_of_the_app():
    for each in starter.STARTERS:
        tree = ast.parse(starter.path(each).read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), each.file
        imported = {
            alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert "desktop" not in imported, each.file
