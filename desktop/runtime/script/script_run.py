"""One run of a script: checked first, then run under the caps and a timeout, then summarised.

:class:`ScriptRun` wraps a :class:`~desktop.runtime.run.Run` of a
:class:`~desktop.runtime.script.target.ScriptTarget` and a
:class:`~desktop.runtime.script.guard.Guard` that enforces the caps and the
timeout while the script runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.model.events import RESULT
from desktop.model.run_record import RunRecord
from desktop.model.text import Text
from desktop.monitor.sampler import Sampler
from desktop.runtime import export
from desktop.runtime.caps import Caps
from desktop.runtime.run import Run
from desktop.runtime.script import source, summary
from desktop.runtime.script.guard import Guard
from desktop.runtime.script.target import ScriptTarget


class ScriptRun:
    """Run the script at ``path``; raises :class:`~desktop.runtime.script.source.ScriptProblem` before starting."""

    def __init__(
        self,
        path: str,
        *,
        argv: Sequence[str] = (),
        sampler: Sampler | None = None,
        caps: Caps | None = None,
        timeout: float | None = None,
    ):
        text = source.load(path)  # refuse what cannot run before anything is spawned
        self.target = ScriptTarget(path, text)
        self.caps = caps or Caps()
        self.run = Run(self.target, self.target.params(tuple(argv)), sampler=sampler, caps=self.caps)
        self.guard = Guard(self.run, self.caps, timeout)

    def start(self) -> None:
        self.run.start()
        self.guard.start()

    def stop(self) -> None:
        self.run.stop()

    def wait(self, timeout: float | None = None) -> bool:
        return self.run.wait(timeout)

    @property
    def record(self) -> RunRecord | None:
        return self.run.record

    @property
    def stop_reason(self) -> Text:
        """Why the guard (not the user) stopped the run: a cap or the timeout, in every language; empty otherwise."""
        return self.guard.stop_reason

    def summary(self) -> dict:
        """The measured summary of the finished run (see :mod:`desktop.runtime.script.summary`)."""
        record = self.run.record
        if record is None:
            raise RuntimeError("the run has not finished")
        return summarize(record, self.target.path, self.stop_reason)


def summarize(record: RunRecord, path: str, stop_reason: Text | str = "") -> dict:
    """The summary of a finished script run's ``record`` (``path``: the script), with its status.

    ``stop_reason`` (the guard's) goes in as ``stopped_because`` (English) and ``stopped_because_zh``.
    """
    events = export.events_of(record)  # Event tuples also for a record opened from a file
    result = next((e.value for e in events if e.kind == RESULT), None)
    facts = summary.measure(events, record.samples, result, path)
    facts["status"] = record.status
    said = stop_reason if isinstance(stop_reason, Text) else Text(stop_reason, stop_reason)
    facts["stopped_because"], facts["stopped_because_zh"] = said.en, said.zh
    return facts


def run_script(
    path: str,
    *,
    argv: Sequence[str] = (),
    timeout: float | None = None,
    caps: Caps | None = None,
    sampler: Sampler | None = None,
) -> tuple[RunRecord, dict]:
    """Run the script headless to its end (or its timeout); return the record and the summary.

    Ctrl+C stops the run, then re-raises.

    Raises:
        ScriptProblem: the script cannot run (see :func:`desktop.runtime.script.source.load`).
    """
    own_sampler = sampler is None
    if own_sampler:
        sampler = Sampler()
        sampler.start()
    script_run = ScriptRun(path, argv=argv, sampler=sampler, caps=caps, timeout=timeout)
    try:
        script_run.start()
        while not script_run.wait(0.2):
            pass
    except KeyboardInterrupt:
        script_run.stop()
        script_run.wait()
        raise
    finally:
        if own_sampler:
            sampler.stop()
    return script_run.record, script_run.summary()
