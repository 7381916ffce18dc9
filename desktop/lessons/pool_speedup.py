"""A process pool three ways: ``apply`` (one at a time), ``apply_async`` and ``map``.

The same batch of CPU-bound tasks runs first one after another in a single
process (the baseline), then on a ``Pool`` with each calling style. ``apply``
waits for every result before submitting the next task, so the pool's workers
take turns and nothing runs in parallel; ``apply_async`` and ``map`` hand out
all the tasks at once and keep every worker busy.
"""

from __future__ import annotations

import multiprocessing
import os
import time

from desktop.lessons.task_slowdown import CORES_SLOWED, slowed_down, taking_turns, task_slowdowns
from desktop.lessons.workload import burn, iterations_for
from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, bool_param, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, cores_left, is_busy, load_figure, load_note, mean, ratio
from desktop.runtime.probe import Probe, State, current_probe

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

CORES = os.cpu_count() or 1
METHODS = ("apply", "apply_async", "map")
PARALLEL = ("apply_async", "map")  # the calling styles that hand out every task at once
METHOD_ZH = {"sequential": "顺序执行"}  # the pool's methods are called by their names in Chinese too
# apply_async or map must beat apply by this factor before the verdict says the pool ran tasks at once.
PARALLEL_MARGIN = 1.2


def task(iterations: int) -> tuple[int, float]:
    """One CPU-bound task, run by a pool worker: its checksum and how long it took.

    Under apply a worker runs it alone; under apply_async and map, beside the
    other workers' tasks, it should take as long. If the cores slow each
    other down, it takes longer, and the verdict can tell.
    """
    probe = current_probe()
    probe.state(State.RUNNING, f"task of {iterations:,} steps", zh=f"{iterations:,} 步的任务")
    started = time.perf_counter()
    checksum = burn(iterations)
    took = time.perf_counter() - started  # this task's own duration, in this worker
    probe.count("tasks")
    probe.state(State.WAITING_GET, "waiting for the next task", zh="等待下一个任务")
    return checksum, took


def warm_up(_: int) -> None:
    """Gives every worker time to start before the clock runs."""
    time.sleep(0.05)


def run_batch(pool, method: str, sizes: list[int], chunksize: int) -> list[tuple[int, float]]:
    """Run ``sizes`` on ``pool`` with one calling style and return the results: (checksum, seconds) per task."""
    if method == "apply":
        return [pool.apply(task, (n,)) for n in sizes]  # blocks on each task in turn
    if method == "apply_async":
        pending = [pool.apply_async(task, (n,)) for n in sizes]  # all submitted at once
        return [result.get() for result in pending]
    return pool.map(task, sizes, chunksize=chunksize)


def timed_on_pool(
    probe: Probe, workers: int, methods: tuple[str, ...], sizes: list[int], chunksize: int, rounds: int
) -> tuple[dict[str, float], dict[str, int], dict[str, float]]:
    """Best time of each method on one pool of ``workers`` processes (start-up not counted), its round, task time.

    Methods take turns, round after round, and the fastest round counts: a
    background burst on a busy machine then spoils one round, not a method.
    Each round of a method is its own phase (:func:`phase_of`); the round
    that counted (1-based) is returned so the verdict can judge the method
    against the load measured during that round. The third dict is the mean
    time one task took in that round, for the pool's methods.
    """
    best = {method: float("inf") for method in methods}
    fastest = {method: 0 for method in methods}
    task_s = {}
    pool = ctx.Pool(workers, initializer=probe.attach)
    try:
        pool.map(warm_up, range(workers), chunksize=1)
        for round_number in range(rounds):
            for method in methods:
                probe.phase(
                    phase_of(method, workers, round_number + 1),
                    zh=f"{METHOD_ZH.get(method, method)} ×{workers} 第 {round_number + 1} 轮",
                )
                probe.state(
                    State.RUNNING if method == "sequential" else State.WAITING_GET,
                    f"timing {method}",
                    zh=f"为 {METHOD_ZH.get(method, method)} 计时",
                )
                started = time.perf_counter()
                if method == "sequential":
                    for n in sizes:
                        burn(n)  # here, in the main process, while the pool idles
                else:
                    results = run_batch(pool, method, sizes, chunksize)
                took = time.perf_counter() - started
                if took < best[method]:
                    best[method], fastest[method] = took, round_number + 1
                    if method != "sequential":  # one task's mean time in this round, as the workers timed it
                        task_s[method] = mean(seconds for _, seconds in results)
    except BaseException:
        pool.terminate()  # something failed: don't wait for queued tasks
        raise
    else:
        pool.close()  # no more tasks: workers finish and exit cleanly
    finally:
        pool.join()
    return best, fastest, task_s


def phase_of(method: str, workers: int, round_number: int) -> str:
    """The phase name of one round (1-based) of ``method`` on a pool of ``workers``: "apply_async x2 #1"."""
    return f"{method} x{workers} #{round_number}"


def main(params: Params, probe: Probe) -> dict:
    probe.state(State.RUNNING, "measuring task size", zh="测定任务大小")
    sizes = [iterations_for(params.task_seconds)] * params.tasks
    probe.state(State.WAITING_GET, "timing the methods", zh="为各种调用方式计时")
    methods = ("sequential", *METHODS)
    seconds, fastest, task_s = timed_on_pool(probe, params.workers, methods, sizes, params.chunksize, params.rounds)
    sweep = {}
    if params.sweep:
        for workers in range(1, params.workers + 1):
            sweep[workers] = timed_on_pool(probe, workers, ("map",), sizes, params.chunksize, 1)[0]["map"]
    probe.state(State.FINISHED)
    return {
        "sequential": seconds.pop("sequential"),
        "seconds": seconds,
        "fastest_round": fastest,
        "task_s": task_s,
        "sweep": sweep,
        "cores": CORES,
    }


def method_loads(params: Params, outcome: Outcome) -> dict[str, float]:
    """Cores other programs used during the round of each method whose time counts (its fastest).

    Why that round: the speed-up reported is that round's time, so only the
    load during it can have spoiled the figure; a busier round was discarded
    with its time, and the run's mean hides a burst inside one short round.
    Runs saved before the fastest round was recorded take the least loaded
    round of the method (the load it surely had at least once); a method
    without any phase, the run's mean.
    """
    fastest = outcome.result.get("fastest_round", {})
    loads = {}
    for method in METHODS:
        rounds = [fastest[method]] if method in fastest else range(1, params.rounds + 1)
        measured = []
        for round_number in rounds:
            try:
                measured.append(outcome.phase_background(phase_of(method, params.workers, round_number)))
            except KeyError:
                continue
        loads[method] = min(measured) if measured else outcome.background_cores()
    return loads


def during(method: str) -> Text:
    """The stretch a method's load was measured over, as :func:`desktop.model.verdict.load_note` says it."""
    return Text(f"{method}'s fastest round", f"{method} 最快的一轮")


def conclusion(
    workers: int,
    cores: int,
    speedup: dict[str, float],
    background: float,
    loads: dict[str, float] | None = None,
    slowdowns: dict[str, float | None] | None = None,
) -> Text:
    """What the speed-ups show, judged against the cores other programs left each method.

    ``background`` is the run's mean load; ``loads`` the load during each
    method's counted round (:func:`method_loads`; the run's mean for every
    method when not given). apply needs one core, apply_async and map all of
    them: the claim stands when either beats apply, judged against the load
    during its own round; it fails for want of cores only when the quieter of
    their two rounds was short of cores, which the verdict names. Else, when
    the quieter round's tasks each took much longer than under apply, beyond
    what more workers than cores taking turns explains (``slowdowns``,
    :func:`desktop.lessons.task_slowdown.task_slowdowns`), the cores slowed
    each other down, and the verdict names that.
    """
    loads = loads or {method: background for method in METHODS}
    ideal = min(workers, cores)

    def squeezed(load: float) -> bool:  # other programs took cores the pool could have used
        return min(workers, cores_left(load, cores)) < ideal - 0.25

    if ideal < 2:
        note = load_note(background, cores)
        return Text(
            " With one worker or one core, no calling style can run two tasks at once." + note.en,
            "只有一个工作进程或一个核心时，任何调用方式都无法同时运行两个任务。" + note.zh,
        )
    winner = max(PARALLEL, key=lambda method: speedup[method])
    if speedup[winner] >= PARALLEL_MARGIN * speedup["apply"]:
        left = cores_left(loads[winner], cores)
        shared = Text(
            f"the pool's {workers} workers shared the cores with them: only about {left:.1f} were left for {winner}",
            f"进程池的 {workers} 个工作进程要与它们分享核心：{winner} 平均只剩约 {left:.1f} 个核心",
        )
        note = load_note(loads[winner], cores, shared if squeezed(loads[winner]) else None, during=during(winner))
        return Text(
            " apply_async and map kept several workers busy at once; apply kept one." + note.en,
            "apply_async 和 map 让多个工作进程同时忙碌，apply 一次只用一个。" + note.zh,
        )
    quieter = min(PARALLEL, key=lambda method: loads[method])  # the load must explain both: judge the lesser
    other = next(method for method in PARALLEL if method != quieter)
    left = cores_left(loads[quieter], cores)
    if is_busy(loads[quieter]) and squeezed(loads[quieter]):
        return load_note(
            loads[quieter],
            cores,
            Text(
                f"the pool's {workers} workers had only about {left:.1f} cores left (at most that during "
                f"{other}'s fastest round, where other programs used {loads[other]:.1f}), and apply_async and map "
                "could not pull ahead of apply; run it again when the machine is quieter",
                f"进程池的 {workers} 个工作进程只剩约 {left:.1f} 个核心（{other} 最快的一轮期间其他程序占用了 "
                f"{loads[other]:.1f} 个，剩下的不会更多），apply_async 和 map 没能快过 apply；"
                "请在机器较空闲时再运行一次",
            ),
            during=during(quieter),
        )
    figure = load_figure(loads[quieter], cores)
    slowdown = (slowdowns or {}).get(quieter)
    if slowed_down(slowdown, workers, cores):
        return slowdown_cause(slowdown, workers, cores, during(quieter), figure)
    return Text(
        f" apply_async and map were no faster than apply in this run, and no cause was measured: other programs "
        f"used {figure.en} during {during(quieter).en} and {loads[other]:.1f} during {during(other).en}.",
        f"本次运行中 apply_async 和 map 并不比 apply 快，也没有测到原因：{during(quieter).zh}期间其他程序占用了 "
        f"{figure.zh}，{during(other).zh}期间占用了 {loads[other]:.1f} 个。",
    )


def slowdown_cause(slowdown: float, workers: int, cores: int, during: Text, load: Text) -> Text:
    """The verdict's sentence when apply_async and map lost to apply because tasks slowed each other down.

    ``during`` names the round the slowdown was measured in, ``load`` the
    cores other programs used then (too few to explain it). More workers
    than cores take turns: the sentence then says how much of it that explains.
    """
    turns = taking_turns(workers, cores)
    return Text(
        f" apply_async and map were no faster than apply in this run: during {during.en}, while the {workers} "
        f"workers ran at the same time, each task took {slowdown:.1f}× as long as a task run alone under apply"
        f"{turns.en} (other programs used only {load.en}). {CORES_SLOWED.en}, so apply_async and map could not "
        "pull ahead of apply.",
        f"本次运行中 apply_async 和 map 并不比 apply 快：{during.zh}中，{workers} 个工作进程同时运行时，"
        f"每个任务的用时是 apply 下单独运行时的 {slowdown:.1f} 倍{turns.zh}（其他程序只占用了 {load.zh}）。"
        f"{CORES_SLOWED.zh}，因此 apply_async 和 map 没能快过 apply。",
    )


def verdict(params: Params, outcome: Outcome) -> Verdict:
    background = outcome.background_cores()
    loads = method_loads(params, outcome)
    sequential = outcome.result["sequential"]
    seconds = outcome.result["seconds"]
    speedup = {method: ratio(sequential, seconds[method]) for method in METHODS}
    workers = params.workers
    en = (
        f"With {workers} workers on {outcome.result['cores']} cores, against one process doing all "
        f"{params.tasks} tasks: apply {speedup['apply']:.2f}× (it waits for each result), "
        f"apply_async {speedup['apply_async']:.2f}×, map {speedup['map']:.2f}×; "
        f"ideal {min(workers, outcome.result['cores'])}×."
    )
    zh = (
        f"{outcome.result['cores']} 个核心上用 {workers} 个工作进程，与单进程依次完成 {params.tasks} 个任务相比："
        f"apply {speedup['apply']:.2f} 倍（逐个等待结果），apply_async {speedup['apply_async']:.2f} 倍，"
        f"map {speedup['map']:.2f} 倍；理想值 {min(workers, outcome.result['cores'])} 倍。"
    )
    slowdowns = task_slowdowns(outcome.result, PARALLEL)  # None for runs saved before tasks timed themselves
    judged = conclusion(workers, outcome.result["cores"], speedup, background, loads, slowdowns)
    en, zh = en + judged.en, zh + judged.zh
    figures: dict[str, float] = {f"speedup_{m}": round(speedup[m], 3) for m in METHODS}
    figures.update({f"efficiency_{m}": round(speedup[m] / workers, 3) for m in METHODS})
    figures.update({"cores": outcome.result["cores"], "workers": workers, "sequential_s": round(sequential, 3)})
    figures["background_cores"] = round(background, 2)
    figures.update({f"background_cores_{m}": round(loads[m], 2) for m in METHODS})
    figures.update({f"task_slowdown_{m}": round(s, 3) for m, s in slowdowns.items() if s is not None})
    for n, took in outcome.result["sweep"].items():
        figures[f"speedup_map_{n}_workers"] = round(ratio(sequential, took), 3)
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="pool-speedup",
    chapter=Chapter.POOLS,
    exercise="pool_apply_map.py",
    title=Text("Pool speed-up: apply, apply_async and map", "进程池加速：apply、apply_async 与 map"),
    summary=Text(
        "The same CPU-bound tasks run in one process, then on a process pool called three ways. Only the "
        "calls that hand out many tasks at once make the pool faster.",
        "同一批 CPU 密集型任务先在单个进程中依次运行，再用三种方式交给进程池。"
        "只有一次性派发多个任务的调用方式才能让进程池更快。",
    ),
    watch=Text(
        "Watch the CPU plot: during apply one core is busy at a time; during apply_async and map all are.",
        "观察 CPU 曲线：apply 阶段一次只有一个核心忙；apply_async 和 map 阶段所有核心都忙。",
    ),
    explanation=Text(
        "Pool(n) starts n worker processes once and reuses them for every task. pool.apply(f, args) sends one "
        "task and blocks until its result is back, so a loop of apply calls is serial even with many workers. "
        "pool.apply_async returns an AsyncResult at once; submitting every task first and collecting results "
        "afterwards lets all workers run together. pool.map splits an iterable into chunks (chunksize) and "
        "does the same in one call. Speed-up = sequential time ÷ pool time; efficiency = speed-up ÷ workers, "
        "at most 1. Starting the workers is not timed here: the pool is warmed up first.",
        "Pool(n) 只启动一次 n 个工作进程，并在所有任务中复用它们。pool.apply(f, args) 发送一个任务并阻塞到"
        "结果返回，因此循环调用 apply 即使有多个工作进程也是串行的。pool.apply_async 立即返回 AsyncResult；"
        "先提交全部任务、再统一取结果，所有工作进程就能同时运行。pool.map 把可迭代对象按 chunksize 分块，"
        "一次调用完成同样的事。加速比 = 顺序执行时间 ÷ 进程池时间；效率 = 加速比 ÷ 工作进程数，最大为 1。"
        "这里不计入工作进程的启动时间：进程池已先预热。",
    ),
    params=(
        int_param("workers", min(CORES, 64), 1, 64, Text("Pool size", "进程池大小"), "processes"),
        int_param("tasks", 16, 1, 1000, Text("Tasks", "任务数"), "tasks"),
        float_param("task_seconds", 0.05, 0.001, 2.0, Text("CPU time per task", "每个任务的 CPU 时间"), "s"),
        int_param("chunksize", 1, 1, 1000, Text("map chunksize", "map 的 chunksize"), "tasks"),
        int_param("rounds", 3, 1, 20, Text("Rounds (best counts)", "轮数（取最快一轮）"), "rounds"),
        bool_param("sweep", True, Text("Also time map for 1..workers", "另测 1 到 workers 个进程的 map")),
    ),
    main=main,
    verdict=verdict,
    quick={"tasks": 8, "task_seconds": 0.03, "rounds": 1, "sweep": False},
    concepts=("Pool", "apply", "apply_async", "map", "imap_unordered", "chunksize", "speed-up", "进程池", "加速比"),
    prediction=prediction.number(
        "speedup_apply",
        "How many times as fast as one process will a pool be when you call apply() in a loop?",
        "在循环里调用 apply() 时，进程池的速度是单个进程的几倍？",
        prediction.TIMES,
        decimals=1,
        tolerance=0.25,
    ),
    comparison=comparison.with_common(
        comparison.vary(
            "workers",
            1,
            comparison.MANY_WORKERS,
            "Pool of {}",
            "{} 个进程的池",
            ("speedup_apply_async", "speedup_map", "sequential_s"),
            simultaneous=False,
        ),
        sweep=False,
    ),
    figures=(
        "speedup_apply",
        "speedup_apply_async",
        "speedup_map",
        "efficiency_apply",
        "efficiency_apply_async",
        "efficiency_map",
        "cores",
        "workers",
        "sequential_s",
        "background_cores",
        "background_cores_apply",
        "background_cores_apply_async",
        "background_cores_map",
        "task_slowdown_apply_async",
        "task_slowdown_map",
        "speedup_map_{n}_workers",
    ),
)
