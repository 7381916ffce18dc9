"""Caps that keep a workshop laptop safe: a run that would exceed one is refused before it starts.

Each lesson bounds its own parameters; the caps bound the whole run, whatever
the combination. The defaults are safe for an 8 GB laptop; they are user
settings in the GUI.
"""

from __future__ import annotations

import dataclasses

from desktop.model.lesson import Plan
from desktop.model.param import InvalidParams


@dataclasses.dataclass(frozen=True)
class Caps:
    max_processes: int = 64
    max_threads: int = 1000
    max_memory_mb: float = 2048.0

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

    def check(self, plan: Plan) -> None:
        """Raise :class:`InvalidParams` listing every cap ``plan`` exceeds."""
        problems = self.problems(plan)
        if problems:
            raise InvalidParams(problems)
