"""Ctrl+C (SIGINT) and SIGTERM close the app as File > Quit does.

Python's default SIGINT handler raises ``KeyboardInterrupt`` in whatever Python
code runs next: a timer slot (a traceback and the app goes on), or a paint
method halfway through (pyqtgraph then crashed the process). SIGTERM's default
ends the process at once, so the layout and the last lesson were not saved and
the scratch folder of a run was left behind.

Here both signals only note which signal came; the C-level wakeup fd
(:func:`signal.set_wakeup_fd`) writes a byte to a socket pair, a
:class:`QSocketNotifier` wakes the event loop, and the slot then closes the
window (which saves the settings and stops the run) and quits with
``128 + signal`` as exit code, the shell's convention for "ended by a signal".
Only the GUI thread touches the window; nothing runs inside the handler itself.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication, QWidget

QUIT_SIGNALS = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)


class QuitSignals(QObject):
    """Turns SIGINT/SIGTERM into ``window.close()`` then ``app.exit(128 + signum)`` on the GUI thread."""

    def __init__(self, app: QApplication, window: QWidget):
        super().__init__(app)
        self._app = app
        self._window = window
        self._received: list[int] = []
        self._closing = False
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous: dict[int, Callable | int | None] = {}
        for signum in QUIT_SIGNALS:
            self._previous[signum] = signal.signal(signum, self._on_signal)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wakeup_ready_read)

    def _on_signal(self, signum: int, _frame: object) -> None:
        """The Python-level handler: only remember (the wakeup fd already woke the event loop)."""
        self._received.append(signum)

    def _on_wakeup_ready_read(self) -> None:
        try:
            while self._reader.recv(512):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        if not self._received or self._closing:
            return  # another signal (e.g. SIGCHLD) woke us, or we are closing already
        self._closing = True
        signum = self._received[0]
        self._window.close()  # saves layout and last lesson, stops the run (bounded wait)
        self._app.exit(128 + int(signum))

    def uninstall(self) -> None:
        """Give the signals back to their previous handlers."""
        if not self._previous:
            return
        for signum, previous in self._previous.items():
            signal.signal(signum, previous if previous is not None else signal.SIG_DFL)
        self._previous = {}
        signal.set_wakeup_fd(self._previous_wakeup)
        self._notifier.setEnabled(False)


def install_quit_signals(app: QApplication, window: QWidget) -> QuitSignals:
    """Make SIGINT and SIGTERM close ``window`` and quit ``app`` as File > Quit does (GUI thread only)."""
    return QuitSignals(app, window)
