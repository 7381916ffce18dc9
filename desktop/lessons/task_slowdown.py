"""How much longer tasks took while they ran at the same time than alone, and the words a verdict names it with.

Why: on some machines the cores slow each other down. Two logical cores that
share one physical core, or a virtual machine whose host is busy, run two
tasks at once each far slower than one alone, and nothing of it shows as
other programs' CPU use. A pool's apply_async and map then cannot pull ahead
of apply although the machine looked quiet. pool-speedup's tasks time
themselves, so the verdict can measure that cause and name it instead of
saying that no cause was measured: a task's mean time during a method's
counted round ÷ its mean time under apply, whose tasks run one at a time in
the same pool's workers. Alone is apply's round, not the sequential one in
the main process: a worker's task took 1.1-1.3× as long as the main
process's even under apply on the 2-vCPU VM, so only apply's round leaves
running at the same time as the one difference. gil-cpu-bound and
dummy-pool judge their processes by the same threshold (``SLOWED``), each
against its own "alone" (a share of the sequential phase; one task of the
thread pool). Each lesson says in its own sentence what the slowdown cost
it; the cause (``CORES_SLOWED``) and the turns clause are said here once.
"""

from __future__ import annotations

from desktop.model.text import Text

# Tasks that took at least this many times as long side by side as alone: the cores slowed each other down.
SLOWED = 1.3


def task_slowdowns(result: dict, methods: tuple[str, ...]) -> dict[str, float | None]:
    """Each method's mean task time in its counted round ÷ apply's (one task alone); None when not recorded.

    ``result["task_s"]`` holds the mean task time in each method's counted
    round; runs saved before it was recorded have none, and their slowdowns
    are unknown.
    """
    times = result.get("task_s", {})
    alone = times.get("apply")
    return {method: times[method] / alone if alone and times.get(method) else None for method in methods}


def slowed_down(slowdown: float | None, workers: int = 1, cores: int = 1) -> bool:
    """Whether a measured slowdown is large enough to name (see ``SLOWED``), beyond what ``workers`` taking turns
    on ``cores`` explain by themselves: each then takes workers ÷ cores times as long (see :func:`taking_turns`)."""
    return slowdown is not None and slowdown / max(1.0, workers / cores) >= SLOWED


# The cause every such verdict names, one sentence in both languages (each lesson says what it cost it).
CORES_SLOWED = Text(
    "The cores slowed each other down (two logical cores sharing one physical core, or a busy host)",
    "核心之间互相拖慢了（两个逻辑核心共用一个物理核心，或宿主机繁忙）",
)
WORKERS = Text("workers", "工作进程")


def taking_turns(workers: int, cores: int, who: Text = WORKERS) -> Text:
    """ ", of which 2.0× is 4 workers taking turns on 2 cores": what more ``who`` than cores explain by themselves
    (each takes workers ÷ cores times as long); empty texts when there are no more than cores."""
    if workers <= cores:
        return Text("", "")
    share = workers / cores
    return Text(
        f", of which {share:.1f}× is {workers} {who.en} taking turns on {cores} cores",
        f"，其中 {share:.1f} 倍来自 {workers} 个{who.zh}轮流使用 {cores} 个核心",
    )
