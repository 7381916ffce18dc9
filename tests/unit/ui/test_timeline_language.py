"""The timeline's hover text and the phase bands say a lesson's words in the UI's language.

A state's detail and a phase's name arrive in English and Chinese
(``probe.state(state, english, zh=chinese)``, ``probe.phase(english, zh=chinese)``);
a detail or phase sent as plain text (a script's, an older saved run's) reads
the same in every language.
"""

from __future__ import annotations

import pyqtgraph as pg
import pytest

from desktop import settings as settings_module
from desktop.monitor.sampler import Sample
from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event, State
from desktop.ui import i18n
from desktop.ui.phase_bands import PhaseBands
from desktop.ui.timeline import TimelineView

ORIGIN = 1000.0
PAYING = {"en": "paying (network delay)", "zh": "付款中（网络延迟）"}


@pytest.fixture
def chinese(qapp):
    assert i18n.set_language(settings_module.CHINESE)
    yield
    i18n.set_language(settings_module.ENGLISH)


@pytest.fixture
def timeline(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.follow(ORIGIN)
    view.add_events(
        [
            Event(ORIGIN + 1.0, 8, "buyer-1", telemetry.STATE, State.SLEEPING, PAYING, ("m", 1)),
            Event(ORIGIN + 2.0, 8, "buyer-1", telemetry.STATE, State.RUNNING, "reading the database", ("m", 2)),
            Event(ORIGIN + 3.0, 8, "buyer-1", telemetry.STATE, State.FINISHED, "", ("m", 3)),
        ]
    )
    view.finish()
    return view


def test_the_hover_text_says_a_lesson_s_detail_in_chinese(timeline, chinese):
    assert timeline.text_at(1.5, 0.5).splitlines()[1].endswith(": 付款中（网络延迟）")
    assert timeline.text_at(2.5, 0.5).splitlines()[1].endswith("reading the database")  # sent as plain text


def test_the_hover_text_says_it_in_english(timeline):
    assert timeline.text_at(1.5, 0.5).splitlines()[1] == "sleeping: paying (network delay)"


def _bands(qtbot) -> PhaseBands:
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    bands = PhaseBands([plot.getPlotItem()], plot)
    bands.follow(ORIGIN)
    bands.add_events(
        [
            Event(ORIGIN + 0.0, 7, "main", telemetry.PHASE, "threads", {"en": "threads", "zh": "线程"}, None),
            Event(ORIGIN + 1.0, 7, "main", telemetry.PHASE, "processes", None, None),  # an older run's mark
        ]
    )
    bands.add_samples([Sample(ORIGIN + t, (50.0,), {7: (100.0, 0)}) for t in (0.5, 1.5)])
    bands.finish(2.0)
    return bands


def test_phase_bands_name_a_phase_in_chinese_and_keep_its_english_name_for_verdicts(qtbot, chinese):
    bands = _bands(qtbot)
    assert [phase.name for phase in bands.phases] == ["threads", "processes"]
    assert bands.labels() == ["线程 · 约 1.0 核", "processes · 约 1.0 核"]


def test_phase_bands_name_it_in_english(qtbot, qapp):
    assert _bands(qtbot).labels() == ["threads · ~1.0 core", "processes · ~1.0 core"]
