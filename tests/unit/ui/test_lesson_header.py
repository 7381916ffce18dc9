"""The lesson header: in compact mode the title is one line, cut with an ellipsis, the whole title its tooltip."""

from __future__ import annotations

from desktop.lessons import catalog
from desktop.ui.lesson_header import LessonHeader


def test_in_compact_mode_a_long_title_is_one_cut_line_with_the_whole_title_as_tooltip(qtbot):
    header = LessonHeader()
    qtbot.addWidget(header)
    lesson = catalog.load("pool-speedup")
    header.set_lesson(lesson)
    header.resize(300, 200)
    header.show()
    qtbot.waitExposed(header)
    title = header.title_label
    whole = lesson.title.get("en")
    assert title.text() == whole and title.toolTip() == ""  # wrapped, whole
    header.set_compact(True)
    assert title.text().endswith("…") and whole.startswith(title.text()[:-1])
    assert title.toolTip() == whole
    assert title.sizeHint().height() < 2 * title.fontMetrics().lineSpacing()  # one line
    header.resize(2000, 200)
    qtbot.waitUntil(lambda: title.text() == whole)  # wide enough: whole again
    header.set_compact(False)
    assert title.text() == whole and title.wordWrap() and title.toolTip() == ""
