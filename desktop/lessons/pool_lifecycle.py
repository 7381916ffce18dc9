"""A Pool's life: initializer, maxtasksperchild, callbacks, AsyncResult, close versus terminate.

Part one gives a pool a mix of tasks that succeed and tasks that raise. Each
worker process is set up once by an initializer and retired after
``maxtasksperchild`` tasks, so the pool keeps starting fresh processes.
Results arrive in ``callback``; exceptions arrive in ``error_callback`` with
the worker's traceback attached. ``close()`` then ``join()`` lets every
queued task finish.

Part two fills a new pool with long tasks and calls ``terminate()`` as soon
as the first ones are running: the workers are killed, and the tasks still
waiting in the queue never run at all.
"""

from __future__ import annotations

import multiprocessing
import os
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, plural
from desktop.runtime.probe import Probe, State, current_probe

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

# Set in each worker process by init_worker: how many tasks began anywhere in this pool.
_tasks_started = None


class TaskFailedError(Exception):
    """What a failing task raises; carries the task number and the worker's pid back to the parent."""

    def __init__(self, task: int, pid: int):
        super().__init__(task, pid)
        self.task, self.pid = task, pid

    def __str__(self) -> str:
        return f"task {self.task} failed on purpose in worker {self.pid}"


def init_worker(probe: Probe, tasks_started) -> None:
    """Runs once in every new worker process, before its first task.

    The pool's initializer is the only place a worker can receive things that
    must be inherited at start-up (the probe, a shared counter); it also does
    the per-worker setup a real program would do here (open a connection...).
    """
    global _tasks_started
    probe.attach()
    _tasks_started = tasks_started
    probe.count("workers started")
    probe.log(f"worker {os.getpid()} initialised", zh=f"工作进程 {os.getpid()} 已初始化")
    probe.state(State.WAITING_GET, "waiting for a task", zh="等待任务")


def task(number: int, seconds: float, fails: bool) -> dict:
    """Work for ``seconds``; raise TaskFailedError instead of returning if ``fails``."""
    probe = current_probe()
    with _tasks_started.get_lock():
        _tasks_started.value += 1
    probe.state(State.RUNNING, f"task {number}", zh=f"任务 {number}")
    time.sleep(seconds)  # stands for real work; the lesson is about the pool, not the work
    probe.state(State.WAITING_GET, "waiting for a task", zh="等待任务")
    if fails:
        raise TaskFailedError(number, os.getpid())
    return {"task": number, "pid": os.getpid()}


def callbacks_part(params: Params, probe: Probe) -> dict:
    """Part one: mixed tasks, callbacks, AsyncResult, maxtasksperchild, close + join."""
    probe.phase("callbacks", zh="回调")
    done: list[dict] = []
    errors: list[dict] = []

    # Both callbacks run in the parent, on the pool's result-handler thread: keep them short.
    def on_result(value: dict) -> None:
        done.append(value)

    def on_error(error: BaseException) -> None:
        remote = error.__cause__  # multiprocessing attaches the worker's traceback text here
        traceback_text = getattr(remote, "tb", "")
        errors.append({"task": getattr(error, "task", -1), "pid": getattr(error, "pid", 0), "tb": traceback_text})

    started = ctx.Value("i", 0)
    pool = ctx.Pool(
        params.workers,
        initializer=init_worker,
        initargs=(probe, started),
        maxtasksperchild=params.max_tasks_per_child,
    )
    with pool:
        pending = [
            pool.apply_async(
                task,
                (number, params.task_seconds, params.fail_every > 0 and (number + 1) % params.fail_every == 0),
                callback=on_result,
                error_callback=on_error,
            )
            for number in range(params.tasks)
        ]
        ready_at_once = sum(result.ready() for result in pending)
        probe.state(State.WAITING_GET, "waiting for the first result", zh="等待第一个结果")
        pending[0].wait(timeout=10.0)
        pool.close()  # no more tasks may be submitted; queued ones still run
        probe.state(State.WAITING_JOIN, "close(): joining the pool", zh="close()：等待进程池结束")
        pool.join()
    raised_by_get = 0
    for result in pending:
        if not result.successful():
            try:
                result.get(timeout=0)
            except TaskFailedError:
                raised_by_get += 1
    return {
        "submitted": params.tasks,
        "started": started.value,
        "ready_at_once": ready_at_once,
        "succeeded": len(done),
        "failed": len(errors),
        "raised_by_get": raised_by_get,
        "successful": sum(result.successful() for result in pending),
        "failed_with_traceback": sum("Traceback" in e["tb"] and "TaskFailedError" in e["tb"] for e in errors),
        "first_traceback": errors[0]["tb"] if errors else "",
        "pids": sorted({d["pid"] for d in done} | {e["pid"] for e in errors}),
    }


def terminate_part(params: Params, probe: Probe) -> dict:
    """Part two: long tasks, then terminate() while most are still queued."""
    probe.phase("terminate", zh="terminate() 终止")
    # A state of its own: the main's lane (and a watchdog's report) no longer says "joining the pool".
    probe.state(State.RUNNING, "starting a pool of long tasks", zh="启动一个运行长任务的进程池")
    started = ctx.Value("i", 0)
    with ctx.Pool(params.workers, initializer=init_worker, initargs=(probe, started)) as pool:
        pending = [pool.apply_async(task, (number, params.long_seconds, False)) for number in range(params.tasks)]
        # wait() with a timeout returns either way; ready() says which it was.
        pending[0].wait(timeout=params.long_seconds / 4)
        first_ready_early = pending[0].ready()
        probe.state(State.SLEEPING, "waiting until every worker is busy", zh="等到每个工作进程都忙起来")
        deadline = time.perf_counter() + 30.0
        while started.value < min(params.workers, params.tasks) and time.perf_counter() < deadline:
            time.sleep(0.005)
        probe.log(
            f"terminate() with {started.value} task(s) started out of {params.tasks}",
            zh=f"调用 terminate() 时 {params.tasks} 个任务中已开始 {started.value} 个",
        )
        pool.terminate()  # kills the workers now, running tasks included
        pool.join()
    return {
        "submitted": params.tasks,
        "started": started.value,
        "finished": sum(result.ready() for result in pending),
        "first_ready_early": first_ready_early,
    }


def main(params: Params, probe: Probe) -> dict:
    callbacks = callbacks_part(params, probe)
    terminated = terminate_part(params, probe)
    probe.state(State.FINISHED)
    return {"callbacks": callbacks, "terminate": terminated}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    part1, part2 = outcome.result["callbacks"], outcome.result["terminate"]
    distinct = len(part1["pids"])
    unrun = part2["submitted"] - part2["started"]
    limit = params.max_tasks_per_child
    if distinct > params.workers:
        replaced_en = f"maxtasksperchild={limit} replaced {plural(distinct - params.workers, 'worker')} along the way"
        replaced_zh = f"maxtasksperchild={limit} 中途替换了 {distinct - params.workers} 个工作进程"
    else:
        replaced_en = f"no worker was replaced this time (maxtasksperchild={limit})"
        replaced_zh = f"这次没有工作进程被替换（maxtasksperchild={limit}）"
    en = (
        f"Part 1: {part1['submitted']} tasks ran in {plural(distinct, 'worker process', 'worker processes')} "
        f"for a pool of {params.workers}: {replaced_en}. "
        f"{part1['succeeded']} reached callback, {part1['failed']} reached error_callback, "
        f"{part1['failed_with_traceback']} of them with the worker's traceback; get() re-raised "
        f"{part1['raised_by_get']}. "
        f"Part 2: terminate() with {part2['started']} of {part2['submitted']} long tasks started: "
        f"{unrun} never ran and {part2['finished']} finished."
    )
    zh = (
        f"第一部分：{part1['submitted']} 个任务由 {distinct} 个工作进程完成，进程池大小为 {params.workers}："
        f"{replaced_zh}。{part1['succeeded']} 个结果进入 callback，"
        f"{part1['failed']} 个异常进入 error_callback，其中 {part1['failed_with_traceback']} 个带有工作进程的回溯；"
        f"get() 重新抛出了 {part1['raised_by_get']} 个。"
        f"第二部分：{part2['submitted']} 个长任务中 {part2['started']} 个已开始时调用 terminate()："
        f"{unrun} 个从未运行，{part2['finished']} 个完成。"
    )
    figures = {
        "pool_size": params.workers,
        "tasks": part1["submitted"],
        "distinct_worker_pids": distinct,
        "succeeded": part1["succeeded"],
        "error_callbacks": part1["failed"],
        "errors_with_traceback": part1["failed_with_traceback"],
        "get_reraised": part1["raised_by_get"],
        "terminate_submitted": part2["submitted"],
        "terminate_started": part2["started"],
        "terminate_unrun": unrun,
        "terminate_finished": part2["finished"],
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="pool-lifecycle",
    chapter=Chapter.POOLS,
    exercise="pool_apply_map.py",
    title=Text("A Pool's life: callbacks, errors, close and terminate", "进程池的一生：回调、异常、close 与 terminate"),
    summary=Text(
        "A pool runs tasks that succeed and tasks that fail. An initializer prepares each worker, "
        "maxtasksperchild retires them, callbacks collect results and errors. Then a second pool is "
        "terminated while most of its long tasks are still waiting.",
        "进程池执行一批会成功和会失败的任务。initializer 初始化每个工作进程，maxtasksperchild 让它们按时退休，"
        "回调函数收集结果和异常。然后第二个进程池在大部分长任务还在排队时被 terminate。",
    ),
    watch=Text(
        "Watch the timeline: worker rows end and new ones appear as maxtasksperchild retires them. "
        "In the 'terminate' phase every worker row stops at once.",
        "看时间线：maxtasksperchild 让工作进程退休，旧的行结束，新的行出现。"
        "在 terminate 阶段，所有工作进程的行同时中断。",
    ),
    explanation=Text(
        "initializer(*initargs) runs once in every new worker, which is how a spawned worker receives "
        "things that cannot travel with a task (a shared Value, the probe). maxtasksperchild=n makes each "
        "worker exit after n tasks and the pool start a replacement, a cure for workers that leak memory. "
        "apply_async returns an AsyncResult at once: ready() asks, wait(timeout) waits without raising, "
        "successful() tells success from failure, get() returns the value or re-raises the task's exception. "
        "callback and error_callback run in the parent on the pool's result thread; the exception's __cause__ "
        "carries the traceback from the worker. close() refuses new tasks but lets queued ones finish; "
        "terminate() kills the workers at once, so queued tasks are silently dropped. Always join() after either.",
        "initializer(*initargs) 在每个新工作进程中运行一次，spawn 模式下无法随任务传递的东西（共享 Value、探针）"
        "就靠它送进工作进程。maxtasksperchild=n 让每个工作进程完成 n 个任务后退出，由进程池补一个新的，"
        "可以治内存泄漏。apply_async 立即返回 AsyncResult：ready() 询问是否完成，wait(timeout) 等待但不抛异常，"
        "successful() 区分成功与失败，get() 返回结果或重新抛出任务的异常。callback 和 error_callback "
        "在父进程的结果处理线程中运行；异常的 __cause__ 携带工作进程里的回溯。close() 拒绝新任务但让排队的任务"
        "跑完；terminate() 立刻杀掉工作进程，排队的任务被悄悄丢弃。两者之后都要 join()。",
    ),
    params=(
        int_param("workers", 2, 1, 16, Text("Pool processes", "进程池大小"), "processes"),
        int_param("tasks", 12, 1, 200, Text("Tasks", "任务数"), "tasks"),
        int_param(
            "max_tasks_per_child",
            2,
            1,
            100,
            Text("Tasks per worker (maxtasksperchild)", "每个工作进程的任务数（maxtasksperchild）"),
            "tasks",
        ),
        int_param("fail_every", 3, 0, 100, Text("Every n-th task fails (0: none)", "每第 n 个任务失败（0 为不失败）")),
        float_param("task_seconds", 0.05, 0.0, 2.0, Text("Task duration", "任务时长"), "s"),
        float_param("long_seconds", 1.0, 0.1, 10.0, Text("Long task duration", "长任务时长"), "s"),
    ),
    main=main,
    verdict=verdict,
    quick={"tasks": 8, "task_seconds": 0.02, "long_seconds": 0.5},
    concepts=(
        "Pool",
        "initializer",
        "maxtasksperchild",
        "apply_async",
        "AsyncResult",
        "error_callback",
        "close",
        "terminate",
        "进程池",
        "回调",
    ),
    prediction=prediction.number(
        "distinct_worker_pids",
        "With maxtasksperchild set, how many different worker processes will run the tasks?",
        "设置了 maxtasksperchild 后，会有多少个不同的工作进程执行这些任务？",
        ("processes", "个"),
    ),
    comparison=comparison.vary(
        "max_tasks_per_child",
        1,
        6,
        "maxtasksperchild={}",
        "maxtasksperchild={}",
        ("distinct_worker_pids", "succeeded"),
    ),
    figures=(
        "pool_size",
        "tasks",
        "distinct_worker_pids",
        "succeeded",
        "error_callbacks",
        "errors_with_traceback",
        "get_reraised",
        "terminate_submitted",
        "terminate_started",
        "terminate_unrun",
        "terminate_finished",
    ),
)
