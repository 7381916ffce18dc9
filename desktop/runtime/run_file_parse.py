"""A saved run's text to its JSON document, with the GIL let go often and memory kept in proportion.

:func:`parse` is :func:`desktop.runtime.stepwise_json.loads` with the
loader's :class:`~desktop.runtime.load_watch.Watch` as its checkpoint and
:class:`_Sharing` as its leaf hook; :func:`collector_paused` keeps Python's
cycle collector off while a load builds its objects. Measured on a million
events (79 MB) on a busy 2-core machine: peak RSS 742 -> 474 MB, and the
window, loading on another thread, no longer stalls for whole collections.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any

from desktop.runtime import run_file_bounds as bounds
from desktop.runtime import stepwise_json
from desktop.runtime.load_watch import PARSING, Watch

EVENT_FIELDS = 7  # t, pid, worker, kind, name, value, where
SHARED_STRINGS = 65_536  # distinct event strings shared while loading (worker, kind, name, value, module)


class TooManyItems(Exception):
    """The file holds more events and samples than a run keeps (``most``); the parse stopped there."""

    def __init__(self, most: int):
        super().__init__(f"more than {most:,} events and samples")
        self.most = most


def parse(text: str, watch: Watch) -> Any:
    """The JSON document in ``text`` (``json.loads``'s answer), reporting to ``watch`` as it goes.

    Raises:
        json.JSONDecodeError: ``text`` is not JSON.
        TooManyItems: more elements in the record's lists than a run keeps.
        LoadCancelled: the watch was told to stop.
    """
    return stepwise_json.loads(text, lambda at: watch(PARSING, at, len(text)), _Sharing(watch))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a load makes its millions of lists (none of them in a cycle).

    Each full collection walks every object: with a million events loading
    that was ~0.7 s at a time with the GIL held, so the window (loading on
    another thread) stalled for as long, several times per load, and the load
    took longer. The collector runs again (if it ran before) when the load
    ends, but never over what exists then: every object the process holds
    at that moment is frozen first (``gc.freeze``), so no collection scans it
    again. Unfrozen, a million events cost one pass per generation they
    reached: 0.85 s (in the loading thread), then 1.45 s and 1.3 s (on
    whichever thread allocated next, often the GUI's). A frozen object is
    still freed when its last reference goes; only a reference cycle that
    was alive then and is dropped later is never collected (a record's lists
    hold none; the window's objects mostly live as long as it does).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


class _Sharing:
    """The parser's leaf hook: counts events and samples, and makes repeated event strings one object.

    A million events name a few workers, kinds and states a million times; one
    string object each instead of a copy per event is a third less memory
    (measured: 523 -> 324 MB for a million events). Sharing stops growing at
    :data:`SHARED_STRINGS` distinct strings (a file of unique names gains nothing).
    A file with more items than a run keeps is refused as soon as the parse
    reaches that many: 256 MB of tiny events would be millions of lists.
    """

    def __init__(self, watch: Watch):
        self._watch = watch
        self._strings: dict[str, str] = {}

    def __call__(self, item: Any) -> Any:
        self._watch.items += 1
        if self._watch.items > bounds.MAX_EVENTS + bounds.MAX_SAMPLES:
            raise TooManyItems(bounds.MAX_EVENTS + bounds.MAX_SAMPLES)
        if type(item) is not list or len(item) != EVENT_FIELDS:
            return item
        strings = self._strings
        share = strings.setdefault if len(strings) < SHARED_STRINGS else strings.get
        _, _, worker, kind, name, value, where = item
        if type(worker) is str:
            item[2] = share(worker, worker)
        if type(kind) is str:
            item[3] = share(kind, kind)
        if type(name) is str:
            item[4] = share(name, name)
        if type(value) is str:
            item[5] = share(value, value)
        if type(where) is list and where and type(where[0]) is str:
            where[0] = share(where[0], where[0])
        return item
