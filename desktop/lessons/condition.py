"""Condition: wait() until told, notify() wakes some waiters, notify_all() wakes them all.

A Condition is a lock plus a waiting room. Each waiter (a process) takes the
condition's lock, checks whether there is a ticket for it, and since there is
none calls ``cond.wait(timeout=patience)``. wait() releases the lock while it
sleeps and takes it back before it returns: True if somebody notified it,
False if the timeout ran out first.

The parent counts the waiters in the room *under the same lock*: it can take
that lock while every waiter is still inside its ``with cond:`` block, which is
only possible because wait() let go of it. When all are waiting, the parent
puts a number of tickets on the table and either calls ``notify(n)`` with one
wake-up per ticket, or ``notify_all()``.

Every waiter writes down what wait() returned, how long it waited and whether
a ticket was left when it got the lock back. With notify_all() everybody wakes
but most find the table empty: a woken waiter must check its condition again,
which is what ``wait_for(predicate)`` does in a loop.
"""

from __future__ import annotations

import multiprocessing
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, bool_param, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, rounded
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

COUNT_EVERY = 0.005  # s between two looks of the parent at the number of waiters


def waiter(probe: Probe, cond, board, index: int, start_together, patience: float) -> None:
    """Wait for a ticket; write down what wait() returned and whether a ticket was left."""
    probe.state(State.WAITING_BARRIER, "waiting for the others to be ready", zh="等待其他人准备好")
    start_together.wait()
    probe.state(State.WAITING_LOCK, "taking the condition's lock", zh="获取条件变量的锁")
    with cond:
        board.waiting.value += 1
        probe.state(State.WAITING_EVENT, f"cond.wait(timeout={patience:g})", zh=f"cond.wait(timeout={patience:g})")
        began = time.perf_counter()
        notified = cond.wait(timeout=patience)  # releases the lock while asleep, takes it back to return
        board.waited[index] = time.perf_counter() - began
        board.waiting.value -= 1
        board.woke[index] = int(notified)
        if board.tickets.value > 0:
            board.tickets.value -= 1
            board.got[index] = 1
    probe.log(
        f"wait() returned {notified} after {board.waited[index]:.3f} s; "
        + ("took a ticket" if board.got[index] else "no ticket left"),
        zh=f"wait() 返回 {notified}，用时 {board.waited[index]:.3f} 秒；"
        + ("拿到一张票" if board.got[index] else "没有票了"),
    )
    probe.state(State.FINISHED)


class Board:
    """Shared numbers, all read and written only while holding the condition's lock (hence no locks of their own)."""

    def __init__(self, waiters: int):
        self.tickets = ctx.RawValue("i", 0)
        self.waiting = ctx.RawValue("i", 0)
        self.woke = ctx.RawArray("i", waiters)
        self.got = ctx.RawArray("i", waiters)
        self.waited = ctx.RawArray("d", waiters)


def main(params: Params, probe: Probe) -> dict:
    cond = ctx.Condition()
    board = Board(params.waiters)
    start_together = ctx.Barrier(params.waiters + 1)
    waiters = [
        ctx.Process(
            target=waiter, args=(probe, cond, board, index, start_together, params.patience), name=f"waiter-{index + 1}"
        )
        for index in range(params.waiters)
    ]
    for process in waiters:
        process.start()
    probe.state(State.WAITING_BARRIER, "waiting for the waiters to be ready", zh="等待各等待者准备好")
    start_together.wait()
    probe.state(
        State.WAITING_LOCK, "taking the condition's lock to count the waiters", zh="获取条件变量的锁，清点等待者"
    )
    began = time.perf_counter()
    while True:
        with cond:  # granted while the waiters are inside `with cond:`: wait() has released the lock
            counted = board.waiting.value
            if counted == params.waiters or time.perf_counter() - began > params.patience:
                board.tickets.value = params.tickets
                if params.notify_all:
                    cond.notify_all()
                    call = "notify_all()"
                else:
                    cond.notify(params.tickets)
                    call = f"notify({params.tickets})"
                break
        time.sleep(COUNT_EVERY)
    probe.log(
        f"{counted} waiters inside wait(); put {params.tickets} tickets on the table and called {call}",
        zh=f"{counted} 个等待者在 wait() 中；放上 {params.tickets} 张票并调用 {call}",
    )
    probe.state(State.WAITING_JOIN, "joining the waiters", zh="等待各等待者结束")
    for process in waiters:
        process.join()
    probe.state(State.FINISHED)
    return {
        "waiting_at_notify": counted,
        "call": call,
        "woke": list(board.woke),
        "got": list(board.got),
        "waited": list(board.waited),
        "tickets_left": board.tickets.value,
        "exitcodes": [p.exitcode for p in waiters],
    }


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    total = params.waiters
    inside = result["waiting_at_notify"]
    woke = sum(result["woke"])
    got = sum(result["got"])
    woke_empty = sum(1 for w, g in zip(result["woke"], result["got"], strict=True) if w and not g)
    timed_out = total - woke
    gave_up = [s for w, s in zip(result["woke"], result["waited"], strict=True) if not w]
    call = result["call"]
    en = (
        f"The parent took the condition's lock while {inside} of {total} waiters were inside wait(): wait() had "
        f"released it. It put {params.tickets} ticket{'s' if params.tickets != 1 else ''} on the table and called "
        f"{call}: {woke} of {total} woke (wait() returned True), {got} got a ticket"
    )
    zh = (
        f"{total} 个等待者中有 {inside} 个在 wait() 里时，父进程拿到了条件变量的锁：wait() 已经把锁释放了。"
        f"它放了 {params.tickets} 张票，然后调用 {call}：{total} 个中有 {woke} 个被唤醒（wait() 返回 True），"
        f"{got} 个拿到了票"
    )
    if woke_empty:
        en += (
            f", and {woke_empty} woke to find no ticket left: after wait() returns, check the condition again "
            "(wait_for() does that in a loop)"
        )
        zh += (
            f"，另有 {woke_empty} 个醒来却发现票已经没了："
            "wait() 返回后必须再检查一次条件（wait_for() 就是循环做这件事）"
        )
    if timed_out:
        others = "The other one was" if timed_out == 1 else f"The other {timed_out} were"
        en += (
            f". {others} never woken: wait(timeout={params.patience:g}) returned False after "
            f"{max(gave_up):.2f} s at most."
        )
        zh += (
            f"。其余 {timed_out} 个从未被唤醒：wait(timeout={params.patience:g}) "
            f"最多 {max(gave_up):.2f} 秒后返回 False。"
        )
    else:
        en += "."
        zh += "。"
    if inside < total:
        en += f" ({total - inside} waiter(s) were not yet inside wait() when the parent stopped counting.)"
        zh += f"（父进程停止计数时，还有 {total - inside} 个等待者没有进入 wait()。）"
    figures = {
        "waiters": total,
        "tickets": params.tickets,
        "waiting_at_notify": inside,
        "woke": woke,
        "got_ticket": got,
        "woke_without_ticket": woke_empty,
        "timed_out": timed_out,
        "tickets_left": result["tickets_left"],
        "max_wait_s": max(result["waited"], default=0.0),
    }
    return Verdict(Text(en, zh), rounded(figures))


LESSON = Lesson(
    id="condition",
    chapter=Chapter.SYNCHRONISATION,
    exercise="event.py",
    title=Text("Condition: wait() and notify()", "条件变量：wait() 与 notify()"),
    summary=Text(
        "Processes wait on a Condition for a ticket. The parent puts tickets on the table and calls notify(n) or "
        "notify_all(); each waiter writes down whether it was woken, and whether a ticket was left for it.",
        "多个进程在一个 Condition 上等票。父进程放上几张票，再调用 notify(n) 或 notify_all()；"
        "每个等待者记下自己是否被唤醒，以及醒来时是否还有票。",
    ),
    watch=Text(
        "On the timeline every waiter sits in wait(). With notify(n) only n of them move on at once; the others "
        "wait until their timeout. With notify_all() they all wake together, and the log shows who found nothing.",
        "在时间线上，每个等待者都停在 wait() 中。用 notify(n) 时只有 n 个立刻继续，其余的一直等到超时；"
        "用 notify_all() 时所有人一起醒来，日志显示谁醒来却一无所获。",
    ),
    explanation=Text(
        "A Condition combines a lock with wait and notify. Call wait() only while holding the lock: it releases "
        "the lock, sleeps until notify() or notify_all() (or the timeout), then takes the lock back before it "
        "returns True, or False on a timeout. notify(n) wakes at most n waiters, notify_all() wakes every one; "
        "both must be called with the lock held, and they wake only processes that are already waiting. A woken "
        "waiter is not promised that its condition still holds, since another waiter may have got there first, "
        "so wait in a loop that checks the condition, or use wait_for(predicate, timeout), which does exactly "
        "that. Compared with an Event, a Condition protects the shared state with its lock and can wake one "
        "waiter instead of all.",
        "Condition 把一把锁和等待、通知结合在一起。只能在持有锁时调用 wait()：它会释放锁，"
        "睡到 notify() 或 notify_all()（或超时）为止，然后在返回前重新拿回锁；被通知时返回 True，超时返回 False。"
        "notify(n) 最多唤醒 n 个等待者，notify_all() 唤醒所有等待者；二者都必须在持有锁时调用，"
        "而且只会唤醒已经在等待的进程。被唤醒的等待者并不能保证条件仍然成立，别的等待者可能先到一步，"
        "所以要在检查条件的循环里等待，或者使用 wait_for(predicate, timeout)，它做的正是这件事。"
        "与 Event 相比，Condition 用它的锁保护共享状态，而且可以只唤醒一个等待者，而不是全部。",
    ),
    params=(
        int_param("waiters", 4, 1, 16, Text("Waiting processes", "等待的进程数"), "processes"),
        int_param("tickets", 1, 1, 16, Text("Tickets put on the table", "放上的票数"), "tickets"),
        bool_param("notify_all", False, Text("notify_all() instead of notify(n)", "用 notify_all() 代替 notify(n)")),
        float_param("patience", 1.0, 0.1, 10.0, Text("wait() timeout", "wait() 的超时"), "s"),
    ),
    main=main,
    verdict=verdict,
    quick={"waiters": 3, "patience": 0.3},
    concepts=("Condition", "wait", "wait_for", "notify", "notify_all", "条件变量", "通知", "唤醒"),
    prediction=prediction.number(
        "woke",
        "The parent puts one ticket on the table and calls notify once. How many of the waiters will wake up?",
        "父进程放上一张票，调用一次 notify。会有几个等待者被唤醒？",
        ("waiters", "个"),
    ),
    comparison=comparison.switch(
        "notify_all",
        ("notify(n)", "notify(n)"),
        ("notify_all()", "notify_all()"),
        ("woke", "woke_without_ticket", "timed_out"),
    ),
    figures=(
        "waiters",
        "tickets",
        "waiting_at_notify",
        "woke",
        "got_ticket",
        "woke_without_ticket",
        "timed_out",
        "tickets_left",
        "max_wait_s",
    ),
)
