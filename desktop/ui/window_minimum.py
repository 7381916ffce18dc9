"""A window's least size: what its parts need, never more than its screen, and never raised during a run.

Qt gives a window its layout's minimum size and resizes the window when that
minimum grows. Parts of the lesson page grow theirs during a run (the
timeline's legend takes a second row as the run uses more states, the queue
plot's legend appears, the busy-machine banner wraps onto two lines in
Chinese): on a 1024x768 projector in presenter mode the window grew
769 -> 803 -> 894 -> 923 px, past the screen; the window manager took it out
of full screen and the page left compact mode.

:class:`WindowMinimum` holds the window's minimum size itself (an explicit
minimum size, which Qt's layouts leave alone): the layout's minimum, at most
the room the screen has (its available area less the window's frame, or the
whole screen in full screen), and while a run goes on at most the window's
size at that moment. The window's parts then share the room the window has
instead of growing it. Nor does a new minimum resize a full-screen or maximized
window (Qt would take it out of that state): the window manager sizes it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What may change the layout's minimum or the room: a part's new minimum, a new size or screen, full screen.
_REFIT_EVENTS = (
    QEvent.Type.LayoutRequest,
    QEvent.Type.Show,
    QEvent.Type.WindowStateChange,
    QEvent.Type.Move,
    QEvent.Type.Resize,
)
# A window the window manager sizes: a larger minimum would resize it, and a resize ends these states.
_MANAGED = Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowMaximized


def screen_room(window: QWidget) -> QSize:
    """The largest size ``window`` may take on its screen: the whole screen in full screen, else the
    available area (without task bars) less the window's frame."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(16_777_215, 16_777_215)  # no screen (yet): no bound
    if window.isFullScreen():
        return screen.geometry().size()
    frame = window.frameGeometry().size() - window.geometry().size() if window.isVisible() else QSize(0, 0)
    return screen.availableGeometry().size() - frame


class WindowMinimum(QObject):
    """Holds ``window``'s minimum size (see the module); ``running()`` says whether a run goes on."""

    def __init__(self, window: QWidget, running: Callable[[], bool]):
        super().__init__(window)
        self.setObjectName("window-minimum")
        self._window = window
        self._running = running
        window.installEventFilter(self)
        self.fit()

    def least(self) -> QSize:
        """The minimum size the window gets now: its layout's, bounded by the screen, and by the window's size
        in a run or while full screen or maximized (it never resizes the window then)."""
        window = self._window
        least = window.minimumSizeHint().expandedTo(QSize(0, 0)).boundedTo(screen_room(window))
        keep_size = self._running() or bool(window.windowState() & _MANAGED)
        return least.boundedTo(window.size()) if keep_size else least

    def fit(self) -> None:
        """Give the window :meth:`least` as its minimum size (a larger one resizes it, within the screen)."""
        least = self.least()
        if least != self._window.minimumSize():
            self._window.setMinimumSize(least)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Delivered after the window's layout has handled a LayoutRequest: its minimum is up to date.
        if watched is self._window and event.type() in _REFIT_EVENTS:
            self.fit()
        return False
