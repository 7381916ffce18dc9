"""Stop the pool as soon as the answer is found: a search that does not finish its homework.

The task: recover a PIN from its SHA-256 hash by trying every candidate. The
candidates are split into blocks, one pool task per block. A *feeder* thread
submits the blocks while the main thread reads results as they arrive, so
submitting and checking overlap. The moment one task reports the PIN, the
main thread stops the feeder and calls ``pool.terminate()``: every block
still queued is dropped, and the workers are killed mid-block.

The result: far fewer tasks run than were submitted, and the run measures how
long it takes from "found" to "no worker process left".
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
import threading
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, ratio
from desktop.runtime.probe import Probe, State, current_probe

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

_tasks_started = None  # a shared counter, set in each worker by init_searcher


def digest(pin: int) -> str:
    return hashlib.sha256(f"{pin:08d}".encode()).hexdigest()


def init_searcher(probe: Probe, tasks_started) -> None:
    """Pool initializer: attach the probe and keep the shared started-tasks counter."""
    global _tasks_started
    probe.attach()
    _tasks_started = tasks_started


def search_block(first: int, count: int, target: str) -> dict:
    """Try the candidates first .. first+count-1; return the PIN if one matches."""
    probe = current_probe()
    # Counted in shared memory, not only with the probe: terminate() may kill
    # this process before its last probe events are sent.
    with _tasks_started.get_lock():
        _tasks_started.value += 1
    probe.state(State.RUNNING, f"block from {first}", zh=f"从 {first} 开始的块")
    found = next((pin for pin in range(first, first + count) if digest(pin) == target), None)
    probe.count("blocks searched")
    probe.state(State.WAITING_GET, "waiting for a block", zh="等待一个块")
    return {"first": first, "found": found, "pid": os.getpid()}


QUEUED_TASK_KB = 2.5  # memory per submitted block (its task, ApplyResult and result): 1M blocks peaked at 2 GB


def plan(params: Params) -> Plan:
    """The pool's workers, and the memory of every block submitted at once (the feeder does not wait)."""
    blocks = -(-params.candidates // params.block)
    return Plan(processes=params.workers, threads=0, data_mb=blocks * QUEUED_TASK_KB / 1024)


def main(params: Params, probe: Probe) -> dict:
    blocks = [
        (first, min(params.block, params.candidates - first)) for first in range(0, params.candidates, params.block)
    ]
    secret = min(params.candidates - 1, int(params.candidates * params.target_at))
    target = digest(secret)
    probe.log(
        f"looking for the PIN with hash {target[:16]}… among {params.candidates} candidates",
        zh=f"在 {params.candidates} 个候选中寻找哈希为 {target[:16]}…… 的 PIN",
    )

    results: queue.Queue = queue.Queue()  # filled by the pool's callbacks, read by the main thread
    stop_feeding = threading.Event()
    submitted = 0
    tasks_started = ctx.Value("i", 0)
    pool = ctx.Pool(params.workers, initializer=init_searcher, initargs=(probe, tasks_started))

    def feed() -> None:
        """Submit every block, unless the answer turns up first."""
        nonlocal submitted
        probe.state(State.RUNNING, "submitting blocks", zh="提交各个块")
        for first, count in blocks:
            if stop_feeding.is_set():
                probe.log(f"feeder stops: {submitted} block(s) submitted", zh=f"提交者停止：已提交 {submitted} 个块")
                break
            pool.apply_async(search_block, (first, count, target), callback=results.put, error_callback=results.put)
            submitted += 1
        probe.state(State.FINISHED)

    started = time.perf_counter()
    feeder = threading.Thread(target=feed, name="feeder")
    feeder.start()
    found, found_at, pids, answers = None, None, set(), 0
    deadline = started + 120.0
    probe.state(State.WAITING_GET, "checking results", zh="检查结果")
    while answers < len(blocks) and time.perf_counter() < deadline:
        try:
            answer = results.get(timeout=0.5)
        except queue.Empty:
            continue
        if isinstance(answer, BaseException):
            raise answer
        answers += 1
        pids.add(answer["pid"])
        if answer["found"] is not None:
            found, found_at = answer["found"], time.perf_counter()
            break
    probe.state(State.RUNNING, "stopping the pool", zh="停止进程池")
    stop_feeding.set()
    feeder.join()
    pool.terminate()  # drop every queued block, kill the workers mid-block
    pool.join()
    gone_at = time.perf_counter()
    import psutil  # here, not at the top: every worker process imports this module, and psutil is ~8 ms of its start

    still_alive = sum(psutil.pid_exists(pid) and _is_running(pid) for pid in pids)
    probe.log(
        f"found {found} after {answers} answer(s); workers gone {gone_at - (found_at or gone_at):.3f} s later",
        zh=f"收到 {answers} 个回答后找到 {found}；工作进程在 {gone_at - (found_at or gone_at):.3f} 秒后全部退出",
    )
    probe.state(State.FINISHED)
    return {
        "secret": secret,
        "found": found,
        "blocks_total": len(blocks),
        "submitted": submitted,
        "tasks_run": tasks_started.value,
        "answers_read": answers,
        "search_s": (found_at or gone_at) - started,
        "found_to_gone_s": gone_at - (found_at or gone_at),
        "workers_alive_after": still_alive,
    }


def _is_running(pid: int) -> bool:
    import psutil  # see main

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def verdict(params: Params, outcome: Outcome) -> Verdict:
    r = outcome.result
    share = ratio(r["tasks_run"], r["submitted"])
    if r["found"] == r["secret"]:
        en = f"Found the PIN {r['found']:08d} in {r['search_s']:.2f} s."
        zh = f"{r['search_s']:.2f} 秒内找到了 PIN {r['found']:08d}。"
    else:
        en = f"Did not find the PIN (expected {r['secret']:08d})."
        zh = f"没有找到 PIN（应为 {r['secret']:08d}）。"
    if r["tasks_run"] < r["submitted"]:
        en += (
            f" {r['submitted']} of {r['blocks_total']} blocks were submitted but only {r['tasks_run']} ran "
            f"({share:.0%}); terminate() dropped the rest."
        )
        zh += (
            f"{r['blocks_total']} 个数据块中提交了 {r['submitted']} 个，只运行了 {r['tasks_run']} 个（{share:.0%}），"
            "其余被 terminate() 丢弃。"
        )
    else:
        en += (
            f" {r['submitted']} of {r['blocks_total']} blocks were submitted and all {r['tasks_run']} ran: "
            "this time terminate() had nothing left to drop."
        )
        zh += (
            f"{r['blocks_total']} 个数据块中提交了 {r['submitted']} 个，{r['tasks_run']} 个全部运行了："
            "这次 terminate() 没有可丢弃的任务。"
        )
    gone_ms = r["found_to_gone_s"] * 1000
    if r["workers_alive_after"]:
        en += (
            f" {r['workers_alive_after']} worker(s) were still alive after terminate() and join(): something is wrong."
        )
        zh += f"terminate() 和 join() 之后仍有 {r['workers_alive_after']} 个工作进程存活：出问题了。"
    elif r["found"] == r["secret"]:
        en += f" From 'found' to every worker gone: {gone_ms:.0f} ms."
        zh += f"从“找到”到所有工作进程退出用了 {gone_ms:.0f} 毫秒。"
    figures = {
        "found": int(r["found"] == r["secret"]),
        "blocks_total": r["blocks_total"],
        "submitted": r["submitted"],
        "tasks_run": r["tasks_run"],
        "run_share": round(share, 3),
        "search_s": round(r["search_s"], 3),
        "found_to_gone_ms": round(r["found_to_gone_s"] * 1000, 1),
        "workers_alive_after": r["workers_alive_after"],
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="pool-early-stop",
    chapter=Chapter.POOLS,
    exercise="pool_apply_map.py",
    title=Text("Stop early: terminate the pool once the answer is found", "提前结束：找到答案就终止进程池"),
    summary=Text(
        "A pool searches blocks of candidate PINs for the one that matches a hash. A feeder thread submits "
        "blocks while the main thread checks results; the first hit stops the feeder and terminates the pool.",
        "进程池按块搜索候选 PIN，找出与哈希值相符的那个。一个投递线程负责提交数据块，主线程同时检查结果；"
        "一旦命中，就停止投递并终止进程池。",
    ),
    watch=Text(
        "Watch the 'blocks searched' counter stop far below the number of blocks, and every worker row "
        "end at the same moment when the pool is terminated.",
        "观察“已搜索块数”远未达到总块数就停了；进程池被终止时，所有工作进程的行在同一时刻结束。",
    ),
    explanation=Text(
        "pool.map would only return after every block was searched, even if the first one held the answer. "
        "apply_async with a callback delivers each result as soon as it exists, so the parent can decide "
        "early. Submitting from a separate feeder thread keeps the main thread free to check results while "
        "tasks are still being submitted, and lets it tell the feeder to stop. terminate() then discards the "
        "queued tasks and kills the workers, even those halfway through a block: fine for a search, whose "
        "other results nobody needs, but never for tasks that write files or hold locks.",
        "pool.map 要等所有数据块都搜完才返回，哪怕第一块就有答案。带回调的 apply_async 每出一个结果就立即送达，"
        "父进程可以提前作出判断。用单独的投递线程提交任务，主线程就能一边检查结果一边继续提交，并能通知投递线程"
        "停下。随后 terminate() 丢弃排队中的任务并杀死工作进程，哪怕它们正搜到一半：对搜索来说没问题，"
        "其余结果没人需要；但对写文件或持有锁的任务绝不能这样做。",
    ),
    plan=plan,
    params=(
        int_param("candidates", 10_000_000, 1000, 100_000_000, Text("Candidate PINs", "候选 PIN 数"), "PINs"),
        int_param("block", 10_000, 100, 1_000_000, Text("PINs per task", "每个任务的 PIN 数"), "PINs"),
        float_param("target_at", 0.05, 0.0, 1.0, Text("Where the PIN is (fraction)", "PIN 所在位置（比例）")),
        int_param("workers", 2, 1, 64, Text("Pool processes", "进程池大小"), "processes"),
    ),
    main=main,
    verdict=verdict,
    quick={"candidates": 500_000, "block": 5000, "target_at": 0.05},
    concepts=("apply_async", "callback", "terminate", "early stop", "feeder thread", "提前终止", "回调"),
    prediction=prediction.number(
        "run_share",
        "The PIN is found early in the search. What share of the submitted tasks will actually run?",
        "PIN 在搜索前段就被找到了。提交的任务中有多大比例真正运行了？",
        prediction.PERCENT,
        maximum=100.0,
        scale=100.0,
        tolerance=0.3,
    ),
    comparison=comparison.vary(
        "target_at", 0.05, 0.5, "PIN at {} of the way", "PIN 位于 {} 处", ("tasks_run", "search_s"), simultaneous=False
    ),
    figures=(
        "found",
        "blocks_total",
        "submitted",
        "tasks_run",
        "run_share",
        "search_s",
        "found_to_gone_ms",
        "workers_alive_after",
    ),
)
