"""Worker states on the timeline: each has its own colour, legend entry and tooltip in both languages,
and a run saved with the older state names still draws."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from desktop import settings as settings_module
from desktop.runtime import run_file, telemetry
from desktop.runtime.telemetry import State
from desktop.ui import i18n
from desktop.ui.timeline import STATE_COLOURS, STATE_DESCRIPTIONS, STATE_NAMES, TimelineView, state_description

ROOT = Path(__file__).resolve().parents[3]
# A real ticket-lock run (no lock, 3 buyers, 2 tickets) saved by the app before the states were split:
# its buyers wait in "waiting-lock" at the start barrier, and main in "waiting-queue" while it joins them.
OLD_RUN = ROOT / "tests" / "data" / "ticket-lock-saved-by-50f7173-old-state-names.json"
MIN_COLOUR_DISTANCE = 100  # sum of |R|+|G|+|B| differences: two states never look alike


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_translations", ROOT / "scripts" / "build_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def timeline(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    return view


@pytest.fixture
def chinese(tmp_path, monkeypatch, qapp):
    """The UI in Chinese, from translations compiled just now; English again after the test."""
    assert _load_build_script().compile_translations(output=tmp_path)
    monkeypatch.setattr(i18n, "translations_directory", lambda: tmp_path)
    assert i18n.set_language(settings_module.CHINESE)
    yield
    i18n.set_language(settings_module.ENGLISH)


def test_the_states_are_one_tuple_of_distinct_names():
    assert len(set(State.ALL)) == len(State.ALL)
    assert State.RUNNING in State.ALL and State.FINISHED in State.ALL and State.FAILED in State.ALL
    assert set(State.WAITING) < set(State.ALL)
    assert State.SLEEPING not in State.WAITING and State.RUNNING not in State.WAITING
    for old, new in State.LEGACY.items():
        assert old not in State.ALL and new in State.ALL
        assert State.current(old) == new
    assert all(State.current(state) == state for state in State.ALL)


def test_every_state_has_its_own_colour_and_name():
    assert set(STATE_COLOURS) == set(STATE_NAMES) == set(STATE_DESCRIPTIONS) == set(State.ALL)
    for first, second in itertools.combinations(State.ALL, 2):
        a, b = QColor(STATE_COLOURS[first]).getRgb()[:3], QColor(STATE_COLOURS[second]).getRgb()[:3]
        assert sum(abs(x - y) for x, y in zip(a, b, strict=True)) >= MIN_COLOUR_DISTANCE, (first, second)
    assert len(set(STATE_NAMES.values())) == len(State.ALL)
    assert len(set(STATE_DESCRIPTIONS.values())) == len(State.ALL)


def test_every_state_has_a_legend_entry_with_a_tooltip(timeline):
    assert list(timeline.legend_labels) == list(State.ALL)
    for state, label in timeline.legend_labels.items():
        assert label.text() == STATE_NAMES[state]
        assert label.toolTip() == STATE_DESCRIPTIONS[state] == state_description(state)


def test_every_state_s_legend_entry_and_tooltip_are_translated(timeline, chinese):
    for state, label in timeline.legend_labels.items():
        for shown, english in ((label.text(), STATE_NAMES[state]), (label.toolTip(), STATE_DESCRIPTIONS[state])):
            assert shown != english, (state, shown)
            assert any("\u4e00" <= character <= "\u9fff" for character in shown), (state, shown)
        assert state_description(state) == label.toolTip()


def test_a_run_saved_with_the_old_state_names_loads_and_draws(timeline):
    record = run_file.load(OLD_RUN)
    events = [telemetry.Event(*event) for event in record.events]
    names = {event.name for event in events if event.kind == telemetry.STATE}
    assert {"waiting-lock", "waiting-queue"} <= names  # the file really holds the old names
    timeline.model.start(events[0].t)
    timeline.add_events(events)
    timeline.finish(record.duration)
    main = timeline.model.lane("main")
    main_states = [timeline.model.interval_at(main.index, start).state for start in main.starts]
    assert State.WAITING_GET in main_states  # "waiting-queue" is drawn, as a queue get
    buyer = timeline.model.lane("buyer-1")
    buyer_states = [timeline.model.interval_at(buyer.index, start).state for start in buyer.starts]
    assert State.WAITING_LOCK in buyer_states  # "waiting-lock" kept its name
    assert buyer_states[-1] == State.FINISHED
    for state in (State.WAITING_GET, State.WAITING_LOCK, State.FINISHED):
        assert timeline.lanes_item.rect_count(state) > 0, state
    start = main.starts[main_states.index(State.WAITING_GET)]
    text = timeline.text_at(start + 1e-6, main.index + 0.5)
    assert text.splitlines()[1].startswith(STATE_DESCRIPTIONS[State.WAITING_GET] + ": ")
