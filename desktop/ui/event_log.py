"""The live event log: what every worker reported, newest at the bottom, bounded.

A table model holds the last :data:`MAX_ROWS` events; a run can produce
millions of events, and the log is for reading, not for keeping (the run
record keeps them). Batches are appended with proper insert/remove
notifications so the view keeps its scroll position. Every cell is worded when
shown (only the rows on screen ever are): a flood of 100 000 events a second
costs the GUI thread a slice and a filter per batch, not a string per event,
and the "Worker" and "What" columns follow a change of the UI's language. The
Worker column names a worker as its timeline lane does (:mod:`desktop.ui.worker_name`:
"worker 3", not "SpawnPoolWorker-3"), its full name and PID in the cell's hover text.
Clicking a row selects its worker, as clicking its lane in the timeline does.
A finished run's rows are made before it is shown (:func:`log_rows`, off the
GUI thread for a big run: see :mod:`desktop.ui.view_preparation`).
"""

from __future__ import annotations

import collections
import functools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.model.counter_name import counter_name
from desktop.model.events import log_line, phase_name, state_detail
from desktop.monitor.sampler import Sample
from desktop.runtime import child_exits, named_resources, telemetry
from desktop.runtime.telemetry import Event
from desktop.ui import i18n
from desktop.ui.live_view import FinishedRun, LiveViewBase
from desktop.ui.timeline import state_name
from desktop.ui.view_preparation import prepared_for
from desktop.ui.worker_name import readable_worker, worker_and_pid

MAX_ROWS = 5_000
# Marked for translation here, translated when shown (after the translator is installed).
COLUMNS = (
    QT_TRANSLATE_NOOP("EventLogModel", "Time (s)"),
    QT_TRANSLATE_NOOP("EventLogModel", "Worker"),
    QT_TRANSLATE_NOOP("EventLogModel", "PID"),
    QT_TRANSLATE_NOOP("EventLogModel", "What"),
)
_Index = QModelIndex | QPersistentModelIndex


def describe(event: Event) -> str:
    """One line saying what ``event`` means, for the "What" column, in the UI's language."""
    # Spelled out (not aliased) so that pyside6-lupdate finds the strings.
    kind, name, value = event.kind, event.name, event.value
    language = i18n.language()
    if kind == telemetry.STATE:
        state, detail = state_name(name), state_detail(value, language)  # the legend's name, the lesson's words
        return f"[{state}] {detail}" if detail else f"[{state}]"
    if kind == telemetry.LOG:
        return log_line(value, language)
    if kind == telemetry.COUNT:
        counter = counter_name(name).get(language)
        return f"{counter} {value:+g}" if isinstance(value, (int, float)) else f"{counter} {value}"
    if kind == telemetry.QUEUE:
        if isinstance(value, int) and value > 0:
            return QCoreApplication.translate("EventLogModel", "queue {queue} created, maxsize {maxsize}").format(
                queue=name, maxsize=value
            )
        return QCoreApplication.translate("EventLogModel", "queue {queue} created, unbounded").format(queue=name)
    if kind == telemetry.PUT:
        return QCoreApplication.translate("EventLogModel", "put → {queue}").format(queue=name) + _items(event)
    if kind == telemetry.GOT:
        return QCoreApplication.translate("EventLogModel", "got ← {queue}").format(queue=name) + _items(event)
    if kind == telemetry.PHASE:
        phase = phase_name(name, value, language)
        return QCoreApplication.translate("EventLogModel", "phase: {phase}").format(phase=phase)
    if kind == telemetry.HELLO:
        return QCoreApplication.translate("EventLogModel", "process started")
    if kind == telemetry.RESULT:
        return QCoreApplication.translate("EventLogModel", "main returned")
    if kind == telemetry.ERROR:
        text = str(value).strip().splitlines()
        return QCoreApplication.translate("EventLogModel", "raised {error}").format(error=text[-1] if text else name)
    if kind == child_exits.CHILD_EXIT and isinstance(value, dict):
        return QCoreApplication.translate("EventLogModel", "child pid {pid} exited with code {code}").format(
            pid=value.get("pid"), code=value.get("exitcode")
        )
    return f"{kind} {name} {value}"


def _items(event: Event) -> str:
    """`` ×N`` after a put or got that counts N > 1 items (a script's coalesced report), else nothing."""
    value = event.value
    return f" ×{value}" if type(value) is int and value > 1 else ""


# Runtime bookkeeping (semaphores and shared memory the run creates and releases): not for the log.
HIDDEN_KINDS = frozenset({named_resources.NAMED_RESOURCE})


def log_rows(events: Sequence[Event], max_rows: int) -> list[Event]:
    """The log's rows (its events) of the last ``max_rows`` of ``events``; no Qt: any thread."""
    return [event for event in events[-max_rows:] if event.kind not in HIDDEN_KINDS]


def _prepare_rows(run: FinishedRun, _pace: object, max_rows: int) -> list[Event]:
    return log_rows(run.events, max_rows)


class EventLogModel(QAbstractTableModel):
    """The last ``max_rows`` events, shown as (seconds since the run started, worker, pid, what) rows."""

    WORKER_COLUMN = 1
    WHAT_COLUMN = 3

    def __init__(self, max_rows: int = MAX_ROWS, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: collections.deque[Event] = collections.deque()
        self._max_rows = max_rows
        self._origin = 0.0

    def start(self, origin: float) -> None:
        """Clear the log for a new run; times are shown relative to ``origin`` (perf_counter)."""
        self.beginResetModel()
        self._rows.clear()
        self._origin = origin
        self.endResetModel()

    @property
    def max_rows(self) -> int:
        return self._max_rows

    def add_events(self, events: list[Event]) -> None:
        self.add_rows(log_rows(events, self._max_rows))

    def add_rows(self, rows: list[Event]) -> None:
        """Append rows made by :func:`log_rows`; the oldest go past ``max_rows``."""
        if not rows:
            return
        overflow = len(self._rows) + len(rows) - self._max_rows
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            for _ in range(overflow):
                self._rows.popleft()
            self.endRemoveRows()
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def worker_at(self, row: int) -> str | None:
        """The worker that reported row ``row``, or None past the end."""
        return self._rows[row].worker if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            event, column = self._rows[index.row()], index.column()
            if column == 0:
                return f"{event.t - self._origin:8.3f}"
            if column == self.WORKER_COLUMN:
                return readable_worker(event.worker)  # the lane's short name
            if column == 2:
                return str(event.pid)
            return describe(event)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.WORKER_COLUMN:
            event = self._rows[index.row()]
            return worker_and_pid(event.worker, event.pid)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("EventLogModel", COLUMNS[section])
        return None

    def retranslate(self) -> None:
        """Tell the views that the headers and the "Worker" to "What" columns now read differently."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, self.WORKER_COLUMN), self.index(last, self.WHAT_COLUMN))


class EventLogView(i18n.FollowsLanguage, LiveViewBase, QTableView):
    """A table of the model that follows new rows while scrolled to the bottom; a :class:`LiveView`.

    Signals:
        worker_selected(str): the user clicked a row reported by this worker.
    """

    worker_selected = Signal(str)

    def __init__(self, model: EventLogModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab leaves the log (arrows move between rows)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 80)
        header.resizeSection(1, 110)
        header.resizeSection(2, 70)
        model.rowsAboutToBeInserted.connect(self._on_model_rows_about_to_be_inserted)
        model.rowsInserted.connect(self._on_model_rows_inserted)
        self._follow = True
        self._origin: float | None = None
        self.clicked.connect(self._on_clicked)

    # ------------------------------------------------------------- LiveView
    @property
    def log_model(self) -> EventLogModel:
        return self.model()

    @property
    def origin(self) -> float | None:
        return self._origin

    def clear(self) -> None:
        """No run: an empty log."""
        self._origin = None
        self.log_model.start(0.0)

    def follow(self, origin: float) -> None:
        """An empty log for the run that started at ``origin``; its times count from there."""
        self._origin = origin
        self._follow = True
        self.log_model.start(origin)

    def add_events(self, events: list[Event]) -> None:
        self.log_model.add_events(events)

    def add_samples(self, samples: list[Sample]) -> None:
        """Not shown here."""

    def finish(self, duration: float | None = None) -> None:
        """Nothing more to show: the rows are all there."""

    def preparer(self) -> functools.partial[list[Event]]:
        return functools.partial(_prepare_rows, max_rows=self.log_model.max_rows)

    def show_run(self, run: FinishedRun) -> None:
        """An empty log for ``run``, then its last rows, as prepared (:func:`log_rows`)."""
        rows = prepared_for(run, self, self.preparer())
        self.follow(run.origin)
        self.log_model.add_rows(rows)
        self.finish(run.duration)

    def _retranslate(self) -> None:
        model = self.model()
        if isinstance(model, EventLogModel):
            model.retranslate()

    def _on_clicked(self, index: QModelIndex) -> None:
        model = self.model()
        worker = model.worker_at(index.row()) if isinstance(model, EventLogModel) else None
        if worker is not None:
            self.worker_selected.emit(worker)

    def _on_model_rows_about_to_be_inserted(self) -> None:
        bar = self.verticalScrollBar()
        self._follow = bar.value() >= bar.maximum() - 2

    def _on_model_rows_inserted(self) -> None:
        if self._follow:
            self.scrollToBottom()
