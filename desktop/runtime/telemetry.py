"""The telemetry wire format: what workers report and how it travels.

Workers report *events*. On the wire an event is a plain tuple (cheap to
pickle); the parent turns it into an :class:`Event`. Events travel in batches
(lists) through one pipe per run. The pipe is the flow control: when the
parent falls behind, the OS pipe buffer fills up and writers block, instead of
an unbounded ``Queue.put`` piling up a backlog.

No lock is shared between writers. A lesson may terminate a worker at any
moment, and a worker killed while holding a shared lock would leave every
other writer blocked for good. Instead each pickled batch is cut into
*frames* small enough that the OS writes each one atomically (at most
``PIPE_BUF`` bytes on POSIX; Windows message-mode pipes keep every message
whole), so frames from different writers never interleave. A frame carries
its sender (pid and a per-probe token) and whether more frames of the same
batch follow; :class:`FrameAssembler` puts batches back together. A batch
whose sender died half-way is simply never completed.

All timestamps come from :func:`time.perf_counter`, a system-wide monotonic
clock on Linux, macOS and Windows, so events from different processes and the
monitor's samples share one time axis.
"""

from __future__ import annotations

import gc
import itertools
import os
import pickle
import struct
import sys

try:
    from select import PIPE_BUF
except ImportError:  # Windows: message-mode pipes deliver each message whole
    PIPE_BUF = 65536

from desktop.model.events import (  # noqa: F401  (the wire carries these kinds)
    COUNT,
    ERROR,
    GOT,
    HELLO,
    LOG,
    PHASE,
    PUT,
    QUEUE,
    RESULT,
    ROUTINE_KINDS,
    STATE,
    Event,
    State,
)

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import Any


def encode(batch: list[tuple]) -> bytes:
    return pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)


def decode(data: bytes) -> list[Event]:
    # tuple.__new__ skips namedtuple._make's length check: frames come from our own probe.
    # A batch allocates a thousand tuples at once; left on, the cyclic garbage collector
    # would run on every few hundred of them and walk every event kept so far (the run's
    # list grows to millions): measured, that was 3/4 of the parent's cost per event.
    # Events hold no reference cycles, so pausing it for the batch loses nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return list(map(tuple.__new__, itertools.repeat(Event), pickle.loads(data)))  # noqa: S301 - our children wrote it
    finally:
        if enabled:
            gc.enable()


_FRAME_HEADER = struct.Struct("<IIB")  # sender pid, sender token, flags
_MORE = 1  # flag: more frames of this batch follow
_CONTROL = 2  # flag: the batch holds control events (hello, result, error...): the parent must look at each
_LENGTH_PREFIX = 4  # Connection.send_bytes prefixes every message with its length
FRAME_PAYLOAD = PIPE_BUF - _LENGTH_PREFIX - _FRAME_HEADER.size


def frames(pid: int, token: int, data: bytes, control: bool = False) -> list[bytes]:
    """Cut one encoded batch into frames that each fit one atomic pipe write.

    ``control`` says the batch holds events the parent must act on one by one
    (see :data:`ROUTINE_KINDS`); batches of routine events are only stored.
    """
    chunks = [data[i : i + FRAME_PAYLOAD] for i in range(0, len(data), FRAME_PAYLOAD)] or [b""]
    last = len(chunks) - 1
    flags = _CONTROL if control else 0
    return [
        _FRAME_HEADER.pack(pid, token, flags | (_MORE if index < last else 0)) + chunk
        for index, chunk in enumerate(chunks)
    ]


class FrameAssembler:
    """Reassembles batches from frames that arrive interleaved across senders."""

    def __init__(self) -> None:
        self._partial: dict[tuple[int, int], list[bytes]] = {}

    def add(self, frame: bytes) -> tuple[list[Event], bool]:
        """Take one frame; return the batch it completes (or []) and whether it holds control events."""
        pid, token, flags = _FRAME_HEADER.unpack_from(frame)
        chunks = self._partial.setdefault((pid, token), [])
        chunks.append(frame[_FRAME_HEADER.size :])
        if flags & _MORE:
            return [], False
        del self._partial[(pid, token)]
        return decode(b"".join(chunks)), bool(flags & _CONTROL)

    def add_all(self, frames: list[bytes]) -> tuple[list[Event], bool]:
        """Take frames in arrival order; return the events of every batch they complete, and whether any is control."""
        events: list[Event] = []
        any_control = False
        for frame in frames:
            batch, control = self.add(frame)
            events += batch
            any_control = any_control or control
        return events, any_control

    @property
    def incomplete_senders(self) -> list[int]:
        """Pids whose last batch never completed (they died while sending it)."""
        return sorted({pid for pid, _ in self._partial})


_MESSAGE_LENGTH = struct.Struct("!i")  # how multiprocessing.Connection prefixes each message on POSIX
READ_BYTES = 1 << 20


class FrameReader:
    """Takes every frame waiting in the run's pipe at once, in as few system calls as possible.

    ``Connection.recv_bytes`` costs a poll and two reads per frame; at a million
    events a second that is some 7 000 frames and a tenth of the parent's CPU.
    On POSIX this reads whatever the pipe holds (up to :data:`READ_BYTES`) in
    one ``os.read`` and splits it at the length prefixes ``Connection`` writes;
    a frame cut by the read size waits for the next read. Windows pipes keep
    messages whole and are read one ``recv_bytes`` at a time.
    """

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._fd = connection.fileno() if sys.platform != "win32" else None
        self._buffer = b""

    def read(self) -> list[bytes]:
        """The frames that arrived (call when the connection polls readable); EOFError once all writers are gone."""
        if self._fd is None:
            return [self._connection.recv_bytes()]
        data = os.read(self._fd, READ_BYTES)
        if not data:
            raise EOFError
        buffer = self._buffer + data if self._buffer else data
        frames = []
        position, end = 0, len(buffer)
        while end - position >= _LENGTH_PREFIX:
            (length,) = _MESSAGE_LENGTH.unpack_from(buffer, position)
            if length < 0:  # Connection's prefix for messages over 2 GB: no probe frame is one
                raise ValueError(f"not a telemetry frame: length prefix {length}")
            if end - position - _LENGTH_PREFIX < length:
                break
            position += _LENGTH_PREFIX
            frames.append(buffer[position : position + length])
            position += length
        self._buffer = buffer[position:]
        return frames


# Linux's F_SETPIPE_SZ: a 64 KB pipe holds ~1 000 events, filled in well under a
# millisecond by a busy worker, while the collector thread can wait for the GIL up
# to the 5 ms switch interval when the GUI thread is busy. 1 MB (the default maximum
# for unprivileged processes) is headroom for such pauses; in the flood benchmark on
# 2 cores it changed nothing measurable (the parent's CPU is the limit there).
_F_SETPIPE_SZ = 1031
PIPE_BYTES = 1 << 20


def enlarge_pipe(connection: Any) -> None:
    """Give the run's telemetry pipe (its reading end) a larger OS buffer where the OS allows it."""
    if sys.platform != "linux":
        return
    try:
        import fcntl

        fcntl.fcntl(connection.fileno(), _F_SETPIPE_SZ, PIPE_BYTES)
    except OSError:
        pass  # a lower pipe-max-size: the default buffer still works, only slower
