"""One time axis for the live plots (CPU, queue depth, worker timeline), linked for zoom and pan.

While a run is shown every plot measures x in seconds since the run started
(the CPU plot also shows the machine's last minute before it, at negative x).
The axis follows the run as it grows: first from just before the start to a
round span (10, 20, 30, 45, 60 s), then a 60 s window that rolls forward in
5 s steps. Moving in steps, not every frame, matters: each change of range
re-renders the axes' text, the costliest part of a plot's frame. When the run
ends the axis fits the whole run. Zooming or panning (wheel, drag) any plot
moves all of them and stops the following; a double-click, or the next run,
resumes it. Without a run the CPU plot shows "seconds ago", from -60 to 0.
"""

from __future__ import annotations

import math
import time

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, QTimer

IDLE_WINDOW = 60.0  # seconds of machine history shown without a run
RUN_WINDOW = 60.0  # seconds shown once a run lasts longer than that
BEFORE_RUN = 3.0  # seconds of machine history shown left of a run's start
GROWING_SPANS = (10.0, 20.0, 30.0, 45.0, RUN_WINDOW)
ROLL_STEP = 5.0
LEAD = 0.5  # seconds kept free right of "now", so the live edge never touches the border
FOLLOW_HZ = 30
AXIS_WIDTH = 96  # every plot's left axis is at least this wide, and all as wide, so equal times line up
RIGHT_AXIS_WIDTH = 44  # and every right axis this wide (the CPU plot's counts the run's cores)


def live_range(elapsed: float) -> tuple[float, float]:
    """The x range to show ``elapsed`` seconds into a run."""
    wanted = elapsed + LEAD
    for span in GROWING_SPANS:
        if wanted <= span:
            return -BEFORE_RUN, span
    right = math.ceil(wanted / ROLL_STEP) * ROLL_STEP
    return right - RUN_WINDOW, right


def finished_range(duration: float) -> tuple[float, float]:
    """The x range that shows a whole finished run (its last minute if it was longer)."""
    if duration > RUN_WINDOW:
        return duration - RUN_WINDOW, duration
    pad = max(duration * 0.03, 0.01)
    return -pad, duration + pad


class RunTimeAxis(QObject):
    """Links the x axes of ``plots`` (the first one leads) and decides what range they show."""

    def __init__(self, plots: list[pg.PlotItem], parent: QObject | None = None):
        super().__init__(parent)
        self._plots = list(plots)
        self._origin: float | None = None
        self._running = False
        self._following = False
        self._duration = 0.0
        self._left_width = AXIS_WIDTH
        for plot in plots:
            self._link(plot)
        self._follow_timer = QTimer(self)
        self._follow_timer.setInterval(1000 // FOLLOW_HZ)
        self._follow_timer.timeout.connect(self._on_follow_timer_timeout)
        self.show_idle()

    def add_plot(self, plot: pg.PlotItem) -> None:
        """Link one more plot (one built after the axis) to the shared x axis."""
        self._plots.append(plot)
        self._link(plot)

    def set_left_width(self, width: int) -> None:
        """Every plot's left axis ``width`` pixels wide (the timeline's lane names need it): times line up."""
        self._left_width = width
        for plot in self._plots:
            if plot.getAxis("left").fixedWidth != width:
                plot.getAxis("left").setWidth(width)

    def _link(self, plot: pg.PlotItem) -> None:
        plot.setMouseEnabled(x=True, y=False)
        plot.setMenuEnabled(False)  # its "View All" and y options would fight the shared axis
        plot.enableAutoRange(x=False)
        plot.getAxis("left").setWidth(self._left_width)
        if not plot.getAxis("right").isVisible():
            plot.showAxis("right")
            plot.getAxis("right").setStyle(showValues=False)
        plot.getAxis("right").setWidth(RIGHT_AXIS_WIDTH)
        _seconds_stay_seconds(plot.getAxis("bottom"))
        leader = self._plots[0]
        if plot is not leader:
            plot.setXLink(leader)
        plot.getViewBox().sigRangeChangedManually.connect(self._on_range_changed_manually)
        plot.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)

    @property
    def origin(self) -> float | None:
        """perf_counter() of the shown run's start, or None while no run is shown."""
        return self._origin

    @property
    def following(self) -> bool:
        return self._following

    def x_range(self) -> tuple[float, float]:
        left, right = self._plots[0].getViewBox().viewRange()[0]
        return left, right

    def show_idle(self) -> None:
        """No run shown: the last minute, in seconds ago."""
        self._origin = None
        self._running = self._following = False
        self._follow_timer.stop()
        self._set_range(-IDLE_WINDOW, 0.0)

    def start_run(self, origin: float) -> None:
        self._origin = origin
        self._running = self._following = True
        self._follow_timer.start()
        self._on_follow_timer_timeout()

    def finish_run(self, duration: float) -> None:
        self._running = False
        self._duration = duration
        self._follow_timer.stop()
        if self._following:
            self._set_range(*finished_range(duration))

    def follow(self) -> None:
        """Show the run as the axis chose to, undoing the user's zoom or pan."""
        if self._origin is None:
            self.show_idle()
            return
        self._following = True
        if self._running:
            self._follow_timer.start()
            self._on_follow_timer_timeout()
        else:
            self._set_range(*finished_range(self._duration))

    def _set_range(self, left: float, right: float) -> None:
        shown = self.x_range()
        # An unchanged range keeps the axes' cached pictures.
        if not (math.isclose(shown[0], left, abs_tol=1e-9) and math.isclose(shown[1], right, abs_tol=1e-9)):
            self._plots[0].setXRange(left, right, padding=0)

    def _on_follow_timer_timeout(self) -> None:
        if self._following and self._running and self._origin is not None:
            self._set_range(*live_range(time.perf_counter() - self._origin))

    def _on_range_changed_manually(self) -> None:
        if self._origin is not None:
            self._following = False

    def _on_scene_mouse_clicked(self, event) -> None:
        if event.double() and event.button() == Qt.MouseButton.LeftButton:
            self.follow()


def _seconds_stay_seconds(axis: pg.AxisItem) -> None:
    """No SI prefix on the time axis: 0.1 s is "0.1", never "100" with "(x0.001)" in the label."""
    axis.enableAutoSIPrefix(False)
    # pyqtgraph 0.14 computes a prefix once more while disabling it, and keeps scaling the ticks by it.
    axis.autoSIPrefixScale = 1.0
    axis.labelUnitPrefix = ""
    axis.picture = None
