"""The script playground in the real window: editing, files, and runs of real scripts in the live views."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.lessons import catalog
from desktop.runtime.script import starter
from desktop.ui.playground import playground as playground_module
from desktop.ui.playground import script_file
from desktop.ui.playground.playground import install_playground

RUN_TIMEOUT_MS = 120_000


@pytest.fixture
def playground(window):
    installed = install_playground(window)
    assert installed.isHidden()  # until View > Playground shows it
    installed.show()
    return installed


def type_text(playground, text: str) -> None:
    playground.editor.setPlainText(text)


def test_line_numbers_grow_with_the_script_and_go_to_line_moves_the_cursor(playground):
    editor = playground.editor
    type_text(playground, "x = 1\n" * 5)
    narrow = editor.gutter_width()
    type_text(playground, "x = 1\n" * 1500)
    assert editor.gutter_width() > narrow
    editor.go_to_line(120, 3)
    cursor = editor.textCursor()
    assert (cursor.blockNumber() + 1, cursor.positionInBlock() + 1) == (120, 3)


def test_tab_inserts_spaces_and_undo_takes_them_back(playground, qtbot):
    editor = playground.editor
    type_text(playground, "")
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "    "
    editor.undo()
    assert editor.toPlainText() == ""


def test_find_goes_to_the_next_match_and_wraps(playground):
    type_text(playground, "alpha\nbeta\nalpha\n")
    bar = playground.find_bar
    bar.open()
    bar.field.setText("alpha")
    assert bar.find_next()
    first = playground.editor.textCursor().blockNumber()
    assert bar.find_next()
    second = playground.editor.textCursor().blockNumber()
    assert (first, second) == (0, 2)
    assert bar.find_next()  # wraps to the top
    assert playground.editor.textCursor().blockNumber() == 0
    bar.field.setText("gamma")
    assert not bar.find_next()
    assert bar.status.text()


def test_save_as_writes_utf8_atomically_and_remembers_the_file(playground, tmp_path):
    type_text(playground, "print('héllo')\n")
    target = tmp_path / "mine.py"
    assert playground.save_as(str(target))
    assert target.read_bytes() == "print('héllo')\n".encode()
    assert not list(tmp_path.glob("*.tmp"))
    assert script_file.recent(playground._settings)[0] == str(target.resolve())
    assert playground.path == str(target.resolve())
    assert not playground.editor.document().isModified()


def test_unsaved_changes_are_asked_about_before_they_are_lost(playground, tmp_path):
    target = tmp_path / "mine.py"
    target.write_text("a = 1\n", encoding="utf-8")
    assert playground.open_path(str(target))
    playground.editor.appendPlainText("b = 2")
    playground.ask_unsaved = lambda: playground_module.CANCEL
    assert not playground.new_script()
    assert "b = 2" in playground.editor.toPlainText()
    playground.ask_unsaved = lambda: playground_module.SAVE
    assert playground.new_script()
    assert "b = 2" in target.read_text(encoding="utf-8")
    assert playground.path is None


def test_a_file_that_is_not_text_is_refused_with_a_message(playground, tmp_path):
    target = tmp_path / "picture.py"
    target.write_bytes(b"\x89PNG\0\0")
    assert not playground.open_path(str(target))
    assert "binary" in playground.result.headline.text()


def test_the_scratch_buffer_is_autosaved(playground, qtbot):
    type_text(playground, "print('draft')\n")
    scratch = script_file.scratch_path(playground._settings)
    qtbot.waitUntil(lambda: scratch.is_file() and "draft" in scratch.read_text(encoding="utf-8"), timeout=5_000)


def test_a_syntax_error_is_shown_at_its_line_before_anything_starts(playground):
    type_text(playground, "x = 1\nif x\n    print(x)\n")
    assert not playground.run_script()
    assert not playground._window.bridge.running
    assert "line 2" in playground.result.headline.text()
    assert playground.editor.current_line() == 2


def test_a_starter_runs_in_the_live_views_and_its_summary_is_shown(playground, qtbot):
    window = playground._window
    chosen = next(s for s in starter.STARTERS if s.file == "queue_writer_reader.py")
    assert playground.open_starter(chosen)
    events = []
    window.bridge.events_received.connect(events.extend)
    with qtbot.waitSignal(playground.script_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert playground.run_script()
    facts = finished.args[0]
    assert facts["status"] == "passed"
    assert facts["processes_started"] == chosen.processes
    assert facts["queues"] == {"numbers": facts["queues"]["numbers"]}
    assert "Ran to the end" in playground.result.headline.text()
    assert {e.worker for e in events} >= {"MainProcess", "Process-1", "Process-2"}
    assert playground.run_action.isEnabled()


def test_an_error_in_a_child_is_listed_and_clicking_it_goes_to_its_line(playground, qtbot, tmp_path):
    source = "import multiprocessing as mp\n\n\ndef work():\n    return 1 / 0\n\n\nif __name__ == '__main__':\n"
    source += "    p = mp.Process(target=work)\n    p.start()\n    p.join()\n"
    target = tmp_path / "broken.py"
    target.write_text(source, encoding="utf-8")
    assert playground.open_path(str(target))
    with qtbot.waitSignal(playground.script_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert playground.run_script()
    assert finished.args[0]["status"] == "failed"
    assert playground.result.errors.count() == 1
    item = playground.result.errors.item(0)
    assert "ZeroDivisionError" in item.text()
    playground.editor.go_to_line(1)
    playground.result.errors.itemClicked.emit(item)
    assert playground.editor.current_line() == 5


def test_the_main_guard_error_comes_with_the_lessons_explanation(playground, qtbot):
    type_text(playground, "import multiprocessing as mp\np = mp.Process(target=print)\np.start()\np.join()\n")
    with qtbot.waitSignal(playground.script_finished, timeout=RUN_TIMEOUT_MS):
        assert playground.run_script()
    texts = [playground.result.errors.item(i).text() for i in range(playground.result.errors.count())]
    assert any("bootstrapping phase" in text for text in texts)
    assert any("__mp_main__" in text for text in texts)  # the main-guard lesson's explanation
    assert Path(script_file.scratch_path(playground._settings)).is_file()


def test_in_the_editor_ctrl_s_saves_the_script_not_a_run(window, qtbot, tmp_path):
    from desktop.ui.history import install_history

    install_history(window)  # its File > Save run uses Ctrl+S too
    playground = install_playground(window)
    playground.show()
    target = tmp_path / "mine.py"
    target.write_text("a = 1\n", encoding="utf-8")
    assert playground.open_path(str(target))
    playground.editor.setFocus()
    qtbot.waitUntil(playground.editor.hasFocus)
    playground.editor.moveCursor(playground.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(playground.editor, "b = 2")
    qtbot.keyClick(playground.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "b = 2" in target.read_text(encoding="utf-8")
    assert not playground.editor.document().isModified()


def test_esc_closes_the_find_bar_and_ctrl_f_opens_it(playground, qtbot):
    playground.editor.setFocus()
    qtbot.waitUntil(playground.editor.hasFocus)
    qtbot.keyClick(playground.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert playground.find_bar.isVisible()
    qtbot.keyClick(playground.find_bar.field, Qt.Key.Key_Escape)
    assert not playground.find_bar.isVisible()


def test_the_selected_lesson_opens_its_exercise(playground):
    window = playground._window
    assert window.select_lesson("semaphore-room")
    assert playground.open_exercise()
    assert playground.path is None
    exercise = starter.named(catalog.load("semaphore-room").exercise)
    assert playground.editor.toPlainText() == starter.path(exercise).read_text(encoding="utf-8")


def test_in_the_full_window_a_script_run_joins_the_history(qtbot, sampler):
    from desktop.settings import Settings
    from desktop.ui.app import build_window
    from desktop.ui.playground.playground import Playground

    window = build_window(sampler, Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        playground = window.findChild(Playground)
        assert playground is not None and playground.isHidden()
        playground.show()
        type_text(
            playground, "import threading\nt = threading.Thread(target=print, args=('hi',))\nt.start()\nt.join()\n"
        )
        with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
            assert playground.run_script()
        record = finished.args[0]
        assert (record.lesson, record.status) == ("script", "passed")
        from desktop.ui.history import HistoryPanel

        assert record in window.findChild(HistoryPanel).records
        assert "1 thread" in playground.result.headline.text()
    finally:
        window.close()


def test_clicking_a_lane_shows_the_line_its_worker_last_reported_from(playground, qtbot):
    source = "import time\n\n\ndef main():\n    time.sleep(0.2)\n\n\nmain()\n"
    type_text(playground, source)
    with qtbot.waitSignal(playground.script_finished, timeout=RUN_TIMEOUT_MS):
        assert playground.run_script()
    playground.editor.go_to_line(1)
    playground._window.page.timeline.worker_selected.emit("MainProcess")
    assert playground.editor.current_line() == 5  # time.sleep(0.2): the last state it reported
