"""What a lesson is: bilingual texts, typed parameters, a main function and a verdict.

Every lesson module in this package builds one :class:`Lesson` named ``LESSON``.
The module is the code that runs *and* the code the app shows, so everything a
student needs to read lives in it; the plumbing it relies on lives here and in
:mod:`desktop.runtime.probe`.

This module is Qt-free (enforced by import-linter): it is imported by the
headless CLI, by the run process and by spawned workers.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping

from desktop.model.comparison import ComparePair
from desktop.model.param import InvalidParams, Param, ParamError, Params
from desktop.model.prediction import Prediction
from desktop.model.record_type import Record
from desktop.model.text import Text
from desktop.model.verdict import Verdict

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import Any, ClassVar


class Chapter(enum.Enum):
    """The six chapters of the catalog, in teaching order."""

    PROCESSES = (1, Text("Processes", "进程"))
    SYNCHRONISATION = (2, Text("Synchronisation", "同步"))
    MESSAGE_PASSING = (3, Text("Message passing", "消息传递"))
    POOLS = (4, Text("Pools", "进程池"))
    THREADS = (5, Text("Threads and the GIL", "线程与 GIL"))
    COROUTINES = (6, Text("Coroutines and IO models", "协程与 IO 模型"))

    @property
    def number(self) -> int:
        return self.value[0]

    @property
    def title(self) -> Text:
        return self.value[1]

    @property
    def slug(self) -> str:
        return self.name.lower().replace("_", "-")


# Measured RSS of a spawned, Qt-free worker (Linux, CPython 3.11): 17-19 MB bare, 21-27 MB with what
# lessons import (a pool, sockets, HTTP): runs were stopped by caps equal to their estimate at 20.
PROCESS_MB = 30.0
THREAD_MB = 0.1  # resident cost of an idle thread is ~15 KB; its stack is reserved, not resident


class Plan(Record):
    """What a run will start at most, estimated before it starts (the run process not counted)."""

    __slots__ = ("processes", "threads", "data_mb", "silent")
    _defaults: ClassVar = {"data_mb": 0.0, "silent": 0}
    processes: int
    threads: int
    data_mb: float  # memory the lesson's data needs on top (queued tasks, arrays), measured per lesson
    silent: int  # of ``processes``, those that never report (a Manager's server): counted by caps, not by progress

    @property
    def reporting(self) -> int:
        """The processes that say hello when they start: what a start-up progress line can count."""
        return self.processes - self.silent

    @property
    def memory_mb(self) -> float:
        """Estimated resident memory of those processes, threads and data, the run process included."""
        return (self.processes + 1) * PROCESS_MB + self.threads * THREAD_MB + self.data_mb

    def describe(self) -> str:
        return f"up to {self.processes} processes and {self.threads} threads, about {self.memory_mb:,.0f} MB"


def plan_from_units(params: Mapping[str, Any], declared: tuple[Param, ...]) -> Plan:
    """The default estimate: add up the integer parameters counted in processes and in threads."""
    processes = sum(params[p.name] for p in declared if p.kind is int and p.unit == "processes")
    threads = sum(params[p.name] for p in declared if p.kind is int and p.unit == "threads")
    return Plan(processes, threads)


# Live views a lesson may ask for. Every other view (CPU plot, timeline, event log) is always shown.
DEPTH = "depth"  # the queue-depth plot, counted from probe.put / probe.got
OPTIONAL_VIEWS = (DEPTH,)


class Lesson(Record):
    """A runnable lesson.

    Attributes:
        id: stable identifier used by the CLI, tests and saved runs.
        main: runs in the run process (never in the GUI); starts the workers and
            returns a dict of raw results. Signature ``main(params, probe) -> dict``.
        verdict: runs in the parent after the run, from what was measured.
            Signature ``verdict(params, outcome) -> Verdict``.
        quick: parameter overrides for the short variant used by ``self-test``.
        views: the optional live views this lesson needs, from :data:`OPTIONAL_VIEWS`
            ("depth": the queue-depth plot). The CPU plot, the workers' timeline and
            the event log are shown for every lesson.
        stall_timeout: how long the run may report nothing before the watchdog
            declares it stuck, stops it and says who was waiting for what.
        plan: estimates processes and threads from parameters, for the memory
            estimate and the caps; by default parameters whose unit is
            "processes" or "threads" are added up.
        concepts: search words (API names, terms) in any language.
        prediction: the question asked before the run, checked against the verdict's figures.
        comparison: the two variants Compare runs side by side, and the figures it sets against each other.
        figures: the name of every figure the verdict reports, in any run; the
            prediction and the comparison read only these.
        exercise: the starter script (a file name under ``resources/starters``)
            that "Open as exercise" opens in the playground for this lesson.
    """

    __slots__ = (
        "id",
        "chapter",
        "title",
        "summary",
        "watch",
        "explanation",
        "params",
        "main",
        "verdict",
        "quick",
        "stall_timeout",
        "plan",
        "views",
        "concepts",
        "prediction",
        "comparison",
        "figures",
        "exercise",
    )
    _factories: ClassVar = {"quick": dict}
    _defaults: ClassVar = {
        "stall_timeout": 60.0,  # seconds without any event before the runtime's watchdog ends the run
        "plan": None,  # how many processes/threads; default: plan_from_units
        "views": (),
        "concepts": (),
        "prediction": None,  # the question asked before the run (desktop.model.prediction)
        "comparison": None,  # the two variants Compare runs side by side (desktop.model.comparison)
        "figures": (),  # every figure name the verdict reports
        "exercise": "",  # the starter "Open as exercise" opens; lessons.check requires one
    }
    id: str
    chapter: Chapter
    title: Text
    summary: Text
    watch: Text
    explanation: Text
    params: tuple[Param, ...]
    main: Callable[..., dict]
    verdict: Callable[..., Verdict]
    quick: Mapping[str, Any]
    stall_timeout: float
    plan: Callable[[Params], Plan] | None
    views: tuple[str, ...]
    concepts: tuple[str, ...]
    prediction: Prediction | None
    comparison: ComparePair | None
    figures: tuple[str, ...]
    exercise: str

    def __post_init__(self) -> None:
        unknown = [view for view in self.views if view not in OPTIONAL_VIEWS]
        if unknown:
            raise ValueError(f"{self.id}: unknown views {unknown}; optional views are {OPTIONAL_VIEWS}")
        for param in self.params:
            if hasattr(Params, param.name) or not param.name.isidentifier():
                raise ValueError(f"{self.id}: parameter name {param.name!r} is not usable as params.{param.name}")

    @property
    def module_name(self) -> str:
        return self.main.__module__

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise KeyError(name)

    def plan_for(self, params: Params) -> Plan:
        """What a run with ``params`` will start at most (see :class:`Plan`)."""
        return self.plan(params) if self.plan is not None else plan_from_units(params, self.params)

    def defaults(self) -> Params:
        return Params({p.name: p.default for p in self.params})

    def parse_params(self, raw: Mapping[str, Any] | None = None) -> Params:
        """Merge ``raw`` over the defaults, converting and checking every value.

        Raises:
            InvalidParams: listing every problem (unknown names included).
        """
        raw = dict(raw or {})
        problems = []
        values = self.defaults()
        known = {p.name for p in self.params}
        for name in raw:
            if name not in known:
                choices = ", ".join(sorted(known))
                problems.append(
                    Text(
                        f"{self.id} has no parameter {name!r} (parameters: {choices or 'none'})",
                        f"{self.id} 没有参数 {name!r}（它的参数：{choices or '无'}）",
                    )
                )
        for param in self.params:
            if param.name in raw:
                try:
                    values[param.name] = param.parse(raw[param.name])
                except ParamError as error:  # said in every language
                    problems.append(error.text)
        if problems:
            raise InvalidParams(problems)
        return values

    def quick_params(self) -> Params:
        return self.parse_params(self.quick)
