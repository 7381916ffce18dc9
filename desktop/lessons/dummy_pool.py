"""multiprocessing.dummy.Pool: the Pool you know, backed by threads.

``multiprocessing.dummy`` copies the multiprocessing API onto threads: its
``Pool`` has the same ``map``, ``imap``, ``apply_async``, ``close`` and
``join``, but its workers are threads of the current process. So switching
between threads and processes is a one-line change, and the question becomes
which one suits the work.

The lesson runs the same two batches on a thread pool and on a process pool
of the same size: a CPU-bound batch (pure-Python arithmetic, which holds the
GIL) and an IO-bound batch (waiting, which releases it), and times each.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from multiprocessing import dummy

from desktop.lessons.chapter5_common import start_every_worker, worker_identity
from desktop.lessons.task_slowdown import CORES_SLOWED, slowed_down
from desktop.lessons.workload import burn, iterations_for
from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, is_busy, load_figure, load_note, mean, ratio, rounded
from desktop.runtime.probe import State, current_probe

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

# Within this fraction of each other, two timings count as a tie.
TIE_MARGIN = 0.15


def cpu_task(job: tuple[int, int]) -> tuple[int, int, float]:
    """CPU-bound: burn ``iterations`` steps; returns (index, checksum, seconds the burn took in this worker)."""
    index, iterations = job
    probe = current_probe()
    probe.state(State.RUNNING, f"computing task {index}", zh=f"计算任务 {index}")
    started = time.perf_counter()
    checksum = burn(iterations)
    took = time.perf_counter() - started  # the verdict compares it with the thread pool's: see cpu_task_slowdown
    probe.state(State.WAITING_GET, "idle, waiting for a task", zh="空闲，等待任务")
    return index, checksum, took


def io_task(job: tuple[int, float]) -> tuple[int, int]:
    """IO-bound: wait ``seconds`` (stands for a download); returns (index, index²)."""
    index, seconds = job
    probe = current_probe()
    probe.state(State.SLEEPING, f"waiting for task {index}", zh=f"等待任务 {index}")
    time.sleep(seconds)
    probe.state(State.WAITING_GET, "idle, waiting for a task", zh="空闲，等待任务")
    return index, index * index


def warm_up(index: int) -> tuple[int, int]:
    """:func:`worker_identity`, from this module: a process worker imports the module (and so ``cpu_task``) now."""
    return worker_identity(index)


def cpu_seconds() -> float:
    """CPU time used so far by this process (all its threads) and its live children (pool workers)."""
    import psutil  # here, not at the top: every worker process imports this module, and psutil is ~8 ms of its start

    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children():
        with contextlib.suppress(psutil.Error):
            total += sum(child.cpu_times()[:2])
    return total


def run_batches(make_pool, params: Params, iterations: int) -> dict:
    """Start a pool with ``make_pool()``, run both batches on it, close it; return timings and results."""
    started = time.perf_counter()
    pool = make_pool()
    try:
        start_every_worker(pool.map, params.workers, task=warm_up)  # so the batches time work, not start-up
        cpu_before = cpu_seconds()  # read before the clock starts: it lists every process of the machine
        ready = time.perf_counter()
        timed = pool.map(cpu_task, [(i, iterations) for i in range(params.cpu_tasks)], chunksize=1)
        cpu_done = time.perf_counter()
        cpu_used = cpu_seconds() - cpu_before
        io_results = pool.map(io_task, [(i, params.io_seconds) for i in range(params.io_tasks)], chunksize=1)
        io_done = time.perf_counter()
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
    return {
        "start_s": ready - started,
        "cpu_s": cpu_done - ready,
        "cpu_window": (ready, cpu_done),  # perf_counter(), the samples' clock: the load is judged over it
        "io_s": io_done - cpu_done,
        # Cores kept busy on average: a thread pool can't pass 1 with the GIL; a process pool can.
        "cpu_cores": cpu_used / max(cpu_done - ready, 1e-9),
        "cpu_results": [(index, checksum) for index, checksum, _ in timed],
        "task_s": mean(took for *_, took in timed),  # a CPU task's mean time
        "io_results": io_results,
    }


def main(params: Params, probe) -> dict:
    iterations = iterations_for(params.cpu_seconds)
    probe.log(
        f"one CPU task = {iterations:,} iterations ≈ {params.cpu_seconds:g} s",
        zh=f"一个 CPU 任务 = {iterations:,} 次迭代 ≈ {params.cpu_seconds:g} 秒",
    )

    probe.phase("thread pool", zh="线程池")
    # Same constructor arguments as a process pool; the workers are threads of this process.
    threads = run_batches(lambda: dummy.Pool(params.workers), params, iterations)

    probe.phase("process pool", zh="进程池")
    processes = run_batches(lambda: ctx.Pool(params.workers, initializer=probe.attach), params, iterations)

    probe.state(State.FINISHED)
    return {"threads": threads, "processes": processes, "iterations": iterations}


def compare(kind_en: str, kind_zh: str, thread_s: float, process_s: float) -> tuple[str, str]:
    """One sentence per language naming the faster pool for one kind of work, from the timings."""
    timing_en = f"thread pool {thread_s:.2f} s, process pool {process_s:.2f} s"
    timing_zh = f"线程池 {thread_s:.2f} 秒，进程池 {process_s:.2f} 秒"
    if abs(thread_s - process_s) <= TIE_MARGIN * max(thread_s, process_s):
        return f"{kind_en}: {timing_en}, about the same.", f"{kind_zh}：{timing_zh}，两者相当。"
    if thread_s < process_s:
        times = ratio(process_s, thread_s)
        return (
            f"{kind_en}: {timing_en}, the thread pool wins ({times:.1f}× faster).",
            f"{kind_zh}：{timing_zh}，线程池胜出（快 {times:.1f} 倍）。",
        )
    times = ratio(thread_s, process_s)
    return (
        f"{kind_en}: {timing_en}, the process pool wins ({times:.1f}× faster).",
        f"{kind_zh}：{timing_zh}，进程池胜出（快 {times:.1f} 倍）。",
    )


PROCESS_CPU_BATCH = Text("the process pool's CPU batch", "进程池的 CPU 任务")


def cpu_batch_load(outcome: Outcome, batches: dict, phase: str) -> float:
    """Cores other programs used during one pool's CPU batch (its whole phase in runs saved before it was timed).

    The process pool's CPU batch needs every core, the thread pool's one
    (the GIL): the verdict judges the comparison against the load during the
    process pool's batch, not the run's mean, which hides a burst inside
    one short batch.
    """
    if "cpu_window" in batches:
        return outcome.background_cores(*batches["cpu_window"])
    try:
        return outcome.phase_background(phase)
    except KeyError:
        return outcome.background_cores()


def cpu_task_slowdown(params: Params, threads: dict, processes: dict) -> float | None:
    """A CPU task's mean time in the process pool ÷ one task's computation alone; None in runs saved before.

    Alone is the thread pool's CPU batch ÷ its tasks: the GIL runs one task's
    computation at a time there, in the same run. Side by side on separate
    cores, a process worker's task should take about as long; on machines
    whose cores slow each other down (see :mod:`desktop.lessons.task_slowdown`)
    it takes far longer, and the process pool cannot pull ahead.
    """
    alone = threads["cpu_s"] / max(params.cpu_tasks, 1)
    return processes["task_s"] / alone if processes.get("task_s") and alone > 0 else None


def slowdown_cause(slowdown: float, workers: int, load: Text) -> Text:
    """The sentence naming tasks that slowed each other down when the process pool lost on a quiet machine."""
    return Text(
        f" The process pool did not pull ahead on the CPU batch: while its {workers} workers computed at the same "
        f"time, each task took {slowdown:.1f}× as long as one task's computation in the thread pool, which runs "
        f"one at a time (other programs used only {load.en} during {PROCESS_CPU_BATCH.en}). {CORES_SLOWED.en}.",
        f"进程池在 CPU 任务上没能领先：{workers} 个工作进程同时计算时，每个任务的用时是线程池中单个任务计算用时"
        f"（线程池一次只算一个）的 {slowdown:.1f} 倍（{PROCESS_CPU_BATCH.zh}期间，其他程序只占用了 {load.zh}）。"
        f"{CORES_SLOWED.zh}。",
    )


def verdict(params: Params, outcome: Outcome) -> Verdict:
    threads = outcome.result["threads"]
    processes = outcome.result["processes"]
    same = threads["cpu_results"] == processes["cpu_results"] and threads["io_results"] == processes["io_results"]
    cpu_en, cpu_zh = compare(
        f"CPU-bound ({params.cpu_tasks} × {params.cpu_seconds:g} s of arithmetic)",
        f"CPU 密集型（{params.cpu_tasks} 个各约 {params.cpu_seconds:g} 秒的计算）",
        threads["cpu_s"],
        processes["cpu_s"],
    )
    startup_dominated = processes["start_s"] > processes["cpu_s"]
    if startup_dominated:
        # The batch is shorter than starting the processes: who wins the batch says little about the pools.
        thread_total = threads["start_s"] + threads["cpu_s"]
        process_total = processes["start_s"] + processes["cpu_s"]
        first_en, first_zh = ("thread", "线程池") if thread_total <= process_total else ("process", "进程池")
        cpu_en = (
            f"CPU-bound ({params.cpu_tasks} × {params.cpu_seconds:g} s of arithmetic): thread pool "
            f"{threads['cpu_s']:.2f} s, process pool {processes['cpu_s']:.2f} s once started, but starting the "
            f"process pool took {processes['start_s']:.2f} s, longer than the batch itself: start-up dominated, "
            f"and counting it the {first_en} pool was done first ({thread_total:.2f} s vs {process_total:.2f} s). "
            "Give the tasks more computation to see which pool computes faster."
        )
        cpu_zh = (
            f"CPU 密集型（{params.cpu_tasks} 个各约 {params.cpu_seconds:g} 秒的计算）："
            f"线程池 {threads['cpu_s']:.2f} 秒，进程池启动后 {processes['cpu_s']:.2f} 秒；"
            f"但启动进程池就用了 {processes['start_s']:.2f} 秒，"
            f"比这批任务本身还长：启动开销占了主导，算上启动是{first_zh}先完成"
            f"（线程池 {thread_total:.2f} 秒，进程池 {process_total:.2f} 秒）。"
            "请加大每个任务的计算量，才能看出哪个池算得更快。"
        )
    cores_en = (
        f" The CPU batch kept {threads['cpu_cores']:.1f} cores busy with threads "
        f"and {processes['cpu_cores']:.1f} with processes."
    )
    cores_zh = (
        f"CPU 任务期间，线程池平均占用 {threads['cpu_cores']:.1f} 个核，进程池 {processes['cpu_cores']:.1f} 个核。"
    )
    background = outcome.background_cores()
    thread_load = cpu_batch_load(outcome, threads, "thread pool")
    process_load = cpu_batch_load(outcome, processes, "process pool")
    process_won = threads["cpu_s"] - processes["cpu_s"] > TIE_MARGIN * threads["cpu_s"]
    shared = Text(
        f"the process pool's {params.workers} workers shared the cores with them and could not pull ahead on "
        "the CPU batch",
        f"进程池的 {params.workers} 个工作进程要与它们分享核心，在 CPU 任务上没能领先",
    )
    lost_to_load = not process_won and processes["start_s"] <= processes["cpu_s"]  # not lost to start-up
    load = load_note(process_load, outcome.cores(), shared if lost_to_load else None, during=PROCESS_CPU_BATCH)
    slowdown = cpu_task_slowdown(params, threads, processes)
    if lost_to_load and not is_busy(process_load) and slowed_down(slowdown, params.workers, outcome.cores()):
        load = slowdown_cause(slowdown, params.workers, load_figure(process_load, outcome.cores()))
    cores_en, cores_zh = cores_en + load.en, cores_zh + load.zh
    io_en, io_zh = compare(
        f"IO-bound ({params.io_tasks} × {params.io_seconds:g} s of waiting)",
        f"IO 密集型（{params.io_tasks} 个各等待 {params.io_seconds:g} 秒）",
        threads["io_s"],
        processes["io_s"],
    )
    same_en = "Both pools returned the same results." if same else "The pools returned DIFFERENT results."
    same_zh = "两个池返回的结果相同。" if same else "两个池返回的结果不同！"
    en = (
        f"With {params.workers} workers each — {cpu_en}{cores_en} {io_en} Starting the thread pool took "
        f"{threads['start_s']:.2f} s, the process pool {processes['start_s']:.2f} s. {same_en}"
    )
    zh = (
        f"线程池和进程池各有 {params.workers} 个工作线程或工作进程。{cpu_zh}{cores_zh}{io_zh}"
        f"启动线程池用了 {threads['start_s']:.2f} 秒，进程池 {processes['start_s']:.2f} 秒。{same_zh}"
    )
    figures = rounded(
        {
            "workers": params.workers,
            "thread_cpu_s": threads["cpu_s"],
            "process_cpu_s": processes["cpu_s"],
            "thread_io_s": threads["io_s"],
            "process_io_s": processes["io_s"],
            "thread_start_s": threads["start_s"],
            "process_start_s": processes["start_s"],
            "thread_cpu_cores": threads["cpu_cores"],
            "process_cpu_cores": processes["cpu_cores"],
            "cpu_process_speedup": ratio(threads["cpu_s"], processes["cpu_s"]),
            "io_process_speedup": ratio(threads["io_s"], processes["io_s"]),
            "results_match": int(same),
            "background_cores": background,
            "background_cores_thread_cpu": thread_load,
            "background_cores_process_cpu": process_load,
            "startup_dominated": int(startup_dominated),
        }
    )
    if slowdown is not None:
        figures["cpu_task_slowdown"] = round(slowdown, 2)
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="dummy-pool",
    chapter=Chapter.THREADS,
    exercise="thread_pool_executor.py",
    title=Text("multiprocessing.dummy: a Pool of threads", "multiprocessing.dummy：线程池"),
    summary=Text(
        "The same CPU-bound and IO-bound batches run through pool.map twice: on multiprocessing.dummy.Pool, "
        "whose workers are threads, and on a process Pool of the same size.",
        "同样的 CPU 密集型和 IO 密集型任务各用 pool.map 运行两遍：一遍在 multiprocessing.dummy.Pool 上"
        "（工作者是线程），一遍在同样大小的进程池上。",
    ),
    watch=Text(
        "On the cores view the thread pool's CPU batch keeps about one core busy, the process pool's uses "
        "them all. During the IO batches both pools leave the cores idle.",
        "在 CPU 视图中，线程池跑 CPU 任务时大约只占满一个核，进程池则用上所有核。跑 IO 任务时，两个池都让 CPU 空闲。",
    ),
    explanation=Text(
        "multiprocessing.dummy.Pool and multiprocessing.Pool share one API, so code written for one runs on "
        "the other. The difference is underneath. Thread workers live in one process and share one GIL: "
        "pure-Python computation runs one thread at a time, so a thread pool cannot speed it up. Waiting "
        "releases the GIL, so for IO-bound tasks threads overlap as well as processes do, start almost "
        "instantly and need no pickling of tasks and results. Process workers each have their own "
        "interpreter and GIL, so CPU-bound work spreads over the cores, at the price of slow start-up and "
        "of sending every argument and result between processes. Rule of thumb: threads for waiting, "
        "processes for computing.",
        "multiprocessing.dummy.Pool 与 multiprocessing.Pool 的接口完全相同，"
        "为其中一个写的代码可以直接换到另一个上运行。"
        "区别在底层：线程工作者住在同一个进程里，共用一个 GIL，纯 Python 计算同一时刻只能有一个线程在跑，"
        "所以线程池无法加速计算。等待会释放 GIL，因此对 IO 密集型任务，线程和进程一样能重叠执行，"
        "而且线程几乎瞬间启动，任务和结果也不需要序列化。"
        "进程工作者各有自己的解释器和 GIL，CPU 密集型任务能分散到各个核上，"
        "代价是启动慢，且每个参数和结果都要在进程间传送。经验法则：等待用线程，计算用进程。",
    ),
    params=(
        int_param("workers", 4, 1, 64, Text("Workers per pool", "每个池的工作者数"), "workers"),
        int_param("cpu_tasks", 8, 1, 1000, Text("CPU-bound tasks", "CPU 密集型任务数"), "tasks"),
        float_param("cpu_seconds", 0.1, 0.001, 5.0, Text("Computation per task", "每个任务的计算量"), "s"),
        int_param("io_tasks", 16, 1, 1000, Text("IO-bound tasks", "IO 密集型任务数"), "tasks"),
        float_param("io_seconds", 0.1, 0.001, 5.0, Text("Wait per task", "每个任务的等待"), "s"),
    ),
    plan=lambda p: Plan(processes=p.workers, threads=p.workers),
    main=main,
    verdict=verdict,
    quick={"workers": 2, "cpu_tasks": 4, "cpu_seconds": 0.05, "io_tasks": 6, "io_seconds": 0.05},
    concepts=("multiprocessing.dummy", "Pool", "pool.map", "thread pool", "GIL", "线程池", "进程池"),
    prediction=prediction.choice(
        "cpu_process_speedup",
        "For the CPU-bound tasks, which pool will be faster: threads (multiprocessing.dummy) or processes?",
        "对 CPU 密集型任务，哪个池更快：线程池（multiprocessing.dummy）还是进程池？",
        ("The thread pool", "线程池", lambda f: f["cpu_process_speedup"] * prediction.SAME_SPEED < 1),
        ("The process pool", "进程池", lambda f: f["cpu_process_speedup"] > prediction.SAME_SPEED),
        (
            "About the same",
            "差不多",
            lambda f: 1 / prediction.SAME_SPEED <= f["cpu_process_speedup"] <= prediction.SAME_SPEED,
        ),
    ),
    comparison=comparison.vary(
        "workers",
        1,
        4,
        "{} worker(s) per pool",
        "每个池 {} 个工作者",
        ("thread_io_s", "process_cpu_s"),
        simultaneous=False,
    ),
    figures=(
        "workers",
        "thread_cpu_s",
        "process_cpu_s",
        "thread_io_s",
        "process_io_s",
        "thread_start_s",
        "process_start_s",
        "thread_cpu_cores",
        "process_cpu_cores",
        "cpu_process_speedup",
        "io_process_speedup",
        "results_match",
        "startup_dominated",
        "background_cores",
        "background_cores_thread_cpu",
        "background_cores_process_cpu",
        "cpu_task_slowdown",
    ),
)
