"""Compare script runs in the real window: a starter run, edited, run again, and the two set side by side.

The runs are real (the playground runs the script in spawned processes under
the instrumentation); the window's figures must be the ones each run measured.
"""

from __future__ import annotations

import csv
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop.lessons import catalog
from desktop.runtime import run_file
from desktop.runtime.run import run_to_completion
from desktop.runtime.script import starter
from desktop.runtime.script.comparison import script_path
from desktop.runtime.script.script_run import summarize
from desktop.ui import i18n
from desktop.ui.compare_table import RATIO_ROLE, A, B
from desktop.ui.history import HistoryPanel
from desktop.ui.playground.playground import Playground
from desktop.ui.script_compare_action import ScriptCompare

RUN_TIMEOUT_MS = 120_000
STARTER = "process_join.py"
# The student's edit: a third process, started with a negative sleep (a ValueError in that child).
EDIT = (
    '    second.start()\n    print("main: both started, now waiting")\n',
    '    second.start()\n    third = multiprocessing.Process(target=greet, args=("third", -1))\n'
    '    third.start()\n    third.join()\n    print("main: both started, now waiting")\n',
)


@pytest.fixture
def parts(app_window):
    """(window, history panel, playground, script compare) of the app as built, the playground shown."""
    playground = app_window.findChild(Playground)
    playground.show()
    return app_window, app_window.findChild(HistoryPanel), playground, app_window.findChild(ScriptCompare)


def run_in_playground(qtbot, playground):
    window = playground._window
    with qtbot.waitSignal(window.bridge.run_finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert playground.run_script()
    return finished.args[0]


def cell(table, key: str, column: int) -> str:
    return table.cell(key, column).text()


def test_two_versions_of_a_starter_compare_with_the_figures_each_run_measured(qtbot, parts):
    _window, history, playground, script_compare = parts
    assert playground.open_starter(next(s for s in starter.STARTERS if s.file == STARTER))
    a = run_in_playground(qtbot, playground)
    text = playground.editor.toPlainText()
    assert EDIT[0] in text
    playground.editor.setPlainText(text.replace(*EDIT))
    b = run_in_playground(qtbot, playground)
    assert (a.status, b.status) == ("passed", "failed")
    assert history.records[:2] == [b, a]

    script_compare.previous_action.trigger()  # "Compare with previous run"
    shown = script_compare.compare_window
    assert shown is not None and shown.isVisible()
    assert shown.records == (a, b)
    fa, fb = summarize(a, script_path(a)), summarize(b, script_path(b))
    table = shown.figures_table
    assert (cell(table, "processes_started", A), cell(table, "processes_started", B)) == ("2", "3")
    assert table.ratio_cell("processes_started").data(RATIO_ROLE) == pytest.approx(1.5)
    assert table.ratio_cell("wall_s").data(RATIO_ROLE) == pytest.approx(fb["wall_s"] / fa["wall_s"])
    assert cell(table, "wall_s", A).endswith(" s") and cell(table, "wall_s", B).endswith(" s")
    assert (cell(table, "exit_codes", A), cell(table, "exit_codes", B)) == ("0 ×3", "0 ×3, 1 ×1")
    assert "Process-3 1" in table.cell("exit_codes", B).toolTip()
    assert (cell(table, "errors", A), cell(table, "errors", B), cell(table, "errors", 3)) == ("0", "1", "—")
    assert "ValueError" in table.cell("errors", B).toolTip()
    stdout = (fa["stdout_lines"], fb["stdout_lines"])
    assert stdout == (6, 7)  # the third child said hello, then failed
    assert (cell(table, "stdout_lines", A), cell(table, "stdout_lines", B)) == ("6", "7")
    assert cell(table, "status", A) != cell(table, "status", B)
    # Each run's timeline: one lane per process it started.
    assert {"MainProcess", "Process-1", "Process-2"} <= set(shown.timelines["A"].workers())
    assert "Process-3" in shown.timelines["B"].workers() and "Process-3" not in shown.timelines["A"].workers()
    # What changed in the source: the three lines the student added.
    assert shown.diff.added == 3 and shown.diff.removed == 0
    assert "+    third.start()" in shown.diff_view.toPlainText()
    assert shown.diff_note.text() == "From A to B: 3 lines added, 0 removed."

    i18n.set_language("zh")
    try:
        assert shown.diff_note.text() == "从 A 到 B：新增 3 行，删除 0 行。"
        assert table.item(table.row_of("processes_started"), 0).text() == "启动的进程"
    finally:
        i18n.set_language("en")

    # The same pair from the history: Ctrl+click the two runs, Compare runs.
    shown.close()
    history.run_list.clearSelection()
    for row in (0, 1):
        history.run_list.topLevelItem(row).setSelected(True)
    assert history.run_list.selected_records() == [b, a]
    assert history.run_list.topLevelItem(0).text(1) == "script: " + script_path(b).rsplit("/", 1)[-1]
    script_compare.compare_action.trigger()
    assert shown.isVisible() and shown.records == (a, b)
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert not shown.isVisible()


def test_a_lesson_run_and_a_script_run_are_not_offered_as_a_pair(qtbot, parts, tmp_path):
    window, history, playground, script_compare = parts
    lesson = catalog.load("ticket-lock")
    lesson_record = run_to_completion(lesson, lesson.parse_params({"buyers": 2}), sampler=window.bridge.sampler)
    history.add_record(lesson_record)
    playground.open_starter(next(s for s in starter.STARTERS if s.file == STARTER))
    script_record = run_in_playground(qtbot, playground)
    history.run_list.clearSelection()
    for row in (0, 1):
        history.run_list.topLevelItem(row).setSelected(True)
    assert history.run_list.selected_records() == [script_record, lesson_record]

    with qtbot.waitSignal(history.error_shown, timeout=1_000) as shown:
        script_compare.compare_action.trigger()
    assert "ticket-lock is a run of a lesson" in shown.args[0] and "Compare variants" in shown.args[0]
    assert script_compare.compare_window is None  # nothing was opened

    # From the playground: a single run of the script has no previous run to compare with.
    script_compare.previous_action.trigger()
    assert "no earlier run" in playground.result.headline.text()
    assert script_compare.compare_window is None


def test_a_script_run_replays_saves_opens_and_exports(qtbot, parts, tmp_path):
    window, history, playground, script_compare = parts
    chosen = next(s for s in starter.STARTERS if s.file == "queue_writer_reader.py")
    playground.open_starter(chosen)
    record = run_in_playground(qtbot, playground)
    assert record.status == "passed" and record.source == playground.editor.toPlainText()
    lanes = window.page.timeline.workers()
    assert {"MainProcess", "Process-1", "Process-2"} <= set(lanes)

    assert history.files.save_to(tmp_path / "run.json")
    assert json.loads((tmp_path / "run.json").read_text("utf-8"))["record"]["source"] == record.source
    window.page.timeline.clear()
    with qtbot.waitSignal(window.bridge.run_finished, timeout=1_000) as replayed:
        assert history.replay(record)
    assert replayed.args[0] is record
    assert set(window.page.timeline.workers()) == set(lanes)
    assert window.page.cpu_plot.sample_count == len(record.samples)

    # Opened as a file it is the same run (one row); a copy saved elsewhere compares with the original.
    with qtbot.waitSignal(window.bridge.run_finished, timeout=1_000):
        assert history.files.open_from(tmp_path / "run.json")
    assert history.run_list.topLevelItemCount() == 1
    opened = run_file.load(tmp_path / "run.json")
    shown = script_compare.show_pair(opened, record)
    assert shown.diff_note.text().startswith("The source is the same in both runs")
    assert shown.figures_table.ratio_cell("processes_started").data(RATIO_ROLE) == pytest.approx(1.0)
    shown.close()

    assert history.files.export_samples_to(tmp_path / "samples.csv")
    rows = list(csv.reader((tmp_path / "samples.csv").open(newline="", encoding="utf-8")))
    assert len(rows) == 1 + len(record.samples)
    assert history.files.export_trace_to(tmp_path / "trace.json")
    trace = json.loads((tmp_path / "trace.json").read_text("utf-8"))
    named = {e["args"]["name"] for e in trace["traceEvents"] if e.get("ph") == "M" and "args" in e}
    assert {"MainProcess", "Process-1", "Process-2"} <= named
    assert any(e["ph"] == "X" for e in trace["traceEvents"])
    assert history.files.export_plots_to(tmp_path / "plots.png")
    image = QImage(str(tmp_path / "plots.png"))
    assert image.width() >= 1600 and not image.isNull()


def test_the_window_fits_a_1024x768_screen(qtbot, parts):
    from desktop.ui.script_compare import ScriptCompareWindow

    window = parts[0]
    compare = ScriptCompareWindow(window)
    hint = compare.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 768 - 40, hint
    assert compare.width() <= 1024 and compare.height() <= 768
    compare.close()
