"""The row under the run history while a saved run opens: what is being read, a bar, and Cancel (Esc).

Shown while its :class:`~desktop.ui.run_loader.RunLoader` loads, hidden
otherwise. The text says how much of the file has been read and how many
events and samples it held so far, then that they are being checked; the
bar covers the whole load. Cancel (and Esc, wherever the focus is in the
window) stops the load; Esc stops a run otherwise, and a load never runs
beside a run (see :mod:`desktop.ui.run_files`), so the two never compete.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from desktop.runtime.load_watch import CHECKING, Progress
from desktop.ui import i18n
from desktop.ui.run_loader import RunLoader

BAR_STEPS = 1000


class LoadProgress(i18n.FollowsLanguage, QWidget):
    """Progress and Cancel of ``loader``'s load; ``cancel_action`` (Esc) is enabled only while loading."""

    def __init__(self, loader: RunLoader, parent: QWidget | None = None):
        super().__init__(parent)
        self._loader = loader
        self._path: Path | None = None
        self._progress: Progress | None = None
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
        self.hide()
        self._retranslate()

    def _retranslate(self) -> None:
        self.cancel_action.setText(self.tr("Cancel"))
        self.cancel_action.setToolTip(self.tr("Stop opening the file (Esc)"))
        self.label.setText(self._describe())

    def _describe(self) -> str:
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
        self.bar.setValue(round(progress.fraction * BAR_STEPS))
        self.label.setText(self._describe())

    def _on_loader_ended(self, *_args) -> None:
        self.cancel_action.setEnabled(False)
        self._path = self._progress = None
        self.hide()
