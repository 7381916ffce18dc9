"""Shared memory with Value and Array: typecodes, get_lock(), and an RLock inside.

``ctx.Value("i", 0)`` is one C int in shared memory; ``ctx.Array("d", n)`` is n
C doubles. The typecode picks the C type, so the size and range of the number
are fixed (an "i" overflows past 2**31 - 1 instead of growing like a Python
int).

Each worker does two things many times:

* adds one to its *own* slot of an Array: nobody else writes that slot, so no
  lock is needed and no update is ever lost;
* adds one to a *shared* Value total: ``total.value += 1`` is a read and a
  write, so two workers can read the same number and one increment is lost.

With the lock on, the worker holds ``total.get_lock()`` and calls a helper that
takes the same lock again. That works because the lock a Value creates by
default is an RLock (re-entrant): the process that holds it may acquire it again.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, bool_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, load_note
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

ADDING = "adding"  # the phase in which the workers add, all at once
ADDING_PHASE = Text("the adding phase", "累加阶段")
# The typecodes shown in the lesson's table (same letters as the array module).
TYPECODES = {"b": "signed char", "h": "short", "i": "int", "l": "long", "q": "long long", "f": "float", "d": "double"}


def add_one(total) -> None:
    """Take the Value's own lock and add one. Safe to call while already holding it: it is an RLock."""
    with total.get_lock():
        total.value += 1


def worker(probe: Probe, index: int, total, own_counts, start_together, *, increments: int, use_lock: bool) -> None:
    probe.state(State.WAITING_BARRIER, "waiting for everybody to be ready", zh="等待所有人准备好")
    start_together.wait()
    probe.state(State.RUNNING, "adding", zh="累加中")
    for done in range(1, increments + 1):
        own_counts[index] += 1  # only this worker writes this slot: no lock needed
        if use_lock:
            with total.get_lock():  # hold the lock across the read and the write...
                add_one(total)  # ...and the helper takes it again: fine for an RLock
        else:
            total.value += 1  # read, add, write: another worker can sneak in between
        if done % 1000 == 0:
            probe.count("increments", 1000)
    probe.count("increments", increments % 1000)
    probe.state(State.FINISHED)


def typecode_sizes() -> dict[str, int]:
    """Bytes per element for each typecode, measured on this machine."""
    return {code: ctypes.sizeof(ctx.Value(code, lock=False)) for code in TYPECODES}


def main(params: Params, probe: Probe) -> dict:
    total = ctx.Value("i", 0)  # lock=True by default: an RLock travels with it
    # One double per worker, zero-filled; lock=False: raw memory, fine because no slot has two writers.
    own_counts = ctx.Array("d", params.workers, lock=False)
    start_together = ctx.Barrier(params.workers + 1)
    workers = [
        ctx.Process(
            target=worker,
            args=(probe, index, total, own_counts, start_together),
            kwargs={"increments": params.increments, "use_lock": params.lock},
            name=f"worker-{index + 1}",
        )
        for index in range(params.workers)
    ]
    for process in workers:
        process.start()
    probe.state(State.WAITING_BARRIER, "waiting for every worker to be ready", zh="等待每个工作进程准备好")
    start_together.wait()
    probe.phase(ADDING, zh="累加")  # the race needs the cores: the verdict judges the load during this phase
    began = time.perf_counter()
    probe.state(State.WAITING_JOIN, "joining the workers", zh="等待工作进程结束")
    for process in workers:
        process.join()
    wall = time.perf_counter() - began
    probe.state(State.FINISHED)
    return {
        "total": total.value,
        "own_counts": list(own_counts),
        "wall": wall,
        "lock_type": type(total.get_lock()).__name__,
        "sizes": typecode_sizes(),
    }


def adding_load(outcome: Outcome) -> float:
    """Cores other programs used while the workers added (the run's mean in runs saved before the phase)."""
    try:
        return outcome.phase_background(ADDING)
    except KeyError:
        return outcome.background_cores()


def verdict(params: Params, outcome: Outcome) -> Verdict:
    expected = params.workers * params.increments
    total = outcome.result["total"]
    slots = round(sum(outcome.result["own_counts"]))  # increments the workers really did, one slot each
    lost = slots - total
    wall = outcome.result["wall"]
    sizes = outcome.result["sizes"]
    table = ", ".join(f"'{code}' {sizes[code]} B" for code in TYPECODES)
    table_zh = "，".join(f"'{code}' {sizes[code]} 字节" for code in TYPECODES)
    if slots != expected:
        en = (
            f"Only {slots} of {expected} increments were done (the per-worker Array slots say so); "
            f"the shared Value reached {total}. A worker stopped early: something is wrong."
        )
        zh = (
            f"{expected} 次加一只完成了 {slots} 次（每个进程自己的 Array 槽位如此显示）；"
            f"共享 Value 到达 {total}。有工作进程提前结束了：出问题了。"
        )
    elif lost:
        en = f"The shared Value reached {total} instead of {expected}: {lost} increments ({lost / expected:.1%}) lost."
        zh = f"共享 Value 只到 {total}，而不是 {expected}：丢失了 {lost} 次加一（{lost / expected:.1%}）。"
    elif params.lock:
        en = f"With get_lock() held the shared Value reached exactly {expected}: no increment lost."
        zh = f"持有 get_lock() 时共享 Value 恰好到达 {expected}：没有丢失任何一次加一。"
    else:
        en = f"The shared Value reached {expected} without a lock: the workers never collided this time. Run it again."
        zh = f"不加锁时共享 Value 也到达了 {expected}：这次进程之间恰好没有冲突，可以再运行一次。"
        seldom = Text("the workers seldom ran at the same time", "这些工作进程很少同时运行")
        note = load_note(adding_load(outcome), outcome.cores(), seldom, during=ADDING_PHASE)
        en, zh = en + note.en, zh + note.zh
    en += (
        f" The per-worker Array slots add up to {slots:.0f} (own slots need no lock). "
        f"Took {wall:.2f} s; Value lock is an {outcome.result['lock_type']}. Sizes: {table}."
    )
    zh += (
        f"每个进程自己的 Array 槽位合计 {slots:.0f}（只写自己的槽位不需要锁）。"
        f"用时 {wall:.2f} 秒；Value 自带的锁是 {outcome.result['lock_type']}。各类型大小：{table_zh}。"
    )
    figures = {
        "expected": expected,
        "total": total,
        "lost_updates": max(0, lost),
        "array_slots_total": slots,
        "wall_s": round(wall, 3),
        "background_cores_adding": round(adding_load(outcome), 2),
        **{f"bytes_{code}": size for code, size in sizes.items()},
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="shared-value-array",
    chapter=Chapter.SYNCHRONISATION,
    exercise="value_array.py",
    title=Text("Shared memory: Value and Array", "共享内存：Value 与 Array"),
    summary=Text(
        "Workers add to a shared Value and to their own slot of a shared Array. The own slots always add up; "
        "the shared total loses increments unless the worker holds get_lock().",
        "工作进程向共享的 Value 以及共享 Array 中自己的槽位累加。自己的槽位总是对得上；"
        "共享总数除非持有 get_lock()，否则会丢失加一。",
    ),
    watch=Text(
        "Compare the total with the expected count in the verdict, then tick the lock: exact, but slower. "
        "The figures list how many bytes each typecode takes.",
        "对比结论中的总数与期望值，再勾选锁：结果准确，但更慢。数据里列出了每种类型码占用的字节数。",
    ),
    explanation=Text(
        "Value and Array put C numbers in shared memory; the typecode ('i' int, 'd' double, 'b' signed char...) "
        "fixes their size and range. Each read or write of .value is synchronised on its own, but "
        "'v.value += 1' is a read followed by a write, so concurrent increments can overwrite each other. "
        "Wrap the whole update in 'with v.get_lock():'. The default lock is an RLock, so code that already holds "
        "it may take it again; pass lock=False for raw, unsynchronised memory.",
        "Value 和 Array 把 C 数值放进共享内存；类型码（'i' 整型、'd' 双精度、'b' 有符号字符……）决定了大小和取值范围。"
        "每一次读或写 .value 本身是同步的，但 'v.value += 1' 是先读后写，并发的加一会互相覆盖。"
        "用 'with v.get_lock():' 包住整个更新。默认的锁是 RLock（可重入锁），已经持有它的代码可以再次获取；"
        "传入 lock=False 则得到不带同步的原始内存。",
    ),
    params=(
        int_param("workers", 4, 1, 64, Text("Worker processes", "工作进程数"), "processes"),
        int_param("increments", 20000, 1, 1_000_000, Text("Increments per worker", "每个进程加几次")),
        bool_param("lock", False, Text("Hold get_lock()", "持有 get_lock()")),
    ),
    main=main,
    verdict=verdict,
    quick={"workers": 3, "increments": 10000},
    concepts=("Value", "Array", "typecode", "get_lock", "RLock", "shared memory", "共享内存", "类型码", "可重入锁"),
    prediction=prediction.number(
        "lost_updates",
        "How many increments of the shared Value will be lost?",
        "共享 Value 的加一操作会丢失多少次？",
        ("increments", "次"),
    ),
    comparison=comparison.switch(
        "lock",
        ("Without get_lock()", "不持有 get_lock()"),
        ("Holding get_lock()", "持有 get_lock()"),
        ("total", "lost_updates", "wall_s"),
        simultaneous=False,  # the race needs the cores; a second run at once would hide it
    ),
    figures=(
        "expected",
        "total",
        "lost_updates",
        "array_slots_total",
        "wall_s",
        "background_cores_adding",
        "bytes_b",
        "bytes_h",
        "bytes_i",
        "bytes_l",
        "bytes_q",
        "bytes_f",
        "bytes_d",
    ),
)
