"""The GIL: CPU-bound threads share one core, processes use them all.

The same pure-Python work runs three times: one piece after another in one
thread (the baseline), split over T threads of one process, and split over T
processes. The CPU figures come from the monitor's samples of the run's own
processes (100 % = one core busy), taken while the workers were computing.
On a free-threaded interpreter with the GIL disabled the threads scale too;
the verdict says which interpreter ran.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time

from desktop.lessons.task_slowdown import CORES_SLOWED, slowed_down, taking_turns
from desktop.lessons.workload import burn, iterations_for
from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import THIS_RUN, Verdict, cores_left, is_busy, load_figure, load_note, mean, ratio
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

CORES = os.cpu_count() or 1
# Processes must beat threads by this factor before the verdict says they ran at the same time.
PARALLEL_MARGIN = 1.25
PROCESSES_PHASE = Text("the processes phase", "进程阶段")  # where the load that can spoil the claim is measured


def compute(probe: Probe, iterations: int) -> None:
    """One worker's share of the work: the same function in a thread or a process."""
    probe.state(State.RUNNING, f"burning {iterations:,} steps", zh=f"计算 {iterations:,} 步")
    burn(iterations)
    probe.state(State.FINISHED)


def in_threads(probe: Probe, workers: int, iterations: int) -> float:
    threads = [
        threading.Thread(target=compute, args=(probe, iterations), name=f"thread-{n + 1}") for n in range(workers)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def in_processes(probe: Probe, workers: int, iterations: int) -> float:
    processes = [ctx.Process(target=compute, args=(probe, iterations), name=f"process-{n + 1}") for n in range(workers)]
    started = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return time.perf_counter() - started


def main(params: Params, probe: Probe) -> dict:
    probe.state(State.RUNNING, "measuring the work size", zh="测定工作量")
    iterations = iterations_for(params.work_seconds)
    probe.phase("sequential", zh="顺序执行")
    started = time.perf_counter()
    for _ in range(params.workers):
        burn(iterations)
    sequential = time.perf_counter() - started
    probe.phase("threads", zh="线程")
    probe.state(State.WAITING_JOIN, "joining the threads", zh="等待线程结束")
    threads = in_threads(probe, params.workers, iterations)
    probe.phase("processes", zh="进程")
    probe.state(State.WAITING_JOIN, "joining the processes", zh="等待进程结束")
    processes = in_processes(probe, params.workers, iterations)
    probe.state(State.FINISHED)
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    return {
        "sequential": sequential,
        "threads": threads,
        "processes": processes,
        "gil_enabled": True if is_gil_enabled is None else is_gil_enabled(),
        "python": sys.version.split()[0],
        "cores": CORES,
    }


def computing_window(outcome: Outcome, prefix: str) -> tuple[float, float]:
    """From the first of ``prefix``'s workers starting to compute to the last one finishing."""
    starts, ends = [], []
    for event in outcome.events:
        worker = event.worker.rsplit("/", 1)[-1]
        if event.kind == "state" and worker.startswith(prefix):
            (starts if event.name == State.RUNNING else ends).append(event.t)
    if not starts or not ends:
        raise ValueError(f"no {prefix} worker reported computing")
    return min(starts), max(ends)


def process_start_up(outcome: Outcome) -> float:
    """Seconds from the processes phase starting to its last process starting to compute (spawn start-up)."""
    phase_start, _ = outcome.phase_window("processes")
    starts = [
        e.t
        for e in outcome.events
        if e.kind == "state" and e.name == State.RUNNING and e.worker.rsplit("/", 1)[-1].startswith("process-")
    ]
    return max(max(starts, default=phase_start) - phase_start, 0.0)


def process_slowdown(outcome: Outcome, result: dict, workers: int) -> float | None:
    """How many times as long a process took to compute its share as the same share alone; None if unknown.

    A process's time runs from its RUNNING report to its FINISHED one, both
    read in that process; alone is the sequential phase's time ÷ workers (the
    run process burning one share after another). On some machines the cores
    slow each other down (two logical cores sharing a physical one, a busy
    host): two processes at once each take far longer than one alone, and no
    other program's CPU shows it (see :mod:`desktop.lessons.task_slowdown`).
    """
    began: dict[str, float] = {}
    ended: dict[str, float] = {}
    for event in outcome.events:
        if event.kind == "state" and event.worker.rsplit("/", 1)[-1].startswith("process-"):
            if event.name == State.RUNNING:
                began.setdefault(event.worker, event.t)
            elif event.name == State.FINISHED:
                ended[event.worker] = event.t
    spans = [ended[worker] - began[worker] for worker in began if worker in ended]
    alone = result.get("sequential", 0.0) / max(workers, 1)
    return mean(spans) / alone if spans and alone > 0 else None


def conclusion(
    params: Params,
    result: dict,
    speedups: tuple[float, float],
    background: float,
    start_up: float,
    during: Text = THIS_RUN,
    slowdown: float | None = None,
) -> Text:
    """What the figures show about the GIL, judged against the cores other programs left the processes.

    ``background`` is the load measured ``during`` the stretch it names: the
    verdict passes the processes phase's (:data:`PROCESSES_PHASE`), the one
    phase that needs every core; a burst there spoils the comparison even
    when the run's mean stays low. (Load during the threads phase can only
    slow the threads, never hide the processes' lead.) ``slowdown`` is
    :func:`process_slowdown`'s: named when nothing else explains a loss.
    """
    speedup_threads, speedup_processes = speedups
    cores, workers = result["cores"], params.workers
    left = cores_left(background, cores)
    short = left < min(workers, cores) - 0.25  # other programs took cores the processes could have used
    squeezed = Text(
        f"the {workers} processes shared the cores with them: only about {left:.1f} were left for them",
        f"这 {workers} 个进程要与它们分享核心：平均只剩约 {left:.1f} 个核心",
    )
    if not result["gil_enabled"] or workers < 2:
        return load_note(background, cores, squeezed if short else None, during=during)
    if speedup_processes >= PARALLEL_MARGIN * speedup_threads:
        note = load_note(background, cores, squeezed if short else None, during=during)
        return Text(
            " The processes ran at the same time; the threads took turns holding the GIL." + note.en,
            "进程同时在多个核心上运行，线程则轮流持有 GIL。" + note.zh,
        )
    if cores < 2:
        return Text(
            " With one core the processes could not run at the same time either, so they were no faster.",
            "只有一个核心，进程也无法同时运行，所以并不比线程快。",
        )
    if is_busy(background) and short:
        return load_note(
            background,
            cores,
            Text(
                f"the {workers} processes had only about {left:.1f} cores to share and could not pull ahead of "
                "the threads; run it again when the machine is quieter",
                f"这 {workers} 个进程只剩约 {left:.1f} 个核心可分，没能快过线程；请在机器较空闲时再运行一次",
            ),
            during=during,
        )
    if start_up > 0.3 * result["processes"]:
        return Text(
            f" The processes were no faster than the threads: starting them took {start_up:.2f} s of their "
            f"{result['processes']:.2f} s. Give each worker more CPU time to see them pull ahead.",
            f"进程并不比线程快：启动进程就用了 {start_up:.2f} 秒（总共 {result['processes']:.2f} 秒）。"
            "增加每个工作进程的 CPU 时间，就能看到进程领先。",
        )
    figure = load_figure(background, cores)
    if slowed_down(slowdown, workers, cores):
        return slowdown_cause(slowdown, workers, cores, during, figure)
    return Text(
        f" The processes were no faster than the threads in this run, and no cause was measured: other programs "
        f"used {figure.en} during {during.en} and starting the processes took {start_up:.2f} s.",
        f"本次运行中进程并不比线程快，也没有测到原因：{during.zh}期间其他程序占用了 {figure.zh}，"
        f"启动进程用了 {start_up:.2f} 秒。",
    )


def slowdown_cause(slowdown: float, workers: int, cores: int, during: Text, load: Text) -> Text:
    """The verdict's sentence when the processes lost because, side by side, each computed far slower than alone."""
    turns = taking_turns(workers, cores, Text("processes", "进程"))
    return Text(
        f" The processes were no faster than the threads in this run: while the {workers} processes ran at the "
        f"same time, each took {slowdown:.1f}× as long as its share of the work alone in the sequential phase"
        f"{turns.en} (other programs used only {load.en} during {during.en}). {CORES_SLOWED.en}, so the processes "
        "could not pull ahead of the threads.",
        f"本次运行中进程并不比线程快：{workers} 个进程同时运行时，每个进程的用时是顺序阶段单独完成同样工作的 "
        f"{slowdown:.1f} 倍{turns.zh}（{during.zh}期间其他程序只占用了 {load.zh}）。"
        f"{CORES_SLOWED.zh}，因此进程没能快过线程。",
    )


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    background = outcome.background_cores()
    loads = {phase: outcome.phase_background(phase) for phase in ("threads", "processes")}
    start_up = process_start_up(outcome)
    cpu_threads = outcome.mean_run_cpu(*computing_window(outcome, "thread-"))
    cpu_processes = outcome.mean_run_cpu(*computing_window(outcome, "process-"))
    speedup_threads = ratio(result["sequential"], result["threads"])
    speedup_processes = ratio(result["sequential"], result["processes"])
    gil = "with the GIL" if result["gil_enabled"] else "free-threaded, GIL disabled"
    gil_zh = "有 GIL" if result["gil_enabled"] else "自由线程，GIL 已禁用"
    en = (
        f"{params.workers} threads used {cpu_threads:.0f} % CPU (100 % = one core) and ran "
        f"{speedup_threads:.2f}× as fast as one thread; {params.workers} processes used {cpu_processes:.0f} % "
        f"and ran {speedup_processes:.2f}× as fast, on {result['cores']} cores (Python {result['python']}, {gil})."
    )
    zh = (
        f"{params.workers} 个线程占用 {cpu_threads:.0f}% CPU（100% = 一个核心），速度是单线程的 "
        f"{speedup_threads:.2f} 倍；{params.workers} 个进程占用 {cpu_processes:.0f}%，速度是 "
        f"{speedup_processes:.2f} 倍；共 {result['cores']} 个核心（Python {result['python']}，{gil_zh}）。"
    )
    speedups = (speedup_threads, speedup_processes)
    slowdown = process_slowdown(outcome, result, params.workers)  # None for a run without its processes' reports
    judged = conclusion(params, result, speedups, loads["processes"], start_up, PROCESSES_PHASE, slowdown)
    en, zh = en + judged.en, zh + judged.zh
    figures = {
        "cpu_threads": round(cpu_threads, 1),
        "cpu_processes": round(cpu_processes, 1),
        "speedup_threads": round(speedup_threads, 3),
        "speedup_processes": round(speedup_processes, 3),
        "cores": result["cores"],
        "gil_enabled": int(result["gil_enabled"]),
        "background_cores": round(background, 2),
        "background_cores_threads": round(loads["threads"], 2),
        "background_cores_processes": round(loads["processes"], 2),
        "process_start_up_s": round(start_up, 3),
    }
    if slowdown is not None:
        figures["process_slowdown"] = round(slowdown, 2)
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="gil-cpu-bound",
    chapter=Chapter.THREADS,
    exercise="threads_lock.py",
    title=Text("The GIL: CPU-bound threads vs processes", "GIL：CPU 密集型的线程与进程"),
    summary=Text(
        "The same pure-Python computation runs in several threads and then in several processes. Threads "
        "take turns holding the Global Interpreter Lock; processes each have their own interpreter.",
        "同样的纯 Python 计算先用多个线程运行，再用多个进程运行。线程要轮流持有全局解释器锁（GIL），"
        "而每个进程都有自己的解释器。",
    ),
    watch=Text(
        "Watch the CPU plot: during the threads phase the total stays near one core; during the processes "
        "phase every core is busy.",
        "观察 CPU 曲线：线程阶段总占用接近一个核心；进程阶段所有核心都忙起来。",
    ),
    explanation=Text(
        "CPython's Global Interpreter Lock lets only one thread execute Python bytecode at a time in a process. "
        "Threads still help when they wait (for the network, the disk, a sleep), because waiting releases the "
        "GIL, but CPU-bound threads just take turns: more threads, same speed. Separate processes each have "
        "their own interpreter and GIL, so the operating system can run them on different cores at once, at "
        "the cost of starting processes and copying data between them. Free-threaded builds of Python 3.13+ "
        "can run without a GIL; there the threads would scale as well.",
        "CPython 的全局解释器锁（GIL）让一个进程中同一时刻只有一个线程执行 Python 字节码。线程在等待"
        "（网络、磁盘、sleep）时会释放 GIL，所以对 IO 仍然有用；但 CPU 密集型线程只能轮流执行：线程再多，"
        "速度也不变。独立的进程各有自己的解释器和 GIL，操作系统可以把它们同时放到不同核心上运行，"
        "代价是启动进程和在进程间复制数据。Python 3.13 起的自由线程版本可以不带 GIL 运行，那时线程也能加速。",
    ),
    params=(
        int_param("workers", max(2, min(CORES, 16)), 1, 64, Text("Threads / processes", "线程数 / 进程数"), ""),
        float_param("work_seconds", 1.0, 0.1, 10.0, Text("CPU time per worker", "每个工作者的 CPU 时间"), "s"),
    ),
    plan=lambda p: Plan(processes=p.workers, threads=p.workers),
    main=main,
    verdict=verdict,
    quick={"work_seconds": 0.4},
    concepts=("GIL", "Global Interpreter Lock", "threading", "Thread", "CPU-bound", "全局解释器锁", "线程", "多进程"),
    prediction=prediction.choice(
        "speedup_threads",
        "The same CPU-bound work runs in threads and then in processes. Which will finish it faster?",
        "同样的 CPU 密集型工作先用线程、再用进程运行。哪一种更快完成？",
        ("Threads", "线程", prediction.faster("speedup_threads", "speedup_processes")),
        ("Processes", "进程", prediction.faster("speedup_processes", "speedup_threads")),
        ("About the same", "差不多", prediction.similar("speedup_threads", "speedup_processes")),
        also=("speedup_processes",),
    ),
    comparison=comparison.vary(
        "workers",
        1,
        comparison.MANY_WORKERS,
        "{} thread(s) / process(es)",
        "{} 个线程 / 进程",
        ("cpu_threads", "cpu_processes", "speedup_processes"),
        simultaneous=False,
    ),
    figures=(
        "cpu_threads",
        "cpu_processes",
        "speedup_threads",
        "speedup_processes",
        "cores",
        "gil_enabled",
        "background_cores",
        "background_cores_threads",
        "background_cores_processes",
        "process_start_up_s",
        "process_slowdown",
    ),
)
