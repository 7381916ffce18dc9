"""The history's list of runs: one row per run (time, lesson, status, verdict), newest first, bounded.

The list keeps the records it shows. Ctrl+click selects a second run (Compare
script runs sets two side by side); the current row is the one the other
actions use. A script's run is named by its file ("script: demo.py"). Only
the newest are kept, at most
:data:`MAX_RUNS` runs and :data:`MAX_EVENTS` events in all: each record holds
every event of its run, and a workshop day of runs must not grow the app
without bound.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from desktop.model.run_record import RunRecord
from desktop.runtime.script.target import SCRIPT_ID
from desktop.ui.verdict_panel import status_name, verdict_text

VERDICT_SNIPPET = 90  # characters of the verdict shown in the list (the whole one is the tooltip)
TIME_COLUMN, LESSON_COLUMN, STATUS_COLUMN, VERDICT_COLUMN = range(4)
DEFAULT_VISIBLE_RUNS = 4  # rows the list asks room for (the user can drag the dock taller)
MAX_RUNS = 50  # runs kept in the session's history (older ones can be saved first)
MAX_EVENTS = 100_000  # events kept across those runs: about 20 MB
# Marked for translation here, translated when shown.
HEADERS = (
    QT_TRANSLATE_NOOP("HistoryPanel", "Time"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Lesson"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Status"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Verdict"),
)


class RunList(QTreeWidget):
    """The runs, newest first; it asks for a few rows of height, so the lesson page keeps room by default."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._records: list[RunRecord] = []  # newest first, like the rows
        self._sources: dict[int, Path] = {}  # id(record) -> the file it was opened from
        self.setColumnCount(4)
        self.setRootIsDecorated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # two runs to compare

    def sizeHint(self) -> QSize:
        header = self.header().sizeHint().height()
        return QSize(super().sizeHint().width(), header + self.fontMetrics().height() * DEFAULT_VISIBLE_RUNS)

    @property
    def records(self) -> list[RunRecord]:
        """The runs in the list, newest first."""
        return list(self._records)

    def add_record(self, record: RunRecord, source: Path | None = None) -> None:
        """Put ``record`` at the top and select it (``source``: the file it came from); drop the oldest."""
        self._records.insert(0, record)
        if source is not None:
            self._sources[id(record)] = source
        item = QTreeWidgetItem()
        self.insertTopLevelItem(0, item)
        self._fill_row(item, record)
        while len(self._records) > 1 and (
            len(self._records) > MAX_RUNS or sum(len(r.events) for r in self._records) > MAX_EVENTS
        ):
            dropped = self._records.pop()
            self._sources.pop(id(dropped), None)
            self.takeTopLevelItem(self.topLevelItemCount() - 1)
        self.setCurrentItem(item)

    def contains(self, record: RunRecord) -> bool:
        return any(known is record for known in self._records)

    def same_run(self, record: RunRecord) -> RunRecord | None:
        """The listed record of the run ``record`` holds (opened again from a file), or None.

        A run is the same when its lesson, start time, duration and status are: a saved run
        opened twice, or the file of a run still in the list, is one row, never two.
        """
        key = run_key(record)
        return next((known for known in self._records if run_key(known) == key), None)

    def select_record(self, record: RunRecord) -> None:
        """Select the row of ``record`` (a record in the list)."""
        for row, known in enumerate(self._records):
            if known is record:
                self.setCurrentItem(self.topLevelItem(row))
                return

    def record_of(self, item: QTreeWidgetItem) -> RunRecord:
        return self._records[self.indexOfTopLevelItem(item)]

    def selected_records(self) -> list[RunRecord]:
        """The selected runs, newest first (none selected: an empty list)."""
        rows = sorted(self.indexOfTopLevelItem(item) for item in self.selectedItems())
        return [self._records[row] for row in rows if 0 <= row < len(self._records)]

    def selected_record(self) -> RunRecord | None:
        """The selected run, else the newest, else None."""
        item = self.currentItem()
        if item is not None:
            return self.record_of(item)
        return self._records[0] if self._records else None

    def retranslate(self) -> None:
        """Headers and rows in the UI's language."""
        self.setHeaderLabels([QCoreApplication.translate("HistoryPanel", name) for name in HEADERS])
        for row, record in enumerate(self._records):
            self._fill_row(self.topLevelItem(row), record)

    def _fill_row(self, item: QTreeWidgetItem, record: RunRecord) -> None:
        verdict = verdict_text(record).strip().replace("\n", " ")
        snippet = verdict if len(verdict) <= VERDICT_SNIPPET else verdict[: VERDICT_SNIPPET - 1] + "…"
        for column, text in (
            (TIME_COLUMN, when(record.started_at)),
            (LESSON_COLUMN, run_title(record)),
            (STATUS_COLUMN, status_name(record.status)),
            (VERDICT_COLUMN, snippet),
        ):
            item.setText(column, text)
        item.setToolTip(VERDICT_COLUMN, verdict)
        source = self._sources.get(id(record))
        if source is not None:
            tip = QCoreApplication.translate("HistoryPanel", "Opened from {file}").format(file=source)
            item.setToolTip(TIME_COLUMN, tip)


def when(started_at: str) -> str:
    """The run's start as the time of day, with the date if it was not today."""
    try:
        moment = datetime.datetime.fromisoformat(started_at)
    except ValueError:
        return started_at
    today = datetime.datetime.now(moment.tzinfo).date()
    return moment.strftime("%H:%M:%S" if moment.date() == today else "%Y-%m-%d %H:%M")


def run_title(record: RunRecord) -> str:
    """What ran: the lesson's id, or ``script: demo.py`` for a script (its path is in the record's params)."""
    path = record.params.get("path") if record.lesson == SCRIPT_ID else None
    return f"{record.lesson}: {os.path.basename(path)}" if isinstance(path, str) and path else record.lesson


def run_key(record: RunRecord) -> tuple:
    """What tells one run from another: its lesson, start time, duration, status and parameters."""
    return (
        record.lesson,
        record.started_at,
        round(record.duration, 6),
        record.status,
        repr(sorted(record.params.items())),
    )


def file_stem(record: RunRecord) -> str:
    """``ticket-lock-2024-05-01-143005``: a file name that says which run it holds."""
    try:
        stamp = datetime.datetime.fromisoformat(record.started_at).strftime("%Y-%m-%d-%H%M%S")
    except ValueError:
        stamp = "run"
    return f"{record.lesson}-{stamp}"
