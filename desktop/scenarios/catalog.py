"""The lesson catalog: every lesson id, the module that implements it, in teaching order.

Lesson modules are imported on demand, so a spawned worker that unpickles
``desktop.scenarios.ticket_lock.buyer`` imports that one module and nothing else.
"""

from __future__ import annotations

import importlib

from desktop.scenarios.lesson import Chapter, Lesson

# id -> module name inside desktop.scenarios, in the order lessons are taught.
MODULES: dict[str, str] = {
    "process-basics": "process_basics",
    "join-parallel": "join_parallel",
    "daemon": "daemon",
    "main-guard": "main_guard",
    "globals-not-shared": "globals_not_shared",
    "print-interleave": "print_interleave",
    "process-states": "process_states",
    "ticket-lock": "ticket_lock",
    "semaphore-room": "semaphore_room",
    "event-traffic-light": "event_traffic_light",
    "manager-counter": "manager_counter",
    "shared-value-array": "shared_value_array",
    "deadlock": "deadlock",
    "queue-basics": "queue_basics",
    "producer-consumer": "producer_consumer",
    "joinable-queue": "joinable_queue",
    "pipe": "pipe",
    "manager-types": "manager_types",
    "pool-speedup": "pool_speedup",
    "pool-lifecycle": "pool_lifecycle",
    "pool-early-stop": "pool_early_stop",
    "crawler": "crawler",
    "socket-server": "socket_server",
    "gil-cpu-bound": "gil_cpu_bound",
    "threads-io-bound": "threads_io_bound",
    "thread-lock-balance": "thread_lock_balance",
    "thread-local": "thread_local",
    "dummy-pool": "dummy_pool",
    "futures": "futures",
    "coroutines": "coroutines",
    "io-models": "io_models",
}


class UnknownLesson(KeyError):
    """Raised for a lesson id that is not in the catalog."""

    def __str__(self) -> str:
        return f"no lesson {self.args[0]!r}; `list` shows the lessons ({', '.join(MODULES)})"


def load(lesson_id: str) -> Lesson:
    """Import and return the lesson with id ``lesson_id``."""
    try:
        module_name = MODULES[lesson_id]
    except KeyError:
        raise UnknownLesson(lesson_id) from None
    module = importlib.import_module(f"desktop.scenarios.{module_name}")
    lesson = module.LESSON
    if lesson.id != lesson_id:
        raise RuntimeError(f"{module.__name__} declares id {lesson.id!r}, catalog says {lesson_id!r}")
    return lesson


def lessons() -> list[Lesson]:
    """Every lesson, grouped by chapter in chapter order, catalog order within a chapter."""
    loaded = [load(lesson_id) for lesson_id in MODULES]
    return sorted(loaded, key=lambda lesson: lesson.chapter.number)


def by_chapter() -> dict[Chapter, list[Lesson]]:
    grouped: dict[Chapter, list[Lesson]] = {}
    for lesson in lessons():
        grouped.setdefault(lesson.chapter, []).append(lesson)
    return grouped


def search(query: str) -> list[Lesson]:
    """Lessons whose id, title, summary or concepts mention ``query`` (any language, any case)."""
    needle = query.strip().lower()
    if not needle:
        return lessons()
    found = []
    for lesson in lessons():
        haystack = " ".join(
            [lesson.id, lesson.title.en, lesson.title.zh, lesson.summary.en, lesson.summary.zh, *lesson.concepts]
        ).lower()
        if needle in haystack:
            found.append(lesson)
    return found
