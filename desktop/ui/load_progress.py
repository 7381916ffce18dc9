"""The row under the run history while a saved run opens: what is being read, a bar, and Cancel (Esc).

Shown while its :class:`~desktop.ui.run_loader.RunLoader` loads and while
its :class:`~desktop.ui.run_preparer.RunPreparer` prepares the views of a big
run (one just opened, or one of the history replayed), hidden otherwise. The
text says how much of the file has been read and how many events and samples
it held so far, then that they are being checked, then that the views are
being prepared; the bar covers the whole open (the load its first
:data:`LOAD_SHARE`), or the whole preparation of a replay. Cancel (and Esc, wherever the focus is in the
window) stops the load or the preparation; Esc stops a run otherwise, and a load never runs
beside a run (see :mod:`desktop.ui.run_files`), so the two never compete.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from desktop.model.run_record import RunRecord
from desktop.runtime.load_watch import CHECKING, Progress
from desktop.ui import i18n
from desktop.ui.run_list import when
from desktop.ui.run_loader import RunLoader
from desktop.ui.run_preparer import RunPreparer

BAR_STEPS = 1000
LOAD_SHARE = 0.7  # of an open's bar; its views' preparation takes the rest (a million events: ~7 s, ~3 s)


class LoadProgress(i18n.FollowsLanguage, QWidget):
    """Progress and Cancel of ``loader``'s load and ``preparer``'s preparation; ``cancel_action`` (Esc) is
    enabled only while one of them goes."""

    def __init__(self, loader: RunLoader, preparer: RunPreparer | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._loader = loader
        self._path: Path | None = None
        self._progress: Progress | None = None
        self._preparing: RunRecord | None = None  # the run whose views are being prepared
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.cancel_action = QAction(self)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.cancel_action.setEnabled(False)
        self.cancel_action.triggered.connect(loader.cancel)
        self.addAction(self.cancel_action)  # Esc works while this row shows, wherever the focus is in the window
        self.cancel_button = QToolButton()
        self.cancel_button.setDefaultAction(self.cancel_action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        loader.started.connect(self._on_loader_started)
        loader.progressed.connect(self._on_loader_progressed)
        for ended in (loader.loaded, loader.failed, loader.cancelled):
            ended.connect(self._on_loader_ended)
        if preparer is not None:
            self.cancel_action.triggered.connect(preparer.cancel)
            preparer.started.connect(self._on_preparer_started)
            preparer.progressed.connect(self._on_preparer_progressed)
            for ended in (preparer.prepared, preparer.failed, preparer.cancelled):
                ended.connect(self._on_preparer_ended)
        self.hide()
        self._retranslate()

    def _retranslate(self) -> None:
        self.cancel_action.setText(self.tr("Cancel"))
        self.cancel_action.setToolTip(self.tr("Stop opening the file (Esc)"))
        self.label.setText(self._describe())

    def _describe(self) -> str:
        if self._preparing is not None:
            items = f"{len(self._preparing.events) + len(self._preparing.samples):,}"
            if self._path is not None:
                return self.tr("Opening {file}: preparing the views of {items} events and samples…").format(
                    file=self._path.name, items=items
                )
            return self.tr(
                "Replaying the run of {lesson} from {time}: preparing the views of {items} events and samples…"
            ).format(lesson=self._preparing.lesson, time=when(self._preparing.started_at), items=items)
        if self._path is None:
            return ""
        file, progress = self._path.name, self._progress
        if progress is None:
            return self.tr("Opening {file}…").format(file=file)
        if progress.stage == CHECKING:
            return self.tr("Opening {file}: checking {items} events and samples…").format(
                file=file, items=f"{progress.items:,}"
            )
        share = min(progress.done / progress.total, 1.0) if progress.total else 0.0
        return self.tr("Opening {file}: {done} of {total} MB read ({items} events and samples)…").format(
            file=file,
            done=f"{share * progress.file_bytes / 1e6:,.0f}",
            total=f"{progress.file_bytes / 1e6:,.0f}",
            items=f"{progress.items:,}",
        )

    # --------------------------------------------------------------------- slots
    def _on_loader_started(self, path: Path) -> None:
        self._path, self._progress = path, None
        self.bar.setValue(0)
        self.cancel_action.setEnabled(True)
        self._retranslate()
        self.show()

    def _on_loader_progressed(self, progress: Progress) -> None:
        self._progress = progress
        self.bar.setValue(round(progress.fraction * LOAD_SHARE * BAR_STEPS))
        self.label.setText(self._describe())

    def _on_loader_ended(self, *_args) -> None:
        if self._preparing is None:  # else the run just loaded is being prepared already: the row goes on
            self._end()

    def _end(self) -> None:
        self.cancel_action.setEnabled(False)
        self._path = self._progress = None
        self.hide()

    def _on_preparer_started(self, record: RunRecord, path: Path | None) -> None:
        self._path, self._progress, self._preparing = path, None, record
        self._set_prepared(0.0)
        self.cancel_action.setEnabled(True)
        self._retranslate()
        self.show()

    def _on_preparer_progressed(self, share: float) -> None:
        self._set_prepared(share)

    def _set_prepared(self, share: float) -> None:
        start = LOAD_SHARE if self._path is not None else 0.0
        self.bar.setValue(round((start + (1.0 - start) * share) * BAR_STEPS))

    def _on_preparer_ended(self, *_args) -> None:
        self._preparing = None
        self._end()
