"""Coroutines: many waits in one thread, compared with threads and processes.

Part one builds a tiny scheduler out of generators. Each generator yields how
long it wants to wait; the scheduler keeps them in a heap by wake-up time,
sleeps until the earliest is due, and resumes it. Three generators wait at
the same time in one thread: that is all cooperative multitasking is.

Part two waits many times concurrently in three ways, each measured for wall
time and memory:

* asyncio coroutines (the real thing behind part one), all in one thread;
* threads, one per wait;
* processes, one per wait, bounded to at most 64 because each is a whole interpreter.

The coroutine and thread models run in a fresh process of their own, so the
memory each adds is measured from the same starting point.
"""

from __future__ import annotations

import asyncio
import heapq
import multiprocessing
import threading
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, ratio
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

MODELS = ("coroutines", "threads", "processes")
MODEL_ZH = {"coroutines": "协程", "threads": "线程", "processes": "进程"}
MB = 1024 * 1024


# ------------------------------------------------------------------ part one: generators
def napper(name: str, naps: list[float], trace: list[tuple[str, str]]):
    """A generator-based task: ``yield seconds`` means "wake me in that many seconds"."""
    for nap in naps:
        trace.append((f"{name} sleeps {nap:.2f}s", f"{name} 睡 {nap:.2f} 秒"))
        yield nap
        trace.append((f"{name} wakes", f"{name} 醒来"))


def run_generators(tasks: list) -> float:
    """Round the generators through a heap of wake-up times; one thread, no preemption."""
    started = time.perf_counter()
    due = [(started, order, task) for order, task in enumerate(tasks)]
    heapq.heapify(due)
    while due:
        wake_at, order, task = heapq.heappop(due)
        time.sleep(max(0.0, wake_at - time.perf_counter()))  # the only real wait: for the earliest task
        try:
            nap = next(task)  # run the task until it yields again
        except StopIteration:
            continue
        heapq.heappush(due, (time.perf_counter() + nap, order, task))
    return time.perf_counter() - started


# ------------------------------------------------------------------ part two: the three models
def rss() -> int:
    # Imported here, not at the top: every process of the lesson imports this module, and the processes
    # part times their start-up (psutil would be ~8 ms of each). A host imports it before its clock starts.
    import psutil

    return psutil.Process().memory_info().rss


async def many_coroutines(count: int, wait: float, probe: Probe) -> dict:
    thread_ids: set[int] = set()
    done = 0

    async def one_wait() -> None:
        nonlocal done
        thread_ids.add(threading.get_native_id())
        await asyncio.sleep(wait)  # gives the loop back; the loop sleeps in its selector
        done += 1

    before = rss()
    tasks = [asyncio.create_task(one_wait()) for _ in range(count)]
    await asyncio.sleep(0)  # let every task start and reach its await
    probe.state(State.SLEEPING, f"{count} coroutines waiting", zh=f"{count} 个协程在等待")
    memory = rss() - before
    await asyncio.gather(*tasks)
    return {"done": done, "memory": memory, "threads_used": len(thread_ids)}


def many_threads(count: int, wait: float, probe: Probe) -> dict:
    thread_ids: set[int] = set()
    done = []
    all_started = threading.Barrier(count + 1)

    def one_wait() -> None:
        thread_ids.add(threading.get_native_id())
        all_started.wait()
        time.sleep(wait)
        done.append(1)  # list.append is atomic: no lock needed to count

    before = rss()
    threads = [threading.Thread(target=one_wait, name=f"waiter-{i}") for i in range(count)]
    for thread in threads:
        thread.start()
    all_started.wait()
    probe.state(State.WAITING_JOIN, f"{count} threads waiting", zh=f"{count} 个线程在等待")
    memory = rss() - before
    for thread in threads:
        thread.join()
    return {"done": len(done), "memory": memory, "threads_used": len(thread_ids)}


def host(probe: Probe, model: str, count: int, wait: float, results) -> None:
    """A fresh process that waits ``count`` times concurrently in ``model`` and reports."""
    probe.state(State.RUNNING, f"starting {count} {model}", zh=f"启动 {count} 个{MODEL_ZH[model]}")
    rss()  # imports psutil now: the wall and CPU time below are the waits', not that import's
    started = time.perf_counter()
    cpu_started = time.process_time()
    if model == "coroutines":
        measured = asyncio.run(many_coroutines(count, wait, probe))
    else:
        measured = many_threads(count, wait, probe)
    measured |= {"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu_started, "count": count}
    results.put(measured)
    probe.state(State.FINISHED)


def wait_in_process(probe: Probe, ready, go, wait: float) -> None:
    """One wait, one whole process: say ready, wait for the start signal, then wait."""
    ready.put(1)
    probe.state(State.WAITING_EVENT, "waiting for the others to start", zh="等待其他进程都启动")
    go.wait(timeout=60)
    probe.state(State.SLEEPING, "waiting", zh="等待中")
    time.sleep(wait)
    probe.state(State.FINISHED)


def many_processes(probe: Probe, count: int, wait: float) -> dict:
    ready, go = ctx.Queue(), ctx.Event()
    started = time.perf_counter()
    processes = [
        ctx.Process(target=wait_in_process, args=(probe, ready, go, wait), name=f"waiter-{i + 1}") for i in range(count)
    ]
    for process in processes:
        process.start()
    probe.state(State.WAITING_GET, "waiting for every process to start", zh="等待每个进程启动")
    for _ in processes:
        ready.get(timeout=120)
    startup = time.perf_counter() - started
    memory = sum(_unique_memory(process.pid) for process in processes)
    go.set()
    probe.state(State.WAITING_JOIN, "joining", zh="等待结束")
    for process in processes:
        process.join()
    done = sum(process.exitcode == 0 for process in processes)
    return {"done": done, "memory": memory, "wall": time.perf_counter() - started, "startup": startup, "count": count}


def _unique_memory(pid: int) -> int:
    """Memory that only this process uses (USS); RSS where the OS cannot tell.

    USS can be refused (AccessDenied), missing from psutil on a platform
    (AttributeError), or fail in the OS call itself: under Wine,
    ``memory_full_info()`` raises a plain OSError ([WinError 87]).
    """
    import psutil  # see rss

    try:
        process = psutil.Process(pid)
        try:
            return process.memory_full_info().uss
        except (psutil.AccessDenied, AttributeError, OSError):
            return process.memory_info().rss
    except psutil.Error:
        return 0


def main(params: Params, probe: Probe) -> dict:
    probe.phase("generators", zh="生成器")
    trace: list[tuple[str, str]] = []  # (English, Chinese) lines for the event log
    longest = 0.3 * min(1.0, params.wait)  # A naps 3 times, B twice, C once: all end together
    naps = [[longest / 3] * 3, [longest / 2] * 2, [longest]]
    generator_wall = run_generators([napper(name, n, trace) for name, n in zip("ABC", naps, strict=True)])
    for en, zh in trace:
        probe.log(en, zh=zh)
    results = {
        "generators": {
            "wall": generator_wall,
            "slept": sum(map(sum, naps)),
            "trace": [en for en, _ in trace],
            "longest": longest,
        },
    }
    sizes = {"coroutines": params.coroutines, "threads": params.threads, "processes": params.processes}
    for model in MODELS:
        probe.phase(model, zh=MODEL_ZH[model])
        if model == "processes":
            results[model] = many_processes(probe, params.processes, params.wait)
            continue
        reports = ctx.Queue()
        process = ctx.Process(target=host, args=(probe, model, sizes[model], params.wait, reports), name=model)
        process.start()
        probe.state(State.WAITING_GET, f"waiting for the {model} report", zh=f"等待{MODEL_ZH[model]}的报告")
        results[model] = reports.get(timeout=120)
        process.join()
    probe.state(State.FINISHED)
    return results


def verdict(params: Params, outcome: Outcome) -> Verdict:
    r = outcome.result
    gen = r["generators"]
    figures: dict[str, float] = {
        "generators_wall_s": round(gen["wall"], 3),
        "generators_slept_s": round(gen["slept"], 3),
    }
    parts_en, parts_zh = [], []
    for model in MODELS:
        m = r[model]
        per_wait_kb = ratio(m["memory"], m["count"]) / 1024
        figures |= {
            f"{model}_waits": m["count"],
            f"{model}_completed": m["done"],
            f"{model}_wall_s": round(m["wall"], 3),
            f"{model}_memory_mb": round(m["memory"] / MB, 2),
            f"{model}_kb_per_wait": round(per_wait_kb, 1),
        }
        parts_en.append(f"{m['done']}/{m['count']} {model} in {m['wall']:.2f} s, {per_wait_kb:,.1f} KB each")
        parts_zh.append(
            f"{MODEL_ZH[model]}：{m['done']}/{m['count']} 个，用时 {m['wall']:.2f} 秒，每个 {per_wait_kb:,.1f} KB"
        )
    figures["coroutine_threads"] = r["coroutines"]["threads_used"]
    figures["thread_threads"] = r["threads"]["threads_used"]
    figures["processes_startup_s"] = round(r["processes"]["startup"], 3)
    all_done = all(r[m]["done"] == r[m]["count"] for m in MODELS)
    figures["all_completed"] = int(all_done)
    overlapped = gen["wall"] < gen["slept"]
    gen_en = "but finished in" if overlapped else "and took"
    gen_zh = "却在一个线程里" if overlapped else "在一个线程里用了"
    en = (
        f"Three generators slept {gen['slept']:.2f} s in total {gen_en} {gen['wall']:.2f} s of one thread. "
        f"Waiting {params.wait:g} s each: " + "; ".join(parts_en) + ". "
        f"The coroutines ran in {figures['coroutine_threads']} thread(s); the threads in "
        f"{figures['thread_threads']}; the processes needed {r['processes']['startup']:.2f} s just to start."
    )
    zh = (
        f"三个生成器总共睡了 {gen['slept']:.2f} 秒，{gen_zh} {gen['wall']:.2f} 秒{'就' if overlapped else ''}完成了。"
        f"每个等待 {params.wait:g} 秒：" + "；".join(parts_zh) + "。"
        f"协程只用了 {figures['coroutine_threads']} 个线程；线程模型用了 {figures['thread_threads']} 个线程；"
        f"进程模型光启动就花了 {r['processes']['startup']:.2f} 秒。"
    )
    if not all_done:
        en += " Some waits did not complete!"
        zh += "有等待没有完成！"
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="coroutines",
    chapter=Chapter.COROUTINES,
    exercise="asyncio_gather.py",
    title=Text("Coroutines: thousands of waits in one thread", "协程：一个线程里的成千上万个等待"),
    summary=Text(
        "First a hand-made scheduler switches between generators that yield how long they want to sleep. "
        "Then thousands of concurrent waits run as asyncio coroutines, as threads and as processes.",
        "先用生成器自己写一个调度器：每个生成器 yield 出想睡多久，调度器在它们之间切换。"
        "然后把成千上万个并发等待分别写成 asyncio 协程、线程和进程来比较。",
    ),
    watch=Text(
        "Read the log of the 'generators' phase: A, B and C take turns in one thread. Then compare the "
        "memory per wait in the figures: coroutines cost about a kilobyte, processes megabytes.",
        "看 generators 阶段的日志：A、B、C 在一个线程里轮流运行。再比较各模型每个等待占用的内存："
        "协程约一千字节，进程要好几兆。",
    ),
    explanation=Text(
        "A generator stops at every yield and keeps its local variables until someone calls next() on it "
        "again. A scheduler that resumes whichever generator is due next gives many tasks the look of running "
        "at once, in one thread, with switches only where the code says yield: cooperative multitasking. "
        "async/await is the same idea made official: await suspends the coroutine and hands control back to "
        "the event loop, which sleeps until some timer or socket is ready. A suspended coroutine is just a "
        "small object, so ten thousand of them are cheap; a thread needs its own stack and an OS thread; a "
        "process needs a whole interpreter. The flip side: a coroutine that computes without awaiting blocks "
        "every other coroutine, and coroutines never use a second core.",
        "生成器在每个 yield 处暂停，保留局部变量，直到有人再次对它调用 next()。调度器每次恢复下一个到期的生成器，"
        "就能在一个线程里让许多任务看起来同时运行，而切换只发生在代码写了 yield 的地方：这就是协作式多任务。"
        "async/await 是同一思想的正式版本：await 挂起协程，把控制权交还事件循环，事件循环睡到某个定时器或套接字"
        "就绪为止。挂起的协程只是一个小对象，一万个也很便宜；线程需要自己的栈和一个操作系统线程；进程需要一整个"
        "解释器。反过来说：一个只计算不 await 的协程会挡住所有其他协程，而且协程永远用不上第二个核心。",
    ),
    params=(
        int_param("coroutines", 10_000, 1, 100_000, Text("Coroutines", "协程数"), "coroutines"),
        int_param("threads", 1000, 1, 1000, Text("Threads", "线程数"), "threads"),
        int_param("processes", 16, 1, 64, Text("Processes", "进程数"), "processes"),
        float_param("wait", 1.0, 0.0, 10.0, Text("Each wait", "每次等待"), "s"),
    ),
    main=main,
    verdict=verdict,
    quick={"coroutines": 2000, "threads": 200, "processes": 2, "wait": 0.1},
    concepts=("coroutine", "generator", "yield", "asyncio", "await", "event loop", "协程", "生成器", "事件循环"),
    prediction=prediction.number(
        "coroutine_threads",
        "How many operating-system threads will all the coroutines run on?",
        "所有协程一共运行在几个操作系统线程上？",
        ("threads", "个"),
    ),
    comparison=comparison.vary(
        "coroutines",
        1000,
        20_000,
        "{} coroutines",
        "{} 个协程",
        ("coroutines_wall_s", "coroutines_memory_mb"),
        simultaneous=False,
    ),
    figures=(
        "generators_wall_s",
        "generators_slept_s",
        "coroutines_waits",
        "coroutines_completed",
        "coroutines_wall_s",
        "coroutines_memory_mb",
        "coroutines_kb_per_wait",
        "threads_waits",
        "threads_completed",
        "threads_wall_s",
        "threads_memory_mb",
        "threads_kb_per_wait",
        "processes_waits",
        "processes_completed",
        "processes_wall_s",
        "processes_memory_mb",
        "processes_kb_per_wait",
        "coroutine_threads",
        "thread_threads",
        "processes_startup_s",
        "all_completed",
    ),
)
