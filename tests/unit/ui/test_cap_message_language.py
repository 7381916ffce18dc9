"""A message on screen says itself again when the language switches: a refused run's cap or range, a verdict hint."""

from __future__ import annotations

from desktop import settings as settings_module
from desktop.ui import i18n
from desktop.ui.playground.result_view import ResultView
from desktop.ui.verdict_panel import VerdictPanel


def test_a_run_over_a_cap_is_refused_in_chinese(window):
    assert window.set_language(settings_module.CHINESE) is None
    try:
        assert window.select_lesson("socket-server")
        assert not window.start_run({"clients": 64, "pool_workers": 16})
        text = window.page.error_label.text()
        assert "上限是 64 个" in text and "the cap is" not in text
        assert not window.bridge.running
    finally:
        window.set_language(settings_module.ENGLISH)


def test_a_cap_message_on_screen_switches_language_with_the_ui(window):
    assert window.select_lesson("socket-server")
    assert not window.start_run({"clients": 64, "pool_workers": 16})
    label = window.page.error_label
    assert "the cap is 64" in label.text() and label.isVisible()
    try:
        assert window.set_language(settings_module.CHINESE) is None
        assert "上限是 64 个" in label.text() and "the cap is" not in label.text()
        assert label.isVisible()
    finally:
        window.set_language(settings_module.ENGLISH)
    assert "the cap is 64" in label.text()


def test_a_value_out_of_range_is_said_with_the_translated_label_and_unit_and_follows_a_switch(window):
    lesson = window.picker.lessons["ticket-lock"]
    label = window.page.error_label
    try:
        assert window.set_language(settings_module.CHINESE) is None
        assert not window.start_run({"buyers": 999})
        assert f"{lesson.param('buyers').label.zh}（buyers）不能大于 64 个进程" in label.text()
        assert window.page.param_form.editor("buyers").suffix() == " 个进程"  # the same unit name as the error
        assert window.set_language(settings_module.ENGLISH) is None
        assert "buyers must be at most 64 processes (got 999 processes)" in label.text()
    finally:
        window.set_language(settings_module.ENGLISH)


def test_a_hint_given_as_a_function_and_a_playground_message_switch_too(qtbot):
    panel, result = VerdictPanel(), ResultView()
    qtbot.addWidget(panel)
    qtbot.addWidget(result)
    panel.clear(lambda: "中文提示" if i18n.language() == settings_module.CHINESE else "an English hint")
    result.show_message(lambda: "中文消息" if i18n.language() == settings_module.CHINESE else "an English message")
    try:
        i18n.set_language(settings_module.CHINESE)
        assert panel.verdict_label.text() == "中文提示" and result.headline.text() == "中文消息"
    finally:
        i18n.set_language(settings_module.ENGLISH)
    assert panel.verdict_label.text() == "an English hint" and result.headline.text() == "an English message"
