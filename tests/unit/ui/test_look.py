"""Presenter mode and light/dark theme, on the real main window."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop import settings as settings_module
from desktop.settings import Settings
from desktop.ui import look, theme


@pytest.fixture
def controller(qtbot, window):
    """The window with presenter mode and theme installed; the app's normal look restored after."""
    plot_defaults = {name: pg.getConfigOption(name) for name in ("background", "foreground")}
    installed = look.install_look(window)
    yield installed
    theme.apply_theme(QApplication.instance(), dark=False, presenter=False)
    pg.setConfigOptions(**plot_defaults)


def window_colour() -> str:
    return QApplication.palette().color(QPalette.ColorRole.Window).name()


def backgrounds(window) -> set[str]:
    return {plot.backgroundBrush().color().name() for plot in window.findChildren(pg.PlotWidget)}


def test_presenter_mode_scales_fonts_and_lines_up_and_back(qtbot, window, controller):
    app_size = QApplication.font().pointSizeF()
    title_size = window.page.header.title_label.font().pointSizeF()  # a font the widget sized for itself
    total_curve = window.page.cpu_plot.plot_widget.getPlotItem().listDataItems()[-1]
    total_width = total_curve.opts["pen"].widthF()
    with qtbot.waitSignal(theme.appearance_changed, timeout=1_000):
        controller.presenter_action.trigger()
    assert controller.presenter_action.isChecked()
    assert QApplication.font().pointSizeF() == pytest.approx(app_size * theme.FONT_SCALE)
    assert window.page.header.title_label.font().pointSizeF() == pytest.approx(title_size * theme.FONT_SCALE)
    assert total_curve.opts["pen"].widthF() == pytest.approx(total_width * theme.LINE_SCALE)
    assert theme.line_width(1.5) == pytest.approx(1.5 * theme.LINE_SCALE)
    assert window.settings.get(settings_module.PRESENTER_MODE) is True
    with qtbot.waitSignal(theme.appearance_changed, timeout=1_000):
        controller.presenter_action.trigger()
    assert QApplication.font().pointSizeF() == pytest.approx(app_size)
    assert window.page.header.title_label.font().pointSizeF() == pytest.approx(title_size)
    assert total_curve.opts["pen"].widthF() == pytest.approx(total_width)
    assert window.settings.get(settings_module.PRESENTER_MODE) is False


def test_dark_theme_changes_the_palette_and_the_plots_and_light_brings_them_back(qtbot, window, controller):
    light_window, light_plots = window_colour(), backgrounds(window)
    assert light_plots == {"#ffffff"}
    with qtbot.waitSignal(theme.appearance_changed, timeout=1_000):
        controller.theme_actions[settings_module.DARK_THEME].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 100
    assert backgrounds(window) == {theme.plot_colours().background}
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() != light_window
    cpu_title = window.page.cpu_plot.plot_widget.getPlotItem().titleLabel
    assert theme.plot_colours().foreground.lower() in cpu_title.item.toHtml().lower()  # readable on dark
    assert theme.ERROR_COLOURS[True] in window.page.error_label.styleSheet()  # a lighter red on dark
    with qtbot.waitSignal(theme.appearance_changed, timeout=1_000):
        controller.theme_actions[settings_module.LIGHT_THEME].trigger()
    assert backgrounds(window) == light_plots
    assert theme.ERROR_COLOURS[False] in window.page.error_label.styleSheet()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 150


def test_the_theme_is_persisted_and_restored_by_a_new_settings_object(qtbot, window, controller):
    controller.set_theme(settings_module.DARK_THEME)
    window.settings.sync()
    reopened = Settings()
    assert reopened.get(settings_module.THEME) == settings_module.DARK_THEME
    theme.apply_theme(QApplication.instance(), dark=False, presenter=False)
    second = look.LookController(window, reopened)  # what the next start of the app does
    assert second.theme_actions[settings_module.DARK_THEME].isChecked()
    assert theme.current().dark
    with pytest.raises(ValueError, match="unknown theme"):
        controller.set_theme("purple")
