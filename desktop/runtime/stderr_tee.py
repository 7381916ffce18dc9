"""The probe's stderr tee: a worker's stderr that also reaches the run, lines as log events, tracebacks as errors.

multiprocessing prints an uncaught exception of a worker to stderr and sets
exit code 1; without the tee the run would never hear of it (and in a windowed
Windows build stderr is None, so nobody would). The probe installs one in each
process it starts in (:meth:`desktop.runtime.probe.Probe.attach`), unless the
process's stderr already reports (a script run's streams say so with
``reports_to_probe``).

Every spawned worker imports this module with the probe: it imports no more
than the probe itself does (no ``typing`` at run time).
"""

from __future__ import annotations

import io
import threading

from desktop.runtime import fork_safety, telemetry
from desktop.runtime.telemetry import State

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import Any

    from desktop.runtime.probe import Probe


class StderrTee(io.TextIOBase):
    """A worker's stderr that also reaches the run through ``probe``.

    What is written still goes to the original stream when there is one.
    """

    def __init__(self, probe: Probe, original: Any):
        super().__init__()
        self._probe = probe
        self._original = original
        # Threads write at once (550 threads each printing "Exception in thread ..."): one lock
        # for the stream, and each thread's unfinished line and traceback kept apart, so lines
        # of different threads never mix and no write sees another's half-updated state.
        self._lock = threading.RLock()
        self._partial: dict[int, str] = {}
        self._tracebacks: dict[int, list[str]] = {}
        fork_safety.reinit_after_fork(self)

    def _after_fork_in_child(self) -> None:
        """A forked child has only the forking thread: the others' lines and the lock they held are gone."""
        self._lock = threading.RLock()
        thread = threading.get_ident()
        self._partial = {t: text for t, text in self._partial.items() if t == thread}
        self._tracebacks = {t: lines for t, lines in self._tracebacks.items() if t == thread}

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        thread = threading.get_ident()
        with self._lock:
            if self._original is not None:
                try:
                    self._original.write(text)
                except (OSError, ValueError):
                    self._original = None
            partial = self._partial.pop(thread, "") + text
            while "\n" in partial:
                line, partial = partial.split("\n", 1)
                self._on_line(thread, line)
            if partial:
                self._partial[thread] = partial
        return len(text)

    def flush(self) -> None:
        with self._lock:
            if self._original is not None:
                try:
                    self._original.flush()
                except (OSError, ValueError):
                    self._original = None

    def _on_line(self, thread: int, line: str) -> None:
        traceback_lines = self._tracebacks.get(thread)
        if line.startswith("Traceback (most recent call last):"):
            self._tracebacks[thread] = [line]
        elif traceback_lines is not None:
            traceback_lines.append(line)
            if line and not line[0].isspace():  # the "Type: message" line ends a traceback
                del self._tracebacks[thread]
                self._probe._emit(telemetry.STATE, State.FAILED, line)
                self._probe._emit(telemetry.ERROR, line.split(":", 1)[0], "\n".join(traceback_lines), control=True)
                self._probe.flush()
        elif line.strip():
            self._probe.log(f"stderr: {line}")
