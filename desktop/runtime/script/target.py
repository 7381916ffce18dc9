"""The run target that plugs a script into :class:`~desktop.runtime.run.Run` (see :mod:`desktop.runtime.run_target`).

The run process calls :func:`desktop.runtime.script.host.main` with the
script's path as a parameter. A script has no verdict of its own: when it ran
to the end the verdict is one sentence naming what was measured
(:mod:`desktop.runtime.script.summary` says the rest).
"""

from __future__ import annotations

import os
from typing import ClassVar

from desktop.model.lesson import Plan
from desktop.model.outcome import Outcome
from desktop.model.param import Params
from desktop.model.verdict import Verdict
from desktop.runtime.script import host, source, summary

SCRIPT_ID = "script"


class ScriptTarget:
    """A student's script as a run target. ``params``: ``{"path": absolute path, "argv": [...]}``."""

    id: ClassVar[str] = SCRIPT_ID
    # Named by an import (not only a string), so that a frozen build's analysis bundles the host.
    entry: ClassVar[str] = f"{host.__name__}:{host.main.__name__}"
    process_name: ClassVar[str] = "MainProcess"  # the run process is the script's main process
    module_name: ClassVar[str] = "__main__"  # instrumentation reports the script's lines under this name
    stall_timeout: ClassVar[float] = float("inf")  # a quiet script is not stuck: the timeout and Stop end it

    def __init__(self, path: str, source_text: str | None = None):
        self.path = os.path.abspath(path)
        # What the record keeps (RunRecord.source): the text checked before the run, so that
        # Compare can show what changed between two versions even after the file changed again.
        self.source_text = source_text if source_text is not None else _text_or_empty(self.path)

    def params(self, argv: tuple[str, ...] = ()) -> Params:
        return Params({"path": self.path, "argv": list(argv)})

    def plan_for(self, params: Params) -> Plan:
        return Plan(0, 0)  # unknown before it runs: the caps are enforced while it runs

    def verdict(self, params: Params, outcome: Outcome) -> Verdict:
        facts = summary.measure(outcome.events, outcome.samples, outcome.result, params["path"])
        return Verdict(text=summary.sentence(facts), figures=summary.figures(facts))


def _text_or_empty(path: str) -> str:
    """The script's text, or "" when it cannot be read (the run itself then says why)."""
    try:
        return source.load(path)
    except source.ScriptProblem:
        return ""
