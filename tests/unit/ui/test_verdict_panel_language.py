"""The verdict panel shows why a run failed in the UI's language, and an older run's English-only error as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import settings as settings_module
from desktop.model.run_record import FAILED, RunRecord
from desktop.model.text import Text
from desktop.runtime import run_file
from desktop.ui import i18n
from desktop.ui.verdict_panel import VerdictPanel

OLD_RUN = Path(__file__).resolve().parents[2] / "data" / "ticket-lock-saved-by-3a89dd3.json"
OLD_ERROR = "buyer-2 (pid 4242) died with exit code 3 and no traceback"


def failed_record() -> RunRecord:
    return RunRecord(
        "ticket-lock",
        FAILED,
        {},
        "spawn",
        "CPython",
        "2026-01-01T10:00:00",
        1.5,
        verdict=Text("The run failed: buyer-2 (pid 7) died", "运行失败：buyer-2（pid 7）意外退出"),
        error="buyer-2 (pid 7) died with exit code 3 and no traceback",
        error_zh="buyer-2（pid 7）意外退出（退出码 3），没有打印异常回溯（traceback）",
    )


@pytest.fixture
def panel(qtbot):
    shown = VerdictPanel()
    qtbot.addWidget(shown)
    yield shown
    i18n.set_language(settings_module.ENGLISH)


def test_the_error_follows_the_ui_s_language(panel):
    record = failed_record()
    panel.show_record(record)
    assert panel.error_text.toPlainText() == record.error
    assert i18n.set_language(settings_module.CHINESE)
    panel.show_record(record)
    assert panel.error_text.toPlainText() == record.error_zh
    assert panel.verdict_label.text() == "运行失败：buyer-2（pid 7）意外退出"


def test_an_old_saved_run_s_english_only_error_shows_in_both_languages(panel, tmp_path):
    document = json.loads(OLD_RUN.read_text("utf-8"))  # format 1, saved before error_zh existed
    document["record"].update(status=FAILED, error=OLD_ERROR)
    assert "error_zh" not in document["record"]
    path = tmp_path / "old-failed.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    record = run_file.load(path)
    assert record.error_text == Text(OLD_ERROR, OLD_ERROR)
    panel.show_record(record)
    assert panel.error_text.toPlainText() == OLD_ERROR
    assert i18n.set_language(settings_module.CHINESE)
    panel.show_record(record)
    assert panel.error_text.toPlainText() == OLD_ERROR
    # Saved again, it gains the field; the loader reads it back the same.
    again = tmp_path / "again.json"
    run_file.save(record, again)
    assert json.loads(again.read_text("utf-8"))["record"]["error_zh"] == ""
    assert run_file.load(again).error_text == Text(OLD_ERROR, OLD_ERROR)
