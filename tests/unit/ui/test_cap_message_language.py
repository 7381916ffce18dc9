"""A run refused by a cap says so in the UI's language, next to Run and Stop."""

from __future__ import annotations

from desktop import settings as settings_module


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
