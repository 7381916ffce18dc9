"""Every process's and thread's stdout and stderr, line by line, as log events tagged with the writer.

The probe names each event after the worker that emits it, so a line printed
by thread ``T`` of process ``P`` arrives as ``P/T`` without the student's code
doing anything. Tracebacks written to stderr (an uncaught exception in a
process or thread) become error events, chained exceptions included.

A script that prints 100 MB must not flood the run's pipe or the window: each
stream of each process sends its first :data:`FIRST_LINES` lines (or
:data:`FIRST_BYTES`), then only counts, keeping the last :data:`LAST_LINES`;
when the process ends it says how much it dropped and sends that tail.
"""

from __future__ import annotations

import collections
import io
import os
import threading

from desktop.runtime import fork_safety
from desktop.runtime.instrument import report

FIRST_LINES = 2000
FIRST_BYTES = 512 * 1024
LAST_LINES = 200
MAX_LINE = 2000  # characters of one line shown; a longer line is cut
DROPPED_COUNTER = "lines dropped"  # count event: name = f"{stream} {DROPPED_COUNTER}"
_TRACEBACK = "Traceback (most recent call last):"
_OWN_FILES = os.path.dirname(os.path.abspath(__file__)) + os.sep  # frames in these files are hidden
_CHAINED = (
    "During handling of the above exception, another exception occurred:",
    "The above exception was the direct cause of the following exception:",
)


class LineStream(io.TextIOBase):
    """A text stream whose lines become log events of the writing worker."""

    reports_to_probe = True  # the probe leaves a stderr that already reports alone

    def __init__(self, stream: str, encoding: str = "utf-8"):
        super().__init__()
        self._stream = stream
        self._encoding = encoding
        self._lock = threading.RLock()
        self._writers: dict[int, _Writer] = {}  # per writing thread: its partial line and traceback
        self._sent_lines = 0
        self._sent_bytes = 0
        self._dropped_lines = 0
        self._dropped_bytes = 0
        self._tail: collections.deque[str] = collections.deque(maxlen=LAST_LINES)
        fork_safety.reinit_after_fork(self)

    def _after_fork_in_child(self) -> None:
        """A forked child has only the forking thread: the others' unfinished lines and the lock they held
        are gone; the lines kept back or counted so far are the parent's to report (a process's own share)."""
        self._lock = threading.RLock()
        thread = threading.get_ident()
        self._writers = {t: writer for t, writer in self._writers.items() if t == thread}
        self._sent_lines = self._sent_bytes = self._dropped_lines = self._dropped_bytes = 0
        self._tail.clear()

    @property
    def encoding(self) -> str:
        return self._encoding

    @property
    def errors(self) -> str:
        return "replace"

    def writable(self) -> bool:
        return True

    @property
    def buffer(self) -> _BinaryLines:
        """``sys.stdout.buffer``: bytes written there are decoded (UTF-8) into the same lines."""
        return _BinaryLines(self)

    def reconfigure(self, **_options: object) -> None:
        """Accepted and ignored: the lines are Python strings whatever the encoding or buffering."""

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        with self._lock:
            writer = self._writers.get(threading.get_ident())
            if writer is None:
                writer = self._writers[threading.get_ident()] = _Writer()
            *lines, writer.partial = (writer.partial + text).split("\n")
            for line in lines:
                self._on_line(writer, line)
        return len(text)

    def flush(self) -> None:
        """The writing thread's finished traceback is an error now (threads flush after printing one)."""
        with self._lock:
            writer = self._writers.get(threading.get_ident())
            if writer is not None:
                self._emit_pending_error(writer)

    def close_run(self) -> None:
        """The process is ending: send what is left, say what was dropped, send the tail."""
        with self._lock:
            for writer in self._writers.values():
                if writer.partial:
                    line, writer.partial = writer.partial, ""
                    self._on_line(writer, line)
                if writer.traceback is not None:
                    writer.pending, writer.traceback = writer.traceback, None
                self._emit_pending_error(writer)
            if self._dropped_lines:
                dropped = self._dropped_lines - len(self._tail)
                dropped_bytes = self._dropped_bytes - sum(len(line) + 1 for line in self._tail)
                report.log(
                    report.NOTE,
                    f"[{dropped:,} lines ({dropped_bytes / 1e6:.1f} MB) of {self._stream} "
                    f"dropped here; the last {len(self._tail)} follow]",
                )
                report.count(f"{self._stream} {DROPPED_COUNTER}", dropped)
                for line in self._tail:
                    report.log(self._stream, line)
                self._tail.clear()
                self._dropped_lines = self._dropped_bytes = 0

    # ------------------------------------------------------------------ lines
    def _on_line(self, writer: _Writer, line: str) -> None:
        if self._stream == report.STDERR:
            if _is_instrumentation_frame(writer, line):
                return
            self._follow_traceback(writer, line)
        if len(line) > MAX_LINE:
            line = f"{line[:MAX_LINE]}… ({len(line) - MAX_LINE:,} more characters)"
        if self._sent_lines < FIRST_LINES and self._sent_bytes < FIRST_BYTES:
            self._sent_lines += 1
            self._sent_bytes += len(line) + 1
            report.log(self._stream, line)
        else:
            self._dropped_lines += 1
            self._dropped_bytes += len(line) + 1
            self._tail.append(line)

    def _follow_traceback(self, writer: _Writer, line: str) -> None:
        if writer.pending is not None:
            # blank lines, an indented multi-line message, or the start of a chained exception
            if not line.strip() or line[0].isspace() or line in _CHAINED:
                writer.pending.append(line)
                return
            if line.startswith(_TRACEBACK):
                writer.traceback, writer.pending = [*writer.pending, line], None
                return
            self._emit_pending_error(writer)
        if line.startswith(_TRACEBACK):
            writer.traceback = [line]
        elif writer.traceback is not None:
            writer.traceback.append(line)
            if line and not line[0].isspace():  # "Type: message" ends a traceback
                writer.pending, writer.traceback = writer.traceback, None

    def _emit_pending_error(self, writer: _Writer) -> None:
        if writer.pending is None:
            return
        lines, writer.pending = writer.pending, None
        while lines and not lines[-1].strip():
            lines.pop()
        kind, message = exception_line(lines)
        report.state(report.FAILED, f"{kind}: {message}" if message else kind)
        report.error(kind, "\n".join(lines))


class _Writer:
    """What one thread has written to a stream and not finished: a partial line, a traceback."""

    __slots__ = ("hiding", "partial", "pending", "traceback")

    def __init__(self) -> None:
        self.partial = ""  # text after its last newline
        self.traceback: list[str] | None = None  # the traceback being printed
        self.pending: list[str] | None = None  # a finished traceback that a chained one may continue
        self.hiding = False  # inside a traceback frame of our own wrappers


def _is_instrumentation_frame(writer: _Writer, line: str) -> bool:
    """A traceback line of this instrumentation's own wrappers: not the student's business."""
    if writer.traceback is None:
        return False
    if line.startswith('  File "'):
        writer.hiding = _OWN_FILES in line
    elif not line.startswith("    "):
        writer.hiding = False
    return writer.hiding


def exception_line(lines: list[str]) -> tuple[str, str]:
    """The exception type and message that end a printed traceback (a message may span indented lines)."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line and not line[0].isspace() and not line.startswith(_TRACEBACK) and line not in _CHAINED:
            kind, _, first = line.partition(":")
            rest = [part.strip() for part in lines[index + 1 :] if part.strip()]
            return kind.strip(), " ".join([first.strip(), *rest]).strip()
    return "", ""


class _BinaryLines(io.RawIOBase):
    """The binary side of a :class:`LineStream`."""

    def __init__(self, text: LineStream):
        super().__init__()
        self._text = text

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self._text.write(bytes(data).decode("utf-8", errors="replace"))
        return len(data)
