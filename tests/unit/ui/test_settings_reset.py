"""File -> Reset settings to defaults, on the real main window with the look installed."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import settings as settings_module
from desktop.settings import Settings
from desktop.ui import look, theme, window_layout
from desktop.ui.settings_reset import install_settings_reset


@pytest.fixture
def controller(qtbot, window):
    """Reset wired to the look as the app wires them; the app's normal look restored after."""
    plot_defaults = {name: pg.getConfigOption(name) for name in ("background", "foreground")}
    chosen = look.install_look(window)
    reset = install_settings_reset(window)
    reset.settings_reset.connect(chosen.apply)
    yield reset, chosen
    theme.apply_theme(QApplication.instance(), dark=False, presenter=False)
    pg.setConfigOptions(**plot_defaults)


def test_reset_forgets_every_setting_and_turns_presenter_mode_off(qtbot, window, controller, monkeypatch):
    reset, chosen = controller
    settings = window.settings
    chosen.set_presenter_mode(True)
    chosen.set_theme(settings_module.DARK_THEME)
    settings.set(settings_module.LAST_LESSON, "pipe")
    settings.set(settings_module.MAX_THREADS, 7)
    settings.set_lesson_params("ticket-lock", {"buyers": 3})
    settings.set(settings_module.WINDOW_GEOMETRY, window.saveGeometry().data())
    window.resize(700, 500)
    window.splitter.setSizes([100, 600])
    settings.sync()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Reset)
    with qtbot.waitSignal(theme.appearance_changed, timeout=1_000):
        reset.reset_action.trigger()
    text = Path(settings.path).read_text(encoding="utf-8")
    for gone in ("presenter", "theme", "last", "max_threads", "params", "geometry"):
        assert gone not in text
    reopened = Settings()
    for setting in settings_module.ALL:
        assert reopened.get(setting) == setting.default
    assert reopened.lesson_params("ticket-lock") == {}
    assert not chosen.presenter_action.isChecked()
    assert chosen.theme_actions[settings_module.SYSTEM_THEME].isChecked()
    assert theme.current() == theme.Appearance(dark=theme.system_is_dark(), presenter=False)
    # The one default layout for this screen: the design size where it fits, else the whole screen
    # (never below the window's minimum size: the test screen is 800 px wide).
    size, maximised = window_layout.default_size(window.screen().availableGeometry())
    assert window.normalGeometry().size() == size.expandedTo(window.minimumSizeHint())
    assert window.isMaximized() == maximised
    assert window.splitter.sizes()[0] > 100


def test_cancelling_the_reset_keeps_the_settings(qtbot, window, controller, monkeypatch):
    reset, chosen = controller
    chosen.set_theme(settings_module.DARK_THEME)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Cancel)
    reset.reset_action.trigger()
    assert window.settings.get(settings_module.THEME) == settings_module.DARK_THEME
