"""A long load's progress and its cancellation: what :func:`desktop.runtime.run_file.load` reports as it goes.

Opening a saved run of a million events takes seconds (read, parse, check).
The window loads it on a worker thread and shows how far it got; the loader
calls its :class:`Watch` between pieces of work, which reports a
:class:`Progress` and raises :class:`LoadCancelled` once the caller asks to
stop. Qt-free: the UI hands in plain callables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

READING = "reading"  # the file's bytes from the disk; done/total in bytes
PARSING = "parsing"  # its JSON text; done/total in characters
CHECKING = "checking"  # every field, event and sample against the format and the bounds; done/total in items
# The share of the whole load each stage takes (measured on a million events: ~5 %, ~70 %, ~25 %).
_SPANS = {READING: (0.0, 0.05), PARSING: (0.05, 0.75), CHECKING: (0.75, 1.0)}
PACE_ITEMS = 4096  # items checked between two calls of the watch

T = TypeVar("T")


@dataclass(frozen=True)
class Progress:
    """How far a load got: ``done`` of ``total`` in ``stage``; the file's size, and the events and samples read."""

    stage: str
    done: int
    total: int
    file_bytes: int
    items: int

    @property
    def fraction(self) -> float:
        """The share of the whole load done, 0 to 1 (the stages weighted by the time they take)."""
        start, end = _SPANS[self.stage]
        return start + (end - start) * (min(self.done / self.total, 1.0) if self.total > 0 else 0.0)


class LoadCancelled(Exception):
    """The caller asked the load to stop (its ``cancelled()`` returned True); nothing was loaded."""


class Watch:
    """Called by the loader between pieces of work: reports progress, stops the load when asked.

    Args:
        progress: called with each :class:`Progress` (on the loading thread).
        cancelled: asked at every call; True makes the call raise :class:`LoadCancelled`.
    """

    def __init__(
        self,
        progress: Callable[[Progress], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ):
        self._progress = progress
        self._cancelled = cancelled
        self.file_bytes = 0
        self.checked = 0  # items checked so far (see paced)
        self.items = 0  # elements of the record's lists read so far (events and samples): see the parser's leaf hook

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._cancelled is not None and self._cancelled():
            raise LoadCancelled
        if self._progress is not None:
            self._progress(Progress(stage, done, total, self.file_bytes, self.items))

    def paced(self, items: Iterable[T], total: int) -> Iterator[T]:
        """``items``, calling the watch (stage CHECKING, items checked so far of ``total``) every :data:`PACE_ITEMS`."""
        start = count = self.checked
        for count, item in enumerate(items, start + 1):
            if not (count - start) % PACE_ITEMS:
                self(CHECKING, count, total)
            yield item
        self.checked = count
