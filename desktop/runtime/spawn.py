"""The one multiprocessing start method and context of every run, on every platform.

Kept apart from the supervisor (which imports psutil) so that the probe, which
runs inside every worker, makes its own pipes in the same explicit context
without importing more than this.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context

START_METHOD = "spawn"


def spawn_context() -> multiprocessing.context.SpawnContext:
    """The one multiprocessing context every run uses, on every platform."""
    return multiprocessing.get_context(START_METHOD)
