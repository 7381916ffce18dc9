"""Caps that keep a workshop laptop safe: a run that would exceed one is refused, or stopped once it does.

Each lesson bounds its own parameters; the caps bound the whole run, whatever
the combination: before it starts (against the lesson's estimate) and while it
runs (against what its processes really use, :meth:`Caps.exceeded`). The
defaults are safe for an 8 GB laptop; they are user settings in the GUI.
"""

from __future__ import annotations

import dataclasses

from desktop.model.lesson import Plan
from desktop.model.param import InvalidParams

RUNTIME_THREADS_PER_PROCESS = 16  # threads the runtime and multiprocessing may add to each process


@dataclasses.dataclass(frozen=True)
class Caps:
    max_processes: int = 64
    max_threads: int = 1000
    max_memory_mb: float = 2560.0  # every lesson at its maximum parameters fits (estimates: PROCESS_MB)

    def problems(self, plan: Plan) -> list[str]:
        """One message per cap ``plan`` exceeds, naming the cap."""
        problems = []
        if plan.processes > self.max_processes:
            problems.append(f"this run would start {plan.processes} processes; the cap is {self.max_processes}")
        if plan.threads > self.max_threads:
            problems.append(f"this run would start {plan.threads} threads; the cap is {self.max_threads}")
        if plan.memory_mb > self.max_memory_mb:
            problems.append(
                f"this run would need about {plan.memory_mb:,.0f} MB; the memory cap is {self.max_memory_mb:,.0f} MB"
            )
        return problems

    def exceeded(self, processes: int, memory_mb: float, threads: int) -> str | None:
        """Which cap a running run's measured use exceeds, in words; None if within them all.

        ``threads`` counts every thread, the runtime's own too (the probe's flusher, a pool's
        handlers, a manager's per-connection threads), so each process gets an allowance.
        """
        if processes > self.max_processes:
            return f"the run started {processes} processes; the cap is {self.max_processes}"
        if memory_mb > self.max_memory_mb:
            return f"the run used {memory_mb:,.0f} MB; the memory cap is {self.max_memory_mb:,.0f} MB"
        allowed_threads = self.max_threads + RUNTIME_THREADS_PER_PROCESS * (processes + 1)
        if threads > allowed_threads:
            runtime = allowed_threads - self.max_threads
            return f"the run started {threads} threads; the cap is {self.max_threads} (plus {runtime} for the runtime)"
        return None

    def check(self, plan: Plan) -> None:
        """Raise :class:`InvalidParams` listing every cap ``plan`` exceeds."""
        problems = self.problems(plan)
        if problems:
            raise InvalidParams(problems)
