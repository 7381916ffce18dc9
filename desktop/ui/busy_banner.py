"""A banner on the lesson page while other programs keep the machine busy, before anything runs.

Lessons about speed (the GIL, pools, process states) measure how much CPU a
run gets; when a browser, a video call or a compiler already uses a core, a
speed-up shrinks and CPU shares fall, and the verdict says so only after the
run. The monitor measures that load all the time
(:attr:`desktop.monitor.sampler.Sample.background_cores`: the machine total
minus the run's processes and the app); when its mean over the last
:data:`WINDOW_SECONDS` exceeds :data:`THRESHOLD_CORES`, this banner says how
many cores other programs use and that timing lessons will be affected. It
hides again once the load drops. Feed it the live samples
(:meth:`BusyBanner.add_samples`), never a replayed run's.

The banner is always one line, so it never raises the window's least height
(wrapped, it took 48-63 px of presenter text a 768-px screen did not have, and
in normal mode at 1024x768 it pushed the window's minimum to 715 px, past the
700 px a projector leaves): the whole sentence when it fits the page's width
(never in compact mode, see :meth:`BusyBanner.set_compact`), otherwise the
short form ("other programs use 1.2 / 2 cores — timing lessons are
affected"), cut with an ellipsis if the page is narrower still. The whole
sentence is always its tooltip and accessible description.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from desktop.monitor.sampler import Sample
from desktop.ui import i18n, theme

THRESHOLD_CORES = 0.5  # more than half a core used by other programs is worth a warning
WINDOW_SECONDS = 2.0  # the load is averaged over this long: one busy moment is not a busy machine


class BusyBanner(i18n.FollowsLanguage, QLabel):
    """Shown while other programs use more than :data:`THRESHOLD_CORES` cores on average.

    Signals:
        busy_changed(bool): the banner was shown (True) or hidden (False).
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(False)
        self.setMinimumWidth(1)  # one line never widens the page: it is cut short instead
        self._style = theme.ErrorStyle(self)
        self._window: deque[tuple[float, float]] = deque()  # (t, background cores), the last WINDOW_SECONDS
        self._cores = 0
        self.compact = False
        self.full_text = ""  # the whole sentence, whatever the banner shows (its tooltip)
        self._short_text = ""  # compact mode's line, before it is cut to the width
        self.busy = False
        self.hide()

    @property
    def load(self) -> float:
        """Mean cores other programs used over the last :data:`WINDOW_SECONDS` (0 without samples)."""
        return sum(cores for _, cores in self._window) / len(self._window) if self._window else 0.0

    @property
    def window(self) -> list[tuple[float, float]]:
        """The samples the load is averaged over, as (t, background cores), oldest first."""
        return list(self._window)

    def add_samples(self, samples: list[Sample]) -> None:
        """Live monitor samples: update the load, and show or hide the banner."""
        for sample in samples:
            self._cores = len(sample.per_core)
            self._window.append((sample.t, sample.background_cores))
        if not self._window:
            return
        newest = self._window[-1][0]
        while self._window and self._window[0][0] <= newest - WINDOW_SECONDS:
            self._window.popleft()
        busy = self.load > THRESHOLD_CORES
        if busy:
            self._retranslate()
        if busy != self.busy:
            self.busy = busy
            self.setVisible(busy)
            self.busy_changed.emit(busy)

    def set_compact(self, compact: bool) -> None:
        """Always the short form (True), or the whole sentence when it fits on one line (False)."""
        self.compact = compact
        self._show_text()

    def _retranslate(self) -> None:
        cores = {"cores": self.load, "total": self._cores}
        self.full_text = self.tr(
            "Busy machine: other programs use about {cores:.1f} of {total} cores, "
            "so timing lessons (speed-ups, CPU shares) will show less than usual."
        ).format(**cores)
        self._short_text = self.tr(
            "Other programs use {cores:.1f} / {total} cores — timing lessons are affected"
        ).format(**cores)
        self.setToolTip(self.full_text)
        self.setAccessibleDescription(self.full_text)
        self._show_text()

    def _show_text(self) -> None:
        width = max(self.contentsRect().width() - 2 * self.margin() - max(self.indent(), 0), 1)
        metrics = self.fontMetrics()
        if not self.compact and metrics.horizontalAdvance(self.full_text) <= width:
            self.setText(self.full_text)
            return
        self.setText(metrics.elidedText(self._short_text, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_text()  # the longest form the new width holds
