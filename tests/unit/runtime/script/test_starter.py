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


def test_every_lesson_s_exercise_is_a_starter_and_every_starter_has_a_title():
    exercises = {lesson.id: lesson.exercise for lesson in catalog.lessons()}
    assert all(starter.named(file) is not None for file in exercises.values()), exercises
    for each in starter.STARTERS:
        assert each.title.en and each.title.zh


def test_starters_are_plain_python_with_a_docstring_and_no_import_of_the_app():
    for each in starter.STARTERS:
        tree = ast.parse(starter.path(each).read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), each.file
        imported = {
            alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert "desktop" not in imported, each.file
