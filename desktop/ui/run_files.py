"""The history's files: open a saved run, save one, export samples, a trace or the plots.

Every action has a dialog-free form that takes a path (``save_to``,
``open_from``, ``export_*_to``): the dialogs only ask for the path, and tests
call the path forms. Opening loads the file on a thread of its own
(:mod:`desktop.ui.run_loader`), one file at a time, with its progress and
Cancel (Esc) under the list (:mod:`desktop.ui.load_progress`): a saved run
of a million events takes seconds, and the window stays responsive
meanwhile; its views are then prepared off the GUI thread too (see
:mod:`desktop.ui.replay`), in the same row, and the run is listed once it
is shown. A live run starting cancels the load. Dialogs start in a "Concurrency Lab" folder in the
user's documents (then where the last one was). Problems (an unreadable saved
run, a full disk) are shown in the history panel, never in a modal box.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

import desktop
from desktop import atomic
from desktop.model.run_record import RunRecord
from desktop.model.text import Text
from desktop.runtime import export, run_file
from desktop.ui import i18n, replay
from desktop.ui.load_progress import LoadProgress
from desktop.ui.report_image import report_png
from desktop.ui.run_list import file_stem
from desktop.ui.run_loader import RunLoader

DOCUMENTS_ENV_VAR = "CONCURRENCY_LAB_DOCUMENTS"  # another documents folder (tests point it at a temporary one)


def documents_folder() -> Path:
    """``<documents>/Concurrency Lab``, where file dialogs start (created on demand; else the documents)."""
    documents = os.environ.get(DOCUMENTS_ENV_VAR) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    base = Path(documents) if documents else Path.home()
    folder = base / desktop.APP_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return base
    return folder


class RunFiles(i18n.FollowsLanguage, QMenu):
    """Open, Save and the Export menu (this menu) of the history; ``panel`` shows what happened.

    ``progress`` is the row that shows an opening file's progress and Cancel (the panel places it).

    Signals:
        run_opened(RunRecord): a saved run was loaded, listed and replayed.
        open_ended(bool): a load that :meth:`open_from` started has ended: opened (True), or
            refused, failed or cancelled (False; the panel says which).
    """

    run_opened = Signal(object)
    open_ended = Signal(bool)

    def __init__(self, window, panel):
        super().__init__(panel)
        self._window = window
        self._panel = panel
        self._directory = ""  # where the last file dialog was, for the next one
        self._state = (False, True)  # (has_run, idle) as last told by the panel
        self._showing: tuple[RunRecord, Path] | None = None  # a loaded run being replayed, and its file
        self.loader = RunLoader(self)
        self.loader.stop_when_closed(window)
        self.loader.loaded.connect(self._on_loader_loaded)
        self.loader.failed.connect(self._on_loader_failed)
        self.loader.cancelled.connect(self._on_loader_cancelled)
        window.bridge.run_started.connect(self._on_bridge_run_started)
        self._replayer = panel.replayer
        self._replayer.replay_ended.connect(self._on_replayer_replay_ended)
        self.progress = LoadProgress(self.loader, self._replayer.preparer)
        self.open_action = QAction(panel)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_with_dialog)
        self.save_action = QAction(panel)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save_with_dialog)
        self.export_samples_action = QAction(panel)
        self.export_samples_action.triggered.connect(self.export_samples_with_dialog)
        self.export_trace_action = QAction(panel)
        self.export_trace_action.triggered.connect(self.export_trace_with_dialog)
        self.export_plots_action = QAction(panel)
        self.export_plots_action.triggered.connect(self.export_plots_with_dialog)
        for action in (self.export_samples_action, self.export_trace_action, self.export_plots_action):
            self.addAction(action)
        self._retranslate()

    @property
    def export_menu(self) -> QMenu:
        return self

    def _retranslate(self) -> None:
        self.open_action.setText(self.tr("&Open saved run…"))
        self.save_action.setText(self.tr("&Save run…"))
        self.setTitle(self.tr("E&xport"))
        self.export_samples_action.setText(self.tr("Samples as &CSV…"))
        self.export_trace_action.setText(self.tr("Timeline as &trace JSON (Perfetto)…"))
        self.export_plots_action.setText(self.tr("&Plots as PNG…"))

    def update_actions(self, has_run: bool, idle: bool) -> None:
        self._state = (has_run, idle)
        self.open_action.setEnabled(idle and not self.loader.loading and not self._replayer.preparer.busy)
        for action in (
            self.save_action,
            self.export_samples_action,
            self.export_trace_action,
            self.export_plots_action,
        ):
            action.setEnabled(has_run)

    # ---------------------------------------------------------- files, no dialog
    def save_to(self, path: Path | str, record: RunRecord | None = None) -> bool:
        """Save ``record`` (default: the selected run) as a run file; False (and a message) on failure."""
        record = record if record is not None else self._panel.selected_record()
        return record is not None and self._write(Path(path), lambda target: run_file.save(record, target))

    def open_from(self, path: Path | str) -> bool:
        """Start loading a saved run; once loaded it is added to the list and replayed, a bad file shows why.

        Returns False (with a message, nothing started) while a run is in
        progress or another file is opening; otherwise ``open_ended`` follows.
        """
        path = Path(path)
        if self._window.bridge.running:
            self._panel.show_error(lambda: self.tr("A run is in progress: replay it once the run has ended."))
            return False
        if self.loader.loading or self._showing is not None:
            opening = self.loader.path.name if self.loader.loading else self._showing[1].name
            self._panel.show_error(
                lambda: self.tr("{file} is still opening: wait for it or cancel it (Esc).").format(file=opening)
            )
            return False
        self.loader.start(path)
        self.update_actions(*self._state)
        self._panel.show()  # the progress row is in the panel: it must be where the student looks
        self._panel.raise_()
        return True

    def _opened(self, record: RunRecord, path: Path) -> bool:
        """Replay a loaded run, listed (once) when it is shown; False if it cannot be, else ``replay_ended`` follows."""
        if self._window.bridge.running:
            self._panel.show_error(lambda: self.tr("A run is in progress: replay it once the run has ended."))
            return False
        listed = self._panel.run_list.same_run(record)
        if listed is not None:  # the run is in the list already (its file opened again): that row is replayed
            record = listed
        self._showing = (record, path)
        if not self._replayer.replay(record, source=path if listed is None else None):
            self._showing = None
            return False
        return True

    def export_samples_to(self, path: Path | str, record: RunRecord | None = None) -> bool:
        """Write the run's monitor samples as CSV."""
        record = record if record is not None else self._panel.selected_record()
        return record is not None and self._write(Path(path), lambda target: export.write_samples_csv(record, target))

    def export_trace_to(self, path: Path | str, record: RunRecord | None = None) -> bool:
        """Write the run's timeline as Chrome Trace Event JSON (opens in Perfetto and chrome://tracing)."""
        record = record if record is not None else self._panel.selected_record()
        return record is not None and self._write(Path(path), lambda target: export.write_chrome_trace(record, target))

    def export_plots_to(self, path: Path | str, record: RunRecord | None = None) -> bool:
        """Write the run as one PNG at least 1600 px wide: lesson, parameters, verdict, CPU, depth, timeline."""
        record = record if record is not None else self._panel.selected_record()
        if record is None:
            return False
        cores = self._window.bridge.sampler.core_count
        return self._write(Path(path), lambda target: atomic.write_bytes(target, report_png(record, cores)))

    def _write(self, path: Path, write: Callable[[Path], None]) -> bool:
        try:
            write(path)
        except OSError as error:
            reason = error.strerror or str(error)
            self._panel.show_error(lambda: self.tr("Could not write {file}: {error}").format(file=path, error=reason))
            return False
        self._panel.show_message(lambda: self.tr("Saved {file}").format(file=path))
        return True

    # --------------------------------------------------------------------- slots
    def _on_loader_loaded(self, record: RunRecord, path: Path) -> None:
        self.update_actions(*self._state)
        if not self._opened(record, path):
            self.open_ended.emit(False)

    def _on_replayer_replay_ended(self, record: RunRecord, outcome: str) -> None:
        if self._showing is None or self._showing[0] is not record:
            return  # a replay of the history, not of a file being opened
        path = self._showing[1]
        self._showing = None
        self.update_actions(*self._state)
        if outcome == replay.SHOWN:
            self.run_opened.emit(record)
        elif outcome == replay.CANCELLED:
            self._panel.show_message(lambda: self.tr("Opening {file} was cancelled.").format(file=path.name))
        self.open_ended.emit(outcome == replay.SHOWN)

    def _on_loader_failed(self, text: Text, _path: Path) -> None:
        self.update_actions(*self._state)
        self._panel.show_error(lambda: text.get(i18n.language()))
        self.open_ended.emit(False)

    def _on_loader_cancelled(self, path: Path) -> None:
        self.update_actions(*self._state)
        self._panel.show_message(lambda: self.tr("Opening {file} was cancelled.").format(file=path.name))
        self.open_ended.emit(False)

    def _on_bridge_run_started(self, *_args) -> None:
        self.loader.cancel()  # the run wins: a replay could not show the file while it runs

    # -------------------------------------------------------------- with dialogs
    def open_with_dialog(self) -> None:
        path = self._ask(QFileDialog.getOpenFileName, self.tr("Open saved run"), "", self._json_filter())
        if path:
            self.open_from(path)

    def save_with_dialog(self) -> None:
        record = self._panel.selected_record()
        if record is not None:
            name = file_stem(record) + run_file.SUFFIX
            path = self._ask(QFileDialog.getSaveFileName, self.tr("Save run"), name, self._json_filter())
            if path:
                self.save_to(path, record)

    def export_samples_with_dialog(self) -> None:
        record = self._panel.selected_record()
        if record is not None:
            name = file_stem(record) + "-samples.csv"
            path = self._ask(QFileDialog.getSaveFileName, self.tr("Export samples"), name, self.tr("CSV files (*.csv)"))
            if path:
                self.export_samples_to(path, record)

    def export_trace_with_dialog(self) -> None:
        record = self._panel.selected_record()
        if record is not None:
            name = file_stem(record) + "-trace.json"
            path = self._ask(QFileDialog.getSaveFileName, self.tr("Export timeline"), name, self._json_filter())
            if path:
                self.export_trace_to(path, record)

    def export_plots_with_dialog(self) -> None:
        record = self._panel.selected_record()
        if record is not None:
            name = file_stem(record) + "-plots.png"
            path = self._ask(QFileDialog.getSaveFileName, self.tr("Export plots"), name, self.tr("PNG images (*.png)"))
            if path:
                self.export_plots_to(path, record)

    def _json_filter(self) -> str:
        return self.tr("JSON files (*.json)")

    def _ask(self, dialog: Callable[..., tuple[str, str]], title: str, name: str, file_filter: str) -> str:
        directory = Path(self._directory) if self._directory else documents_folder()
        path, _ = dialog(self._window, title, str(directory / name) if name else str(directory), file_filter)
        if path:
            self._directory = str(Path(path).parent)
        return path
