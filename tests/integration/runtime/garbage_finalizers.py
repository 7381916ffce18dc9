"""A run target whose run process drops multiprocessing locks in reference cycles, thousands of times.

Such a lock is freed by the garbage collector, which runs wherever an
allocation happens to cross its threshold, also while the probe holds its
buffer lock to encode and send a batch (creating the next lock reports its name
and sends at once). The lock's finalizer, ``SemLock._cleanup``, then reports
the name unregistered through the same probe on the same thread. That is how
``pool-lifecycle`` hung in about 1 run of 7 (its first part's pool, left in
reference cycles, freed by the collector while its second ``Pool()`` was
created); here the collector gets thousands of chances instead of a few.
"""

from __future__ import annotations

import gc
import multiprocessing

from desktop.model.lesson import Plan
from desktop.model.text import Text
from desktop.model.verdict import Verdict

id = "garbage-locks"
module_name = __name__
entry = f"{__name__}:main"
stall_timeout = 15.0  # the deadlock lasts forever: any bound ends it; a healthy run reports every round
ROUNDS = 3000

ctx = multiprocessing.get_context("spawn")


def plan_for(_params):
    return Plan(processes=0, threads=0)


def verdict(_params, outcome):
    return Verdict(Text("collected", "collected"), {"rounds": outcome.result["rounds"]})


class _Cycle:
    """Refers to itself, so only the cyclic garbage collector frees it (and its lock)."""

    def __init__(self) -> None:
        self.me = self
        self.lock = ctx.Lock()


def main(params, probe) -> dict:
    """Create ``rounds`` locks, each dropped at once in a reference cycle; then collect what is left."""
    for _ in range(params["rounds"]):
        _Cycle()
        probe.count("locks")
    gc.collect()
    return {"rounds": params["rounds"]}
