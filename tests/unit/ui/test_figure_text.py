"""Figures and units as students read them: human names, units from the name, singular for one."""

from __future__ import annotations

from desktop import settings as settings_module
from desktop.lessons import catalog
from desktop.ui import i18n
from desktop.ui.figure_text import NAMES, figure_name, figure_unit, figure_value


def test_known_figures_have_names_in_both_languages_and_others_are_spelled_out(qapp):
    assert figure_name("wall_s") == "Time measured inside the run"
    assert figure_name("tickets_left") == "Tickets left (database says)"
    assert figure_name("requests_served") == "Requests served"
    assert figure_name("round_trip_mean_us") == "Round trip, average"
    assert figure_name("an_old_saved_figure_ms") == "An old saved figure"  # no lesson declares it: spelled out
    for name, text in NAMES.items():
        assert text.en and text.zh and text.en != name, name
    try:
        i18n.set_language(settings_module.CHINESE)
        assert figure_name("sold") == "售出门票"
    finally:
        i18n.set_language(settings_module.ENGLISH)


def test_every_figure_of_every_lesson_reads_as_words_in_both_languages(qapp):
    try:
        for language in (settings_module.ENGLISH, settings_module.CHINESE):
            i18n.set_language(language)
            for lesson_id in catalog.IDS:
                for figure in catalog.load(lesson_id).figures:
                    shown = figure_name(figure.replace("{n}", "4"))
                    assert shown == NAMES[figure].get(language).replace("{n}", "4"), (lesson_id, figure, shown)
    finally:
        i18n.set_language(settings_module.ENGLISH)


def test_values_carry_the_unit_their_name_declares():
    assert figure_value("wall_s", 1.0449) == "1.045 s"
    assert figure_value("throughput_per_s", 36.7) == "36.7 /s"
    assert figure_value("round_trip_mean_us", 12.0) == "12 µs"
    assert figure_value("asyncio_server_cpu_percent", 55.5) == "55.5%"
    assert figure_value("sold", 10) == "10"
    assert figure_unit("sold") == ""


def test_the_table_gives_units_the_name_does_not_and_yes_no_reads_as_words(qapp):
    assert figure_value("speedup", 1.9) == "1.9×"
    assert figure_value("speedup_map_4_workers", 3.5) == "3.5×"
    assert figure_value("background_cores", 1.25) == "1.25 cores"
    assert figure_value("coroutines_kb_per_wait", 1.5) == "1.5 KB"
    assert figure_value("deadlock", 1) == "yes"
    assert figure_value("all_served", False) == "no"
    try:
        i18n.set_language(settings_module.CHINESE)
        assert figure_value("deadlock", 0) == "否"
        assert figure_value("background_cores", 2) == "2 核"
        assert figure_name("speedup_map_4_workers") == "4 个工作进程时 map() 的加速比"
    finally:
        i18n.set_language(settings_module.ENGLISH)


def test_one_is_singular_in_the_form_and_the_plan(window):
    page = window.page
    assert window.select_lesson("ticket-lock")
    buyers = page.param_form.editor("buyers")
    buyers.setValue(1)
    assert buyers.suffix() == " process"
    assert "up to 1 process and 0 threads" in page.plan_label.text()
    buyers.setValue(3)
    assert buyers.suffix() == " processes"
    assert "up to 3 processes" in page.plan_label.text()
