"""Threads are fine for waiting: many IO-bound tasks at once, and what a thread costs next to a process.

Every task here spends its time *waiting*, either in ``time.sleep`` or in
``select`` on a socket that never answers, which is what a download or a
database query looks like from the CPU's point of view. A waiting thread gives
the GIL back, so while one thread waits the others can run: a hundred waiting
threads take about as long as one.

The lesson then starts a few processes doing the same wait and measures what
each kind of worker costs to start and how much memory it occupies, because
"use threads for IO" is really "threads are the cheap way to wait".

Because a process's start-up is what this lesson measures, its workers import
no more than a bare script's would: this module imports only the standard
library and the probe at the top, and builds ``LESSON`` (with the model
classes it is made of) the first time someone asks for it, through the
module's ``__getattr__`` (PEP 562). Every spawned worker imports this module
to find its target; with the model it took ~2.5 ms longer to start, about a
tenth of what it measured (``scripts/bench.py``'s observer table).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import socket
import threading
import time

from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.lesson import Lesson
    from desktop.model.outcome import Outcome
    from desktop.model.param import Params
    from desktop.model.verdict import Verdict

ctx = multiprocessing.get_context("spawn")

MB = 1024 * 1024


def wait_for_io(seconds: float, on_socket: bool) -> float:
    """Wait like an IO-bound task does; return how long the wait really took."""
    started = time.perf_counter()
    if on_socket:
        # A connected pair of sockets where nobody ever writes: recv() with a timeout
        # blocks in the kernel (in poll(), which, unlike select(), takes any file
        # descriptor: 550 threads hold descriptors above 1023), exactly like waiting
        # for a server that is slow to reply.
        reader, writer = socket.socketpair()
        try:
            reader.settimeout(seconds)
            reader.recv(1)
        except TimeoutError:
            pass  # nobody answered in time: the wait is over
        finally:
            reader.close()
            writer.close()
    else:
        time.sleep(seconds)
    return time.perf_counter() - started


def thread_task(
    probe: Probe, all_started: threading.Barrier, seconds: float, on_socket: bool, durations: list, arrivals: list
):
    """One IO-bound task in a thread of the run process."""
    arrived = time.perf_counter()
    arrivals.append(arrived)  # the last arrival ends the start-up (see run_threads)
    all_started.wait()
    # Reported once the wait is over, dated when it began: the start-up is timed until the last thread is
    # here, and a report before the wait would be timed with it (it made a start ~1.2x slower).
    probe.state(State.WAITING_BARRIER, "waiting for every thread to start", zh="等待每个线程启动", at=arrived)
    if on_socket:
        probe.state(State.WAITING_IO, "waiting on a socket", zh="等待套接字")
    else:
        probe.state(State.SLEEPING, "sleeping (stands for IO)", zh="休眠（代表 IO）")
    durations.append(wait_for_io(seconds, on_socket))  # list.append is atomic: no lock needed
    probe.state(State.FINISHED)


def process_task(probe: Probe, all_started, seconds: float, on_socket: bool) -> None:
    """The same task in its own process."""
    arrived = time.perf_counter()
    all_started.wait()
    # Reported once the wait is over, dated when it began, as thread_task's: a process's first report also
    # says hello and starts the probe's flusher, and inside the timed start-up that made a start ~1.1x slower.
    probe.state(State.WAITING_BARRIER, "waiting for every process to start", zh="等待每个进程启动", at=arrived)
    if on_socket:
        probe.state(State.WAITING_IO, "waiting on a socket", zh="等待套接字")
    else:
        probe.state(State.SLEEPING, "sleeping (stands for IO)", zh="休眠（代表 IO）")
    wait_for_io(seconds, on_socket)
    probe.state(State.FINISHED)


def rss_of(pids: list[int]) -> list[int]:
    """Resident memory of each process still alive, in bytes."""
    # psutil is imported where it is used, in the run process only: each worker process imports this
    # module, and that import is part of the start-up it measures (psutil alone would be ~8 ms of it).
    import psutil

    sizes = []
    for pid in pids:
        with contextlib.suppress(psutil.Error):  # already gone: nothing to measure
            sizes.append(psutil.Process(pid).memory_info().rss)
    return sizes


def run_threads(params: Params, probe: Probe) -> dict:
    import psutil  # see rss_of

    me = psutil.Process(os.getpid())
    durations: list[float] = []
    arrivals: list[float] = []
    all_started = threading.Barrier(params.threads + 1)
    threads = [
        threading.Thread(
            target=thread_task,
            args=(probe, all_started, params.wait, params.socket, durations, arrivals),
            name=f"io-{i + 1}",
        )
        for i in range(params.threads)
    ]
    rss_before = me.memory_info().rss
    # Collected now, so that a collection does not fall inside the ~15 ms timed below: the run process holds the
    # app's probe and psutil besides the lesson, and a collection of them made a thread's start ~1.06x a bare
    # script's (0.96x after this line; 24 interleaved runs each).
    gc.collect()
    creating = time.perf_counter()
    try:
        for thread in threads:
            thread.start()
    except RuntimeError:  # "can't start new thread": release the ones waiting at the barrier
        all_started.abort()
        raise
    all_started.wait()  # every thread is alive and about to wait
    started = time.perf_counter()
    rss_with_threads = me.memory_info().rss
    probe.state(State.WAITING_JOIN, "joining the threads", zh="等待线程结束")
    for thread in threads:
        thread.join()
    finished = time.perf_counter()
    return {
        # Until the last thread was at the barrier: not until this thread, woken with all the others, ran again.
        "start_s": max([*arrivals, creating]) - creating,
        "wall_s": finished - started,
        "serial_s": sum(durations),
        "longest_task_s": max(durations),
        "rss_delta_bytes": rss_with_threads - rss_before,
        "run_process_rss_bytes": rss_with_threads,
    }


def run_processes(params: Params, probe: Probe) -> dict:
    from desktop.model.verdict import mean  # the run process's: see the module's docstring

    all_started = ctx.Barrier(params.processes + 1)
    processes = [
        ctx.Process(target=process_task, args=(probe, all_started, params.wait, params.socket), name=f"io-proc-{i + 1}")
        for i in range(params.processes)
    ]
    creating = time.perf_counter()
    for process in processes:
        process.start()
    all_started.wait()  # every child has started Python, imported this module and is about to wait
    started = time.perf_counter()
    # Measure while they wait (at least params.wait seconds): each is a whole interpreter.
    sizes = rss_of([p.pid for p in processes])
    probe.state(State.WAITING_JOIN, "joining the processes", zh="等待进程结束")
    for process in processes:
        process.join()
    finished = time.perf_counter()
    return {
        "start_s": started - creating,
        "wall_s": finished - started,
        "rss_each_bytes": mean(sizes),
        "exitcodes": [p.exitcode for p in processes],
    }


def allow_open_files(needed: int) -> None:
    """Raise this process's soft limit on open files towards ``needed`` (two sockets per waiting task)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit on sockets
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def main(params: Params, probe: Probe) -> dict:
    if params.socket:
        allow_open_files(2 * params.threads + 256)
    probe.phase("threads", zh="线程")
    threads = run_threads(params, probe)
    probe.log(
        f"{params.threads} threads done in {threads['wall_s']:.2f} s",
        zh=f"{params.threads} 个线程用 {threads['wall_s']:.2f} 秒完成",
    )
    probe.phase("processes", zh="进程")
    processes = run_processes(params, probe)
    probe.log(
        f"{params.processes} processes done in {processes['wall_s']:.2f} s",
        zh=f"{params.processes} 个进程用 {processes['wall_s']:.2f} 秒完成",
    )
    probe.state(State.FINISHED)
    return {"threads": threads, "processes": processes}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    from desktop.model.text import Text  # the model is the app's side: see the module's docstring
    from desktop.model.verdict import Verdict, ratio, rounded

    threads = outcome.result["threads"]
    processes = outcome.result["processes"]
    n, m = params.threads, params.processes
    speedup = ratio(threads["serial_s"], threads["wall_s"])
    thread_start_ms = 1000 * threads["start_s"] / n
    process_start_ms = 1000 * processes["start_s"] / m
    # A thread's stack is reserved but mostly untouched, so its RSS cost is small and noisy.
    thread_kb = max(0, threads["rss_delta_bytes"]) / n / 1024
    process_mb = processes["rss_each_bytes"] / MB
    waits = f"waiting {params.wait:g} s on a socket" if params.socket else f"sleeping {params.wait:g} s"
    together = speedup >= n / 2  # at least half the waits overlapped
    finished_en = "finished together in" if together else "did not all wait at once: they took"
    finished_zh = "一起在" if together else "并没有全部同时等待：用了"
    en = (
        f"{n} threads each {waits} {finished_en} {threads['wall_s']:.2f} s "
        f"(the longest single task took {threads['longest_task_s']:.2f} s); one after another they would "
        f"have taken {threads['serial_s']:.2f} s, {speedup:.1f}× as long. "
        f"Starting the {n} threads took {threads['start_s'] * 1000:.0f} ms ({thread_start_ms:.2f} ms and "
        f"{thread_kb:.0f} KB each); starting {m} processes took {processes['start_s'] * 1000:.0f} ms "
        f"({process_start_ms:.0f} ms and {process_mb:.1f} MB each)."
    )
    zh_waits = f"在套接字上等待 {params.wait:g} 秒" if params.socket else f"休眠 {params.wait:g} 秒"
    zh = (
        f"{n} 个线程各自{zh_waits}，{finished_zh} {threads['wall_s']:.2f} 秒完成"
        f"（最长的单个任务用了 {threads['longest_task_s']:.2f} 秒）；"
        f"依次执行则需要 {threads['serial_s']:.2f} 秒，是它的 {speedup:.1f} 倍。"
        f"启动 {n} 个线程用了 {threads['start_s'] * 1000:.0f} 毫秒（每个 {thread_start_ms:.2f} 毫秒、"
        f"{thread_kb:.0f} KB 内存）；启动 {m} 个进程用了 {processes['start_s'] * 1000:.0f} 毫秒"
        f"（每个 {process_start_ms:.0f} 毫秒、{process_mb:.1f} MB 内存）。"
    )
    figures = rounded(
        {
            "threads": n,
            "processes": m,
            "wait_s": params.wait,
            "thread_wall_s": threads["wall_s"],
            "longest_task_s": threads["longest_task_s"],
            "serial_sum_s": threads["serial_s"],
            "speedup": speedup,
            "thread_start_ms": thread_start_ms,
            "thread_memory_kb": thread_kb,
            "process_wall_s": processes["wall_s"],
            "process_start_ms": process_start_ms,
            "process_memory_mb": process_mb,
        }
    )
    return Verdict(Text(en, zh), figures)


def describe() -> Lesson:
    """The lesson: built on first use, in the app and the run process, never in a worker (see the docstring)."""
    from desktop.model import comparison, prediction
    from desktop.model.lesson import Chapter, Lesson
    from desktop.model.param import bool_param, float_param, int_param
    from desktop.model.text import Text

    return Lesson(
        id="threads-io-bound",
        chapter=Chapter.THREADS,
        exercise="thread_pool_executor.py",
        title=Text("Threads for waiting: IO-bound work", "线程适合等待：IO 密集型任务"),
        summary=Text(
            "Many tasks that only wait (sleep, or a socket that is slow to answer) run in threads, all at once. "
            "Then a few processes do the same wait, so you can compare what each costs to start and to keep.",
            "许多只是在等待的任务（休眠，或等待迟迟不回复的套接字）放在线程里同时运行。"
            "随后几个进程做同样的等待，用来比较线程和进程的启动开销和内存占用。",
        ),
        watch=Text(
            "On the timeline every thread sleeps at the same moment. Compare the threads' wall time with the "
            "serial sum, then the start-up time and memory of a thread against a process.",
            "在时间线上，所有线程同时处于等待状态。比较线程总用时与依次执行的总和，再比较线程和进程的启动时间与内存。",
        ),
        explanation=Text(
            "The GIL lets only one thread run Python bytecode at a time, but a thread that blocks in sleep(), "
            "select() or recv() releases it first. Waiting does not need the CPU, so IO-bound threads overlap "
            "almost perfectly and the total time is close to one task's. A thread lives inside the existing "
            "process: it needs a stack and a little bookkeeping, and starts in well under a millisecond. A spawned "
            "process starts a whole new interpreter and imports your modules, which costs tens of milliseconds and "
            "megabytes of memory. For many waiting tasks, threads are the cheap and correct tool.",
            "GIL 让同一时刻只有一个线程执行 Python 字节码，但线程在 sleep()、select()、recv() 中阻塞之前会先释放 GIL。"
            "等待不需要 CPU，所以 IO 密集型的线程几乎完全重叠，总用时接近单个任务的用时。"
            "线程活在现有进程里，只需要一个栈和少量管理数据，启动不到一毫秒；"
            "而 spawn 出来的进程要启动一个全新的解释器并导入你的模块，需要几十毫秒和若干 MB 内存。"
            "对于大量等待型任务，线程是既便宜又合适的工具。",
        ),
        params=(
            int_param("threads", 100, 1, 1000, Text("Threads", "线程数"), "threads"),
            int_param("processes", 4, 1, 64, Text("Processes to compare", "对比的进程数"), "processes"),
            float_param("wait", 0.5, 0.05, 5.0, Text("Wait per task", "每个任务的等待"), "s"),
            bool_param("socket", False, Text("Wait on a socket instead of sleeping", "在套接字上等待而不是休眠")),
        ),
        main=main,
        verdict=verdict,
        quick={"threads": 30, "processes": 2, "wait": 0.2},
        concepts=("threading.Thread", "IO-bound", "GIL", "select", "RSS", "线程", "IO 密集型", "内存"),
        prediction=prediction.number(
            "thread_wall_s",
            "Many threads each wait the same time. How many seconds will all of them take together?",
            "许多线程各自等待相同的时间。它们全部完成一共要多少秒？",
            prediction.SECONDS,
            decimals=1,
            tolerance=0.25,
        ),
        comparison=comparison.switch(
            "socket",
            ("Threads sleep", "线程休眠"),
            ("Threads wait on a socket", "线程在套接字上等待"),
            ("thread_wall_s", "speedup"),
        ),
        figures=(
            "threads",
            "processes",
            "wait_s",
            "thread_wall_s",
            "longest_task_s",
            "serial_sum_s",
            "speedup",
            "thread_start_ms",
            "thread_memory_kb",
            "process_wall_s",
            "process_start_ms",
            "process_memory_mb",
        ),
    )


def __getattr__(name: str) -> object:
    """``LESSON``, built by :func:`describe` the first time it is asked for and kept (PEP 562)."""
    if name != "LESSON":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    global LESSON  # later lookups find the module attribute and never come here again
    LESSON = describe()
    return LESSON
