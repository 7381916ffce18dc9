"""Running, ready, blocked: more CPU-hungry processes than cores means waiting for a core.

At any moment a process is in one of three basic states:

* **running** — a core is executing it;
* **ready** — it could run right now, but every core is busy: it waits in the
  scheduler's queue;
* **blocked** — it waits for something else (disk, network, a timer, a lock)
  and would not use a core even if one were free.

This lesson starts more CPU-bound workers than there are cores, plus a few
IO-bound workers that mostly wait. Every worker measures, from the inside,
how much CPU time it got (``time.process_time()``) during how much wall time
(``time.perf_counter()``). A CPU-bound worker wants a core all the time, so
the part of its wall time without CPU is time it spent *ready*. An IO-bound
worker's missing CPU time is time it spent *blocked*.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import time

from desktop.lessons.workload import burn
from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, is_busy, load_figure, load_note, mean, rounded
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

BURN_CHUNK = 20_000  # a few milliseconds of work between looks at the clock
REPLY_WORK = 2_000  # what an IO worker does with each reply: a sliver of CPU
MAX_PROCESSES = 64
REPORT_TIMEOUT = 60.0
COMPETING = "competing for the cores"  # the phase in which every worker runs: its load is what the verdict judges
COMPETING_PHASE = Text("the competition for the cores", "争抢核心阶段")


def usable_cores() -> int:
    """Cores this process may run on (affinity-aware where the OS tells us)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def cpu_worker(probe: Probe, reports, start_line, seconds: float) -> None:
    """Compute without pause for ``seconds`` of wall time; report the CPU time actually received."""
    probe.state(State.WAITING_BARRIER, "waiting at the start line", zh="在起跑线等待")
    start_line.wait()
    probe.state(
        State.RUNNING,
        "computing (running, or ready when no core is free)",
        zh="计算中（正在运行；没有空闲核心时为就绪）",
    )
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall_start < seconds:
        burn(BURN_CHUNK)
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start
    reports.put(("cpu", multiprocessing.current_process().name, cpu, wall))
    probe.log(
        f"got {cpu:.2f} s of CPU in {wall:.2f} s: {cpu / wall:.0%} of a core",
        zh=f"{wall:.2f} 秒内得到 {cpu:.2f} 秒 CPU：一个核心的 {cpu / wall:.0%}",
    )
    probe.state(State.FINISHED)


def io_worker(probe: Probe, reports, start_line, seconds: float, io_wait: float) -> None:
    """Wait for a (simulated) reply, handle it briefly, repeat for ``seconds`` of wall time."""
    probe.state(State.WAITING_BARRIER, "waiting at the start line", zh="在起跑线等待")
    start_line.wait()
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    replies = 0
    while time.perf_counter() - wall_start < seconds:
        probe.state(State.SLEEPING, "blocked: waiting for IO", zh="阻塞：等待 IO")
        time.sleep(io_wait)
        probe.state(State.RUNNING, "handling the reply", zh="处理回复")
        burn(REPLY_WORK)
        replies += 1
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start
    reports.put(("io", multiprocessing.current_process().name, cpu, wall))
    probe.count("io_replies", replies)
    probe.log(
        f"handled {replies} replies using {cpu:.3f} s of CPU in {wall:.2f} s: {cpu / wall:.1%} of a core",
        zh=f"{wall:.2f} 秒内处理 {replies} 个回复，用了 {cpu:.3f} 秒 CPU：一个核心的 {cpu / wall:.1%}",
    )
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    cores = usable_cores()
    cpu_count = min(cores * params.workers_per_core, MAX_PROCESSES - params.io_workers)
    reports = ctx.Queue()
    start_line = ctx.Barrier(cpu_count + params.io_workers + 1)
    workers = [
        ctx.Process(target=cpu_worker, args=(probe, reports, start_line, params.seconds), name=f"cpu-{i + 1}")
        for i in range(cpu_count)
    ] + [
        ctx.Process(
            target=io_worker, args=(probe, reports, start_line, params.seconds, params.io_wait), name=f"io-{i + 1}"
        )
        for i in range(params.io_workers)
    ]
    probe.log(
        f"{cores} usable core(s): starting {cpu_count} CPU-bound and {params.io_workers} IO-bound workers",
        zh=f"可用 {cores} 个核心：启动 {cpu_count} 个 CPU 密集型和 {params.io_workers} 个 IO 密集型工作进程",
    )
    for worker in workers:
        worker.start()
    probe.state(
        State.WAITING_BARRIER, "waiting for every worker to reach the start line", zh="等待每个工作进程到达起跑线"
    )
    start_line.wait()
    probe.phase(COMPETING, zh="争抢 CPU 核心")
    probe.state(State.WAITING_GET, "collecting the workers' measurements", zh="收集工作进程的测量结果")
    measured = []
    for _ in workers:
        try:
            kind, name, cpu, wall = reports.get(timeout=params.seconds + REPORT_TIMEOUT)
        except queue.Empty:
            break
        measured.append({"kind": kind, "name": name, "cpu_s": cpu, "wall_s": wall})
    for worker in workers:
        worker.join()
    probe.state(State.FINISHED)
    return {"cores": cores, "cpu_workers": cpu_count, "io_workers": params.io_workers, "workers": measured}


def competing_load(outcome: Outcome) -> float:
    """Cores other programs used while the workers competed for the cores (the run's mean without the phase).

    The workers' shares are measured over that phase only, so it, not the
    run's mean (which includes starting every worker), is what they compete
    with.
    """
    try:
        return outcome.phase_background(COMPETING)
    except KeyError:
        return outcome.background_cores()


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    cores, cpu_workers = result["cores"], result["cpu_workers"]
    shares = {w["name"]: w["cpu_s"] / w["wall_s"] for w in result["workers"] if w["wall_s"] > 0}
    cpu_shares = [share for name, share in shares.items() if name.startswith("cpu-")]
    io_shares = [share for name, share in shares.items() if name.startswith("io-")]
    cpu_share = mean(cpu_shares)
    fair = min(1.0, cores / cpu_workers) if cpu_workers else 1.0
    oversubscribed = cpu_workers > cores
    en = (
        f"{cpu_workers} CPU-bound workers on {cores} core(s): each got {cpu_share:.0%} of a core on average "
        f"(from {min(cpu_shares, default=0):.0%} to {max(cpu_shares, default=0):.0%}; a fair split would be "
        f"{fair:.0%}). "
    )
    zh = (
        f"{cpu_workers} 个 CPU 密集型工作进程运行在 {cores} 个核心上：平均每个得到一个核心的 {cpu_share:.0%}"
        f"（最少 {min(cpu_shares, default=0):.0%}，最多 {max(cpu_shares, default=0):.0%}；平均分配应为 {fair:.0%}）。"
    )
    if oversubscribed:
        en += f"The other {1 - cpu_share:.0%} of the time they were ready: able to run, waiting for a free core."
        zh += f"其余 {1 - cpu_share:.0%} 的时间它们处于就绪态：随时可以运行，却在等空闲的核心。"
    elif fair - cpu_share <= 0.1:
        en += "With no more workers than cores, each could mostly keep a core to itself."
        zh += "工作进程不多于核心数，每个进程基本上能独占一个核心。"
    else:
        en += "With no more workers than cores, each could have kept a core to itself, but did not."
        zh += "工作进程不多于核心数，本可以各自独占一个核心，实际却没有。"
    background = outcome.background_cores()
    competing = competing_load(outcome)
    if fair - cpu_share > 0.1 and not is_busy(competing):
        figure = load_figure(competing, cores)
        en += (
            f" They got less than a fair split, and this run measured other programs using only {figure.en} "
            f"during {COMPETING_PHASE.en}."
        )
        zh += f"它们得到的比平均分配还少，而本次运行测得{COMPETING_PHASE.zh}期间其他程序只占用了 {figure.zh}。"
    else:
        less = Text("the workers got less than a fair split", "这些工作进程得到的比平均分配还少")
        note = load_note(competing, cores, less if fair - cpu_share > 0.1 else None, during=COMPETING_PHASE)
        en, zh = en + note.en, zh + note.zh
    if io_shares:
        io_share = mean(io_shares)
        en += (
            f" The {len(io_shares)} IO-bound worker(s) used {io_share:.1%} of a core: "
            f"blocked, waiting for IO, {1 - io_share:.1%} of the time."
        )
        zh += (
            f"{len(io_shares)} 个 IO 密集型工作进程只用了一个核心的 {io_share:.1%}："
            f"{1 - io_share:.1%} 的时间都阻塞在等待 IO 上。"
        )
    figures = {
        "cores": cores,
        "cpu_workers": cpu_workers,
        "io_workers": len(io_shares),
        "mean_cpu_share": cpu_share,
        "min_cpu_share": min(cpu_shares, default=0.0),
        "max_cpu_share": max(cpu_shares, default=0.0),
        "fair_share": fair,
        "mean_ready_share": 1 - cpu_share if cpu_shares else 0.0,
        "mean_io_share": mean(io_shares),
        "io_replies": int(outcome.counter("io_replies")),
        "background_cores": background,
        "background_cores_competing": competing,
    }
    return Verdict(Text(en, zh), rounded(figures))


LESSON = Lesson(
    id="process-states",
    chapter=Chapter.PROCESSES,
    exercise="process_subclass.py",
    title=Text("Running, ready, blocked", "运行、就绪、阻塞"),
    summary=Text(
        "More CPU-bound workers than cores, plus a few IO-bound ones. Each measures how much CPU it really got: "
        "the CPU-bound ones share the cores and spend the rest of the time ready; the IO-bound ones are blocked "
        "almost all the time.",
        "启动比核心数更多的 CPU 密集型工作进程，外加几个 IO 密集型进程。每个进程都测量自己实际得到的 CPU 时间："
        "CPU 密集型进程分享核心，其余时间处于就绪态；IO 密集型进程几乎一直处于阻塞态。",
    ),
    watch=Text(
        "Watch the cores view: every core is at 100 % while the workers compete. Then read each worker's share "
        "in the log. Try one worker per core and compare.",
        "观察核心视图：工作进程竞争期间每个核心都是 100%。再在日志中查看每个进程得到的份额。"
        "试试每个核心只配一个工作进程，对比结果。",
    ),
    explanation=Text(
        "The operating system's scheduler gives each core to one runnable process at a time, for a few "
        "milliseconds, then switches. With more runnable processes than cores, each is running only part of the "
        "time and ready (runnable but waiting) the rest, so a CPU-bound job gets slower in wall time even though "
        "it needs the same CPU time. A blocked process (sleeping, waiting for IO or a lock) is not in the race "
        "at all: when its IO completes it becomes ready and gets a core soon, because it needs so little. That is "
        "why adding processes beyond the number of cores does not speed up CPU-bound work, while IO-bound "
        "workers can be many.",
        "操作系统的调度器每次把一个核心交给一个可运行的进程，运行几毫秒后再切换。可运行的进程多于核心时，"
        "每个进程只有一部分时间在运行，其余时间处于就绪态（可以运行但在等待），所以 CPU 密集型任务需要的 CPU 时间不变，"
        "墙钟时间却变长了。阻塞的进程（睡眠、等待 IO 或锁）根本不参与竞争：IO 完成后它变为就绪，"
        "因为需要的 CPU 很少，很快就能拿到核心。这就是为什么对 CPU 密集型工作，进程数超过核心数并不会更快，"
        "而 IO 密集型的工作进程可以开很多。",
    ),
    params=(
        int_param("workers_per_core", 2, 1, 4, Text("CPU-bound workers per core", "每个核心的 CPU 密集型进程数"), "×"),
        int_param("io_workers", 2, 0, 8, Text("IO-bound workers", "IO 密集型进程数"), "processes"),
        float_param("seconds", 3.0, 0.5, 30.0, Text("How long the workers compete", "竞争持续时间"), "s"),
        float_param("io_wait", 0.05, 0.005, 1.0, Text("IO wait per request", "每次请求的 IO 等待"), "s"),
    ),
    plan=lambda p: Plan(
        processes=min(usable_cores() * p.workers_per_core, MAX_PROCESSES - p.io_workers) + p.io_workers, threads=0
    ),
    main=main,
    verdict=verdict,
    quick={"io_workers": 1, "seconds": 0.5},
    concepts=("scheduler", "running", "ready", "blocked", "process_time", "调度", "就绪", "阻塞", "运行"),
    prediction=prediction.number(
        "mean_cpu_share",
        "Each core gets several CPU-bound workers. What share of a core will each worker get on average?",
        "每个核心上有好几个 CPU 密集型进程。每个进程平均能得到一个核心的多少？",
        prediction.PERCENT,
        maximum=100.0,
        scale=100.0,
        tolerance=0.15,
    ),
    comparison=comparison.vary(
        "workers_per_core",
        1,
        2,
        "{} CPU-bound worker(s) per core",
        "每个核心 {} 个 CPU 密集型进程",
        ("mean_cpu_share", "mean_ready_share"),
        simultaneous=False,
    ),
    figures=(
        "cores",
        "cpu_workers",
        "io_workers",
        "mean_cpu_share",
        "min_cpu_share",
        "max_cpu_share",
        "fair_share",
        "mean_ready_share",
        "mean_io_share",
        "io_replies",
        "background_cores",
        "background_cores_competing",
    ),
)
