"""concurrent.futures: one batch of tasks, four ways of asking for the results.

An executor (``ThreadPoolExecutor`` or ``ProcessPoolExecutor``) runs callables
and hands back ``Future`` objects: receipts for results that may not exist yet.
*How* you collect the results decides whether the work actually overlaps:

1. ``submit(...).result()`` one task at a time: synchronous, each call blocks
   until its task is done before the next one is even submitted.
2. ``as_completed(futures)``: submit everything, then take results as they finish.
3. ``future.add_done_callback(fn)``: submit everything, get called back on completion.
4. ``executor.map(fn, jobs)``: overlaps, but yields results in submission order.

The tasks sleep for durations that shrink down the batch (the first submitted
runs longest), so completion order and submission order disagree on purpose.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed

from desktop.lessons.chapter5_common import start_every_worker, worker_identity
from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, bool_param, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, rounded
from desktop.runtime.probe import Probe, State, current_probe

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

STYLES = ("submit-result", "as_completed", "callbacks", "map")
STYLE_ZH = {
    "submit-result": "submit() 后立即 result()",
    "as_completed": "as_completed()",
    "callbacks": "回调",
    "map": "map()",
}


def task(job: tuple[int, float]) -> tuple[int, float]:
    """Wait ``seconds`` (stands for a request); return (task number, finish time)."""
    number, seconds = job
    probe = current_probe()
    probe.state(State.SLEEPING, f"task {number}: {seconds:g} s", zh=f"任务 {number}：{seconds:g} 秒")
    time.sleep(seconds)
    probe.state(State.WAITING_GET, "idle, waiting for a task", zh="空闲，等待任务")
    # perf_counter is one clock for every process of the machine, so finish times compare.
    return number, time.perf_counter()


def warm_up(index: int) -> tuple[int, int]:
    """:func:`worker_identity`, from this module: a process worker imports the module (and so ``task``) now."""
    return worker_identity(index)


def received(result: tuple[int, float]) -> tuple[int, float, float]:
    """Stamp a result with the moment the caller got it: (task number, finished, received)."""
    return (*result, time.perf_counter())


def submit_result(executor, jobs) -> list:
    """Synchronous: submit one task, block on its result, only then submit the next."""
    return [received(executor.submit(task, job).result()) for job in jobs]


def with_as_completed(executor, jobs) -> list:
    """Asynchronous: submit everything first, then take each result as soon as it is ready."""
    futures = [executor.submit(task, job) for job in jobs]
    return [received(future.result()) for future in as_completed(futures)]


def with_callbacks(executor, jobs) -> list:
    """Asynchronous: the executor calls us back when each task is done."""
    results, failures = [], []
    lock = threading.Lock()
    all_called_back = threading.Event()

    def on_done(future: Future) -> None:
        # Runs in a worker thread (threads), the executor's manager thread (processes),
        # or right here if the future was already done when the callback was added.
        with lock:
            if future.exception() is None:
                results.append(received(future.result()))
            else:
                failures.append(future.exception())
            if len(results) + len(failures) == len(jobs):
                all_called_back.set()

    for job in jobs:
        executor.submit(task, job).add_done_callback(on_done)
    # Not wait(futures): a future counts as done a moment before its callbacks run.
    all_called_back.wait()
    if failures:
        raise failures[0]
    return results


def with_map(executor, jobs) -> list:
    """Overlapping, but results come back in submission order."""
    return [received(result) for result in executor.map(task, jobs)]


CALLING_STYLES = {
    "submit-result": submit_result,
    "as_completed": with_as_completed,
    "callbacks": with_callbacks,
    "map": with_map,
}


def make_executor(params: Params, probe: Probe):
    if params.processes:
        # mp_context: the executor must use the same spawn context as every other process here.
        return ProcessPoolExecutor(max_workers=params.workers, mp_context=ctx, initializer=probe.attach)
    return ThreadPoolExecutor(max_workers=params.workers, thread_name_prefix="worker")


def main(params: Params, probe: Probe) -> dict:
    n = params.tasks
    # Task 1 is submitted first; with ``longest_first`` it also runs longest.
    durations = [params.step * (n - i if params.longest_first else i + 1) for i in range(n)]
    jobs = [(i + 1, seconds) for i, seconds in enumerate(durations)]
    styles = {}
    started = time.perf_counter()
    with make_executor(params, probe) as executor:
        # Process workers start on demand: start them all now so the styles time only the tasks.
        start_every_worker(lambda fn, items: list(executor.map(fn, items)), params.workers, task=warm_up)
        start_s = time.perf_counter() - started
        for style, collect in CALLING_STYLES.items():
            probe.phase(style, zh=STYLE_ZH[style])
            probe.state(State.WAITING_GET, f"collecting results with {style}", zh=f"用 {STYLE_ZH[style]} 收集结果")
            began = time.perf_counter()
            results = collect(executor, jobs)
            wall = time.perf_counter() - began
            styles[style] = {
                "wall_s": wall,
                "received": [number for number, _, _ in results],
                "finished": [number for number, _, _ in sorted(results, key=lambda item: item[1])],
                "first_received_s": results[0][2] - began,
            }
            probe.log(
                f"{style}: results received in order {styles[style]['received']} after {wall:.2f} s",
                zh=f"{STYLE_ZH[style]}：{wall:.2f} 秒后按 {styles[style]['received']} 的顺序收到结果",
            )
    probe.state(State.FINISHED)
    return {"durations": durations, "start_s": start_s, "styles": styles}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    durations = outcome.result["durations"]
    styles = outcome.result["styles"]
    submitted = list(range(1, len(durations) + 1))
    total, longest = sum(durations), max(durations)
    kind_en = "ProcessPoolExecutor" if params.processes else "ThreadPoolExecutor"
    start_s = outcome.result["start_s"]
    parts_en = [
        f"{kind_en} with {params.workers} workers (started in {start_s:.2f} s), "
        f"tasks of {total:.2f} s in total (longest {longest:.2f} s)."
    ]
    parts_zh = [
        f"{kind_en}，{params.workers} 个{'工作进程' if params.processes else '工作线程'}（启动用了 {start_s:.2f} 秒），"
        f"任务总时长 {total:.2f} 秒（最长 {longest:.2f} 秒）。"
    ]
    for style in STYLES:
        info = styles[style]
        order = ",".join(str(number) for number in info["received"])
        if info["received"] == submitted:
            how_en, how_zh = "in submission order", "按提交顺序"
        elif info["received"] == info["finished"]:
            how_en, how_zh = "in completion order", "按完成顺序"
        else:
            how_en, how_zh = "in neither submission nor completion order", "既不按提交顺序也不按完成顺序"
        parts_en.append(f"{style}: {info['wall_s']:.2f} s, results {how_en} ({order}).")
        parts_zh.append(f"{STYLE_ZH[style]}：{info['wall_s']:.2f} 秒，结果{how_zh}（{order}）。")
    sync = styles["submit-result"]["wall_s"]
    fastest = min(styles[s]["wall_s"] for s in STYLES if s != "submit-result")
    speedup = sync / max(fastest, 1e-9)
    first_map = styles["map"]["first_received_s"]
    first_any = styles["as_completed"]["first_received_s"]
    parts_en.append(
        f"One at a time took {speedup:.1f}× as long as the fastest overlapping style. "
        f"as_completed handed over its first result after {first_any:.2f} s, map after {first_map:.2f} s."
    )
    parts_zh.append(
        f"逐个等待的用时是最快的重叠方式的 {speedup:.1f} 倍。"
        f"as_completed 在 {first_any:.2f} 秒后交出第一个结果，map 则在 {first_map:.2f} 秒后。"
    )
    figures = {
        "tasks": len(durations),
        "workers": params.workers,
        "processes": int(params.processes),
        "sum_s": total,
        "longest_s": longest,
        "start_s": start_s,
    }
    for style in STYLES:
        key = style.replace("-", "_")
        figures[f"{key}_wall_s"] = styles[style]["wall_s"]
        figures[f"{key}_first_result_s"] = styles[style]["first_received_s"]
        figures[f"{key}_in_submission_order"] = int(styles[style]["received"] == submitted)
    figures["as_completed_matches_finish_order"] = int(
        styles["as_completed"]["received"] == styles["as_completed"]["finished"]
    )
    return Verdict(Text(" ".join(parts_en), "".join(parts_zh)), rounded(figures))


LESSON = Lesson(
    id="futures",
    chapter=Chapter.THREADS,
    exercise="thread_pool_executor.py",
    title=Text("concurrent.futures: waiting for results", "concurrent.futures：如何等待结果"),
    summary=Text(
        "One batch of tasks, longest first, goes through an executor four times: submit().result() one by one, "
        "as_completed, done-callbacks and map. Each style's wall time and result order are measured.",
        "同一批任务（最长的先提交）在执行器上跑四遍：逐个 submit().result()、as_completed、完成回调和 map。"
        "分别测量每种方式的总用时和拿到结果的顺序。",
    ),
    watch=Text(
        "On the timeline the submit-result phase runs one task at a time; the other phases run them together. "
        "The log shows in which order each style handed over the results.",
        "在时间线上，submit-result 阶段一次只运行一个任务，其他阶段则让任务同时运行。日志显示每种方式交出结果的顺序。",
    ),
    explanation=Text(
        "submit() returns a Future immediately; result() blocks until that task is done. Calling result() "
        "right after each submit() makes the program synchronous again: the wall time is the sum of all tasks "
        "and the workers sit idle. Submit everything first, then collect: as_completed() yields futures in the "
        "order they finish, add_done_callback() runs your function as each one finishes, and map() overlaps the "
        "work too but returns results in submission order, so a slow first task holds back every later result. "
        "The same code runs on threads (ThreadPoolExecutor) or processes (ProcessPoolExecutor, given "
        "mp_context=the spawn context and an initializer); only the cost of starting workers and of sending "
        "arguments changes.",
        "submit() 立即返回一个 Future；result() 会阻塞直到该任务完成。每次 submit() 之后马上调用 result()，"
        "程序就又变回同步执行：总用时等于所有任务之和，其余工作者都闲着。"
        "应该先全部提交，再收集结果：as_completed() 按完成的先后交出 Future，"
        "add_done_callback() 在每个任务完成时调用你的函数，"
        "map() 同样让任务重叠执行，但按提交顺序返回结果，所以排在前面的慢任务会拖住后面所有结果。"
        "同样的代码既可以跑在线程上（ThreadPoolExecutor），也可以跑在进程上"
        "（ProcessPoolExecutor，传入 mp_context=spawn 上下文和 initializer）；变化的只是启动工作者和传送参数的开销。",
    ),
    params=(
        int_param("tasks", 6, 1, 200, Text("Tasks", "任务数"), "tasks"),
        # 61: the most ProcessPoolExecutor accepts on Windows.
        int_param("workers", 6, 1, 61, Text("Workers", "工作者数"), "workers"),
        float_param("step", 0.05, 0.005, 1.0, Text("Duration step between tasks", "任务时长的递增量"), "s"),
        bool_param("longest_first", True, Text("Submit the longest task first", "最长的任务先提交")),
        bool_param("processes", False, Text("Use ProcessPoolExecutor", "使用 ProcessPoolExecutor")),
    ),
    plan=lambda p: Plan(processes=p.workers if p.processes else 0, threads=0 if p.processes else p.workers),
    main=main,
    verdict=verdict,
    quick={"tasks": 5, "workers": 5, "step": 0.04},
    concepts=(
        "concurrent.futures",
        "ThreadPoolExecutor",
        "ProcessPoolExecutor",
        "Future",
        "as_completed",
        "add_done_callback",
        "mp_context",
        "异步",
        "回调",
    ),
    prediction=prediction.choice(
        "map_in_submission_order",
        "The longest task is submitted first. In which order will executor.map() give you the results?",
        "最长的任务最先提交。executor.map() 按什么顺序给出结果？",
        ("In submission order", "按提交顺序", lambda f: f["map_in_submission_order"] == 1),
        ("In completion order", "按完成顺序", lambda f: f["map_in_submission_order"] != 1),
    ),
    comparison=comparison.switch(
        "processes",
        ("ThreadPoolExecutor", "ThreadPoolExecutor"),
        ("ProcessPoolExecutor", "ProcessPoolExecutor"),
        ("start_s", "as_completed_wall_s"),
    ),
    figures=(
        "tasks",
        "workers",
        "processes",
        "sum_s",
        "longest_s",
        "start_s",
        "submit_result_wall_s",
        "submit_result_first_result_s",
        "submit_result_in_submission_order",
        "as_completed_wall_s",
        "as_completed_first_result_s",
        "as_completed_in_submission_order",
        "callbacks_wall_s",
        "callbacks_first_result_s",
        "callbacks_in_submission_order",
        "map_wall_s",
        "map_first_result_s",
        "map_in_submission_order",
        "as_completed_matches_finish_order",
    ),
)
