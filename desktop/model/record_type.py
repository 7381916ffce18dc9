"""A light immutable record type for the modules every spawned worker imports.

A worker imports its lesson module, and with it :mod:`desktop.lessons.lesson`,
before it can report anything. ``dataclasses`` (which imports ``inspect``) and
the methods it generates for each class cost a worker about 13 ms of its start,
a fifth of a bare spawn from source; ``scripts/bench.py`` measures that as spawn
to first event. :class:`Record` does what those modules need of a frozen
dataclass, with no import and no generated code.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import ClassVar

_MISSING = object()


class Record:
    """Fields in ``__slots__`` (in order); constructed by position or keyword; immutable.

    ``_defaults`` maps optional fields to their default value, ``_factories``
    to a callable that makes a fresh one (``dict`` for a mutable default).
    Equality, hashing and ``repr`` go over the fields in order, and a record
    pickles by its field values. ``__post_init__`` runs after construction.
    """

    __slots__ = ()
    _defaults: ClassVar[dict[str, object]] = {}
    _factories: ClassVar[dict[str, object]] = {}

    def __init__(self, *args: object, **kwargs: object) -> None:
        names = self.__slots__
        cls = type(self).__name__
        if len(args) > len(names):
            raise TypeError(f"{cls} takes at most {len(names)} fields, got {len(args)}")
        for name, value in zip(names, args, strict=False):
            object.__setattr__(self, name, value)
        for name, value in kwargs.items():
            if name not in names or names.index(name) < len(args):
                raise TypeError(f"{cls} got an unexpected or repeated field {name!r}")
            object.__setattr__(self, name, value)
        for name in names[len(args) :]:
            if name in kwargs:
                continue
            if name in self._factories:
                object.__setattr__(self, name, self._factories[name]())
            elif name in self._defaults:
                object.__setattr__(self, name, self._defaults[name])
            else:
                raise TypeError(f"{cls} needs a value for {name!r}")
        self.__post_init__()

    def __post_init__(self) -> None:
        """Check the fields once they are set (override to validate)."""

    def replace(self, **changes: object) -> Record:
        """A copy with ``changes`` applied (what ``dataclasses.replace`` does)."""
        return type(self)(**{**dict(zip(self.__slots__, self._values(), strict=True)), **changes})

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple:
        return type(self), self._values()
