"""The live counters: every counter the lesson reports, as a large number under its human name.

Lessons tell students to "watch the 'sold' counter" or the room's occupants;
workers move counters with ``probe.count(name, delta)``. This strip shows each
counter's total so far (the sum of its deltas, as the verdict counts it) in a
large font, named in the UI's language (:mod:`desktop.model.counter_name`).
A counter that also went down (occupants walking out) shows its peak too.

Workers report in batches (every 50 ms), so the deltas of different workers
arrive out of order: a visitor's walk-in may arrive before another's earlier
walk-out, and a sum in arrival order would show more people in the room than
the semaphore ever let in. The strip therefore adds the deltas in the order
they happened, up to :data:`SETTLE_SECONDS` ago while the run is live (by then
every earlier delta has arrived), and all of them once the run has ended --
the way the verdicts count.

The counters a lesson's code names are known before the run (read from its
source), so they show at 0 from the moment the lesson is picked, and the strip
keeps its height during a run; a counter named at run time is added when it
first moves. Lessons that count nothing hide the strip. A run that was
stopped shows "At Stop" before its counters (:meth:`CountersView.show_stopped`):
they are the counts when Stop was pressed, not the run's final ones. In compact mode
(presenter mode on a short screen) each name goes beside its number, so the
strip is one line of large numbers tall. A finished run's sums are made
before it is shown (:func:`prepare_counters`, off the GUI thread for a big
run: see :mod:`desktop.ui.view_preparation`).
"""

from __future__ import annotations

import bisect
import itertools
import operator
import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop import resources
from desktop.model.counter_name import counter_name, counters_in
from desktop.model.lesson import Lesson
from desktop.model.run_record import STOPPED
from desktop.monitor.sampler import Sample
from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event
from desktop.ui import i18n
from desktop.ui.live_view import FinishedRun, LiveViewBase
from desktop.ui.verdict_panel import STATUS_COLOURS
from desktop.ui.view_preparation import Pace, of_kinds, prepared_for

VALUE_SCALE = 2.0  # the numbers' font, in times the UI font
SETTLE_SECONDS = 0.25  # a live run's counters are shown as they were this long ago: every delta has arrived
REFRESH_HZ = 10


def format_count(value: float) -> str:
    """A counter's value for the display: whole numbers without decimals, with thousands separators."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


class Deltas:
    """One counter's deltas in the order they happened, and their running sum up to a moment (no Qt).

    Built for a flood (a run may count 100 000 times a second): deltas arrive in
    batches and are merged in by time, only the tail they overlap re-sorted; the
    running sum, its peak and whether it went down are folded forward from where
    the last :meth:`sums` stopped, so a refresh costs the deltas that settled
    since the last one, not every delta of the run. A delta that arrives behind
    the fold (later than the settling time) takes the fold back to the last
    point before it.
    """

    def __init__(self) -> None:
        self._times: list[float] = []
        self._deltas: list[float] = []
        # (n, (total, peak, went down) of self._deltas[:n]), n rising; the last is where the fold stands
        self._folds: list[tuple[int, tuple[float, float, bool]]] = [(0, (0.0, float("-inf"), False))]

    def add(self, t: float, delta: float) -> None:
        """One delta that happened at ``t`` (perf_counter), whenever it arrives."""
        self.extend([t], [delta])

    def extend(self, times: list[float], deltas: list[float]) -> None:
        """Deltas that happened at ``times`` (perf_counter, in any order), whenever they arrive."""
        if not times:
            return
        if (not self._times or times[0] >= self._times[-1]) and all(map(operator.le, times, times[1:])):
            self._times.extend(times)
            self._deltas.extend(deltas)
            return
        start = bisect.bisect_right(self._times, min(times))  # the earlier deltas stay where they are
        tail = sorted(  # stable: at equal times, deltas keep the order they arrived in
            zip(self._times[start:] + list(times), self._deltas[start:] + list(deltas), strict=True),
            key=operator.itemgetter(0),
        )
        self._times[start:] = [t for t, _ in tail]
        self._deltas[start:] = [delta for _, delta in tail]
        self._fold_back(start)

    def sums(self, until: float) -> tuple[float, float, bool]:
        """(total, peak, went down) of the deltas up to ``until`` (inf: all)."""
        end = bisect.bisect_right(self._times, until)
        self._fold_back(end)
        folded, (total, peak, went_down) = self._folds[-1]
        if end > folded:
            shown = self._deltas[folded:end]
            running = list(itertools.accumulate(shown, initial=total))  # summed in order, as from the first delta
            total, running[0] = running[-1], peak  # the peak: the fold's and every new running sum's
            peak = max(running)
            went_down = went_down or min(shown) < 0
            self._folds.append((end, (total, peak, went_down)))
        return (total, peak, went_down) if end else (0.0, 0.0, False)

    def _fold_back(self, end: int) -> None:
        """Forget the folds past ``end``: the deltas there changed, or an earlier moment is asked for."""
        while self._folds[-1][0] > end:
            self._folds.pop()


def counted(events: Iterable[Event]) -> dict[str, tuple[list[float], list[float]]]:
    """The count events among ``events``: each counter's times and deltas, counters in the order they first moved."""
    counters: dict[str, tuple[list[float], list[float]]] = {}
    count = telemetry.COUNT
    for event in events:
        if event.kind == count:
            name = event.name
            times, deltas = counters.get(name) or counters.setdefault(str(name), ([], []))
            times.append(event.t)
            deltas.append(float(event.value))
    return counters


def prepare_counters(run: FinishedRun, pace: Pace) -> dict[str, Deltas]:
    """Every counter of ``run`` with its deltas, in the order they first moved, summed; no Qt: any thread."""
    counters: dict[str, Deltas] = {}
    for name, (times, deltas) in counted(of_kinds(run.events, frozenset({telemetry.COUNT}), pace)).items():
        counters[name] = Deltas()
        counters[name].extend(times, deltas)
    for deltas in counters.values():
        deltas.sums(float("inf"))
    return counters


class CounterTile(QFrame):
    """One counter: its value (large), its name, and its peak when it ever went down."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = name
        self.deltas = Deltas()
        self.total = 0.0  # shown: the sum of the deltas up to the shown time
        self.peak = 0.0  # the highest the running sum was up to then
        self.went_down = False
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value_label = QLabel("0")
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * VALUE_SCALE)
        font.setBold(True)
        self.value_label.setFont(font)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = QLabel()
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 2, 8, 2)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.value_label)
        self._layout.addWidget(self.name_label)
        self.retranslate()

    def set_compact(self, compact: bool) -> None:
        """The name beside the number (True) or under it (False)."""
        self._layout.setDirection(QBoxLayout.Direction.LeftToRight if compact else QBoxLayout.Direction.TopToBottom)
        self._layout.setSpacing(8 if compact else 0)

    def show_until(self, until: float) -> None:
        """Show the running sum of the deltas that happened up to ``until`` (inf: all), and its peak."""
        total, peak, self.went_down = self.deltas.sums(until)
        if (total, peak) != (self.total, self.peak) or self.value_label.text() != format_count(total):
            self.total, self.peak = total, max(peak, 0.0)
            self.value_label.setText(format_count(total))
            self.retranslate()

    def retranslate(self) -> None:
        name = counter_name(self.name).get(i18n.language())
        if self.went_down:
            peak = QCoreApplication.translate("CountersView", "peak {peak}").format(peak=format_count(self.peak))
            name = f"{name} ({peak})"
        self.name_label.setText(name)
        tip = QCoreApplication.translate("CountersView", 'In the code: probe.count("{name}", …)')
        self.setToolTip(tip.format(name=self.name))


class CountersView(i18n.FollowsLanguage, LiveViewBase, QWidget):
    """The counters strip, a :class:`~desktop.ui.live_view.LiveView`; :meth:`set_lesson` names its counters."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._origin: float | None = None
        self.tiles: dict[str, CounterTile] = {}
        self._declared: list[str] = []
        self._live = False
        self._compact = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(1000 // REFRESH_HZ)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_timeout)
        self.title_label = QLabel()
        bold = self.title_label.font()
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.stopped_label = QLabel()  # "At Stop": the counts when a run was stopped (see show_stopped)
        self.stopped_label.hide()
        # The tiles scroll sideways when the page is narrow: a lesson with many counters never widens the window.
        tiles = QWidget()
        self._tiles_layout = QHBoxLayout(tiles)
        self._tiles_layout.setContentsMargins(0, 0, 0, 0)
        self._tiles_layout.addStretch(1)
        self._scroll = QScrollArea()
        self._scroll.setWidget(tiles)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.title_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.stopped_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._scroll, 1)
        self.hide()
        self._retranslate()

    def _retranslate(self) -> None:
        self.title_label.setText(self.tr("Counters"))
        stopped = self.tr("At Stop")
        self.stopped_label.setText(f"<b style='color:{STATUS_COLOURS[STOPPED]}'>{stopped}</b>")
        self.stopped_label.setToolTip(
            self.tr("The counts when the run was stopped: it did not finish, so they are not its final counts.")
        )
        for tile in self.tiles.values():
            tile.retranslate()

    def set_lesson(self, lesson: Lesson) -> None:
        """Show the counters ``lesson``'s code reports by name, at 0; hide the strip if it counts nothing."""
        try:
            self._declared = counters_in(resources.lesson_source(lesson.module_name))
        except OSError:
            self._declared = []
        self._rebuild()

    def set_compact(self, compact: bool) -> None:
        """Names beside their numbers, one line tall (True), or under them (False)."""
        self._compact = compact
        self.title_label.setVisible(not compact)  # the tiles name themselves; their row needs the width
        for tile in self.tiles.values():
            tile.set_compact(compact)
        self._fit_height()

    def show_stopped(self, stopped: bool) -> None:
        """Say (``stopped``) that the counts shown are those of a run stopped before its end, or stop saying it."""
        self.stopped_label.setVisible(stopped)

    def values(self) -> dict[str, float]:
        """Every counter shown and its total (for tests)."""
        return {name: tile.total for name, tile in self.tiles.items()}

    # ------------------------------------------------------------- LiveView
    @property
    def origin(self) -> float | None:
        return self._origin

    def clear(self) -> None:
        self._origin = None
        self._set_live(False)
        self.show_stopped(False)
        self._rebuild()

    def follow(self, origin: float) -> None:
        self._origin = origin
        self.show_stopped(False)
        self._rebuild()
        self._set_live(True)

    def add_events(self, events: list[Event]) -> None:
        for name, (times, deltas) in counted(events).items():
            tile = self.tiles.get(name) or self._add_tile(name)
            tile.deltas.extend(times, deltas)

    def add_samples(self, samples: list[Sample]) -> None:
        """Not shown here."""

    def finish(self, duration: float | None = None) -> None:
        """The run ended: every delta has arrived; show them all."""
        self._set_live(False)
        self.refresh()

    def preparer(self) -> Callable[[FinishedRun, Pace], dict[str, Deltas]]:
        return prepare_counters

    def show_run(self, run: FinishedRun) -> None:
        """The lesson's counters, then the run's, with their sums as prepared (:func:`prepare_counters`)."""
        counters = prepared_for(run, self, prepare_counters)
        self.follow(run.origin)
        for name, deltas in counters.items():
            tile = self.tiles.get(name) or self._add_tile(name)
            tile.deltas = deltas
        self.finish(run.duration)
        self.show_stopped(run.record.status == STOPPED)

    def refresh(self) -> None:
        """Show every counter as it was :data:`SETTLE_SECONDS` ago (live), or whole (the run ended)."""
        until = time.perf_counter() - SETTLE_SECONDS if self._live else float("inf")
        for tile in self.tiles.values():
            tile.show_until(until)

    def _set_live(self, live: bool) -> None:
        self._live = live
        if live:
            self._refresh_timer.start()
        else:
            self._refresh_timer.stop()

    def _on_refresh_timer_timeout(self) -> None:
        self.refresh()

    # ------------------------------------------------------------------ tiles
    def _rebuild(self) -> None:
        for tile in self.tiles.values():
            self._tiles_layout.removeWidget(tile)
            tile.hide()  # gone now, not once the event loop deletes it
            tile.deleteLater()
        self.tiles = {}
        for name in self._declared:
            self._add_tile(name)
        self.setVisible(bool(self.tiles))

    def _add_tile(self, name: str) -> CounterTile:
        tile = CounterTile(name)
        tile.set_compact(self._compact)
        self.tiles[name] = tile
        self._tiles_layout.insertWidget(self._tiles_layout.count() - 1, tile)  # before the stretch
        tile.show()  # now: a layout shows a new child only on the next turn of the event loop
        self._fit_height()
        self.setVisible(True)
        return tile

    def _fit_height(self) -> None:
        tile = next(iter(self.tiles.values()), None)
        if tile is not None:
            bar = self._scroll.horizontalScrollBar().sizeHint().height()
            self._scroll.setFixedHeight(tile.sizeHint().height() + bar)  # room for the scroll bar, used or not
