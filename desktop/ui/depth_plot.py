"""Live queue depth: items put minus items got, per queue, since the run started.

A put or got event may count many items (a script's reports are coalesced,
:func:`desktop.model.events.depth_step`).

Depth is counted from ``put``/``got`` events, never from ``Queue.qsize()``
(which raises on macOS and is only a guess anyway). Lessons that use no queue
hide this plot. Points are kept in a bounded list per queue and drawn as a
step curve from a timer, never once per event. A finished run's steps are
counted before it is shown (:func:`prepare_depths`, off the GUI thread for a
big run: see :mod:`desktop.ui.view_preparation`).
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.model.events import depth_step
from desktop.monitor.sampler import Sample
from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event
from desktop.ui import i18n, plot_legend, plot_room, theme
from desktop.ui.live_view import FinishedRun, LiveViewBase
from desktop.ui.view_preparation import Pace, of_kinds, prepared_for

MAX_POINTS_PER_QUEUE = 20_000
REDRAW_HZ = 20
PLOT_MINIMUM_HEIGHT = 70  # pixels: room for a few steps and the legend at 1024x768 (until the plot is built)
DEPTH_AREA_MINIMUM = 32  # pixels for the steps themselves, whatever the font (see plot_room)


class QueueDepths:
    """Every queue's puts and gets, and its depth over time computed from them.

    Reports from several processes arrive out of time order (each process sends
    its own batches), so the steps are kept as they come and put in time order
    when the depth is computed.
    """

    def __init__(self, max_points: int = MAX_POINTS_PER_QUEUE):
        self._max_points = max_points
        self._steps: dict[str, collections.deque[tuple[float, int]]] = {}
        self._base: dict[str, int] = {}  # depth before the oldest step kept
        self._maxsize: dict[str, int] = {}  # declared by probe.queue_created; absent or 0: unbounded

    def add(self, events: Iterable[Event], origin: float) -> bool:
        """Count the put/got events (and note declared maxsizes); True if any queue changed."""
        changed = False
        for event in events:
            if event.kind == telemetry.QUEUE:
                self._steps.setdefault(event.name, collections.deque())
                self._maxsize[event.name] = event.value if isinstance(event.value, int) else 0
                changed = True
                continue
            if event.kind not in (telemetry.PUT, telemetry.GOT):
                continue
            steps = self._steps.setdefault(event.name, collections.deque())
            steps.append((event.t - origin, depth_step(event)))
            if len(steps) > self._max_points:
                self._base[event.name] = max(self._base.get(event.name, 0) + steps.popleft()[1], 0)
            changed = True
        return changed

    def names(self) -> list[str]:
        return list(self._steps)

    def maxsize(self, name: str) -> int:
        """The declared maxsize of queue ``name``; 0 when unbounded or not declared."""
        return self._maxsize.get(name, 0)

    def series(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(times, depth after each step) of queue ``name``, in time order."""
        data = np.asarray(self._steps[name], dtype=float).reshape(-1, 2)
        order = np.argsort(data[:, 0], kind="stable")
        total = self._base.get(name, 0) + np.cumsum(data[order, 1])
        # A get can be stamped before the put of the same item: the depth is clamped at 0, which over a
        # whole series is the walk minus its lowest point below 0 so far.
        depth = total - np.minimum(np.minimum.accumulate(total), 0)
        # A put unblocked by a get can be stamped before that get: one past a declared maxsize
        # for an instant, which the queue never held.
        limit = self.maxsize(name)
        return data[order, 0], (np.minimum(depth, limit) if limit > 0 else depth)

    @property
    def history(self) -> dict[str, list[tuple[float, int]]]:
        """Every queue's (seconds since the run started, depth) points, in time order."""
        result = {}
        for name in self._steps:
            times, depths = self.series(name)
            result[name] = [(float(t), int(d)) for t, d in zip(times, depths, strict=True)]
        return result

    def clear(self) -> None:
        self._steps.clear()
        self._base.clear()
        self._maxsize.clear()


DEPTH_KINDS = frozenset({telemetry.QUEUE, telemetry.PUT, telemetry.GOT})


def prepare_depths(run: FinishedRun, pace: Pace) -> QueueDepths:
    """Every queue's steps in ``run``; no Qt: any thread."""
    depths = QueueDepths()
    depths.add(of_kinds(run.events, DEPTH_KINDS, pace), run.origin)
    return depths


class DepthPlot(i18n.FollowsLanguage, LiveViewBase, QWidget):
    """The queue-depth plot, a :class:`~desktop.ui.live_view.LiveView`: follow a run, feed it events.

    Most lessons have no queue and keep this plot hidden, so its pyqtgraph
    widget (about 12 ms to build, a tenth of the window) is built the first time
    the plot is shown or asked for; ``plot_built`` then lets the page link its
    time axis and the theme style it.

    Signals:
        plot_built(object): the ``pg.PlotWidget`` now exists.
    """

    plot_built = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.depths = QueueDepths()
        self._origin = 0.0
        self._dirty = False
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._limits: dict[str, pg.InfiniteLine] = {}  # a dashed line at each declared maxsize
        self._plot_widget: pg.PlotWidget | None = None
        self._run_shown = False  # x counts from a run's start (True) or back from now, like the shared axis
        self._shown_origin: float | None = None
        self._compact = False
        self.keeps_time_label = True  # False under a plot that names the shared time axis (see plot_room)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setMinimumHeight(PLOT_MINIMUM_HEIGHT)
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(1000 // REDRAW_HZ)
        self._redraw_timer.timeout.connect(self._on_redraw_timer_timeout)

    @property
    def built(self) -> bool:
        return self._plot_widget is not None

    @property
    def plot_widget(self) -> pg.PlotWidget:
        """The pyqtgraph widget, built now if it was not yet."""
        if self._plot_widget is None:
            self._build_plot()
        return self._plot_widget

    def _build_plot(self) -> None:
        widget = self._plot_widget = pg.PlotWidget(background="w")
        widget.setMinimumHeight(PLOT_MINIMUM_HEIGHT)
        item = widget.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.2)
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setClipToView(True)
        item.setDownsampling(auto=True, mode="peak")
        # Above the curves, in a row of its own: never over them, never cut (see plot_legend).
        plot_legend.add_legend_row(
            item, rows_changed=self._fit_room, labelTextColor="#202020", brush=pg.mkBrush(255, 255, 255, 200)
        )
        self._layout.addWidget(widget)
        theme.appearance_changed.connect(self._fit_room)
        self._retranslate()
        self.set_compact(self._compact)
        self._redraw_timer.start()
        self.plot_built.emit(widget)  # the page styles it: the legend's text size, which its reserved row follows
        self._fit_room()
        self._dirty = True  # draw what arrived before it existed

    def set_compact(self, compact: bool) -> None:
        """Compact (presenter mode on a short screen): no time numbers here either, the plot below has them."""
        self._compact = compact
        if self._plot_widget is not None:
            shown = not (compact and not self.keeps_time_label)
            plot_room.show_time_numbers(self._plot_widget.getPlotItem(), shown)
        self._fit_room()

    def share_time_axis(self) -> None:
        """A plot below names the shared time axis: show only its numbers here (more room for the curves)."""
        self.keeps_time_label = False
        self._retranslate()
        self._fit_room()

    def _fit_room(self) -> None:
        """Room for the curves in the current font (presenter mode's is larger), see :mod:`plot_room`."""
        if self._plot_widget is not None:
            area = DEPTH_AREA_MINIMUM if self._compact else DEPTH_AREA_MINIMUM * 3 // 4
            # The queues' curves, and the legend's row naming them, come with the run: room for that row now.
            height = plot_room.minimum_height(self._plot_widget.getPlotItem(), area, legend_reserved=True)
            self._plot_widget.setMinimumHeight(height)
            self.setMinimumHeight(height)

    def showEvent(self, event: QShowEvent) -> None:
        if self._plot_widget is None:
            self._build_plot()
        super().showEvent(event)

    def _retranslate(self) -> None:
        """Title and axis label in the UI's language (queue names are the lesson's own)."""
        if self._plot_widget is None:
            return
        item = self._plot_widget.getPlotItem()
        theme.set_plot_title(item, self.tr("Queue depth (items put − items got)"))
        shown = self.tr("seconds since the run started") if self._run_shown else self.tr("seconds ago")
        item.setLabel("bottom", shown)
        item.getAxis("bottom").showLabel(self.keeps_time_label)

    # ------------------------------------------------------------- LiveView
    @property
    def origin(self) -> float | None:
        return self._shown_origin

    def follow(self, origin: float) -> None:
        """Forget the previous run; times are shown relative to ``origin`` (perf_counter)."""
        self._forget(origin)
        self._shown_origin = origin
        self._set_run_shown(True)

    def clear(self) -> None:
        """Show no run (a lesson was just picked): no curves, and x in seconds ago like the shared axis."""
        self._forget(0.0)
        self._shown_origin = None
        self._set_run_shown(False)

    def add_events(self, events: list[Event]) -> None:
        """Count puts and gets; a hidden plot (a lesson without a queue) counts nothing."""
        if not self.isHidden() and self.depths.add(events, self._origin):
            self._dirty = True

    def add_samples(self, samples: list[Sample]) -> None:
        """Not drawn here."""

    def finish(self, duration: float | None = None) -> None:
        """Draw the last steps now, without waiting for the timer."""
        if not self.isHidden():
            self.redraw()

    def preparer(self) -> Callable[[FinishedRun, Pace], QueueDepths]:
        return prepare_depths

    def show_run(self, run: FinishedRun) -> None:
        """``run``'s queues as prepared (:func:`prepare_depths`); a hidden plot shows none, as it counts none."""
        depths = prepared_for(run, self, prepare_depths)
        self.follow(run.origin)
        if not self.isHidden():
            self.depths = depths
            self._dirty = True
        self.finish(run.duration)

    def _forget(self, origin: float) -> None:
        self._origin = origin
        self.depths.clear()
        if self._plot_widget is not None:
            for item in [*self._curves.values(), *self._limits.values()]:
                self._plot_widget.getPlotItem().removeItem(item)
        self._curves.clear()
        self._limits.clear()
        self._dirty = False

    def _set_run_shown(self, shown: bool) -> None:
        if shown != self._run_shown:
            self._run_shown = shown
            self._retranslate()

    def redraw(self) -> None:
        self._dirty = False
        item = self.plot_widget.getPlotItem()
        for name in self.depths.names():
            curve = self._curves.get(name)
            if curve is None:
                colour = pg.intColor(len(self._curves), hues=8)
                pen = pg.mkPen(colour, width=2)
                curve = self._curves[name] = item.plot(pen=pen, name=name, stepMode="left", antialias=False)
                maxsize = self.depths.maxsize(name)
                if maxsize > 0:
                    dashed = pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine)
                    limit = pg.InfiniteLine(pos=maxsize, angle=0, pen=dashed)
                    self._limits[name] = limit
                    item.addItem(limit)
            curve.setData(*self.depths.series(name))

    def _on_redraw_timer_timeout(self) -> None:
        if self._dirty and self.isVisible():
            self.redraw()
