"""The run process: the lesson's ``main`` runs here, never in the GUI process.

The GUI (or CLI) process spawns one *run process* per run with :func:`conduct`
as its target. Keeping the lesson's orchestration out of the GUI process means
a lesson that deadlocks, burns the GIL with threads, or exits abruptly cannot
freeze the window, and a stop is just "end this process tree".

On POSIX the run process leads its own process group (see
:mod:`desktop.runtime.process_tree`); if its parent dies it kills that whole
group, itself included, so nothing outlives a killed GUI.
"""

from __future__ import annotations

import functools
import importlib
import os
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from typing import Any

from desktop.runtime import named_resources, process_tree
from desktop.runtime.probe import ORPHAN_EXIT_CODE as ORPHANED_EXIT_CODE
from desktop.runtime.probe import Probe

MAIN_WORKER_NAME = "main"


def conduct(entry: str, values: dict, probe: Probe, scratch_dir: str) -> None:
    """Call the run target's main (``entry``, ``"module:attribute.path"``) with parameter ``values``.

    Reports the main's result or its error. For a lesson ``entry`` is
    ``"desktop.lessons.<name>:LESSON.main"`` (see :mod:`desktop.runtime.run_target`).

    ``values`` arrive as a plain dict and become :class:`Params` only after the
    run process has said hello, so nothing of the lesson model is imported
    before the first event (that is what spawn latency measures).
    ``scratch_dir`` becomes this process tree's temporary directory (files,
    sockets of managers...), so the parent can remove whatever a stopped run left.
    """
    process_tree.become_group_leader()
    _use_temp_dir(scratch_dir)
    named_resources.use_semprefix(named_resources.run_semprefix(scratch_dir))  # swept after the run
    probe.set_orphan_handler(functools.partial(_kill_own_group, scratch_dir))
    probe.attach()
    try:
        from desktop.model.param import Params

        result = _resolve(entry)(Params(values), probe)
    except BaseException as error:
        probe.error(error, traceback.format_exc())
        probe.flush()
        sys.exit(1)
    probe.result(result if result is not None else {})
    probe.flush()


def _resolve(entry: str) -> Callable[..., Any]:
    """Import the module ``entry`` names and return the function at its attribute path."""
    module_name, _, path = entry.partition(":")
    found: Any = importlib.import_module(module_name)
    for attribute in path.split("."):
        found = getattr(found, attribute)
    return found


def _use_temp_dir(path: str) -> None:
    tempfile.tempdir = path
    for name in ("TMPDIR", "TEMP", "TMP"):  # inherited by every process the lesson spawns
        os.environ[name] = path


def _kill_own_group(scratch_dir: str) -> None:
    """Our parent died: take every process of this run and its scratch folder down with us."""
    process_tree.kill_tree(None, process_tree.descendants(), timeout=1.0)
    shutil.rmtree(scratch_dir, ignore_errors=True)  # nobody else will: the app that made it is gone
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():
        os.killpg(os.getpgrp(), signal.SIGKILL)  # kills us too
    os._exit(ORPHANED_EXIT_CODE)
