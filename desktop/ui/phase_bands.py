"""Phase bands: the stretches of a run that a lesson marked with ``probe.phase(name)``, shaded on the plots.

Lessons that compare ways of doing the same work (sequential / threads /
processes; apply / apply_async / map) mark each one with a ``PHASE`` event;
their verdicts compare the phases' figures. The CPU plot and the worker
timeline shade each phase in its own tint, from its mark to the next one (or
the run's end, as :meth:`desktop.model.outcome.Outcome.phase_window` does),
and the CPU plot names it with the cores the run used meanwhile:
"threads · ~1.0 core". Cores are the run's own processes' CPU (100 % = one
core, the sampler's ``run_cpu``), averaged over the samples taken inside the
phase -- the unit and the average the verdicts use.

:class:`PhaseBands` is a :class:`~desktop.ui.live_view.LiveView` without a
widget of its own: it draws into the plots it is given, and recomputes at most
:data:`REFRESH_HZ` times a second, never once per sample. A finished run's
phases and samples are picked before it is shown (:func:`prepare_phases`, off
the GUI thread for a big run: see :mod:`desktop.ui.view_preparation`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from desktop.model.events import phase_name
from desktop.monitor.sampler import Sample
from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event
from desktop.ui import i18n
from desktop.ui.live_view import FinishedRun, LiveViewBase
from desktop.ui.view_preparation import Pace, of_kinds, prepared_for

REFRESH_HZ = 5
# Translucent tints, one per phase in turn: neighbours always differ.
TINTS = ((66, 133, 244, 38), (251, 140, 0, 38), (52, 168, 83, 38), (171, 71, 188, 38))
LABEL_COLOUR = "#303030"
LABEL_FILL = (255, 255, 255, 190)


@dataclass
class Phase:
    """One marked phase: its name, its start and end (run seconds), and the run's mean cores in it.

    ``name`` is the English name verdicts use; ``said`` what the lesson sent with it (its Chinese name).
    """

    name: str
    start: float
    said: object = None
    end: float | None = None  # None: until the run's end (or now)
    cores: float | None = None  # None: no sample inside it yet
    items: list = field(default_factory=list)  # what is drawn for it, per plot


def phase_label(name: str, cores: float | None, said: object = None) -> str:
    """``name`` (in the UI's language) and the cores the run used in it: "threads · ~1.0 core" (translated)."""
    name = phase_name(name, said, i18n.language())
    if cores is None:
        return name
    shown = f"{cores:.1f}"
    if shown == "1.0":
        template = QCoreApplication.translate("PhaseBands", "{name} · ~{cores} core")
    else:
        template = QCoreApplication.translate("PhaseBands", "{name} · ~{cores} cores")
    return template.format(name=name, cores=shown)


Marks = list[tuple[str, float, object]]  # each phase's name, start (run seconds) and what the lesson said with it
Cores = list[tuple[float, float]]  # (run seconds, cores the run used), from the run's start on


def prepare_phases(run: FinishedRun, pace: Pace) -> tuple[Marks, Cores]:
    """``run``'s phase marks and the cores it used when; no Qt: any thread."""
    origin = run.origin
    marks = [(str(e.name), e.t - origin, e.value) for e in of_kinds(run.events, frozenset({telemetry.PHASE}), pace)]
    cores = [(s.t - origin, s.run_cpu / 100.0) for s in pace.each(run.samples, len(run.samples)) if s.t - origin >= 0]
    return marks, cores


class PhaseBands(LiveViewBase, QObject):
    """Shades a run's phases on ``plots``; the first one (the CPU plot) also names them with their cores.

    ``host`` is the widget whose language changes re-label the bands (the CPU plot).
    """

    def __init__(self, plots: list[pg.PlotItem], host: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self._plots = list(plots)
        self._origin: float | None = None
        self.phases: list[Phase] = []
        self._samples: list[tuple[float, float]] = []  # (run seconds, cores the run used)
        self._end: float | None = None  # the run's end, once it has ended
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // REFRESH_HZ)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()
        host.installEventFilter(self)
        if self._plots:  # zoomed or resized: labels fit their bands anew
            self._plots[0].getViewBox().sigRangeChanged.connect(self._on_view_box_range_changed)

    # ------------------------------------------------------------- LiveView
    @property
    def origin(self) -> float | None:
        return self._origin

    def clear(self) -> None:
        self._forget(None)

    def follow(self, origin: float) -> None:
        self._forget(origin)

    def add_events(self, events: list[Event]) -> None:
        if self._origin is None:
            return
        for event in events:
            if event.kind == telemetry.PHASE:
                self._mark(str(event.name), event.t - self._origin, event.value)

    def _mark(self, name: str, start: float, said: object) -> None:
        if self.phases:
            self.phases[-1].end = start
        self.phases.append(Phase(name, start, said=said))
        self._add_items(self.phases[-1], len(self.phases) - 1)
        self._dirty = True

    def add_samples(self, samples: list[Sample]) -> None:
        """The machine's live samples while a run is followed; a finished run has its own (see show_run).

        Once the run has ended nothing changes: a sample taken before the end
        but handed over after it (the window was busy) is not the run's.
        """
        if self._origin is None or self._end is not None:
            return
        added = False
        for sample in samples:
            t = sample.t - self._origin
            if t >= 0.0:
                self._samples.append((t, sample.run_cpu / 100.0))
                added = True
        self._dirty = self._dirty or (added and bool(self.phases))

    def finish(self, duration: float | None = None) -> None:
        self._end = duration if duration is not None else (self._samples[-1][0] if self._samples else None)
        self.refresh()

    def preparer(self) -> Callable[[FinishedRun, Pace], tuple[Marks, Cores]]:
        return prepare_phases

    def show_run(self, run: FinishedRun) -> None:
        """``run``'s phases, with the cores it used in each, as prepared (:func:`prepare_phases`)."""
        marks, cores = prepared_for(run, self, prepare_phases)
        self.follow(run.origin)
        for name, start, said in marks:
            self._mark(name, start, said)
        self._samples = list(cores)
        self._dirty = self._dirty or bool(cores and self.phases)
        self.finish(run.duration)

    # ------------------------------------------------------------- drawing
    def refresh(self) -> None:
        """Recompute every phase's cores and redraw its bands and label."""
        self._dirty = False
        now = self._end if self._end is not None else (self._samples[-1][0] if self._samples else 0.0)
        ends = []
        for phase in self.phases:
            end = phase.end if phase.end is not None else max(now, phase.start)
            ends.append(end)
            inside = [cores for t, cores in self._samples if phase.start < t <= end]
            phase.cores = sum(inside) / len(inside) if inside else None
            for item in phase.items:
                if isinstance(item, pg.LinearRegionItem):
                    item.setRegion((phase.start, max(end, phase.start + 1e-3)))
        self._place_labels(ends)

    def _place_labels(self, ends: list[float]) -> None:
        """Each phase's label at the bottom of its band, in two staggered rows; shortened or hidden if it would
        run into the next label of its row, or past the plot's right edge for the last two ("~1.0" alone, then
        nothing: the band's hover text keeps it all)."""
        view = self._plots[0].getViewBox() if self._plots else None
        pixel = view.viewPixelSize()[0] if view is not None else 0.0
        right = view.viewRange()[0][1] if view is not None else float("inf")
        for index, phase in enumerate(self.phases):
            label = next((item for item in phase.items if isinstance(item, pg.TextItem)), None)
            if label is None:
                continue
            row = index % 2
            label.setAnchor((0, 1 + row * 1.1))
            label.setPos(phase.start, 0.0)
            full = phase_label(phase.name, phase.cores, phase.said)
            # Up to the next label of its row (two phases on), or the plot's edge: pyqtgraph clips a label there.
            limit = ends[index + 1] if index + 2 < len(self.phases) else right
            room = (limit - phase.start) / pixel if pixel > 0 else float("inf")
            short = f"~{phase.cores:.1f}" if phase.cores is not None else ""
            for text in (full, short, ""):
                label.setText(text)
                if label.boundingRect().width() <= room or not text:
                    break
            label.setVisible(bool(label.textItem.toPlainText()))
            for item in phase.items:
                item.setToolTip(full)

    def _add_items(self, phase: Phase, index: int) -> None:
        tint = TINTS[index % len(TINTS)]
        for number, plot in enumerate(self._plots):
            band = pg.LinearRegionItem(
                values=(phase.start, phase.start + 1e-3), movable=False, brush=pg.mkBrush(*tint), pen=pg.mkPen(None)
            )
            for edge in band.lines:
                edge.setPen(pg.mkPen(*tint[:3], 160, width=1))
            band.setZValue(-20)
            plot.addItem(band, ignoreBounds=True)
            phase.items.append(band)
            if number == 0:
                # At the bottom, on a light patch: the legend and the machine's total line live at the top.
                label = pg.TextItem(
                    phase_label(phase.name, None, phase.said),
                    color=LABEL_COLOUR,
                    anchor=(0, 1),
                    fill=pg.mkBrush(*LABEL_FILL),
                )
                label.setZValue(20)
                plot.addItem(label, ignoreBounds=True)
                phase.items.append(label)

    def _forget(self, origin: float | None) -> None:
        for phase in self.phases:
            for item in phase.items:
                for plot in self._plots:
                    if item.scene() is not None and item in plot.items:
                        plot.removeItem(item)
        self.phases = []
        self._samples = []
        self._origin = origin
        self._end = None
        self._dirty = False

    def labels(self) -> list[str]:
        """The CPU plot's label of every phase, in order (for tests)."""
        return [phase_label(phase.name, phase.cores, phase.said) for phase in self.phases]

    def _on_view_box_range_changed(self, *_args) -> None:
        self._dirty = self._dirty or bool(self.phases)

    def _on_timer_timeout(self) -> None:
        if self._dirty:
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange and self.phases:
            self.refresh()
        return False
