"""Every setting falls back to its default on any bad value, with a note in the log (issue 15 item 10)."""

from __future__ import annotations

import logging

from desktop import settings
from desktop.lessons import catalog
from desktop.runtime.caps import Caps
from desktop.settings import Settings


def garbled(tmp_path, text: str) -> Settings:
    (tmp_path / settings.FILE_NAME).write_text(text, encoding="utf-8")
    return Settings(tmp_path)


def test_a_400_digit_memory_cap_reads_as_the_default_and_runs_can_be_checked(tmp_path, caplog):
    store = garbled(tmp_path, "[caps]\nmax_memory_mb=" + "9" * 400 + "\nmax_processes=-5\nmax_threads=1e9\n")
    with caplog.at_level(logging.WARNING, logger="desktop.settings"):
        caps = store.caps()
    assert caps == Caps()
    lesson = catalog.load("ticket-lock")
    caps.check(lesson.plan_for(lesson.defaults()))  # raised OverflowError before, with no message
    notes = caplog.text
    assert "caps/max_memory_mb" in notes and "caps/max_processes" in notes and "caps/max_threads" in notes
    assert len(notes) < 2_000  # the bad value is shown shortened


def test_caps_beyond_any_machine_read_as_the_default(tmp_path):
    store = garbled(tmp_path, f"[caps]\nmax_memory_mb={(1 << 30) + 1}\nmax_processes=100001\nmax_threads=0\n")
    assert store.caps() == Caps()


def test_deeply_nested_parameters_read_as_none_saved_and_the_lesson_stays_usable(tmp_path, caplog, qtbot, sampler):
    from desktop.ui.main_window import MainWindow

    nested = "[" * 100_000
    pipe = '{"messages": [[1]]}'
    text = f"[lessons]\nlast=ticket-lock\nparams\\ticket-lock={nested}\nparams\\pipe={pipe}\n"
    store = garbled(tmp_path, text)
    with caplog.at_level(logging.WARNING, logger="desktop.settings"):
        assert store.lesson_params("ticket-lock") == {}  # raised RecursionError at start-up before
    assert "lessons/params/ticket-lock" in caplog.text
    assert store.lesson_params("pipe") == {}  # a nested value is no parameter value
    window = MainWindow(sampler, store)
    qtbot.addWidget(window)
    assert window.picker.current_lesson() is not None and window.picker.current_lesson().id == "ticket-lock"
    assert window.page.param_form.values()["buyers"] == catalog.load("ticket-lock").defaults().buyers
    window.close()
