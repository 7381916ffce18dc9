"""The lesson catalog: every lesson id in teaching order, and where its module is.

Lesson modules are imported on demand, so a spawned worker that unpickles
``desktop.lessons.ticket_lock.buyer`` imports that one module and nothing else.

The lesson list needs only each lesson's :class:`Entry` (id, chapter, title,
summary, search words). Importing all 31 modules to get those (with asyncio,
urllib and http.server behind some of them) took about 40 ms of the frozen
app's cold start, so a frozen build ships them in an index written at build
time from these very modules (:func:`write_index`, called by build.spec), and
the app imports a lesson only when it is opened. From source there is no index:
the files may have changed since one was written, so the modules are imported.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

from desktop import resources
from desktop.model.lesson import Chapter, Lesson
from desktop.model.record_type import Record
from desktop.model.text import Text

# Every lesson id, in the order lessons are taught. Lesson ``some-id`` lives in
# module ``desktop.lessons.some_id`` (see :func:`module_name`).
IDS: tuple[str, ...] = (
    "process-basics",
    "join-parallel",
    "join-timeout",
    "daemon",
    "main-guard",
    "globals-not-shared",
    "print-interleave",
    "process-states",
    "ticket-lock",
    "rlock-reentry",
    "semaphore-room",
    "bounded-semaphore",
    "event-traffic-light",
    "condition",
    "manager-counter",
    "shared-value-array",
    "deadlock",
    "queue-basics",
    "queue-feeder",
    "producer-consumer",
    "joinable-queue",
    "pipe",
    "manager-types",
    "pool-speedup",
    "pool-lifecycle",
    "pool-early-stop",
    "crawler",
    "socket-server",
    "gil-cpu-bound",
    "threads-io-bound",
    "thread-lock-balance",
    "thread-local",
    "dummy-pool",
    "futures",
    "coroutines",
    "io-models",
)


def module_name(lesson_id: str, package: str = __package__) -> str:
    """The module that implements ``lesson_id``: its id with ``_`` for ``-``, inside ``package`` (this one)."""
    return f"{package}.{lesson_id.replace('-', '_')}"


class UnknownLesson(KeyError):
    """Raised for a lesson id that is not in the catalog; ``text`` says so in both languages (``str()``: English)."""

    @property
    def text(self) -> Text:
        asked, known = repr(self.args[0]), ", ".join(IDS)
        return Text(
            f"no lesson {asked}; `list` shows the lessons ({known})",
            f"没有课程 {asked}；`list` 列出所有课程（{known}）",
        )

    def __str__(self) -> str:
        return self.text.en


def load(lesson_id: str) -> Lesson:
    """Import and return the lesson with id ``lesson_id``."""
    if lesson_id not in IDS:
        raise UnknownLesson(lesson_id)
    module = importlib.import_module(module_name(lesson_id))
    lesson = module.LESSON
    if lesson.id != lesson_id:
        raise RuntimeError(f"{module.__name__} declares id {lesson.id!r}, catalog says {lesson_id!r}")
    return lesson


class Entry(Record):
    """What the lesson list shows and searches, known without importing the lesson."""

    __slots__ = ("id", "chapter", "title", "summary", "concepts")
    id: str
    chapter: Chapter
    title: Text
    summary: Text
    concepts: tuple[str, ...]

    @classmethod
    def of(cls, lesson: Lesson) -> Entry:
        return cls(lesson.id, lesson.chapter, lesson.title, lesson.summary, tuple(lesson.concepts))

    def matches(self, query: str) -> bool:
        """Whether ``query`` occurs in the id, title, summary or concepts (any language, any case)."""
        needle = query.strip().lower()
        words = [self.id, self.title.en, self.title.zh, self.summary.en, self.summary.zh, *self.concepts]
        return needle in " ".join(words).lower()


INDEX_NAME = "catalog-index.json"


def write_index(path: Path) -> None:
    """Write every lesson's :class:`Entry` to ``path`` (JSON), for a frozen build to ship."""
    rows = [
        {
            "id": entry.id,
            "chapter": entry.chapter.name,
            "title": [entry.title.en, entry.title.zh],
            "summary": [entry.summary.en, entry.summary.zh],
            "concepts": list(entry.concepts),
        }
        for entry in map(Entry.of, lessons())
    ]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


def read_index(path: Path) -> list[Entry] | None:
    """The entries in the index at ``path``; None when it is missing or does not match this catalog."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        found = [
            Entry(
                row["id"], Chapter[row["chapter"]], Text(*row["title"]), Text(*row["summary"]), tuple(row["concepts"])
            )
            for row in rows
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return found if sorted(entry.id for entry in found) == sorted(IDS) else None


def entries() -> list[Entry]:
    """Every lesson's entry, in chapter then catalog order: from the frozen build's index, else by importing."""
    if getattr(sys, "frozen", False):
        indexed = read_index(resources.bundle_root() / "desktop" / "lessons" / INDEX_NAME)
        if indexed is not None:
            return indexed
    return [Entry.of(lesson) for lesson in lessons()]


def lessons() -> list[Lesson]:
    """Every lesson, grouped by chapter in chapter order, catalog order within a chapter."""
    loaded = [load(lesson_id) for lesson_id in IDS]
    return sorted(loaded, key=lambda lesson: lesson.chapter.number)


def by_chapter() -> dict[Chapter, list[Lesson]]:
    grouped: dict[Chapter, list[Lesson]] = {}
    for lesson in lessons():
        grouped.setdefault(lesson.chapter, []).append(lesson)
    return grouped


def search(query: str) -> list[Lesson]:
    """Lessons whose id, title, summary or concepts mention ``query`` (any language, any case)."""
    return [lesson for lesson in lessons() if Entry.of(lesson).matches(query)]
