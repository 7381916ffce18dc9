"""A shared dict through a Manager: every proxy call is safe, a read-modify-write is not.

``ctx.Manager()`` starts a *server process* that owns real Python objects; the
other processes hold proxies and every ``d["count"]`` or ``d["count"] = x`` is
a request to that server. Each single request is atomic, but

    d["count"] = d["count"] - 1

is two requests: another process can get its own read in between, and then
both write back the same number. One decrement is lost.

The workers start together at a barrier so that they really overlap. With a
Lock around the read and the write, the count always ends at exactly 0.
"""

from __future__ import annotations

import multiprocessing
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, bool_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")


def decrement(shared, lock, start_together, rounds: int, probe: Probe) -> None:
    """Take ``rounds`` ones off ``shared["count"]``; ``lock`` is a ``ctx.Lock()`` or None."""
    probe.state(State.WAITING_BARRIER, "waiting for everybody to be ready", zh="等待所有人准备好")
    start_together.wait()
    for _ in range(rounds):
        if lock is None:
            shared["count"] = shared["count"] - 1  # read ... (someone may write here) ... write
        else:
            probe.state(State.WAITING_LOCK, "counter lock", zh="计数器锁")
            with lock:
                probe.state(State.RUNNING, "read, subtract one, write", zh="读取、减一、写回")
                shared["count"] = shared["count"] - 1
        probe.count("decrements")
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    start = params.workers * params.rounds
    lock = ctx.Lock() if params.lock else None
    start_together = ctx.Barrier(params.workers + 1)
    # Leaving the with-block shuts the manager's server process down.
    with ctx.Manager() as manager:
        shared = manager.dict(count=start)
        workers = [
            ctx.Process(
                target=decrement,
                args=(shared, lock, start_together, params.rounds, probe),
                name=f"worker-{index + 1}",
            )
            for index in range(params.workers)
        ]
        for process in workers:
            process.start()
        probe.state(State.WAITING_BARRIER, "waiting for every worker to be ready", zh="等待每个工作进程准备好")
        start_together.wait()
        began = time.perf_counter()
        probe.state(State.WAITING_JOIN, "joining the workers", zh="等待工作进程结束")
        for process in workers:
            process.join()
        wall = time.perf_counter() - began
        final = shared["count"]
        servers = multiprocessing.active_children()  # the workers are joined: only the manager is left
    probe.state(State.FINISHED)
    return {
        "start": start,
        "final": final,
        "wall": wall,
        "server_pids": [p.pid for p in servers],
        "servers_alive_after_shutdown": sum(p.is_alive() for p in servers),
    }


def verdict(params: Params, outcome: Outcome) -> Verdict:
    start, final, wall = outcome.result["start"], outcome.result["final"], outcome.result["wall"]
    decrements = int(outcome.counter("decrements"))
    landed = start - final  # decrements the count really shows
    lost = decrements - landed  # done by a worker, then overwritten by a write based on an older read
    mode_en = "With a Lock" if params.lock else "Without a lock"
    mode_zh = "加锁" if params.lock else "不加锁"
    if lost == 0 and decrements == start:
        en = f"{mode_en}: {decrements} decrements took the count from {start} to exactly 0."
        zh = f"{mode_zh}：{decrements} 次减一把计数从 {start} 准确地减到 0。"
        if not params.lock:
            en += " The race did not happen this time: the workers never interleaved badly. Run it again."
            zh += "这次竞争没有发生：进程之间恰好没有交错，可以再运行一次。"
    elif lost > 0:
        en = (
            f"{mode_en}: {decrements} decrements took the count from {start} to {final}, "
            f"so {lost} of them ({lost / decrements:.0%}) were lost between a read and its write."
        )
        zh = (
            f"{mode_zh}：{decrements} 次减一后计数从 {start} 变成 {final}，"
            f"有 {lost} 次更新（{lost / decrements:.0%}）在读与写之间丢失。"
        )
    else:
        en = (
            f"{mode_en}: only {decrements} of {start} decrements were reported, and the count went from {start} "
            f"to {final}: a worker stopped early or wrote without reporting. Something is wrong."
        )
        zh = (
            f"{mode_zh}：{start} 次减一中只报告了 {decrements} 次，计数从 {start} 变成 {final}："
            "有工作进程提前结束，或写了却没有报告。出问题了。"
        )
    en += f" Took {wall:.2f} s ({decrements / wall if wall else 0:.0f} decrements/s through the manager)."
    zh += f"用时 {wall:.2f} 秒（经由 Manager 每秒 {decrements / wall if wall else 0:.0f} 次减一）。"
    figures = {
        "start": start,
        "final_count": final,
        "lost_updates": max(0, lost),
        "decrements": decrements,
        "wall_s": round(wall, 3),
        "manager_servers": len(outcome.result["server_pids"]),
        "manager_servers_alive_after_shutdown": outcome.result["servers_alive_after_shutdown"],
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="manager-counter",
    chapter=Chapter.SYNCHRONISATION,
    exercise="manager_dict.py",
    title=Text("A shared counter in a Manager dict", "Manager 字典里的共享计数器"),
    summary=Text(
        "Worker processes each take ones off a count kept in a Manager().dict(). Every proxy call is safe on "
        "its own, yet without a lock the count does not reach zero.",
        "多个工作进程各自从 Manager().dict() 中的计数减一。每次代理调用本身是安全的，但不加锁时计数减不到零。",
    ),
    watch=Text(
        "Compare the 'decrements' counter with the final count in the verdict: every decrement ran, "
        "yet some of them vanished. Tick the lock and the count ends at 0.",
        "对比“decrements”计数和结论中的最终计数：每次减一都执行了，却有一些凭空消失。勾选锁后计数归零。",
    ),
    explanation=Text(
        "A Manager runs a server process that owns the real dict; your processes talk to it through proxies, "
        "one request per operation. 'read, subtract, write' is two requests, so two processes can read the same "
        "value and both write value - 1: a lost update. Holding a Lock (ctx.Lock() or manager.Lock()) across the "
        "read and the write makes the pair atomic. Use the manager as a context manager so its server process "
        "is shut down when you are done.",
        "Manager 会启动一个服务器进程来持有真正的字典；你的进程通过代理与它通信，每个操作一次请求。"
        "“读取、减一、写回”是两次请求，两个进程可能读到同一个值并都写回 值-1：更新丢失。"
        "在读和写之间持有一把锁（ctx.Lock() 或 manager.Lock()）就能把这两步变成原子操作。"
        "用 with 语句使用 Manager，结束时它的服务器进程会被关闭。",
    ),
    plan=lambda p: Plan(processes=p.workers + 1, threads=0, silent=1),  # + 1: the Manager's server, silent
    params=(
        int_param("workers", 20, 1, 64, Text("Worker processes", "工作进程数"), "processes"),
        int_param("rounds", 5, 1, 1000, Text("Decrements per worker", "每个进程减几次")),
        bool_param("lock", False, Text("Use a Lock", "使用锁")),
    ),
    main=main,
    verdict=verdict,
    quick={"workers": 6, "rounds": 20},
    concepts=("Manager", "dict", "proxy", "lost update", "Lock", "代理", "更新丢失", "服务器进程"),
    prediction=prediction.number(
        "final_count",
        "Together the workers take exactly as many off the shared counter as it starts with. "
        "What will it show at the end?",
        "所有工作进程一共减去的次数正好等于共享计数器的初值。最后计数器显示多少？",
    ),
    comparison=comparison.switch(
        "lock", ("Without a lock", "不加锁"), ("With a Lock", "加锁"), ("final_count", "lost_updates", "wall_s")
    ),
    figures=(
        "start",
        "final_count",
        "lost_updates",
        "decrements",
        "wall_s",
        "manager_servers",
        "manager_servers_alive_after_shutdown",
    ),
)
