"""Taking your own lock again: a Lock waits for itself, an RLock counts.

The *teller* process walks down ``depth`` nested levels, and every level takes
the same lock, the way a locked ``transfer()`` may call a locked ``audit()``
that protects the same account. Each ``acquire(timeout=...)`` is timed and its
result written down.

* With ``ctx.Lock()`` the second acquire comes from the process that already
  holds the lock. A Lock has no owner; it only knows it is taken, so the teller
  waits for itself. Only the timeout gets it out: it returns False, and the
  teller backs out. Without a timeout this is a deadlock of one.
* With ``ctx.RLock()`` (re-entrant lock) the lock remembers its owner and how
  many times the owner took it. Every nested acquire returns at once, and the
  lock is free again only after as many release() calls.

A second process, the *neighbour*, asks for the same lock while the teller is
at its deepest level. It measures how long it waited, and the teller stamps the
moment just before its last release(), so the run shows whether the neighbour
ever got in early.
"""

from __future__ import annotations

import multiprocessing
import queue
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, bool_param, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, rounded
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

HOLD = 0.3  # s the teller stays at its deepest level, so that the neighbour has to wait
PATIENCE = 30.0  # s the neighbour and the parent wait for anything at most


def teller(probe: Probe, lock, depth: int, timeout: float, deepest, reports) -> None:
    """Take ``lock`` once per level, nested ``depth`` deep; report every acquire and the last release."""
    attempts: list[dict] = []
    released = {"count": 0, "last_at": 0.0}

    def level(number: int) -> bool:
        probe.state(
            State.WAITING_LOCK,
            f"level {number}: lock.acquire(timeout={timeout:g})",
            zh=f"第 {number} 层：lock.acquire(timeout={timeout:g})",
        )
        began = time.perf_counter()
        got = lock.acquire(timeout=timeout)
        attempts.append({"level": number, "got": got, "seconds": time.perf_counter() - began})
        probe.log(
            f"level {number}: acquire() returned {got} after {attempts[-1]['seconds']:.4f} s",
            zh=f"第 {number} 层：acquire() 在 {attempts[-1]['seconds']:.4f} 秒后返回 {got}",
        )
        if not got:
            return False
        try:
            if number == depth or not level(number + 1):  # this is the deepest level the teller holds
                probe.state(State.SLEEPING, f"holding the lock {number} time(s) over", zh=f"已重复持有锁 {number} 次")
                deepest.set()
                time.sleep(HOLD)
        finally:
            released["last_at"] = time.perf_counter()  # stamped before release(): nobody can get in before it
            lock.release()
            released["count"] += 1
        return True

    level(1)
    reports.put({"who": "teller", "attempts": attempts, **released})
    probe.state(State.FINISHED)


def neighbour(probe: Probe, lock, deepest, reports) -> None:
    """Ask for the lock while the teller holds it; report how long that took."""
    probe.state(State.WAITING_EVENT, "waiting until the teller is at its deepest level", zh="等到柜员进入最深一层")
    deepest.wait(PATIENCE)
    probe.state(State.WAITING_LOCK, "lock.acquire(): another process asking", zh="lock.acquire()：另一个进程在请求")
    began = time.perf_counter()
    got = lock.acquire(timeout=PATIENCE)
    got_at = time.perf_counter()
    if got:
        lock.release()
    probe.log(
        f"acquire() returned {got} after {got_at - began:.3f} s", zh=f"acquire() 在 {got_at - began:.3f} 秒后返回 {got}"
    )
    reports.put({"who": "neighbour", "got": got, "waited": got_at - began, "got_at": got_at})
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    lock = ctx.RLock() if params.rlock else ctx.Lock()
    deepest, reports = ctx.Event(), ctx.Queue()
    processes = [
        ctx.Process(target=teller, args=(probe, lock, params.depth, params.timeout, deepest, reports), name="teller"),
        ctx.Process(target=neighbour, args=(probe, lock, deepest, reports), name="neighbour"),
    ]
    for process in processes:
        process.start()
    probe.state(State.WAITING_GET, "collecting the two reports", zh="收集两份报告")
    found = {}
    for _ in processes:
        try:
            report = reports.get(timeout=PATIENCE + params.timeout * params.depth)
        except queue.Empty:
            break  # a process died before reporting; the verdict says so
        found[report["who"]] = report
    probe.state(State.WAITING_JOIN, "joining the teller and the neighbour", zh="等待柜员和邻居结束")
    for process in processes:
        process.join()
    probe.state(State.FINISHED)
    return {**found, "kind": type(lock).__name__, "exitcodes": [p.exitcode for p in processes]}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    if "teller" not in result or "neighbour" not in result:
        codes = ", ".join(str(code) for code in result["exitcodes"])
        return Verdict(
            Text(
                f"A process ended without reporting (exit codes {codes}): nothing to judge.",
                f"有进程没有报告就结束了（退出码 {codes}）：无从判断。",
            ),
            {"levels_acquired": 0, "reentry_blocked": 0, "blocked_s": 0.0},
        )
    attempts = result["teller"]["attempts"]
    taken = [a for a in attempts if a["got"]]
    refused = [a for a in attempts if not a["got"]]
    releases = result["teller"]["count"]
    other = result["neighbour"]
    early = other["got"] and other["got_at"] < result["teller"]["last_at"]
    kind = "RLock" if params.rlock else "Lock"
    if refused:
        blocked = refused[0]
        en = (
            f"{kind}: the teller took the lock at level 1, then asked for it again at level {blocked['level']} "
            f"from the same process: acquire(timeout={params.timeout:g}) waited {blocked['seconds']:.2f} s and "
            "returned False. The lock does not know who holds it, so the teller was waiting for itself; "
            "without the timeout it would have waited forever."
        )
        zh = (
            f"{kind}：出纳进程在第 1 层拿到锁，又在第 {blocked['level']} 层由同一个进程再次请求它："
            f"acquire(timeout={params.timeout:g}) 等了 {blocked['seconds']:.2f} 秒，返回 False。"
            "这把锁不知道是谁持有它，所以出纳进程是在等它自己；如果没有超时，它会永远等下去。"
        )
    else:
        slowest = max(a["seconds"] for a in taken) * 1000
        en = (
            f"{kind}: the teller took the same lock {len(taken)} times, nested, each at once (the slowest "
            f"in {slowest:.2f} ms): the lock knows its owner and counts how often it took it."
        )
        zh = (
            f"{kind}：出纳进程嵌套地拿了同一把锁 {len(taken)} 次，每次都立即成功（最慢的用了 {slowest:.2f} 毫秒）："
            "这把锁认得它的主人，并记录主人拿了几次。"
        )
    if other["got"] and not early:
        en += (
            f" The neighbour process waited {other['waited']:.2f} s and got the lock only after the teller's "
            f"{releases}{_ordinal(releases)} and last release()."
        )
        zh += (
            f"邻居进程等了 {other['waited']:.2f} 秒，"
            f"直到出纳进程第 {releases} 次也就是最后一次 release() 之后才拿到锁。"
        )
    elif early:
        en += " The neighbour got the lock before the teller's last release(): the lock did not keep it out!"
        zh += "邻居进程在出纳进程最后一次 release() 之前就拿到了锁：这把锁没能把它挡在外面！"
    else:
        en += f" The neighbour never got the lock within {PATIENCE:g} s."
        zh += f"邻居进程在 {PATIENCE:g} 秒内始终没有拿到锁。"
    figures = {
        "depth": params.depth,
        "rlock": int(params.rlock),
        "levels_acquired": len(taken),
        "reentry_blocked": int(bool(refused)),
        "blocked_s": refused[0]["seconds"] if refused else 0.0,
        "timeout_s": params.timeout,
        "releases": releases,
        "neighbour_waited_s": other["waited"],
        "neighbour_got_in_early": int(early),
    }
    return Verdict(Text(en, zh), rounded(figures))


def _ordinal(number: int) -> str:
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


LESSON = Lesson(
    id="rlock-reentry",
    chapter=Chapter.SYNCHRONISATION,
    exercise="lock_prints.py",
    title=Text("Taking a lock twice: Lock and RLock", "同一把锁拿两次：Lock 与 RLock"),
    summary=Text(
        "One process takes the same lock at several nested levels. A Lock makes it wait for itself until "
        "acquire(timeout) gives up; an RLock lets its owner in again and counts, while another process still waits.",
        "一个进程在几层嵌套中反复获取同一把锁。Lock 让它等待它自己，直到 acquire(timeout) 放弃；"
        "RLock 让主人再次进入并计数，而另一个进程仍然要等待。",
    ),
    watch=Text(
        "With a Lock the teller's lane stays on 'waiting for a lock' for the whole timeout although no other "
        "process holds it. With an RLock the teller goes straight down, and the neighbour waits until it is out.",
        "使用 Lock 时，虽然没有其他进程持有锁，出纳进程的泳道却在整个超时期间都停在“等待锁”上。"
        "使用 RLock 时，出纳进程一路直下，邻居进程则要等它完全退出。",
    ),
    explanation=Text(
        "A Lock is either taken or free, whoever took it: even the process that holds it blocks when it asks "
        "again, and nothing will ever release it, a self-deadlock. That happens easily when one locked function "
        "calls another that takes the same lock. An RLock (re-entrant lock) records its owner, the process and "
        "thread that took it, and a count: the owner may acquire it again at once, each release() lowers the "
        "count, and other processes get in only when it reaches zero. Only the owner may release an RLock, "
        "while a Lock can be released by anyone. acquire(timeout=...) returns False instead of hanging, so you "
        "can notice the mistake. The cure is usually to take the lock in one place only; an RLock makes the "
        "nesting safe when it cannot be avoided.",
        "Lock 只有“被占用”和“空闲”两种状态，不管是谁拿的：即使是持有它的进程再次请求，也会被阻塞，"
        "而且再也没有人会释放它，这就是自己锁死自己。当一个加锁的函数调用另一个获取同一把锁的函数时，很容易发生这种情况。"
        "RLock（可重入锁）记录它的主人（拿到它的进程和线程）以及一个计数：主人可以立即再次获取，"
        "每次 release() 使计数减一，计数归零后其他进程才能进入。只有主人才能释放 RLock，而 Lock 可以被任何人释放。"
        "acquire(timeout=...) 会返回 False 而不是一直挂起，让你能发现这个错误。"
        "通常的办法是只在一个地方加锁；当嵌套无法避免时，RLock 能让它变得安全。",
    ),
    params=(
        bool_param("rlock", False, Text("Use an RLock", "使用 RLock")),
        int_param("depth", 3, 2, 10, Text("Nested levels", "嵌套层数")),
        float_param("timeout", 1.0, 0.05, 10.0, Text("acquire() timeout", "acquire() 的超时"), "s"),
    ),
    plan=lambda p: Plan(processes=2, threads=0),
    main=main,
    verdict=verdict,
    quick={"timeout": 0.3},
    concepts=("Lock", "RLock", "re-entrant", "reentrant", "acquire", "timeout", "self-deadlock", "可重入锁", "死锁"),
    prediction=prediction.yes_no(
        "reentry_blocked",
        "A process that holds a lock calls acquire() on that same lock again. Will the second acquire() block?",
        "一个已经持有锁的进程再次对同一把锁调用 acquire()。第二次 acquire() 会阻塞吗？",
        ("Yes, it waits for itself", "会，它在等它自己"),
        ("No, it gets the lock again at once", "不会，它立即再次拿到锁"),
    ),
    comparison=comparison.switch(
        "rlock",
        ("Lock", "Lock"),
        ("RLock", "RLock"),
        ("levels_acquired", "reentry_blocked", "blocked_s"),
    ),
    figures=(
        "depth",
        "rlock",
        "levels_acquired",
        "reentry_blocked",
        "blocked_s",
        "timeout_s",
        "releases",
        "neighbour_waited_s",
        "neighbour_got_in_early",
    ),
)
