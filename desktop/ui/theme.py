"""The look of the whole app: light or dark, normal or presenter mode.

:func:`apply_theme` is the one place that changes it: the palette (the
platform's own when it already matches, else a light, dark or high-contrast
one drawn with the Fusion style, the built-in style that honours any palette),
the font size (x1.5 in presenter mode, for a projector at the back of a
classroom) and every pyqtgraph plot: background, axes, titles, legends and
line widths (x2 in presenter mode). Plot widgets that build their own curves
can ask :func:`line_width` and :func:`plot_colours` and listen to
:data:`appearance_changed`; :func:`style_curves` restyles curves added later.
"""

from __future__ import annotations

import dataclasses
import math

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette, QPen
from PySide6.QtWidgets import QApplication, QLabel

FONT_SCALE = 1.5  # presenter mode: text readable from the back of a room
LINE_SCALE = 2.0  # presenter mode: plot lines visible on a washed-out projector
_BASE_FONT_PROPERTY = "appearanceBaseFont"  # a widget's own font before presenter mode scaled it
OWN_TICK_FONT = "ownTickFont"  # set on a plot axis whose tick font its owner sets (style_plot leaves it)
_SIZE_RESOLVED = 0x2  # QFont::SizeResolved: the font sets its own size instead of inheriting one


@dataclasses.dataclass(frozen=True)
class PlotColours:
    background: str
    foreground: str


_PLOT_COLOURS = {
    (False, False): PlotColours("#ffffff", "#202020"),
    (True, False): PlotColours("#1e1f22", "#dcdcdc"),
    (False, True): PlotColours("#ffffff", "#000000"),
    (True, True): PlotColours("#000000", "#ffffff"),
}


# Palette colours: window, text, base (inputs, lists), button, highlight, highlighted text, link, frame (mid),
# placeholder / disabled text. Presenter palettes are pure black on white or white on black (yellow selection).
_PALETTES = {
    (False, False): ("#f3f3f3", "#1b1b1b", "#ffffff", "#e8e8e8", "#2a62c9", "#ffffff", "#1a5fb4", "#b4b4b4", "#767676"),
    (True, False): ("#2b2d30", "#e4e4e4", "#1e1f22", "#3a3c40", "#3d74d1", "#ffffff", "#7fb2ff", "#55585e", "#8f8f8f"),
    (False, True): ("#ffffff", "#000000", "#ffffff", "#ffffff", "#0037a6", "#ffffff", "#0037a6", "#000000", "#505050"),
    (True, True): ("#000000", "#ffffff", "#000000", "#000000", "#ffd400", "#000000", "#ffd400", "#ffffff", "#b8b8b8"),
}


def build_palette(dark: bool, presenter: bool) -> QPalette:
    """A complete palette for the Fusion style: every role set, so nothing falls back to the platform's."""
    window, text, base, button, highlight, on_highlight, link, mid, faint = (
        QColor(c) for c in _PALETTES[(dark, presenter)]
    )
    palette = QPalette(button, window)  # derives light/dark/mid/shadow bevel shades from the button colour
    role = QPalette.ColorRole
    for name, colour in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, window if presenter else base.darker(106) if not dark else base.lighter(115)),
        (role.ToolTipBase, base),
        (role.ToolTipText, text),
        (role.Text, text),
        (role.Button, button),
        (role.ButtonText, text),
        (role.BrightText, on_highlight),
        (role.Highlight, highlight),
        (role.HighlightedText, on_highlight),
        (role.Link, link),
        (role.LinkVisited, link),
        (role.Mid, mid),
        (role.PlaceholderText, faint),
        (role.Accent, highlight),
    ):
        palette.setColor(name, colour)
    if presenter:  # hard frames: Fusion draws outlines from these
        for name in (role.Dark, role.Shadow):
            palette.setColor(name, mid)
    disabled = QPalette.ColorGroup.Disabled
    for name in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, name, faint)
    palette.setColor(disabled, role.Highlight, mid)
    return palette


@dataclasses.dataclass(frozen=True)
class Appearance:
    dark: bool = False
    presenter: bool = False


class _Notifier(QObject):
    changed = Signal()


_notifier = _Notifier()
appearance_changed = _notifier.changed  # emitted after every apply_theme
# Error text on the light and the dark window colour; each keeps a contrast of at least 4.5:1.
ERROR_COLOURS = {False: "#b3261e", True: "#ff8a80"}
_current = Appearance()
_native: dict[str, object] = {}  # the platform's style name, font and darkness, captured before the first change


def current() -> Appearance:
    return _current


def line_width(base: float = 1.0) -> float:
    """The width to draw a plot line that would be ``base`` wide in the normal look."""
    return base * (LINE_SCALE if _current.presenter else 1.0)


def plot_colours() -> PlotColours:
    return _PLOT_COLOURS[(_current.dark, _current.presenter)]


def system_is_dark() -> bool:
    """Whether the OS asks for dark colours (the palette decides when the OS does not say)."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    if "dark" in _native:
        return bool(_native["dark"])
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(app: QApplication, dark: bool, presenter: bool) -> None:
    """Give the whole app (palette, fonts, every plot) the dark or light, normal or presenter look."""
    global _current
    if not _native:
        _native.update(style=app.style().name(), font=QFont(app.font()), dark=system_is_dark())
    if not presenter and system_is_dark() == dark:
        if app.style().name().lower() != str(_native["style"]).lower():
            app.setStyle(str(_native["style"]))
        app.setPalette(QPalette())  # nothing set: everything resolves to the platform's, which follows the OS
    else:
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(build_palette(dark, presenter))
    _scale_fonts(app, FONT_SCALE if presenter else 1.0)
    _current = Appearance(dark, presenter)
    colours = plot_colours()
    pg.setConfigOptions(background=colours.background, foreground=colours.foreground)
    for window in app.topLevelWidgets():
        for plot in window.findChildren(pg.PlotWidget):
            style_plot(plot)
    _notifier.changed.emit()


class ErrorStyle(QObject):
    """Shows one label's text in the current theme's error colour while active, after every theme change too.

    A child of the label, so it goes when the label goes.
    """

    def __init__(self, label: QLabel, active: bool = True):
        super().__init__(label)
        self._label = label
        self._active = active
        appearance_changed.connect(self._on_appearance_changed)
        self._on_appearance_changed()

    def set_active(self, active: bool) -> None:
        """Error colour (True) or the palette's text colour (False)."""
        self._active = active
        self._on_appearance_changed()

    def _on_appearance_changed(self) -> None:
        self._label.setStyleSheet(f"color: {ERROR_COLOURS[_current.dark]};" if self._active else "")


def _scaled(font: QFont, factor: float) -> QFont:
    font = QFont(font)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(round(font.pixelSize() * factor))
    return font


def _scale_fonts(app: QApplication, factor: float) -> None:
    """Scale the app font and every font a widget sized for itself (a title, the code view)."""
    own_sizes = [w for w in app.allWidgets() if w.testAttribute(Qt.WidgetAttribute.WA_SetFont)]
    own_sizes = [w for w in own_sizes if w.property(_BASE_FONT_PROPERTY) or w.font().resolveMask() & _SIZE_RESOLVED]
    for widget in own_sizes:  # before the app font changes, so that a base is never an already scaled font
        if factor != 1.0 and widget.property(_BASE_FONT_PROPERTY) is None:
            widget.setProperty(_BASE_FONT_PROPERTY, QFont(widget.font()))
    wanted = _scaled(_native["font"], factor)
    if app.font() != wanted:
        app.setFont(wanted)
    for widget in own_sizes:
        base = widget.property(_BASE_FONT_PROPERTY)
        if base is not None:
            widget.setFont(_scaled(base, factor))


def _scaled_size(size: str, factor: float) -> str:
    """A CSS size like "10pt" times ``factor``; anything else unchanged."""
    for unit in ("pt", "px"):
        if size.endswith(unit):
            try:
                return f"{float(size[: -len(unit)]) * factor:g}{unit}"
            except ValueError:
                return size
    return size


def set_plot_title(item: pg.PlotItem, text: str, size: str = "10pt") -> None:
    """Give ``item`` the title ``text`` in the current look: a plot that re-titles itself (a new run, another
    language) keeps presenter mode's larger text and the theme's ink instead of falling back to ``size``."""
    title = item.titleLabel
    title._appearance_base_size = size
    factor = FONT_SCALE if _current.presenter else 1.0
    item.setTitle(text, color=plot_colours().foreground, size=_scaled_size(size, factor))
    _let_title_shrink(title)
    # The title's row as tall as its text (pyqtgraph's is 30 px in any font): room for the legend's row.
    text_height = title.item.boundingRect().height() - 2 * title.item.document().documentMargin()
    item.layout.setRowFixedHeight(0, math.ceil(text_height))


def _let_title_shrink(title: pg.LabelItem) -> None:
    """A plot's title never makes the plot wider than its widget.

    pyqtgraph makes a title's text width its least width (again on every resize): in a narrow window (a
    1024x768 projector, presenter mode's large text) "Queue depth (items put - items got)" made that plot
    wider than the others, and the plots linked to one time axis showed the same second at different places.
    """
    if getattr(title, "_shrinks", False):
        title.updateMin()
        return
    measure = title.updateMin

    def least_width_zero() -> None:
        measure()
        title.setMinimumWidth(0)
        title._sizeHint[Qt.SizeHint.MinimumSize] = (0, title._sizeHint[Qt.SizeHint.MinimumSize][1])
        title.updateGeometry()

    title.updateMin = least_width_zero  # pyqtgraph's resizeEvent and setText call it
    title._shrinks = True
    least_width_zero()


def style_plot(plot: pg.PlotWidget) -> None:
    """Background, axes, title, legend and curves of ``plot`` in the current look."""
    colours, factor = plot_colours(), (FONT_SCALE if _current.presenter else 1.0)
    plot.setBackground(colours.background)
    item = plot.getPlotItem()
    tick_font = QFont(QApplication.font()) if _current.presenter else None
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        axis.label.setFont(QApplication.font())  # the axis title keeps the font it was created with otherwise
        axis.setPen(colours.foreground)
        axis.setTextPen(colours.foreground)  # also re-renders the axis title and re-sizes the axis
        if axis.property(OWN_TICK_FONT):
            pass  # the axis sizes itself to its labels in its own font (the timeline's lanes)
        elif axis.fixedWidth is None:
            axis.setTickFont(tick_font)
        else:  # labels wider than a fixed-width axis are dropped: keep them normal size
            axis.setTickFont(QFont(_native["font"]) if _current.presenter else None)
    title = item.titleLabel
    if not hasattr(title, "_appearance_base_size"):
        title._appearance_base_size = title.opts.get("size", "9pt")
    if title.text:
        title.setText(title.text, color=colours.foreground, size=_scaled_size(title._appearance_base_size, factor))
        _let_title_shrink(title)
    legend = item.legend
    if legend is not None:
        if not hasattr(legend, "_appearance_base_size"):
            legend._appearance_base_size = legend.opts.get("labelTextSize", "9pt")
        legend.setLabelTextColor(colours.foreground)
        brush = QColor(colours.background)
        brush.setAlpha(200)
        legend.setBrush(brush)
        legend.setLabelTextSize(_scaled_size(legend._appearance_base_size, factor))
        for _sample, label in legend.items:
            label.setText(label.text)  # the two setters above only take effect at the next setText
        legend.updateSize()
    style_curves(plot)


def style_curves(plot: pg.PlotWidget) -> None:
    """Line width (and colour for black ink on a dark background) of every curve in ``plot``."""
    colours, presenter = plot_colours(), _current.presenter
    item = plot.getPlotItem()
    changed = False
    for curve in item.listDataItems():
        pen = pg.mkPen(curve.opts.get("pen"))
        base, applied = getattr(curve, "_appearance_pens", (None, None))
        if base is None or pen != applied:  # new curve, or its owner gave it a new pen since
            base = QPen(pen)
        wanted = QPen(base)
        if presenter:  # width 0 is a cosmetic 1-pixel line
            wanted.setWidthF(max(base.widthF(), 1.0) * LINE_SCALE)
        colour = QColor(base.color())
        if _current.dark and colour.hslSaturation() < 40 and colour.lightness() < 100:
            colour = QColor(colours.foreground)  # "ink" lines would vanish on a dark background
        if presenter:
            colour.setAlpha(255)
        wanted.setColor(colour)
        curve._appearance_pens = (base, wanted)
        if wanted != pen:
            curve.setPen(wanted)
            changed = True
    if changed and item.legend is not None:
        for sample, _label in item.legend.items:
            sample.update()
        item.legend.update()
