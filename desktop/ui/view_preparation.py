"""Preparing the views of a finished run off the GUI thread: what each view will draw, computed beforehand.

Showing a saved run of a million events went through every view's
``add_events`` on the GUI thread and froze the window 8-16 s (25 s for two
million). Each live view now names a *preparer* (:meth:`LiveView.preparer`):
a function of the run and a :class:`Pace` that computes, without Qt and on
any thread, what the view draws -- the timeline's lanes, the log's last rows,
the counters' sums, the queues' steps, the CPU ring, the phases. Its
``show_run`` then only sets that data. :func:`prepare` runs every preparer
(:class:`desktop.ui.run_preparer.RunPreparer` does so on a thread); a run
nobody prepared (a small one, shown at once) is prepared by ``show_run`` itself
through :func:`prepared_for`: one code path either way.

The record's events are read through :class:`RecordEvents`, which makes each
:class:`Event` when it is read: a million made at once were ~200 MB and, with
the cycle collector's passes over them, most of the freeze.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

from desktop.model.run_record import RunRecord
from desktop.runtime import export
from desktop.runtime.telemetry import Event
from desktop.ui.live_view import FinishedRun, LiveView

PACE_ITEMS = 4096  # items a preparer handles between two calls of its pace
T = TypeVar("T")


class PreparationCancelled(Exception):
    """The preparation was asked to stop (its pace's ``cancelled()`` returned True)."""


class Pace:
    """Called by the preparers as they go: reports how far the preparation got, stops it when asked.

    Args:
        report: called with the share of the whole preparation done, 0 to 1 (on the preparing thread).
        cancelled: asked every :data:`PACE_ITEMS` items; True makes the preparation raise
            :class:`PreparationCancelled`.
    """

    def __init__(self, report: Callable[[float], None] | None = None, cancelled: Callable[[], bool] | None = None):
        self._report = report
        self._cancelled = cancelled
        self._part, self._parts = 0, 1

    def begin_part(self, part: int, parts: int) -> None:
        """The next preparer is ``part`` of ``parts`` (each gets an equal share of the progress)."""
        self._part, self._parts = part, max(parts, 1)
        self.check(0, 1)

    def check(self, done: int, total: int) -> None:
        """``done`` of ``total`` items of the current part: report it; raise if the preparation is cancelled."""
        if self._cancelled is not None and self._cancelled():
            raise PreparationCancelled
        if self._report is not None:
            share = min(done / total, 1.0) if total > 0 else 1.0
            self._report((self._part + share) / self._parts)

    def each(self, items: Iterable[T], total: int) -> Iterator[T]:
        """``items``, with :meth:`check` every :data:`PACE_ITEMS` of them."""
        for count, item in enumerate(items, 1):
            if not count % PACE_ITEMS:
                self.check(count, total)
            yield item


class RecordEvents(Sequence[Event]):
    """A record's events as :class:`Event` tuples, ``shift`` seconds later, each made when it is read.

    ``rows`` are the record's events (lists when loaded from a file, Event tuples
    after a live run); :meth:`of_kinds` skips the others before making them.
    """

    def __init__(self, rows: Sequence[Sequence[Any]], shift: float = 0.0):
        self._rows = rows
        self._shift = shift

    def _event(self, row: Sequence[Any]) -> Event:
        t, pid, worker, kind, name, value, where = row
        return Event(t + self._shift, pid, worker, kind, name, value, tuple(where) if where is not None else None)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> list[Event]: ...
    def __getitem__(self, index: int | slice) -> Event | list[Event]:
        if isinstance(index, slice):
            return [self._event(row) for row in self._rows[index]]
        return self._event(self._rows[index])

    def __iter__(self) -> Iterator[Event]:
        return map(self._event, self._rows)

    def of_kinds(self, kinds: frozenset[str], pace: Pace) -> Iterator[Event]:
        """The events of ``kinds`` in order; ``pace`` is called along the whole record."""
        for row in pace.each(self._rows, len(self._rows)):
            if row[3] in kinds:
                yield self._event(row)


def of_kinds(events: Sequence[Event], kinds: frozenset[str], pace: Pace) -> Iterator[Event]:
    """The events of ``kinds`` among ``events`` (a :class:`RecordEvents` makes only those), paced."""
    if isinstance(events, RecordEvents):
        return events.of_kinds(kinds, pace)
    return (event for event in pace.each(events, len(events)) if event.kind in kinds)


def finished_run(record: RunRecord, now: float | None = None) -> FinishedRun:
    """``record`` as the views show it: moved so that it ends at ``now`` (``perf_counter``; default: now).

    A run saved on another day (or machine, with another clock) would
    otherwise fall far outside the views' last minute. Reads the whole record
    (its start and end): call it on the preparing thread for a big one.
    """
    shift = (time.perf_counter() if now is None else now) - export.run_end(record)
    origin = export.run_origin(record) + shift
    return FinishedRun(record, origin, RecordEvents(record.events, shift), export.samples_of(record, shift))


Preparers = list[tuple[int, Callable[[FinishedRun, Pace], Any]]]


def prepared_for(run: FinishedRun, view: object, preparer: Callable[[FinishedRun, Pace], T]) -> T:
    """What ``preparer`` made of ``run`` for ``view`` beforehand (:func:`prepare`), or makes of it now."""
    key = id(view)
    return run.prepared[key] if key in run.prepared else preparer(run, Pace())


def preparers_of(views: Iterable[LiveView]) -> Preparers:
    """Each view's preparer, keyed as :func:`prepared_for` looks it up (call on the GUI thread)."""
    found = [(id(view), view.preparer()) for view in views]
    return [(key, preparer) for key, preparer in found if preparer is not None]


def prepare(run: FinishedRun, preparers: Preparers, pace: Pace | None = None) -> FinishedRun:
    """``run`` with what every preparer made of it (no Qt: any thread).

    Raises:
        PreparationCancelled: ``pace`` was told to stop.
    """
    pace = pace or Pace()
    prepared = {}
    for part, (key, preparer) in enumerate(preparers):
        pace.begin_part(part, len(preparers))
        prepared[key] = preparer(run, pace)
    pace.check(1, 1)
    return dataclasses.replace(run, prepared=prepared)
