"""The session's run history: every finished run, to replay, save, open again and export.

:func:`install_history` adds a :class:`HistoryPanel` dock to the main window,
a File-menu section (Open saved run…, Save run…, Export ▸) and a View-menu
toggle, and records every run the window's bridge finishes. Replaying sends the
record through :meth:`RunBridge.replay`, so the verdict, event log and plots
fill exactly as they did live; nothing runs.

Every action has a dialog-free form that takes a path (``save_to``,
``open_from``, ``export_*_to``): the dialogs only ask for the path, and tests
call the path forms. Problems (an unreadable saved run, a full disk) are shown
in the panel and emitted as ``error_shown``, never in a modal box.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMenu,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import atomic
from desktop.model.run_record import RunRecord
from desktop.runtime import export, run_file
from desktop.settings import CHINESE
from desktop.ui import i18n, theme
from desktop.ui.cpu_plot import SampleRing
from desktop.ui.verdict_panel import status_name, verdict_text

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

VERDICT_SNIPPET = 90  # characters of the verdict shown in the list (the whole one is the tooltip)
TIME_COLUMN, LESSON_COLUMN, STATUS_COLUMN, VERDICT_COLUMN = range(4)


DEFAULT_VISIBLE_RUNS = 4  # rows the dock asks room for (the user can drag it taller)
MAX_RUNS = 50  # runs kept in the session's history (older ones can be saved first)
MAX_EVENTS = 100_000  # events kept across those runs: about 20 MB


class RunList(QTreeWidget):
    """The history's list; it asks for a few rows of height, so the lesson page keeps room by default."""

    def sizeHint(self) -> QSize:
        header = self.header().sizeHint().height()
        return QSize(super().sizeHint().width(), header + self.fontMetrics().height() * DEFAULT_VISIBLE_RUNS)


class HistoryPanel(i18n.FollowsLanguage, QDockWidget):
    """The list of the session's runs, newest first, with replay, save, open and export.

    Signals:
        error_shown(str): a problem was shown to the user (in the UI's language).
    """

    error_shown = Signal(str)

    def __init__(self, window: MainWindow):
        super().__init__()
        self.setObjectName("history")  # the window saves and restores the dock's place by this name
        self._window = window
        self._bridge = window.bridge
        self._records: list[RunRecord] = []  # newest first, like the rows
        self._sources: dict[int, Path] = {}  # id(record) -> the file it was opened from
        self._directory = ""  # where the last file dialog was, for the next one
        self._message: Callable[[], str] = str  # re-rendered on a language change
        self._build_actions()
        self._build_widgets()
        self._bridge.run_started.connect(self._update_actions)
        self._bridge.run_finished.connect(self._on_bridge_run_finished)
        self._update_actions()
        self._retranslate()

    # ------------------------------------------------------------------ building
    def _build_actions(self) -> None:
        self.replay_action = QAction(self)
        self.replay_action.triggered.connect(self._on_replay_action_triggered)
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_with_dialog)
        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save_with_dialog)
        self.export_samples_action = QAction(self)
        self.export_samples_action.triggered.connect(self.export_samples_with_dialog)
        self.export_trace_action = QAction(self)
        self.export_trace_action.triggered.connect(self.export_trace_with_dialog)
        self.export_plots_action = QAction(self)
        self.export_plots_action.triggered.connect(self.export_plots_with_dialog)
        self.export_menu = QMenu(self)
        for action in (self.export_samples_action, self.export_trace_action, self.export_plots_action):
            self.export_menu.addAction(action)

    def _build_widgets(self) -> None:
        self.run_list = RunList()
        self.run_list.setColumnCount(4)
        self.run_list.setRootIsDecorated(False)
        self.run_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.run_list.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        self.run_list.currentItemChanged.connect(self._update_actions)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self._message_style = theme.ErrorStyle(self.message_label, active=False)
        self.message_label.hide()
        toolbar = QToolBar()
        for action in (self.replay_action, self.open_action, self.save_action):
            toolbar.addAction(action)
        toolbar.addAction(self.export_menu.menuAction())
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.addWidget(toolbar)
        layout.addWidget(self.run_list, 1)
        layout.addWidget(self.message_label)
        self.setWidget(content)

    # ------------------------------------------------------------------ language
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Run history"))
        self.run_list.setHeaderLabels([self.tr("Time"), self.tr("Lesson"), self.tr("Status"), self.tr("Verdict")])
        self.replay_action.setText(self.tr("&Replay"))
        self.replay_action.setToolTip(self.tr("Show this run again, without running it (double-click)"))
        self.open_action.setText(self.tr("&Open saved run…"))
        self.save_action.setText(self.tr("&Save run…"))
        self.export_menu.setTitle(self.tr("E&xport"))
        self.export_samples_action.setText(self.tr("Samples as &CSV…"))
        self.export_trace_action.setText(self.tr("Timeline as &trace JSON (Perfetto)…"))
        self.export_plots_action.setText(self.tr("&Plots as PNG…"))
        for row, record in enumerate(self._records):
            self._fill_row(self.run_list.topLevelItem(row), record)
        if self.message_label.isVisible():
            self.message_label.setText(self._message())

    # ------------------------------------------------------------------- history
    @property
    def records(self) -> list[RunRecord]:
        """The runs in the list, newest first."""
        return list(self._records)

    def add_record(self, record: RunRecord, source: Path | None = None) -> None:
        """Put ``record`` at the top of the list and select it (``source``: the file it came from).

        Only the newest runs are kept, at most :data:`MAX_RUNS` of them and
        :data:`MAX_EVENTS` events in all: each record holds every event of its
        run, and a workshop day of runs must not grow the app without bound.
        """
        self._records.insert(0, record)
        if source is not None:
            self._sources[id(record)] = source
        item = QTreeWidgetItem()
        self.run_list.insertTopLevelItem(0, item)
        self._fill_row(item, record)
        while len(self._records) > 1 and (
            len(self._records) > MAX_RUNS or sum(len(r.events) for r in self._records) > MAX_EVENTS
        ):
            dropped = self._records.pop()
            self._sources.pop(id(dropped), None)
            self.run_list.takeTopLevelItem(self.run_list.topLevelItemCount() - 1)
        self.run_list.setCurrentItem(item)
        self._update_actions()

    def selected_record(self) -> RunRecord | None:
        """The selected run, else the newest, else None."""
        item = self.run_list.currentItem()
        if item is not None:
            return self._records[self.run_list.indexOfTopLevelItem(item)]
        return self._records[0] if self._records else None

    def _fill_row(self, item: QTreeWidgetItem, record: RunRecord) -> None:
        verdict = verdict_text(record).strip().replace("\n", " ")
        snippet = verdict if len(verdict) <= VERDICT_SNIPPET else verdict[: VERDICT_SNIPPET - 1] + "…"
        for column, text in (
            (TIME_COLUMN, _when(record.started_at)),
            (LESSON_COLUMN, record.lesson),
            (STATUS_COLUMN, status_name(record.status)),
            (VERDICT_COLUMN, snippet),
        ):
            item.setText(column, text)
        item.setToolTip(VERDICT_COLUMN, verdict)
        source = self._sources.get(id(record))
        if source is not None:
            item.setToolTip(TIME_COLUMN, self.tr("Opened from {file}").format(file=source))

    # -------------------------------------------------------------------- replay
    def replay(self, record: RunRecord | None = None) -> bool:
        """Show ``record`` (default: the selected run) again in every view; False if it cannot be now."""
        record = record if record is not None else self.selected_record()
        if record is None:
            return False
        if self._bridge.running:
            self._show_error(lambda: self.tr("A run is in progress: replay it once the run has ended."))
            return False
        if self._window.select_lesson(record.lesson):  # its code and explanation, and its plots
            self._window.param_form.set_values(record.params)
        # The CPU plot is a rolling live view: start it afresh so the replayed minute is not
        # drawn over the live samples of the same (moved) minute. (CpuPlot has no clear() yet.)
        self._window.cpu_plot.ring = SampleRing(self._window.cpu_plot.ring.core_count)
        self._bridge.replay(record)
        self._show_message(
            lambda: self.tr("Replayed the run of {lesson} from {time}.").format(
                lesson=record.lesson, time=_when(record.started_at)
            )
        )
        return True

    # ---------------------------------------------------------- files, no dialog
    def save_to(self, path: Path | str, record: RunRecord | None = None) -> bool:
        """Save ``record`` (default: the selected run) as a run file; False (and a message) on failure."""
        record = record if record is not None else self.selected_record()
        return record is not None and self._write(Path(path), lambda target: run_file.save(record, target))

    def open_from(self, path: Path | str) -> bool:
        """Load a saved run, add it to the list and replay it; on a bad file show why and change nothing."""
        path = Path(path)
        if self._bridge.running:
            self._show_error(lambda: self.tr("A run is in progress: replay it once the run has ended."))
            return False
        try:
            record = run_file.load(path)
        except run_file.RunFileError as error:
            english, chinese = error.message, error.message_zh
            self._show_error(lambda: chinese if i18n.language() == CHINESE else english)
            return False
        self.add_record(record, source=path)
        return self.replay(record)

    def export_samples_to(self, path: Path | str, record: RunRecord | None = None) -> bool:
        """Write the run's monitor samples as CSV."""
        record = record if record is not None else self.selected_record()
        return record is not None and self._write(Path(path), lambda target: export.write_samples_csv(record, target))

    def export_trace_to(self, path: Path | str, record: RunRecord | None = None) -> bool:
        """Write the run's timeline as Chrome Trace Event JSON (opens in Perfetto and chrome://tracing)."""
        record = record if record is not None else self.selected_record()
        return record is not None and self._write(Path(path), lambda target: export.write_chrome_trace(record, target))

    def export_plots_to(self, path: Path | str) -> bool:
        """Write the plots as shown (CPU, and queue depth when shown) side by side in one PNG."""
        return self._write(Path(path), lambda target: atomic.write_bytes(target, self._plots_png()))

    def _plots_png(self) -> bytes:
        plots = [self._window.cpu_plot]
        if self._window.depth_plot.isVisible():
            plots.append(self._window.depth_plot)
        pixmaps = []
        for plot in plots:
            plot.redraw()  # the redraw timer may not have drawn the last samples yet
            pixmaps.append(plot.grab())
        image = QImage(sum(p.width() for p in pixmaps), max(p.height() for p in pixmaps), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        x = 0
        for pixmap in pixmaps:
            painter.drawPixmap(x, 0, pixmap)
            x += pixmap.width()
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    def _write(self, path: Path, write: Callable[[Path], None]) -> bool:
        try:
            write(path)
        except OSError as error:
            reason = error.strerror or str(error)
            self._show_error(lambda: self.tr("Could not write {file}: {error}").format(file=path, error=reason))
            return False
        self._show_message(lambda: self.tr("Saved {file}").format(file=path))
        return True

    # -------------------------------------------------------------- with dialogs
    def open_with_dialog(self) -> None:
        path = self._ask(QFileDialog.getOpenFileName, self.tr("Open saved run"), "", self._json_filter())
        if path:
            self.open_from(path)

    def save_with_dialog(self) -> None:
        record = self.selected_record()
        if record is not None:
            name = _file_stem(record) + run_file.SUFFIX
            path = self._ask(QFileDialog.getSaveFileName, self.tr("Save run"), name, self._json_filter())
            if path:
                self.save_to(path, record)

    def export_samples_with_dialog(self) -> None:
        record = self.selected_record()
        if record is not None:
            name = _file_stem(record) + "-samples.csv"
            path = self._ask(QFileDialog.getSaveFileName, self.tr("Export samples"), name, self.tr("CSV files (*.csv)"))
            if path:
                self.export_samples_to(path, record)

    def export_trace_with_dialog(self) -> None:
        record = self.selected_record()
        if record is not None:
            name = _file_stem(record) + "-trace.json"
            path = self._ask(QFileDialog.getSaveFileName, self.tr("Export timeline"), name, self._json_filter())
            if path:
                self.export_trace_to(path, record)

    def export_plots_with_dialog(self) -> None:
        record = self.selected_record()
        name = (_file_stem(record) if record is not None else "plots") + "-plots.png"
        path = self._ask(QFileDialog.getSaveFileName, self.tr("Export plots"), name, self.tr("PNG images (*.png)"))
        if path:
            self.export_plots_to(path)

    def _json_filter(self) -> str:
        return self.tr("JSON files (*.json)")

    def _ask(self, dialog: Callable[..., tuple[str, str]], title: str, name: str, file_filter: str) -> str:
        start = str(Path(self._directory) / name) if self._directory else name
        path, _ = dialog(self._window, title, start, file_filter)
        if path:
            self._directory = str(Path(path).parent)
        return path

    # ------------------------------------------------------------------ feedback
    def _show_message(self, render: Callable[[], str]) -> None:
        self._message = render
        self._message_style.set_active(False)
        self.message_label.setText(render())
        self.message_label.show()

    def _show_error(self, render: Callable[[], str]) -> None:
        self._show_message(render)
        self._message_style.set_active(True)
        self.error_shown.emit(self.message_label.text())

    # --------------------------------------------------------------------- slots
    def _on_bridge_run_finished(self, record: RunRecord) -> None:
        # A replay finishes with a record that is already in the list.
        if not any(known is record for known in self._records):
            self.add_record(record)
        self._update_actions()

    def _on_list_item_double_clicked(self, item: QTreeWidgetItem) -> None:
        self.replay(self._records[self.run_list.indexOfTopLevelItem(item)])

    def _on_replay_action_triggered(self) -> None:
        self.replay()

    def _update_actions(self) -> None:
        has_run = bool(self._records)
        idle = not self._bridge.running
        self.replay_action.setEnabled(has_run and idle)
        self.open_action.setEnabled(idle)
        for action in (self.save_action, self.export_samples_action, self.export_trace_action):
            action.setEnabled(has_run)


def install_history(window: MainWindow) -> HistoryPanel:
    """Add the history dock to ``window``, its actions to the File menu and its toggle to the View menu.

    Call it before ``window.show()``: the dock then comes back where (and
    whether) it was in the last session, saved with the window's state.
    """
    panel = HistoryPanel(window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, panel)
    window.restoreDockWidget(panel)
    if window.isVisible():
        panel.show()  # a child added to a shown window stays hidden until asked
    menu = window.file_menu
    first = menu.actions()[0] if menu.actions() else None  # the file actions go above Quit
    for action in (panel.open_action, panel.save_action):
        menu.insertAction(first, action)
    menu.insertMenu(first, panel.export_menu)
    menu.insertSeparator(first)
    window.view_menu.addAction(panel.toggleViewAction())
    return panel


def _when(started_at: str) -> str:
    """The run's start as the time of day, with the date if it was not today."""
    try:
        moment = datetime.datetime.fromisoformat(started_at)
    except ValueError:
        return started_at
    today = datetime.datetime.now(moment.tzinfo).date()
    return moment.strftime("%H:%M:%S" if moment.date() == today else "%Y-%m-%d %H:%M")


def _file_stem(record: RunRecord) -> str:
    """``ticket-lock-2024-05-01-143005``: a file name that says which run it holds."""
    try:
        stamp = datetime.datetime.fromisoformat(record.started_at).strftime("%Y-%m-%d-%H%M%S")
    except ValueError:
        stamp = "run"
    return f"{record.lesson}-{stamp}"
