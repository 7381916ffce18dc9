"""JSON text parsed a piece at a time, so a thread parsing a big saved run lets the others run and can be stopped.

``json.loads`` parses a whole document in one C call that holds the GIL: for
a saved run of a million events (79 MB) that is about 4 s in which no other
Python thread runs -- the GUI thread's slots and paint methods included, so
loading on a worker thread alone would still freeze the window -- and
nothing can stop it. :func:`loads` walks the outer containers itself (down
to :data:`WALKED_DEPTH` levels: the document, its record, the record's
``events`` and ``samples`` lists) and hands each element below them (one
event, one sample) to the C decoder. Between elements the interpreter may
switch threads, and ``checkpoint(position)`` is called about every
:data:`CHECKPOINT_CHARS` characters: it may report progress, and it may
raise to stop the parse. ``leaf(element)`` sees each element of the deepest
walked arrays (each event, each sample) as soon as it is parsed and returns
what to keep: the loader shares repeated strings there, before the next
million copies of ``"running"`` are made.

The result is what ``json.loads(text)`` returns for the same text (NaN and
Infinity accepted, strict strings, the last of duplicate keys); text that is
not JSON raises :class:`json.JSONDecodeError`. Only an element below the
walked levels is parsed in one call, so one huge event (a file of a single
200 MB event value, refused later by the loader's bounds) still holds the
GIL while it is parsed: for seconds, never for ever (the file size is capped).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from json.decoder import scanstring
from typing import Any

WALKED_DEPTH = 3  # document -> record -> events / samples lists; their elements go to the C decoder whole
CHECKPOINT_CHARS = 256 * 1024  # checkpoint() about every 256 K characters: ~300 calls for a 79 MB file

_DECODER = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def loads(text: str, checkpoint: Callable[[int], None] | None = None, leaf: Callable[[Any], Any] | None = None) -> Any:
    """``json.loads(text)``, parsed element by element; ``checkpoint(position)`` and ``leaf`` are called as it goes."""
    walker = _Walker(text, checkpoint, leaf)
    value, end = walker.value(walker.skip(0), 0)
    end = walker.skip(end)
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value


class _Walker:
    def __init__(self, text: str, checkpoint: Callable[[int], None] | None, leaf: Callable[[Any], Any] | None):
        self.text = text
        self.checkpoint = checkpoint
        self.leaf = leaf
        self.next_checkpoint = CHECKPOINT_CHARS

    def skip(self, position: int) -> int:
        """The position of the first character at or after ``position`` that is not JSON whitespace."""
        return _WHITESPACE.match(self.text, position).end()

    def value(self, position: int, depth: int) -> tuple[Any, int]:
        """The value that starts at ``position`` (no whitespace there) and the position after it."""
        if depth < WALKED_DEPTH:
            opening = self.text[position : position + 1]
            if opening == "{":
                return self.object(position + 1, depth + 1)
            if opening == "[":
                return self.array(position + 1, depth + 1)
        return _DECODER.raw_decode(self.text, position)

    def passed(self, position: int) -> None:
        if self.checkpoint is not None and position >= self.next_checkpoint:
            self.next_checkpoint = position + CHECKPOINT_CHARS
            self.checkpoint(position)

    def array(self, position: int, depth: int) -> tuple[list, int]:
        items: list = []
        position = self.skip(position)
        if self.text.startswith("]", position):
            return items, position + 1
        if depth >= WALKED_DEPTH:
            return self.leaves(items, position)
        while True:
            item, position = self.value(position, depth)
            items.append(item)
            self.passed(position)
            position = self.skip(position)
            if self.text.startswith("]", position):
                return items, position + 1
            if not self.text.startswith(",", position):
                raise json.JSONDecodeError("Expecting ',' delimiter", self.text, position)
            position = self.skip(position + 1)

    def leaves(self, items: list, position: int) -> tuple[list, int]:
        """The rest of an array whose elements are parsed whole (the events): :meth:`array`, made quick."""
        text, scan, skip, append, leaf = self.text, _DECODER.scan_once, _WHITESPACE.match, items.append, self.leaf
        while True:
            try:
                item, position = scan(text, position)
            except StopIteration as error:
                raise json.JSONDecodeError("Expecting value", text, error.value) from None
            append(item if leaf is None else leaf(item))
            if position >= self.next_checkpoint:
                self.passed(position)
            separator = text[position : position + 1]
            if separator not in ",]":
                position = skip(text, position).end()
                separator = text[position : position + 1]
            if separator == ",":
                position = skip(text, position + 1).end()
            elif separator == "]":
                return items, position + 1
            else:
                raise json.JSONDecodeError("Expecting ',' delimiter", text, position)

    def object(self, position: int, depth: int) -> tuple[dict, int]:
        members: dict = {}
        position = self.skip(position)
        if self.text.startswith("}", position):
            return members, position + 1
        while True:
            if not self.text.startswith('"', position):
                raise json.JSONDecodeError("Expecting property name enclosed in double quotes", self.text, position)
            key, position = scanstring(self.text, position + 1)
            position = self.skip(position)
            if not self.text.startswith(":", position):
                raise json.JSONDecodeError("Expecting ':' delimiter", self.text, position)
            members[key], position = self.value(self.skip(position + 1), depth)
            self.passed(position)
            position = self.skip(position)
            if self.text.startswith("}", position):
                return members, position + 1
            if not self.text.startswith(",", position):
                raise json.JSONDecodeError("Expecting ',' delimiter", self.text, position)
            position = self.skip(position + 1)
