"""Deadlock: two locks taken in opposite orders, or a lock whose holder died.

Three variants, all with two locks, A and B:

1. *Opposite orders.* worker-1 takes A then B, worker-2 takes B then A. Each
   holds its first lock for a moment, so each ends up holding the lock the
   other one needs. Neither can move, forever.
2. *Terminated holder.* A process takes lock A and is terminated while holding
   it. A multiprocessing lock is not released when its owner dies, so the next
   worker that asks for A waits forever.
3. *Fixed ordering.* Both workers take A before B. Whoever gets A first also
   gets B; the other waits its turn. No cycle, no deadlock.

Nothing in Python reports a deadlock: the processes just sit there. So this
lesson's main is also a *watchdog*. Workers write down which locks they hold
and which one they are waiting for (in shared memory) and bump a progress
counter after every lock they get. When progress stops for ``timeout``
seconds, the watchdog builds the wait-for graph: a cycle, or a lock held by a
dead process, is a deadlock. It reports who waits for what, terminates the
stuck workers and ends the run cleanly.
"""

from __future__ import annotations

import multiprocessing
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, float_param, int_param
from desktop.model.record_type import Record
from desktop.model.text import Text
from desktop.model.verdict import Verdict
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

OPPOSITE, TERMINATED_HOLDER, FIXED_ORDER = 1, 2, 3
LOCK_NAMES = {1: "A", 2: "B"}  # lock codes in the shared arrays; 0 = none
POLL = 0.05  # s between two looks of the watchdog


class Board(Record):
    """What the watchdog reads, one slot per process: locks held (bitmask), lock awaited, locks acquired.

    Lock-free shared memory (``lock=False``): every slot has a single writer, and
    no worker can die while holding a lock that the watchdog needs to read it. A :class:`Record`, not a
    dataclass: every worker imports this module, and ``dataclasses`` (with ``inspect``) is ~10 ms of its start.
    """

    __slots__ = ("holding", "waiting", "progress")
    holding: object  # ctx.Array("i", count, lock=False), as are the others
    waiting: object
    progress: object

    @classmethod
    def for_processes(cls, count: int) -> Board:
        return cls(*(ctx.Array("i", count, lock=False) for _ in range(3)))


def held_text(mask: int, language: str = "en") -> str:
    names = [name for code, name in LOCK_NAMES.items() if mask & code]
    if language == "zh":
        return "持有锁 " + " 和 ".join(names) if names else "没有持有任何锁"
    return " and ".join(names) if names else "nothing"


def take(probe: Probe, board: Board, index: int, code: int, locks: dict) -> None:
    """Acquire lock ``code``, telling the watchdog (the board) and the timeline first."""
    held = board.holding[index]
    board.waiting[index] = code
    probe.state(
        State.WAITING_LOCK,
        f"lock {LOCK_NAMES[code]}" + (f" (holding {held_text(held)})" if held else ""),
        zh=f"锁 {LOCK_NAMES[code]}" + (f"（{held_text(held, 'zh')}）" if held else ""),
    )
    # Send our events now: if we block forever and get terminated, nothing is left half-sent.
    probe.flush()
    locks[code].acquire()
    board.waiting[index] = 0
    board.holding[index] |= code
    board.progress[index] += 1


def worker(probe: Probe, board: Board, index: int, locks: dict, order: tuple, *, start_together, hold, rounds) -> None:
    """Take the two locks in ``order`` (e.g. (1, 2) = A then B), ``rounds`` times."""
    first, second = order
    start_together.wait()
    for _ in range(rounds):
        take(probe, board, index, first, locks)
        probe.state(
            State.SLEEPING,
            f"holding {LOCK_NAMES[first]}, busy for a moment",
            zh=f"持有锁 {LOCK_NAMES[first]}，先忙一会儿",
        )
        time.sleep(hold)  # long enough for the other worker to grab its first lock
        take(probe, board, index, second, locks)
        probe.state(State.RUNNING, "holding both locks: doing the work", zh="持有两把锁：执行工作")
        probe.count("rounds")
        for code in (second, first):
            board.holding[index] &= ~code
            locks[code].release()
    probe.state(State.FINISHED)


def holder(probe: Probe, board: Board, index: int, locks: dict, holds_it) -> None:
    """Take lock A and keep it until somebody terminates this process."""
    locks[1].acquire()
    board.holding[index] |= 1
    board.progress[index] += 1
    probe.state(State.SLEEPING, "holding lock A (about to be terminated)", zh="持有锁 A（即将被终止）")
    probe.flush()
    holds_it.set()
    time.sleep(3600)


def wait_for_graph(names: list, processes: list, board: Board) -> tuple[bool, list[tuple[str, str]]]:
    """Who waits for what (English, Chinese), and whether it is a deadlock.

    A deadlock is a cycle (i waits for a lock held by j, which waits for a lock
    held by i) or a wait for a lock whose owner is dead. A worker waiting for a
    lock held by a live, busy process is only slow.
    """
    holding, waiting = board.holding, board.waiting
    owner = {code: i for i in range(len(names)) for code in LOCK_NAMES if holding[i] & code}
    lines, stuck = [], False
    for i, name in enumerate(names):
        code = waiting[i]
        if not code or not processes[i].is_alive():
            continue
        lock = LOCK_NAMES[code]
        en = f"{name} holds {held_text(holding[i])} and waits for lock {lock}"
        zh = f"{name} {held_text(holding[i], 'zh')}，等待锁 {lock}"
        other = owner.get(code)
        if other is not None:
            en += f", held by {names[other]}"
            zh += f"，而它被 {names[other]} 持有"
            if not processes[other].is_alive():
                exitcode = processes[other].exitcode
                en += f" (terminated, exit code {exitcode}: that lock is never released)"
                zh += f"（该进程已被终止，退出码 {exitcode}：这把锁永远不会被释放）"
                stuck = True
            elif waiting[other] and owner.get(waiting[other]) == i:
                stuck = True  # a cycle of two: each holds what the other waits for
        lines.append((en, zh))
    return stuck, lines


def main(params: Params, probe: Probe) -> dict:
    locks = {1: ctx.Lock(), 2: ctx.Lock()}
    board = Board.for_processes(2)
    start_together = ctx.Barrier(2 if params.variant == TERMINATED_HOLDER else 3)
    processes, names = [], []
    if params.variant == TERMINATED_HOLDER:
        holds_it = ctx.Event()
        victim = ctx.Process(target=holder, args=(probe, board, 0, locks, holds_it), name="holder")
        victim.start()
        holds_it.wait()
        victim.terminate()
        victim.join()
        probe.log(
            f"terminated the holder of lock A (exit code {victim.exitcode})",
            zh=f"终止了持有锁 A 的进程（退出码 {victim.exitcode}）",
        )
        processes.append(victim)
        orders = [(1, 2)]
    else:
        orders = [(1, 2), (2, 1) if params.variant == OPPOSITE else (1, 2)]
    for order in orders:
        index = len(processes)
        name = f"worker-{index + 1 - (params.variant == TERMINATED_HOLDER)}"
        timing = {"start_together": start_together, "hold": params.hold, "rounds": params.rounds}
        processes.append(ctx.Process(target=worker, args=(probe, board, index, locks, order), kwargs=timing, name=name))
        processes[-1].start()
    names = [p.name for p in processes]
    probe.state(State.WAITING_BARRIER, "waiting for the workers to be ready", zh="等待工作进程准备好")
    start_together.wait()
    began = time.perf_counter()
    probe.state(State.RUNNING, "watchdog: watching the progress counters", zh="看门狗：盯着进度计数器")
    last_progress, last_change, report, deadlocked = sum(board.progress), began, [], False
    while any(p.is_alive() for p in processes):
        time.sleep(POLL)
        now = time.perf_counter()
        if sum(board.progress) != last_progress:
            last_progress, last_change = sum(board.progress), now
        elif now - last_change >= params.timeout:
            deadlocked, report = wait_for_graph(names, processes, board)
            if deadlocked:
                break
            probe.log("no progress, but no cycle either: slow, not stuck", zh="没有进展，但也没有环：只是慢，没有卡死")
            last_change = now
    detected_after = time.perf_counter() - last_change
    if deadlocked:
        probe.log("deadlock: " + "; ".join(en for en, _ in report), zh="死锁：" + "；".join(zh for _, zh in report))
        for process in processes:
            if process.is_alive():
                process.terminate()  # they are blocked in acquire() with nothing left to send
    for process in processes:
        process.join()
    probe.state(State.FINISHED)
    return {
        "deadlock": deadlocked,
        "detected_after": detected_after if deadlocked else 0.0,
        "who_waits_for_what": report,
        "lock_acquisitions": sum(board.progress),
        "wall": time.perf_counter() - began,
    }


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    rounds = int(outcome.counter("rounds"))
    planned = params.rounds * (1 if params.variant == TERMINATED_HOLDER else 2)  # one or two workers
    wall = result["wall"]
    if result["deadlock"]:
        waits_en = "; ".join(en for en, _ in result["who_waits_for_what"])
        waits_zh = "；".join(zh for _, zh in result["who_waits_for_what"])
        en = (
            f"Deadlock detected {result['detected_after']:.2f} s after the last progress "
            f"(timeout {params.timeout:g} s): {waits_en}. The watchdog terminated the stuck workers."
        )
        zh = (
            f"检测到死锁：最后一次进展之后 {result['detected_after']:.2f} 秒（超时 {params.timeout:g} 秒）："
            f"{waits_zh}。看门狗终止了卡住的工作进程。"
        )
    elif rounds < planned:
        en = (
            f"No deadlock was detected, yet only {rounds} of {planned} rounds completed: "
            "a worker ended early. Something is wrong."
        )
        zh = f"没有检测到死锁，却只完成了 {planned} 轮中的 {rounds} 轮：有工作进程提前结束了。出问题了。"
    elif params.variant == FIXED_ORDER:
        en = f"Fixed lock ordering (A before B): {rounds} rounds completed, no deadlock."
        zh = f"固定加锁顺序（先 A 后 B）：完成 {rounds} 轮，没有死锁。"
    else:
        en = f"No deadlock this time: all {rounds} rounds completed, the workers never collided. Run it again."
        zh = f"这次没有死锁：全部 {rounds} 轮都完成了，工作进程恰好没有相撞。可以再运行一次。"
    en += f" Run took {wall:.2f} s."
    zh += f"运行用时 {wall:.2f} 秒。"
    figures = {
        "deadlock": int(result["deadlock"]),
        "detected_after_s": round(result["detected_after"], 3),
        "timeout_s": params.timeout,
        "rounds_completed": rounds,
        "lock_acquisitions": result["lock_acquisitions"],
        "wall_s": round(wall, 3),
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="deadlock",
    chapter=Chapter.SYNCHRONISATION,
    exercise="lock_prints.py",
    title=Text("Deadlock and a watchdog", "死锁与看门狗"),
    summary=Text(
        "Two workers take locks A and B in opposite orders and get stuck forever; a lock held by a terminated "
        "process is never released. A watchdog notices that progress stopped and shows who waits for what.",
        "两个工作进程以相反的顺序获取锁 A 和 B，从此永远卡住；被终止的进程持有的锁永远不会释放。"
        "看门狗发现进展停止后，指出谁在等谁。",
    ),
    watch=Text(
        "On the timeline both workers turn to 'waiting for a lock' and stay there until the watchdog steps in. "
        "Variant 3 (fixed ordering) finishes every round.",
        "在时间线上，两个工作进程都变成“等待锁”并一直停在那里，直到看门狗出手。变体 3（固定顺序）能完成每一轮。",
    ),
    explanation=Text(
        "A deadlock needs a cycle of waiting: each process holds something the next one needs. Taking locks "
        "in one global order (always A before B) makes a cycle impossible. acquire(timeout=...) lets a process "
        "give up instead of hanging. A multiprocessing lock belongs to nobody in particular: if the process "
        "holding it dies, it stays locked, so never terminate a process that may hold a shared lock.",
        "死锁需要一个等待环：每个进程都持有下一个进程需要的东西。所有进程按同一个全局顺序加锁（总是先 A 后 B），"
        "环就不可能形成。acquire(timeout=...) 让进程可以放弃而不是一直挂起。multiprocessing 的锁不属于特定进程："
        "持有它的进程死掉后它会一直保持锁定，所以不要终止可能持有共享锁的进程。",
    ),
    params=(
        int_param(
            "variant",
            OPPOSITE,
            1,
            3,
            Text("Variant", "变体"),
            help=Text(
                "1 = opposite orders, 2 = holder terminated, 3 = fixed ordering",
                "1 = 相反顺序，2 = 持有者被终止，3 = 固定顺序",
            ),
        ),
        float_param("timeout", 1.5, 0.2, 10.0, Text("Watchdog timeout", "看门狗超时"), "s"),
        float_param("hold", 0.2, 0.0, 2.0, Text("Time holding the first lock", "持有第一把锁的时间"), "s"),
        int_param("rounds", 3, 1, 100, Text("Rounds per worker", "每个进程的轮数")),
    ),
    plan=lambda p: Plan(processes=2, threads=0),
    main=main,
    verdict=verdict,
    quick={"timeout": 0.8, "hold": 0.1, "rounds": 2},
    concepts=("deadlock", "Lock", "lock ordering", "watchdog", "terminate", "死锁", "加锁顺序", "看门狗"),
    prediction=prediction.yes_no(
        "deadlock",
        "Will the workers end up in a deadlock?",
        "这些工作进程会陷入死锁吗？",
        ("Yes, they deadlock", "会，发生死锁"),
        ("No, every round completes", "不会，每一轮都能完成"),
    ),
    comparison=comparison.ComparePair(
        comparison.Variant(Text("Opposite lock orders", "相反的加锁顺序"), {"variant": 1}),
        comparison.Variant(Text("One fixed lock order", "固定的加锁顺序"), {"variant": 3}),
        ("deadlock", "rounds_completed", "wall_s"),
    ),
    figures=(
        "deadlock",
        "detected_after_s",
        "timeout_s",
        "rounds_completed",
        "lock_acquisitions",
        "wall_s",
    ),
)
