"""Presenter mode, light/dark theme, next/previous lesson and resetting settings, on the real main window."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import settings as settings_module
from desktop.settings import Settings
from desktop.ui import appearance, theme


@pytest.fixture
def controller(qtbot, window):
    """The window with presenter mode, theme and navigation installed; the app's normal look restored after."""
    plot_defaults = {name: pg.getConfigOption(name) for name in ("background", "foreground")}
    installed = appearance.install_appearance(window, window._settings)
    yield installed
    theme.apply_theme(QApplication.instance(), dark=False, presenter=False)
    pg.setConfigOptions(**plot_defaults)


def window_colour() -> str:
    return QApplication.palette().color(QPalette.ColorRole.Window).name()


def backgrounds(window) -> set[str]:
    return {plot.backgroundBrush().color().name() for plot in window.findChildren(pg.PlotWidget)}


def test_presenter_mode_scales_fonts_and_lines_up_and_back(qtbot, window, controller):
    app_size = QApplication.font().pointSizeF()
    title_size = window.header.title_label.font().pointSizeF()  # a font the widget sized for itself
    total_curve = window.cpu_plot.plot_widget.getPlotItem().listDataItems()[-1]
    total_width = total_curve.opts["pen"].widthF()
    with qtbot.waitSignal(appearance.appearance_changed, timeout=1_000):
        controller.presenter_action.trigger()
    assert controller.presenter_action.isChecked()
    assert QApplication.font().pointSizeF() == pytest.approx(app_size * theme.FONT_SCALE)
    assert window.header.title_label.font().pointSizeF() == pytest.approx(title_size * theme.FONT_SCALE)
    assert total_curve.opts["pen"].widthF() == pytest.approx(total_width * theme.LINE_SCALE)
    assert theme.line_width(1.5) == pytest.approx(1.5 * theme.LINE_SCALE)
    assert window._settings.get(settings_module.PRESENTER_MODE) is True
    with qtbot.waitSignal(appearance.appearance_changed, timeout=1_000):
        controller.presenter_action.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(app_size)
    assert window.header.title_label.font().pointSizeF() == pytest.approx(title_size)
    assert total_curve.opts["pen"].widthF() == pytest.approx(total_width)
    assert window._settings.get(settings_module.PRESENTER_MODE) is False


def test_dark_theme_changes_the_palette_and_the_plots_and_light_brings_them_back(qtbot, window, controller):
    light_window, light_plots = window_colour(), backgrounds(window)
    assert light_plots == {"#ffffff"}
    with qtbot.waitSignal(appearance.appearance_changed, timeout=1_000):
        controller.theme_actions[settings_module.DARK_THEME].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 100
    assert backgrounds(window) == {theme.plot_colours().background}
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() != light_window
    cpu_title = window.cpu_plot.plot_widget.getPlotItem().titleLabel
    assert theme.plot_colours().foreground.lower() in cpu_title.item.toHtml().lower()  # readable on dark
    assert theme.ERROR_COLOURS[True] in window.page.error_label.styleSheet()  # a lighter red on dark
    with qtbot.waitSignal(appearance.appearance_changed, timeout=1_000):
        controller.theme_actions[settings_module.LIGHT_THEME].trigger()
    assert backgrounds(window) == light_plots
    assert theme.ERROR_COLOURS[False] in window.page.error_label.styleSheet()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 150


def test_the_theme_is_persisted_and_restored_by_a_new_settings_object(qtbot, window, controller):
    controller.set_theme(settings_module.DARK_THEME)
    window._settings.sync()
    reopened = Settings()
    assert reopened.get(settings_module.THEME) == settings_module.DARK_THEME
    theme.apply_theme(QApplication.instance(), dark=False, presenter=False)
    second = appearance.AppearanceController(window, reopened)  # what the next start of the app does
    assert second.theme_actions[settings_module.DARK_THEME].isChecked()
    assert theme.current().dark
    with pytest.raises(ValueError, match="unknown theme"):
        controller.set_theme("purple")


def test_next_and_previous_lesson_move_the_selection_and_stop_at_the_ends(qtbot, window, controller):
    ids = window.picker.visible_lesson_ids()
    assert window.select_lesson(ids[0])
    assert not controller.previous_action.isEnabled()
    assert not controller.previous_lesson()
    with qtbot.waitSignal(window.picker.lesson_selected, timeout=1_000) as selected:
        controller.next_action.trigger()
    assert selected.args[0].id == ids[1]
    assert controller.previous_action.isEnabled()
    with qtbot.waitSignal(window.picker.lesson_selected, timeout=1_000) as selected:
        controller.previous_action.trigger()
    assert selected.args[0].id == ids[0]
    assert window.select_lesson(ids[-1])
    assert not controller.next_action.isEnabled()
    assert not controller.next_lesson()
    assert window.picker.current_lesson().id == ids[-1]


def test_next_lesson_skips_lessons_the_search_hides(qtbot, window, controller):
    window.picker.search_box.setText("queue")
    visible = window.picker.visible_lesson_ids()
    assert 1 < len(visible) < len(window.picker.lessons)
    assert window.select_lesson(visible[0])
    assert controller.next_lesson()
    assert window.picker.current_lesson().id == visible[1]


def test_reset_forgets_every_setting_and_turns_presenter_mode_off(qtbot, window, controller, monkeypatch):
    settings = window._settings
    controller.set_presenter_mode(True)
    controller.set_theme(settings_module.DARK_THEME)
    settings.set(settings_module.LAST_LESSON, "pipe")
    settings.set(settings_module.MAX_THREADS, 7)
    settings.set_lesson_params("ticket-lock", {"buyers": 3})
    settings.set(settings_module.WINDOW_GEOMETRY, window.saveGeometry().data())
    window.resize(700, 500)
    window.splitter.setSizes([100, 600])
    settings.sync()
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Reset)
    with qtbot.waitSignal(appearance.appearance_changed, timeout=1_000):
        controller.reset_action.trigger()
    text = Path(settings.path).read_text(encoding="utf-8")
    for gone in ("presenter", "theme", "last", "max_threads", "params", "geometry"):
        assert gone not in text
    reopened = Settings()
    for setting in settings_module.ALL:
        assert reopened.get(setting) == setting.default
    assert reopened.lesson_params("ticket-lock") == {}
    assert not controller.presenter_action.isChecked()
    assert controller.theme_actions[settings_module.SYSTEM_THEME].isChecked()
    assert theme.current() == theme.Appearance(dark=theme.system_is_dark(), presenter=False)
    assert (window.width(), window.height()) == appearance.DEFAULT_WINDOW_SIZE
    assert window.splitter.sizes()[0] > 100


def test_cancelling_the_reset_keeps_the_settings(qtbot, window, controller, monkeypatch):
    controller.set_theme(settings_module.DARK_THEME)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Cancel)
    controller.reset_action.trigger()
    assert window._settings.get(settings_module.THEME) == settings_module.DARK_THEME
