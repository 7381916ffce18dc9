"""Instrumentation of a student's plain script: no probe calls in their code.

Installed in the run process before the script runs, and in every process the
script starts (spawned children, pool workers, the manager server,
``ProcessPoolExecutor`` workers, grandchildren) before that process re-imports
the script. It wraps lifecycle points and blocking primitives only:

* :mod:`~desktop.runtime.instrument.lifecycle`: one lane per process and per
  thread; the spawn preparation data that carries all this into children;
* :mod:`~desktop.runtime.instrument.blocking`: locks, semaphores, events,
  conditions, barriers, joins, pool and future results, pipes, sockets,
  sleep, ``input()``;
* :mod:`~desktop.runtime.instrument.thread_lock`: ``threading.Lock``/``RLock``
  (a C type: replaced by factories);
* :mod:`~desktop.runtime.instrument.queues`: depth of every queue from puts
  and gets, pools' and executors' task queues included, counted per process
  and reported a few dozen times a second (:mod:`~desktop.runtime.instrument.tally`);
* :mod:`~desktop.runtime.instrument.streams`: stdout and stderr of every
  process and thread as log events, tracebacks as errors;
* :mod:`~desktop.runtime.instrument.tasks`: a lane per asyncio task of the script.

Everything reports through the process's probe (:mod:`.report`), and only
for calls the student's own code makes (:mod:`.frames`). Only ``threading``,
``time``, ``input()`` and the process's start and end are patched at install;
every other module (``multiprocessing.pool``, ``concurrent.futures``,
``asyncio``, managers, sockets, ...) when the process first imports it
(:mod:`desktop.runtime.import_hook`), so a pool worker that never touches asyncio does not
load it: this package and its modules import nothing heavy at their top.

``config`` is a plain dict: ``script`` (absolute path), ``user_dirs``
(directories whose files count as the student's), ``package_root`` (the
directory holding the ``desktop`` package when running from source, else None).
"""

from __future__ import annotations

import multiprocessing.context
import sys
from typing import Any

from desktop.runtime.instrument import blocking, frames, lifecycle, queues, report, streams, tasks, thread_lock

_installed = False


def install(probe: Any, config: dict[str, Any]) -> list[streams.LineStream]:
    """Instrument this process; its stdout and stderr become the returned line streams."""
    global _installed
    frames.set_user_dirs(config["user_dirs"])
    report.use(probe)
    outputs = [streams.LineStream(report.STDOUT), streams.LineStream(report.STDERR)]
    sys.stdout, sys.stderr = outputs
    spawn_by_default()
    if not _installed:
        _installed = True
        thread_lock.install()
        blocking.install()
        queues.install()
        tasks.install()
    lifecycle.install(config, outputs)
    return outputs


def install_in_child(probe: Any, config: dict[str, Any]) -> None:
    """Called while a spawned child unpickles its preparation data (see :mod:`.lifecycle`)."""
    install(probe, config)


def spawn_by_default() -> None:
    """``multiprocessing.Process`` and friends use spawn unless the script chooses another method.

    Only the default is changed: the script may still call ``set_start_method()``.
    """
    default = multiprocessing.context._default_context
    default._default_context = multiprocessing.context._concrete_contexts["spawn"]
