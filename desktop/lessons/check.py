"""What every lesson must be, as functions that list what is wrong.

The catalog tests run these on every lesson of :mod:`desktop.lessons.catalog`;
the test of ``docs/adding-a-lesson.md`` runs the same functions on a lesson
written by following that page into a temporary package. Each function returns
a list of problems, phrased for the person adding a lesson; empty means it passes.

* :func:`catalog_problems`: every id in a catalog names a module that declares
  that lesson, and each lesson passes :func:`lesson_problems`.
* :func:`lesson_problems`: texts in both languages, parameters, quick variant,
  views, declared figures, prediction, comparison and exercise, all without running it.
* :func:`verdict_problems`: a verdict from a real run reports exactly the
  declared figures, and its Chinese text passes :func:`chinese_problems`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable

from desktop import resources
from desktop.lessons import catalog
from desktop.model.lesson import OPTIONAL_VIEWS, Chapter, Lesson
from desktop.model.prediction import CHOICE, NUMBER
from desktop.model.verdict import Verdict

CJK = re.compile(r"[\u4e00-\u9fff]")
PATTERN_PART = "{n}"  # a declared figure name may hold one "{n}": any whole number (e.g. "speedup_map_{n}_workers")

# Latin words a Chinese verdict may contain: code identifiers (API names, parameters, module names) and the
# abbreviations Chinese technical writing keeps. CamelCase and ALL-CAPS names, names with "_", "." or "()",
# names with digits (worker names such as child-1) and anything inside 'quotes' or `backticks` count as code too.
IDENTIFIERS = frozenset(
    {
        # Python values, types and modules
        *("True", "False", "None", "dict", "list", "set", "tuple", "int", "str", "bytes"),
        *("Python", "CPython", "asyncio", "threading", "multiprocessing", "selectors", "socket", "spawn"),
        # multiprocessing / threading / concurrent.futures names used without their parentheses
        *("Process", "Pool", "Queue", "Pipe", "Lock", "Semaphore", "Event", "Condition", "Barrier", "Manager"),
        *("Value", "Array", "Namespace", "Empty", "Full", "Future", "Thread", "daemon"),
        *("start", "join", "run", "get", "put", "wait", "close", "terminate", "kill", "send", "recv", "map"),
        *("apply", "submit", "result", "callback", "target", "timeout", "exitcode", "main", "pid", "ppid", "n"),
        *("maxtasksperchild", "initializer", "chunksize", "acquire", "release", "notify", "notify_all", "wait_for"),
        # abbreviations kept in Chinese text
        *("PIN", "KB", "MB", "GB", "KiB", "MiB", "GiB", "CPU", "IO", "GIL", "A", "B"),
    }
)
_CODE_SPANS = re.compile(r"`[^`]*`|'[^']*'|\(\.\.\.\)")  # code, quoted Python values, "append(...)"
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:[.\-][A-Za-z0-9_]+)*(?:\(\))?")


def declares(lesson: Lesson, name: str) -> bool:
    """Whether ``name`` is one of the lesson's declared figures (a ``{n}`` in a declaration matches digits)."""
    for declared in lesson.figures:
        if declared == name:
            return True
        if PATTERN_PART in declared:
            head, tail = declared.split(PATTERN_PART, 1)
            middle = name[len(head) : len(name) - len(tail)] if len(name) > len(head) + len(tail) else ""
            if name.startswith(head) and name.endswith(tail) and middle.isdigit():
                return True
    return False


def _is_code(word: str) -> bool:
    if word in IDENTIFIERS or any(mark in word for mark in "_.()") or any(c.isdigit() for c in word):
        return True
    return len(word) > 1 and (word.isupper() or any(c.isupper() for c in word[1:]))  # GUESTBOOK, RuntimeError


def chinese_problems(text: str) -> list[str]:
    """What breaks the house style of a Chinese verdict: English words, "。 ", ASCII ellipses."""
    problems = []
    plain = _CODE_SPANS.sub(" ", text)
    words = sorted(
        {
            match.group()
            for match in _LATIN.finditer(plain)
            if not _is_code(match.group()) and plain[match.end() : match.end() + 1] not in ("(", "=")
        }
    )  # a name called or given a keyword argument is code: acquire(block=False)
    if words:
        problems.append(
            f"English words in a Chinese verdict (translate them, or add code names to IDENTIFIERS): {words}"
        )
    if re.search(r"[。；：，！？] ", text):
        problems.append("a space after Chinese punctuation")
    if "..." in plain or re.search(r"(?<!…)…(?!…)", text):
        problems.append("an ellipsis other than “……”")
    if not CJK.search(text):
        problems.append("no Chinese at all")
    return problems


def _text_problems(what: str, en: str, zh: str) -> list[str]:
    problems = []
    if not en.strip() or CJK.search(en):
        problems.append(f"{what}: the English text is empty or holds Chinese")
    if not CJK.search(zh):
        problems.append(f"{what}: the Chinese text is missing ({en[:40]!r})")
    return problems


def lesson_problems(lesson: Lesson, module_name: str) -> list[str]:
    """Everything that can be checked about a lesson without running it."""
    problems = []
    if not isinstance(lesson.chapter, Chapter):
        problems.append("chapter must be one of Chapter")
    for field in ("title", "summary", "watch", "explanation"):
        text = getattr(lesson, field)
        problems += _text_problems(field, text.en, text.zh)
    if len(lesson.explanation.en) <= len(lesson.summary.en):
        problems.append("the explanation must be longer than the summary")
    for param in lesson.params:
        problems += _text_problems(f"parameter {param.name}", param.label.en, param.label.zh)
        if param.parse(param.default) != param.default:
            problems.append(f"parameter {param.name}: its default does not parse to itself")
    try:
        lesson.quick_params()
    except ValueError as error:
        problems.append(f"quick: {error}")
    for function in (lesson.main, lesson.verdict):
        if function.__module__ != module_name or "." in function.__qualname__:
            problems.append(f"{function.__name__} must be a top-level function of {module_name}")
    problems += [
        f"unknown view {view!r} (optional views: {OPTIONAL_VIEWS})"
        for view in lesson.views
        if view not in OPTIONAL_VIEWS
    ]
    problems += _declared_problems(lesson)
    if not lesson.exercise.endswith(".py") or not resources.path(f"starters/{lesson.exercise}").is_file():
        problems.append(f"exercise {lesson.exercise!r} is not a starter script in resources/starters/")
    return problems


def _declared_problems(lesson: Lesson) -> list[str]:
    """Figures declared once each; a prediction and a comparison that read only declared figures."""
    problems = []
    if not lesson.figures or len(set(lesson.figures)) != len(lesson.figures):
        problems.append("figures must name every figure the verdict reports, each once")
    prediction, pair = lesson.prediction, lesson.comparison
    if prediction is None:
        problems.append("prediction is missing (desktop.model.prediction.number / choice / yes_no)")
    else:
        problems += [
            f"prediction reads undeclared figure {name!r}" for name in prediction.figures if name not in lesson.figures
        ]
        if prediction.kind not in (NUMBER, CHOICE):
            problems.append(f"prediction kind {prediction.kind!r}")
        if not (prediction.question.en.endswith("?") and prediction.question.zh.endswith("？")):
            problems.append("the prediction's question must end with ? and ？")
        if prediction.kind == CHOICE and len(prediction.choices) < 2:
            problems.append("a choice prediction needs at least two choices")
    if pair is None:
        problems.append("comparison is missing (desktop.model.comparison.switch / vary)")
    else:
        problems += [
            f"comparison reads undeclared figure {name!r}" for name in pair.figures if name not in lesson.figures
        ]
        if not pair.figures:
            problems.append("the comparison must set at least one figure against the other side")
        try:
            if lesson.parse_params(pair.a.overrides) == lesson.parse_params(pair.b.overrides):
                problems.append("the comparison's two sides run the same parameters")
        except ValueError as error:
            problems.append(f"comparison: {error}")
        if pair.a.label.en == pair.b.label.en or pair.a.label.zh == pair.b.label.zh:
            problems.append("the comparison's two sides need different labels in both languages")
    return problems


def catalog_problems(ids: Iterable[str], package: str) -> list[str]:
    """Every id names module ``package.<id with _ for ->`` whose ``LESSON`` has that id and passes the checks."""
    ids = list(ids)
    problems = [f"{lesson_id!r} is listed twice" for lesson_id in set(ids) if ids.count(lesson_id) > 1]
    for lesson_id in ids:
        module_name = catalog.module_name(lesson_id, package)
        try:
            lesson = importlib.import_module(module_name).LESSON
        except (ImportError, AttributeError) as error:
            problems.append(f"{lesson_id}: {module_name} has no LESSON ({error})")
            continue
        if lesson.id != lesson_id:
            problems.append(f"{module_name} declares id {lesson.id!r}, the catalog says {lesson_id!r}")
        problems += [f"{lesson_id}: {problem}" for problem in lesson_problems(lesson, module_name)]
    return problems


def verdict_problems(lesson: Lesson, verdict: Verdict) -> list[str]:
    """A real run's verdict: exactly the declared figures, and a Chinese text in the house style."""
    reported = set(verdict.figures)
    problems = [f"reports undeclared figure {name!r}" for name in sorted(reported) if not declares(lesson, name)]
    problems += [
        f"declares figure {name!r} that this run did not report"
        for name in lesson.figures
        if PATTERN_PART not in name and name not in reported
    ]
    problems += [f"Chinese verdict: {problem}" for problem in chinese_problems(verdict.text.zh)]
    if " " * 2 in verdict.text.en or not verdict.text.en.strip():
        problems.append("English verdict is empty or holds a double space")
    return problems
