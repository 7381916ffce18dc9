"""JoinableQueue: join() returns when every item put has been marked task_done().

Producers put their share of the tasks, then call ``tasks.join()``: it blocks
until the queue's count of unfinished tasks falls to zero. Every put() adds
one to that count, every ``task_done()`` takes one off. Consumers loop forever
(``get``, work, ``task_done``) and are *daemon* processes: nobody joins them,
they end when the process that started them ends.

To check that join() waits for exactly the right moment, consumers add one to
a shared Value *before* calling task_done(). The first thing a producer does
after join() returns is read that Value: it must equal the number of tasks.
"""

from __future__ import annotations

import multiprocessing
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")


def consumer(probe: Probe, tasks, finished, work: float) -> None:
    """Take a task, do it, mark it done; forever. A daemon: it ends with the process that started it."""
    while True:
        probe.state(State.WAITING_GET, "get()")
        probe.flush()  # idle from here on: ending this daemon cannot cut a message in half
        task = tasks.get()
        probe.got("tasks")
        probe.state(State.SLEEPING, f"working on task {task}", zh=f"处理任务 {task}")
        time.sleep(work)
        with finished.get_lock():
            finished.value += 1
        probe.count("task_done")
        probe.state(State.WAITING_GET, "get()")
        probe.flush()
        tasks.task_done()  # the last one of these lets join() return


def producer(probe: Probe, tasks, finished, first: int, count: int, report) -> None:
    for task in range(first, first + count):
        tasks.put(task)
        probe.put("tasks")
    probe.state(State.WAITING_JOIN, "join(): waiting for every task_done()", zh="join()：等待每个 task_done()")
    tasks.join()
    done_at_join = finished.value  # read at once: how many tasks were finished when join() returned
    probe.log(f"join() returned with {done_at_join} tasks done", zh=f"join() 返回时已完成 {done_at_join} 个任务")
    report.put(done_at_join)
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    tasks = ctx.JoinableQueue()
    finished = ctx.Value("i", 0)
    report = ctx.Queue()
    consumers = [
        ctx.Process(target=consumer, args=(probe, tasks, finished, params.work), name=f"consumer-{i + 1}", daemon=True)
        for i in range(params.consumers)
    ]
    shares = [params.tasks // params.producers + (i < params.tasks % params.producers) for i in range(params.producers)]
    producers = [
        ctx.Process(
            target=producer, args=(probe, tasks, finished, sum(shares[:i]), share, report), name=f"producer-{i + 1}"
        )
        for i, share in enumerate(shares)
    ]
    began = time.perf_counter()
    for process in consumers + producers:
        process.start()
    probe.state(
        State.WAITING_GET,
        "collecting what each producer saw when join() returned",
        zh="收集每个生产者在 join() 返回时看到的情况",
    )
    done_at_join = [report.get() for _ in producers]
    for process in producers:
        process.join()
    wall = time.perf_counter() - began
    consumers_alive = sum(p.is_alive() for p in consumers)
    probe.log(
        f"{consumers_alive} daemon consumers still blocked in get(): they end with this process",
        zh=f"{consumers_alive} 个守护消费者仍阻塞在 get()：它们随本进程一起结束",
    )
    probe.state(State.FINISHED)
    # No join() for the consumers: when this process ends, multiprocessing terminates its daemon children.
    return {
        "done_at_join": done_at_join,
        "finished": finished.value,
        "consumers_alive_at_end": consumers_alive,
        "wall": wall,
    }


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    task_done = int(outcome.counter("task_done"))
    lowest = min(result["done_at_join"], default=0)
    alive = result["consumers_alive_at_end"]
    if lowest == params.tasks:
        en = f"Every producer's join() returned after exactly {params.tasks} task_done() calls out of {params.tasks}."
        zh = f"每个生产者的 join() 都恰好在 {params.tasks} 次 task_done() 之后返回（共 {params.tasks} 个任务）。"
    else:
        en = f"A join() returned when only {lowest} of {params.tasks} tasks were done: something is wrong."
        zh = f"有一个 join() 在 {params.tasks} 个任务只完成 {lowest} 个时就返回了：出问题了。"
    en += (
        f" {alive} of {params.consumers} daemon consumers were still waiting in get() when main returned; "
        f"being daemons, they are terminated when the run process exits. Took {result['wall']:.2f} s."
    )
    zh += (
        f"main 返回时 {params.consumers} 个守护消费者中有 {alive} 个仍在 get() 中等待；"
        f"作为守护进程，它们会在运行进程退出时被终止。"
        f"用时 {result['wall']:.2f} 秒。"
    )
    figures = {
        "tasks": params.tasks,
        "task_done_at_join": lowest,
        "task_done_total": task_done,
        "consumers_alive_at_end": alive,
        "wall_s": round(result["wall"], 3),
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="joinable-queue",
    chapter=Chapter.MESSAGE_PASSING,
    exercise="queue_writer_reader.py",
    title=Text("JoinableQueue: wait until the work is done", "JoinableQueue：等待所有任务完成"),
    summary=Text(
        "Producers put tasks and call join(); daemon consumers get each task, work on it and call task_done(). "
        "join() returns exactly when the last task is marked done.",
        "生产者放入任务后调用 join()；守护消费者取出任务、处理、再调用 task_done()。"
        "最后一个任务被标记完成的那一刻，join() 才返回。",
    ),
    watch=Text(
        "The producers sit in 'join()' on the timeline until the last task_done(); the consumers never finish: "
        "they are still waiting in get() when the run ends, and end with it.",
        "在时间线上，生产者一直停在“join()”直到最后一次 task_done()；消费者从不结束："
        "运行结束时它们仍在 get() 中等待，随之一起结束。",
    ),
    explanation=Text(
        "A JoinableQueue counts unfinished tasks: put() adds one, task_done() removes one, join() blocks until "
        "the count is zero. Call task_done() exactly once per get(), after the work, or join() returns too early "
        "(or never). Consumers that loop forever can be daemon processes: they need no stop message, because "
        "multiprocessing terminates daemon children when their parent exits. Daemons may not start children.",
        "JoinableQueue 会统计未完成的任务：put() 加一，task_done() 减一，join() 阻塞直到计数归零。"
        "每次 get() 之后、完成工作时恰好调用一次 task_done()，否则 join() 会过早返回（或永不返回）。"
        "无限循环的消费者可以是守护进程：不需要停止消息，因为父进程退出时 multiprocessing 会终止守护子进程。"
        "守护进程不能再创建子进程。",
    ),
    params=(
        int_param("tasks", 30, 1, 1000, Text("Tasks", "任务数")),
        int_param("producers", 2, 1, 16, Text("Producers", "生产者数"), "processes"),
        int_param("consumers", 3, 1, 32, Text("Consumers (daemons)", "消费者数（守护进程）"), "processes"),
        float_param("work", 0.05, 0.0, 2.0, Text("Work per task", "每个任务耗时"), "s"),
    ),
    main=main,
    verdict=verdict,
    quick={"tasks": 12, "producers": 1, "consumers": 2, "work": 0.03},
    views=("depth",),
    concepts=("JoinableQueue", "task_done", "join", "daemon", "守护进程", "任务完成"),
    prediction=prediction.number(
        "task_done_at_join",
        "When a producer's join() returns, how many task_done() calls will have been made?",
        "生产者的 join() 返回时，task_done() 已经被调用了多少次？",
        ("calls", "次"),
    ),
    comparison=comparison.vary("consumers", 1, 4, "{} consumer(s)", "{} 个消费者", ("wall_s", "task_done_at_join")),
    figures=(
        "tasks",
        "task_done_at_join",
        "task_done_total",
        "consumers_alive_at_end",
        "wall_s",
    ),
)
