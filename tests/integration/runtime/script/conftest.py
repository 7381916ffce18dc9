"""Factory fixture: run a script's text through the real instrumentation (spawned processes)."""

from __future__ import annotations

import textwrap

import pytest

from desktop.model.events import depth_step
from desktop.runtime.script.script_run import run_script

TIMEOUT = 120.0  # a safety net for a broken test, far above what any script here needs


@pytest.fixture
def run_text(tmp_path):
    """``run_text(source, **kwargs) -> (record, summary)``; the script is ``tmp_path/script.py``."""

    def run(text: str, name: str = "script.py", **kwargs):
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        kwargs.setdefault("timeout", TIMEOUT)
        record, summary = run_script(str(path), **kwargs)
        summary["path"] = str(path)
        return record, summary

    return run


def events_of(record, kind: str, name: str | None = None) -> list:
    return [e for e in record.events if e.kind == kind and (name is None or e.name == name)]


def items_of(record, kind: str, name: str) -> int:
    """Items that ``kind`` (PUT or GOT) events moved through queue ``name``: a report may count many."""
    return sum(abs(depth_step(e)) for e in events_of(record, kind, name))


def line_of(path: str, snippet: str) -> int:
    """The 1-based line of the script at ``path`` that contains ``snippet``."""
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            if snippet in line:
                return number
    raise AssertionError(f"{snippet!r} is not in {path}")
