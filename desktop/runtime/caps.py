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
from desktop.model.text import Text

RUNTIME_THREADS_PER_PROCESS = 16  # threads the runtime and multiprocessing may add to each process


@dataclasses.dataclass(frozen=True)
class Caps:
    max_processes: int = 64
    max_threads: int = 1000
    max_memory_mb: float = 2560.0  # every lesson at its maximum parameters fits (estimates: PROCESS_MB)

    def problems(self, plan: Plan) -> list[Text]:
        """One message per cap ``plan`` exceeds, naming the cap, in every language."""
        problems = []
        if plan.processes > self.max_processes:
            problems.append(
                Text(
                    f"this run would start {plan.processes} processes; the cap is {self.max_processes}",
                    f"这次运行会启动 {plan.processes} 个进程，上限是 {self.max_processes} 个",
                )
            )
        if plan.threads > self.max_threads:
            problems.append(
                Text(
                    f"this run would start {plan.threads} threads; the cap is {self.max_threads}",
                    f"这次运行会启动 {plan.threads} 个线程，上限是 {self.max_threads} 个",
                )
            )
        if plan.memory_mb > self.max_memory_mb:
            need, cap = f"{plan.memory_mb:,.0f}", f"{self.max_memory_mb:,.0f}"
            problems.append(
                Text(
                    f"this run would need about {need} MB; the memory cap is {cap} MB",
                    f"这次运行大约需要 {need} MB 内存，内存上限是 {cap} MB",
                )
            )
        return problems

    def exceeded(self, processes: int, memory_mb: float, threads: int) -> Text | None:
        """Which cap a running run's measured use exceeds, in words in every language; None if within them all.

        ``threads`` counts every thread, the runtime's own too (the probe's flusher, a pool's
        handlers, a manager's per-connection threads), so each process gets an allowance.
        """
        if processes > self.max_processes:
            return Text(
                f"the run started {processes} processes; the cap is {self.max_processes}",
                f"运行启动了 {processes} 个进程，上限是 {self.max_processes} 个",
            )
        if memory_mb > self.max_memory_mb:
            used, cap = f"{memory_mb:,.0f}", f"{self.max_memory_mb:,.0f}"
            return Text(
                f"the run used {used} MB; the memory cap is {cap} MB",
                f"运行用了 {used} MB 内存，内存上限是 {cap} MB",
            )
        allowed_threads = self.max_threads + RUNTIME_THREADS_PER_PROCESS * (processes + 1)
        if threads > allowed_threads:
            runtime = allowed_threads - self.max_threads
            return Text(
                f"the run started {threads} threads; the cap is {self.max_threads} (plus {runtime} for the runtime)",
                f"运行启动了 {threads} 个线程，上限是 {self.max_threads} 个（另有 {runtime} 个留给运行时）",
            )
        return None

    def check(self, plan: Plan) -> None:
        """Raise :class:`InvalidParams` listing every cap ``plan`` exceeds (in every language: ``error.texts``)."""
        problems = self.problems(plan)
        if problems:
            raise InvalidParams(problems)
