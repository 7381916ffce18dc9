"""Every state a lesson reports is one of the timeline's states (desktop.model.events.State)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from desktop.model.events import State

LESSONS = sorted((Path(__file__).resolve().parents[3] / "desktop" / "lessons").glob("*.py"))


def _state_names(path: Path) -> list[str]:
    """The ``X`` of every ``State.X`` in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "State"
    ]


@pytest.mark.parametrize("path", LESSONS, ids=lambda path: path.stem)
def test_a_lesson_reports_only_known_states(path):
    for name in _state_names(path):
        assert name.isupper() and getattr(State, name) in State.ALL, f"{path.name}: State.{name} is not a state"


def test_lessons_report_what_they_wait_for():
    used = {getattr(State, name) for path in LESSONS for name in _state_names(path) if name.isupper()}
    # Every kind of wait the lessons teach shows as its own state.
    assert set(State.WAITING) <= used
