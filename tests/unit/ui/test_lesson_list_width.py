"""The lesson list keeps its width whichever lesson is picked: the page, not the list, absorbs a change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent


def _settle() -> None:
    """Deliver the layout requests a lesson change posted (what the next turn of the event loop would do)."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


@pytest.mark.parametrize("width", [1024, 1366])
def test_the_lesson_list_keeps_its_width_between_lessons(window, width):
    window.showNormal()
    window.resize(width, 768)
    _settle()
    widths = {}
    for lesson_id in window.picker.lessons:
        assert window.select_lesson(lesson_id)
        _settle()
        widths[lesson_id] = window.picker.width()
    assert len(set(widths.values())) == 1, widths
    assert window.width() == width  # nor does the window grow for a lesson
