"""The run record: what happened in one run, in a form that saves as JSON.

The record is what the CLI prints with ``--json``, what the GUI shows in its
verdict panel and what saved runs contain.

In memory the verdict is one :class:`~desktop.model.text.Text`. In JSON (``run
--json`` and saved runs, format 1) it stays two strings, ``"verdict"`` (English)
and ``"verdict_zh"``, so that nothing reading those outputs breaks and files
stay readable by older versions of the app: :func:`json_fields` writes them and
:func:`verdict_from_json` reads them back.

Why a run failed is said in every language too: ``error`` is the English (what
``run --json``, the self-test and tests have always read) and ``error_zh`` the
Chinese, saved under those names; :attr:`RunRecord.error_text` is the two as one
:class:`~desktop.model.text.Text`. A run saved before ``error_zh`` existed has
only ``error``, which then shows as it is in every language.
"""

from __future__ import annotations

import dataclasses
import platform
import sys
from typing import Any

from desktop.model.text import Text

PASSED = "passed"
FAILED = "failed"
STOPPED = "stopped"


def interpreter_description() -> str:
    """E.g. ``CPython 3.11.7`` or ``CPython 3.13.1 (free-threaded, GIL disabled)``."""
    text = f"{platform.python_implementation()} {platform.python_version()}"
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_gil_enabled is not None and "free-threading" in sys.version:
        text += " (free-threaded, GIL " + ("enabled" if is_gil_enabled() else "disabled") + ")"
    return text


@dataclasses.dataclass
class RunRecord:
    """One run: inputs, environment, timings, outcome and events."""

    lesson: str
    status: str
    params: dict[str, Any]
    start_method: str
    interpreter: str
    started_at: str  # ISO 8601, local time with offset
    duration: float  # seconds from start to the end of the run process tree
    verdict: Text = dataclasses.field(default_factory=lambda: Text("", ""))  # "" when there is none
    figures: dict[str, float] = dataclasses.field(default_factory=dict)
    error: str = ""  # why a run failed: the lesson's traceback, or what went wrong around it (English)
    error_zh: str = ""  # the same in Chinese; "" in runs saved before it (error_text shows ``error`` then)
    leftovers: int = 0  # processes the lesson left running that the runtime had to kill
    first_event_latency: float = 0.0  # seconds from spawning the run process to its first telemetry event
    background_cores: float = 0.0  # cores other programs used during the run, mean (0.0 in runs saved before it)
    # A script run's source text as it was checked before the run started ("" for a lesson, and in
    # script runs saved before it): Compare shows what changed between two versions of a script.
    source: str = ""
    # Monitor samples taken during the run, for replay and export:
    # [t, [% of each core], CPU % of the run's processes (100 = one core), RSS bytes of the run's processes]
    samples: list[Any] = dataclasses.field(default_factory=list)
    events: list[Any] = dataclasses.field(
        default_factory=list
    )  # Event tuples: t, pid, worker, kind, name, value, where

    @property
    def error_text(self) -> Text:
        """Why the run failed, in every language: a run saved with only ``error`` says it in every language."""
        return Text(self.error, self.error_zh or self.error)

    def summary(self) -> dict[str, Any]:
        """The record without its events, samples and script source: what ``run --json`` prints."""
        # Shallow on purpose: asdict() would deep-copy every event of a long run.
        return json_fields({f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in _BULK})

    def to_json_dict(self) -> dict[str, Any]:
        """Every field as JSON-ready values: what a saved run holds."""
        return json_fields(dataclasses.asdict(self))


_BULK = ("events", "samples", "source")
VERDICT_ZH_KEY = "verdict_zh"  # the JSON key of the verdict's Chinese text


def json_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` with the verdict's :class:`Text` written as ``"verdict"`` (English) and ``"verdict_zh"``."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "verdict" and isinstance(value, Text):
            out["verdict"], out[VERDICT_ZH_KEY] = value.en, value.zh
        else:
            out[key] = value
    return out


def verdict_from_json(fields: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`json_fields`: ``"verdict"`` and ``"verdict_zh"`` strings become one :class:`Text`."""
    out = {key: value for key, value in fields.items() if key not in ("verdict", VERDICT_ZH_KEY)}
    if "verdict" in fields or VERDICT_ZH_KEY in fields:
        out["verdict"] = Text(fields.get("verdict", ""), fields.get(VERDICT_ZH_KEY, ""))
    return out
