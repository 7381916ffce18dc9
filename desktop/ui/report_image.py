"""A run as one PNG image: the lesson, its parameters, the verdict, the CPU, queue-depth and worker plots.

"Plots as PNG" makes a picture a student can put in a report or a teacher on a
slide, readable without the app: at least :data:`REPORT_WIDTH` pixels wide,
whatever size the window has. It is drawn from the run's record, not grabbed
from the screen: fresh views (the same classes as the lesson page, so the same
colours, phase bands, lane names and verdict) are laid out off screen at the
report's size, shown the finished run whole, and grabbed as one widget. The
texts are in the UI's language.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.lessons import catalog
from desktop.model.lesson import DEPTH, Lesson
from desktop.model.run_record import RunRecord
from desktop.runtime import export
from desktop.ui import i18n
from desktop.ui.counters_view import CountersView
from desktop.ui.cpu_plot import CpuPlot
from desktop.ui.depth_plot import DepthPlot
from desktop.ui.live_view import FinishedRun
from desktop.ui.phase_bands import PhaseBands
from desktop.ui.timeline import TimelineView
from desktop.ui.timeline_axis import RunTimeAxis
from desktop.ui.timeline_lanes import lane_pixels
from desktop.ui.verdict_panel import VerdictPanel

REPORT_WIDTH = 1800  # pixels: sharp on a slide and in print, wider than any laptop screen
CPU_HEIGHT = 360
DEPTH_HEIGHT = 260
TIMELINE_CHROME = 150  # the timeline's legend and time axis, above and below its lanes
MAX_TIMELINE_HEIGHT = 1600  # a run with hundreds of workers shows the first lanes that fit
TITLE_SCALE = 1.8


def _parameters_text(record: RunRecord, lesson: Lesson | None) -> str:
    """``buyers = 3 · delay = 0.05 · lock = on``, with the form's labels when the lesson is known."""
    language = i18n.language()
    parts = []
    for name, value in record.params.items():
        try:
            label = lesson.param(name).label.get(language) if lesson is not None else name
        except KeyError:  # a parameter this version of the lesson no longer has
            label = name
        if isinstance(value, bool):
            on, off = QCoreApplication.translate("RunReport", "on"), QCoreApplication.translate("RunReport", "off")
            shown = on if value else off
        else:
            shown = str(value)
        parts.append(f"{label} = {shown}")
    return " · ".join(parts)


class RunReport(QWidget):
    """The report of one finished run, laid out off screen at :data:`REPORT_WIDTH` pixels; :meth:`png` draws it."""

    def __init__(self, record: RunRecord, core_count: int):
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.setAutoFillBackground(True)
        palette = self.palette()  # black on white, like the plots: printable whatever the app's theme
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#202020"))
        palette.setColor(QPalette.ColorRole.Base, QColor("white"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#202020"))
        self.setPalette(palette)
        try:
            self.lesson: Lesson | None = catalog.load(record.lesson)
        except (KeyError, ImportError, ValueError):
            self.lesson = None  # a script run, or a lesson this version no longer has
        language = i18n.language()
        self.title_label = QLabel(self.lesson.title.get(language) if self.lesson is not None else record.lesson)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * TITLE_SCALE)
        font.setBold(True)
        self.title_label.setFont(font)
        self.parameters_label = QLabel(_parameters_text(record, self.lesson))
        self.parameters_label.setWordWrap(True)
        self.verdict_panel = VerdictPanel()
        self.verdict_panel.show_record(record)
        self.cpu_plot = CpuPlot(core_count)
        self.cpu_plot.setFixedHeight(CPU_HEIGHT)
        self.depth_plot = DepthPlot()
        self.depth_plot.setFixedHeight(DEPTH_HEIGHT)
        self.counters_view = CountersView()
        self.timeline = TimelineView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        for widget in (self.title_label, self.parameters_label, self.verdict_panel):
            layout.addWidget(widget)
        for widget in (self.cpu_plot, self.depth_plot, self.counters_view, self.timeline):
            layout.addWidget(widget)
        # Shown or hidden once in the layout: a parentless widget shown would be a window of its own.
        self.depth_plot.setVisible(self.lesson is not None and DEPTH in self.lesson.views)
        if self.lesson is not None:
            self.counters_view.set_lesson(self.lesson)
        plots = [self.timeline.plot_item, self.cpu_plot.plot_widget.getPlotItem()]
        if not self.depth_plot.isHidden():
            plots.append(self.depth_plot.plot_widget.getPlotItem())
        self.time_axis = RunTimeAxis(plots, self)
        self.phase_bands = PhaseBands(plots[1::-1], self.cpu_plot, self)
        self.setFixedWidth(REPORT_WIDTH)
        self.show()  # laid out and "visible" (so every view draws), never on screen
        self._show_run(
            FinishedRun(record, export.run_origin(record), export.events_of(record), export.samples_of(record))
        )

    def _show_run(self, run: FinishedRun) -> None:
        views = (self.cpu_plot, self.depth_plot, self.timeline, self.counters_view, self.phase_bands)
        for view in views:
            view.show_run(run)
        lanes = max(self.timeline.lane_count, 1)
        height = TIMELINE_CHROME + lanes * (lane_pixels(self.timeline.fontMetrics()) + 2)
        self.timeline.setFixedHeight(min(height, MAX_TIMELINE_HEIGHT))
        self.layout().activate()
        self.resize(REPORT_WIDTH, self.sizeHint().height())  # not adjustSize(): that stops at the screen's height
        self.time_axis.start_run(run.origin)
        self.time_axis.finish_run(self.timeline.now())
        self.cpu_plot.redraw()
        if not self.depth_plot.isHidden():
            self.depth_plot.redraw()
        self.timeline.redraw()
        self.timeline.lanes.update(self.timeline.workers(), self.timeline.font())
        self.time_axis.set_left_width(self.timeline.lanes.axis_width)  # as wide as the lane names: times line up
        self.phase_bands.refresh()

    def png(self) -> bytes:
        """The report as PNG bytes."""
        image = self.grab().toImage()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())


def report_png(record: RunRecord, core_count: int) -> bytes:
    """``record`` as one PNG image (see the module's docstring).

    ``core_count``: the logical cores of the machine the run was measured on, if its record has no sample.
    """
    if record.samples:
        core_count = len(record.samples[0][1])
    report = RunReport(record, core_count)
    try:
        return report.png()
    finally:
        report.close()
        report.deleteLater()
