"""What a run runs: a *run target*. A lesson is one; a user's script can be another.

:class:`~desktop.runtime.run.Run` needs five things of what it runs, and
nothing else; :class:`desktop.model.lesson.Lesson` has all five:

``id``
    what the record calls the run (``RunRecord.lesson``; the lesson id).
``module_name``
    the module whose source the app shows; events whose ``where`` names it
    highlight a line of it.
``stall_timeout``
    seconds without any event before the watchdog ends the run.
``plan_for(params) -> Plan``
    the processes and threads a run will start at most (checked against the caps).
``verdict(params, outcome) -> Verdict``
    the sentence and figures computed, in this process, from what was measured.

The run process finds the code to call through :func:`entry_of`: a string
``"package.module:attribute.path"`` naming a top-level function
``main(params, probe) -> dict``. A string, not the function itself, so that the
run process says hello before it imports the target (that is what spawn
latency measures) and so that it pickles on every platform; the run process
resolves it (:func:`desktop.runtime.conductor.conduct`). A lesson's entry is
its module's ``LESSON.main``.

Steps to plug in another target (e.g. a user's script):

1. Write a top-level function ``main(params, probe) -> dict`` in an importable
   module (for a script: one that runs the file named by a parameter under the
   probe and returns what it measured).
2. Make an object with the five members above and an ``entry`` attribute
   naming that function (``"desktop.runtime.script_host:main"``); its
   ``module_name`` is the module whose lines ``probe.state`` reports.
   Optionally a ``process_name``: the run process's name and lane (a script's
   is ``MainProcess``, as in ``python script.py``).
   Optionally a ``source_text``: the code the run runs, as the record keeps
   it (``RunRecord.source``; a script's text, so two versions compare).
3. ``Run(target, params).start()`` (or ``run_to_completion(target, params)``):
   spawning, telemetry, the watchdog, stop and cleanup are the same as for a
   lesson, and the record comes back through the same listeners.
"""

from __future__ import annotations

from typing import Protocol

from desktop.model.lesson import Plan
from desktop.model.outcome import Outcome
from desktop.model.param import Params
from desktop.model.verdict import Verdict
from desktop.runtime.conductor import MAIN_WORKER_NAME

LESSON_ENTRY = "LESSON.main"  # the attribute path of a lesson module's main


class RunTarget(Protocol):
    """What :class:`~desktop.runtime.run.Run` needs of the thing it runs (see the module docstring)."""

    @property
    def id(self) -> str: ...

    @property
    def module_name(self) -> str: ...

    @property
    def stall_timeout(self) -> float: ...

    def plan_for(self, params: Params) -> Plan: ...

    def verdict(self, params: Params, outcome: Outcome) -> Verdict: ...


def process_name_of(target: RunTarget) -> str:
    """The run process's name (its lane): the target's optional ``process_name``, else ``main``."""
    name = getattr(target, "process_name", None)
    return name if isinstance(name, str) and name else MAIN_WORKER_NAME


def entry_of(target: RunTarget) -> str:
    """``"module:attribute.path"`` of the function the run process calls: the target's ``entry``, or a lesson's main."""
    entry = getattr(target, "entry", None)
    return entry if isinstance(entry, str) else f"{target.module_name}:{LESSON_ENTRY}"


def source_text_of(target: RunTarget) -> str:
    """The code the record keeps for this run: the target's optional ``source_text``, else "" (a lesson)."""
    text = getattr(target, "source_text", None)
    return text if isinstance(text, str) else ""
