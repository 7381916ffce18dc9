"""join() makes the parent wait; it does not make the children take turns.

The same children (each just sleeps for a while) are run twice:

* **all, then join** — start every child, then join them one by one. While the
  parent waits in the first join(), the other children are already sleeping
  too, so the whole thing takes about as long as the longest sleep.
* **one by one** — start a child and join it at once, before starting the
  next. Now the parent's waiting keeps the next child from even existing, so
  the sleeps add up.

Each child reports when it falls asleep and when it wakes up, so besides the
wall times the verdict can count how many children were asleep at once.
"""

from __future__ import annotations

import multiprocessing
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, load_note, ratio, rounded
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

ALL_THEN_JOIN = "all-then-join"
ONE_BY_ONE = "one-by-one"
PHASES = {  # each phase, and how a verdict names the load measured during it
    ALL_THEN_JOIN: Text("the start-all-then-join phase", "先全部启动再 join 阶段"),
    ONE_BY_ONE: Text("the one-by-one phase", "逐个启动并 join 阶段"),
}


def sleeper(probe: Probe, seconds: float) -> None:
    """A child whose only job is to take ``seconds`` of wall time."""
    probe.state(State.SLEEPING, f"sleeping {seconds:.2f} s", zh=f"休眠 {seconds:.2f} 秒")
    time.sleep(seconds)
    probe.state(State.FINISHED)


def sleep_lengths(params: Params) -> list[float]:
    """Evenly spread from the shortest to the longest sleep."""
    low, high = sorted((params.shortest, params.longest))
    if params.children == 1:
        return [high]
    step = (high - low) / (params.children - 1)
    return [low + step * index for index in range(params.children)]


def start_all_then_join(probe: Probe, sleeps: list[float]) -> float:
    started = time.perf_counter()
    children = [
        ctx.Process(target=sleeper, args=(probe, seconds), name=f"A-{index + 1}")
        for index, seconds in enumerate(sleeps)
    ]
    for child in children:
        child.start()
    probe.state(State.WAITING_JOIN, "join() each child in turn", zh="依次 join() 每个子进程")
    for child in children:
        child.join()  # while we wait here, the others keep sleeping
    return time.perf_counter() - started


def start_and_join_one_by_one(probe: Probe, sleeps: list[float]) -> float:
    started = time.perf_counter()
    for index, seconds in enumerate(sleeps):
        child = ctx.Process(target=sleeper, args=(probe, seconds), name=f"B-{index + 1}")
        child.start()
        probe.state(
            State.WAITING_JOIN,
            f"join() B-{index + 1} before starting the next",
            zh=f"先 join() B-{index + 1}，再启动下一个",
        )
        child.join()  # the next child is not started until this one has ended
    return time.perf_counter() - started


def main(params: Params, probe: Probe) -> dict:
    sleeps = sleep_lengths(params)
    probe.phase(ALL_THEN_JOIN, zh="先全部启动再逐个 join")
    probe.state(State.RUNNING, "starting every child", zh="启动所有子进程")
    wall_all = start_all_then_join(probe, sleeps)
    probe.log(f"start all, then join all: {wall_all:.2f} s", zh=f"先全部启动再逐个 join：{wall_all:.2f} 秒")
    probe.phase(ONE_BY_ONE, zh="启动一个就 join 一个")
    probe.state(State.RUNNING, "start, join, start, join...", zh="start、join、start、join……")
    wall_one = start_and_join_one_by_one(probe, sleeps)
    probe.log(f"start and join one by one: {wall_one:.2f} s", zh=f"启动一个就 join 一个：{wall_one:.2f} 秒")
    probe.state(State.FINISHED)
    return {"sleeps": sleeps, "wall_all_then_join": wall_all, "wall_one_by_one": wall_one}


def most_asleep_at_once(outcome: Outcome, prefix: str) -> int:
    """The largest number of children (names starting with ``prefix``) sleeping at the same moment."""
    changes = []
    for worker in outcome.workers():
        if not worker.startswith(prefix):
            continue
        states = outcome.states_of(worker)
        asleep = [t for t, state in states if state == State.SLEEPING]
        awake = [t for t, state in states if state == State.FINISHED]
        if asleep and awake:
            changes += [(asleep[0], +1), (awake[-1], -1)]
    most = current = 0
    for _, delta in sorted(changes, key=lambda change: (change[0], change[1])):  # wake-ups first on ties
        current += delta
        most = max(most, current)
    return most


def nearer(wall: float, longest: float, total: float) -> tuple[str, str]:
    """Say whether ``wall`` is nearer the longest sleep (parallel) or the sum (sequential)."""
    if abs(wall - longest) <= abs(wall - total):
        return "nearer the longest sleep", "更接近最长的睡眠时间"
    return "nearer the sum of the sleeps", "更接近睡眠时间之和"


def verdict(params: Params, outcome: Outcome) -> Verdict:
    sleeps = outcome.result["sleeps"]
    wall_all = outcome.result["wall_all_then_join"]
    wall_one = outcome.result["wall_one_by_one"]
    longest, total = max(sleeps), sum(sleeps)
    together_all = most_asleep_at_once(outcome, "A-")
    together_one = most_asleep_at_once(outcome, "B-")
    count = len(sleeps)
    # One by one, each child's start-up and exit add up one after another: what is over the sum is start-up.
    startup_each = max(0.0, wall_one - total) / count
    startup_dominated = startup_each > total / count
    nearer_all_en, nearer_all_zh = nearer(wall_all, longest, total)
    nearer_one_en, nearer_one_zh = nearer(wall_one, longest, total)
    en = f"{count} children sleeping {min(sleeps):.2f}–{longest:.2f} s (longest {longest:.2f} s, sum {total:.2f} s). "
    zh = f"{count} 个子进程，各睡 {min(sleeps):.2f}–{longest:.2f} 秒（最长 {longest:.2f} 秒，总和 {total:.2f} 秒）。"
    if startup_dominated:
        en += (
            f"Start all, then join all: {wall_all:.2f} s, up to {together_all} asleep at the same time; "
            f"start and join one by one: {wall_one:.2f} s, at most {together_one} at a time. "
            f"Starting a process took about {startup_each:.2f} s, longer than the children's mean sleep of "
            f"{total / count:.2f} s, so these times measure process start-up more than sleeping: this run cannot "
            "show what starting everything before joining saves. Give the children longer sleeps."
        )
        zh += (
            f"先全部启动再逐个 join：用时 {wall_all:.2f} 秒，最多有 {together_all} 个同时在睡；"
            f"启动一个就 join 一个：用时 {wall_one:.2f} 秒，同一时刻最多 {together_one} 个在睡。"
            f"启动一个进程约需 {startup_each:.2f} 秒，比子进程的平均睡眠 {total / count:.2f} 秒还长，"
            "所以这两个用时主要量的是进程启动而不是睡眠：这次运行看不出先全部启动再 join 能省多少时间。"
            "请让子进程睡得更久。"
        )
    else:
        en += (
            f"Start all, then join all: {wall_all:.2f} s, {nearer_all_en}; up to {together_all} slept at the same "
            f"time. Start and join one by one: {wall_one:.2f} s, {nearer_one_en}; at most {together_one} slept at a "
            f"time. The time over the ideal is process start-up: {wall_all - longest:.2f} s once vs "
            f"{wall_one - total:.2f} s in total one by one. One by one took {ratio(wall_one, wall_all):.1f}× as long."
        )
        zh += (
            f"先全部启动再逐个 join：用时 {wall_all:.2f} 秒，{nearer_all_zh}；最多有 {together_all} 个同时在睡。"
            f"启动一个就 join 一个：用时 {wall_one:.2f} 秒，{nearer_one_zh}；同一时刻最多 {together_one} 个在睡。"
            f"超出理想值的部分是启动进程的开销：前者 {wall_all - longest:.2f} 秒，后者合计 {wall_one - total:.2f} 秒。"
            f"逐个 join 的用时是前者的 {ratio(wall_one, wall_all):.1f} 倍。"
        )
    background = outcome.background_cores()
    # Start-up needs the CPU in both phases: load in one lengthens its wall time, so the busier phase is named.
    loads = {phase: outcome.phase_background(phase) for phase in PHASES}
    busiest = max(PHASES, key=lambda phase: loads[phase])
    load = load_note(
        loads[busiest],
        outcome.cores(),
        Text(
            "starting the processes, which needs the CPU, had to share the cores",
            "启动进程需要 CPU，只能与它们分享核心",
        ),
        during=PHASES[busiest],
    )
    en, zh = en + load.en, zh + load.zh
    figures = {
        "children": count,
        "background_cores": background,
        "background_cores_all_then_join": loads[ALL_THEN_JOIN],
        "background_cores_one_by_one": loads[ONE_BY_ONE],
        "longest_sleep_s": longest,
        "sum_sleep_s": total,
        "wall_all_then_join_s": wall_all,
        "wall_one_by_one_s": wall_one,
        "asleep_together_all_then_join": together_all,
        "asleep_together_one_by_one": together_one,
        "slowdown": ratio(wall_one, wall_all),
        "startup_per_child_s": startup_each,
        "startup_dominated": int(startup_dominated),
    }
    return Verdict(Text(en, zh), rounded(figures))


LESSON = Lesson(
    id="join-parallel",
    chapter=Chapter.PROCESSES,
    exercise="process_join.py",
    title=Text("join() waits, children still run in parallel", "join() 只让父进程等待，子进程照样并行"),
    summary=Text(
        "The same sleeping children run twice: started all at once and then joined, or started and joined "
        "one at a time. The first takes as long as the longest sleep, the second as long as all of them.",
        "同一批会睡觉的子进程运行两次：先全部启动再 join，或者启动一个 join 一个。"
        "前者的总时间约等于最长的那次睡眠，后者约等于所有睡眠时间之和。",
    ),
    watch=Text(
        "Watch the timeline: in the first phase the bars overlap, in the second they form a staircase.",
        "观察时间线：第一阶段各条形相互重叠，第二阶段排成一级级台阶。",
    ),
    explanation=Text(
        "join() blocks the caller — the parent — until that one child has ended. It does nothing to the other "
        "children: once started they run on their own. So the pattern 'start them all, then join them all' "
        "lets every child work at the same time and the parent waits only as long as the slowest one. Calling "
        "join() right after each start() is a different program: the parent cannot start the next child "
        "before the previous one is done, and the work becomes sequential.",
        "join() 阻塞的是调用它的父进程，直到那一个子进程结束；它不影响其他子进程，它们一旦启动就各自运行。"
        "所以“先全部 start，再全部 join”让所有子进程同时工作，父进程只需等最慢的那个。"
        "而每次 start() 之后立刻 join() 则是另一个程序：上一个子进程结束前，父进程无法启动下一个，工作就变成了串行。",
    ),
    params=(
        int_param("children", 4, 1, 16, Text("Children", "子进程数"), "processes"),
        float_param("shortest", 1.0, 0.0, 10.0, Text("Shortest sleep", "最短睡眠"), "s"),
        float_param("longest", 3.0, 0.0, 10.0, Text("Longest sleep", "最长睡眠"), "s"),
    ),
    main=main,
    verdict=verdict,
    quick={"children": 3, "shortest": 0.05, "longest": 0.2},
    concepts=("join", "start", "parallel", "sequential", "wall time", "并行", "串行", "等待"),
    prediction=prediction.number(
        "wall_all_then_join_s",
        "Start every child, then join them all: how many seconds will that take?",
        "先启动全部子进程，再逐个 join：一共要多少秒？",
        prediction.SECONDS,
        decimals=1,
        tolerance=0.2,
    ),
    comparison=comparison.vary(
        "children", 2, 8, "{} children", "{} 个子进程", ("wall_all_then_join_s", "wall_one_by_one_s", "slowdown")
    ),
    figures=(
        "children",
        "longest_sleep_s",
        "sum_sleep_s",
        "wall_all_then_join_s",
        "wall_one_by_one_s",
        "asleep_together_all_then_join",
        "asleep_together_one_by_one",
        "slowdown",
        "startup_per_child_s",
        "startup_dominated",
        "background_cores",
        "background_cores_all_then_join",
        "background_cores_one_by_one",
    ),
)
