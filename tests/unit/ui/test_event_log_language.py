"""The event log says the app's own words in the UI's language: lessons' lines, state names and counter names.

What a script prints (a LOG event whose value is a plain string) stays as it
was printed, in every language.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop import settings as settings_module
from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event, State
from desktop.ui import i18n
from desktop.ui.event_log import EventLogModel, describe


def _event(kind: str, name: str, value: object) -> Event:
    return Event(0.0, 1, "buyer-1", kind, name, value, None)


@pytest.fixture
def chinese(qapp):
    assert i18n.set_language(settings_module.CHINESE)
    yield
    i18n.set_language(settings_module.ENGLISH)


def test_a_lesson_line_a_state_and_a_counter_read_in_chinese(chinese):
    said = {"en": "bought a ticket, wrote 4 left", "zh": "买到一张票，写回剩余 4 张"}
    assert describe(_event(telemetry.LOG, "", said)) == "买到一张票，写回剩余 4 张"
    assert describe(_event(telemetry.STATE, State.FINISHED, "")) == "[已结束]"
    assert describe(_event(telemetry.COUNT, "sold", 1)) == "已售票数 +1"


def test_the_same_events_read_in_english(qapp):
    said = {"en": "bought a ticket, wrote 4 left", "zh": "买到一张票，写回剩余 4 张"}
    assert describe(_event(telemetry.LOG, "", said)) == "bought a ticket, wrote 4 left"
    assert describe(_event(telemetry.STATE, State.FINISHED, "")) == "[finished]"
    assert describe(_event(telemetry.COUNT, "sold", 1)) == "tickets sold +1"


def test_a_state_s_detail_and_a_phase_read_in_the_ui_s_language(chinese):
    paying = {"en": "paying (network delay)", "zh": "付款中（网络延迟）"}
    assert describe(_event(telemetry.STATE, State.SLEEPING, paying)).endswith("] 付款中（网络延迟）")
    assert describe(_event(telemetry.PHASE, "threads", {"en": "threads", "zh": "线程"})) == "阶段：线程"
    i18n.set_language(settings_module.ENGLISH)
    assert describe(_event(telemetry.STATE, State.SLEEPING, paying)) == "[sleeping] paying (network delay)"
    assert describe(_event(telemetry.PHASE, "threads", {"en": "threads", "zh": "线程"})) == "phase: threads"


def test_an_older_run_s_detail_and_phase_stay_english(chinese):
    assert describe(_event(telemetry.STATE, State.WAITING_LOCK, "ticket lock")).endswith("] ticket lock")
    assert describe(_event(telemetry.PHASE, "threads", None)) == "阶段：threads"


def test_printed_lines_stay_as_printed(chinese):
    assert describe(_event(telemetry.LOG, "stdout", "hello from a script")) == "hello from a script"


def test_a_report_of_many_items_says_how_many(chinese):
    assert describe(_event(telemetry.PUT, "jobs", 1)) == "放入 → jobs"
    assert describe(_event(telemetry.GOT, "jobs", 250)) == "取出 ← jobs ×250"


def test_a_pool_worker_s_cell_and_tooltip_read_in_chinese(chinese):
    model = EventLogModel()
    model.start(0.0)
    model.add_events([Event(0.5, 51, "SpawnPoolWorker-23:3", telemetry.STATE, State.RUNNING, "", None)])
    cell = model.index(0, model.WORKER_COLUMN)
    assert model.data(cell, Qt.ItemDataRole.DisplayRole) == "工作进程 3"
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == "SpawnPoolWorker-23:3（pid 51）"
