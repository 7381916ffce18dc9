"""A shared bank balance, two threads, and the Lock that keeps it right.

Threads share every global of their process. Here two threads repeatedly
deposit an amount and withdraw it again, so ``balance`` must end at 0. Each
change is three steps: read the balance, compute the new one, write it back.
If the interpreter switches threads between the read and the write, the
second write is based on a stale read and the other thread's work is lost.

The run repeats the experiment several times without a lock, then with a
``threading.Lock`` held around each deposit-and-withdraw, and reports how often
each variant ended away from 0, on the interpreter that actually ran it.

What makes the race visible is the function call between the read and the
write (``new_balance``): CPython 3.10 and later switch threads only at a call
or at a loop's jump back, never between the two halves of a plain
``balance = balance + n``. So the run also times the plain loop without a lock
(``plain_customer``) and reports what it did on this interpreter.
"""

from __future__ import annotations

import sys
import threading
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, rounded
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

# The shared variable. Every thread of this process sees the same one.
balance = 0

# The two customers: each deposits and withdraws its own amount.
AMOUNTS = {"alice": 5, "bob": 8}
VARIANT_ZH = {"unlocked": "不加锁", "locked": "加锁", "plain": "普通循环"}


def new_balance(seen: int, amount: int, steps: int) -> int:
    """Compute the balance after a change. The loop stands for real work (fees, logging...)."""
    for _ in range(steps):
        pass
    return seen + amount


def change(amount: int, steps: int) -> None:
    """Read, compute, write: not atomic, because the interpreter may switch threads in between."""
    global balance
    seen = balance  # 1. read
    seen = new_balance(seen, amount, steps)  # 2. compute (a switch here makes the read stale)
    balance = seen  # 3. write


def customer(probe: Probe, amount: int, rounds: int, steps: int, lock: threading.Lock | None) -> None:
    """Deposit ``amount`` then withdraw it, ``rounds`` times."""
    probe.state(
        State.RUNNING,
        f"±{amount}, {'with' if lock else 'without'} a lock",
        zh=f"±{amount}，{'加锁' if lock else '不加锁'}",
    )
    for _ in range(rounds):
        if lock is None:
            change(amount, steps)
            change(-amount, steps)
        else:
            lock.acquire()
            try:  # release even if the body raises, or the other thread waits forever
                change(amount, steps)
                change(-amount, steps)
            finally:
                lock.release()
    probe.state(State.FINISHED)


def plain_customer(probe: Probe, amount: int, rounds: int, steps: int, lock: None) -> None:
    """The same deposits with no call between read and write: ``balance = balance + amount``, no lock."""
    global balance
    probe.state(State.RUNNING, f"±{amount}, plain loop, without a lock", zh=f"±{amount}，普通循环，不加锁")
    for _ in range(rounds):
        balance = balance + amount
        balance = balance - amount
    probe.state(State.FINISHED)


def one_trial(probe: Probe, params: Params, lock: threading.Lock | None, target=customer) -> int:
    """Run both customers (``target``) once from a zero balance; return the final balance."""
    global balance
    balance = 0
    threads = [
        threading.Thread(target=target, args=(probe, amount, params.rounds, params.steps, lock), name=name)
        for name, amount in AMOUNTS.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return balance


def interpreter() -> dict:
    """Which interpreter ran the trials, and whether its GIL was on."""
    import platform  # here, not at the top: only the run process needs it, and every worker imports this module

    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)  # Python 3.13+
    return {
        "name": f"{platform.python_implementation()} {platform.python_version()}",
        "free_threaded": "free-threading" in sys.version,
        "gil_enabled": is_gil_enabled() if is_gil_enabled is not None else True,
    }


def main(params: Params, probe: Probe) -> dict:
    default_interval = sys.getswitchinterval()
    # How long a thread may hold the GIL before it is asked to let another run.
    sys.setswitchinterval(params.switch_interval_ms / 1000)
    results = {}
    try:
        variants = (
            ("unlocked", None, customer),
            ("locked", threading.Lock(), customer),
            ("plain", None, plain_customer),
        )
        for variant, lock, target in variants:
            probe.phase(variant, zh=VARIANT_ZH[variant])
            started = time.perf_counter()
            finals = []
            for trial in range(params.trials):
                final = one_trial(probe, params, lock, target)
                finals.append(final)
                probe.log(
                    f"{variant} trial {trial + 1}: balance ended at {final}",
                    zh=f"{VARIANT_ZH[variant]} 第 {trial + 1} 次试验：余额最终为 {final}",
                )
                if final != 0:
                    probe.count(f"non-zero {variant}")
            results[variant] = {"finals": finals, "wall_s": time.perf_counter() - started}
    finally:
        sys.setswitchinterval(default_interval)
    probe.state(State.FINISHED)
    return {**results, "interpreter": interpreter()}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    unlocked = outcome.result["unlocked"]["finals"]
    locked = outcome.result["locked"]["finals"]
    info = outcome.result["interpreter"]
    trials = params.trials
    bad_unlocked = sum(1 for final in unlocked if final != 0)
    bad_locked = sum(1 for final in locked if final != 0)
    if info["free_threaded"]:
        gil_en = "free-threaded, GIL " + ("enabled" if info["gil_enabled"] else "disabled")
        gil_zh = "自由线程版，GIL " + ("开启" if info["gil_enabled"] else "关闭")
    else:
        gil_en, gil_zh = "with the GIL", "有 GIL"
    where_en = f"{info['name']} ({gil_en})"
    where_zh = f"{info['name']}（{gil_zh}）"
    worst = max(unlocked, key=abs)
    if bad_unlocked:
        race_en = (
            f"Without a lock {bad_unlocked} of {trials} trials ended with a non-zero balance "
            f"(worst {worst:+d}): updates were lost."
        )
        race_zh = f"不加锁：{trials} 次试验中有 {bad_unlocked} 次余额不为 0（最大偏差 {worst:+d}），有更新丢失了。"
    else:
        race_en = (
            f"Without a lock all {trials} trials happened to end at 0: no lost update showed this time, "
            "but nothing prevents one."
        )
        race_zh = f"不加锁：这次 {trials} 次试验碰巧都以 0 结束，没有观察到更新丢失，但没有任何机制阻止它发生。"
    if bad_locked:
        lock_en = f"With the lock {bad_locked} of {trials} trials still ended non-zero: something is wrong."
        lock_zh = f"加锁后仍有 {bad_locked} 次试验余额不为 0：出现了问题。"
    else:
        lock_en = f"With the lock all {trials} trials ended at 0."
        lock_zh = f"加锁：{trials} 次试验全部以 0 结束。"
    plain = outcome.result["plain"]["finals"]
    bad_plain = sum(1 for final in plain if final != 0)
    if bad_plain:
        plain_en = (
            f"The plain loop `balance = balance + n`, with no call between read and write, lost updates too in "
            f"{bad_plain} of {trials} trials here."
        )
        plain_zh = (
            f"读与写之间没有函数调用的普通循环 `balance = balance + n` 在这里也有 {bad_plain} 次（共 {trials} 次）"
            "丢失了更新。"
        )
    elif not bad_unlocked:
        plain_en = "The plain loop `balance = balance + n`, with no call between read and write, ended at 0 as well."
        plain_zh = "读与写之间没有函数调用的普通循环 `balance = balance + n` 也全部以 0 结束。"
    else:
        plain_en = (
            f"The plain loop `balance = balance + n`, with no call between read and write, ended at 0 in all {trials} "
            "trials: on this interpreter the race shows because new_balance() is called between the read and the "
            "write, which gives the interpreter a point to switch threads."
        )
        plain_zh = (
            f"读与写之间没有函数调用的普通循环 `balance = balance + n` 在全部 {trials} 次试验中都以 0 结束："
            "在这个解释器上，竞争之所以出现，是因为读与写之间调用了 new_balance()，给了解释器切换线程的时机。"
        )
    unlocked_s = outcome.result["unlocked"]["wall_s"]
    locked_s = outcome.result["locked"]["wall_s"]
    en = (
        f"On {where_en}: {race_en} {lock_en} {plain_en} "
        f"Took {unlocked_s:.2f} s without and {locked_s:.2f} s with the lock."
    )
    zh = f"运行于 {where_zh}：{race_zh}{lock_zh}{plain_zh}不加锁用时 {unlocked_s:.2f} 秒，加锁用时 {locked_s:.2f} 秒。"
    figures = rounded(
        {
            "trials": trials,
            "nonzero_unlocked": bad_unlocked,
            "nonzero_locked": bad_locked,
            "nonzero_plain": bad_plain,
            "nonzero_unlocked_fraction": bad_unlocked / trials,
            "worst_unlocked_balance": worst,
            "unlocked_wall_s": unlocked_s,
            "locked_wall_s": locked_s,
            "gil_enabled": int(bool(info["gil_enabled"])),
            "switch_interval_ms": params.switch_interval_ms,
        }
    )
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="thread-lock-balance",
    chapter=Chapter.THREADS,
    exercise="threads_lock.py",
    title=Text("A shared balance: threads and Lock", "共享余额：线程与锁"),
    summary=Text(
        "Two threads deposit and withdraw the same amounts on one global balance, which should end at 0. "
        "Repeated trials without a lock, then with a threading.Lock taken in try/finally, then the plain "
        "loop with no function call between read and write, to show what makes the race visible.",
        "两个线程在同一个全局余额上反复存入又取出相同的金额，余额最终应当为 0。"
        "先不加锁重复试验多次，再用 try/finally 包住的 threading.Lock 重复试验，"
        "最后试验读与写之间没有函数调用的普通循环，看清是什么让竞争显现出来。",
    ),
    watch=Text(
        "Read the log: each trial's final balance. Count the non-zero ones without the lock, then see that "
        "with the lock every trial ends at 0. The verdict names the interpreter that ran it.",
        "查看日志里每次试验的最终余额。数一数不加锁时有几次不为 0，再看加锁后每次都是 0。结论里写明了运行的解释器。",
    ),
    explanation=Text(
        "Threads share memory, so a global is shared without any effort, and so are its races. "
        "`balance = balance + n` is a read, a computation and a write; the GIL makes each bytecode atomic, "
        "not the three together. When the interpreter hands the GIL to the other thread between the read and "
        "the write, that thread's updates are overwritten by a stale value. CPython 3.10 and later hand the GIL "
        "over only at a function call or at a loop's jump back, so a plain `balance = balance + n` in a loop "
        "almost never loses an update there: what makes the race visible here is the call to new_balance() "
        "between the read and the write (standing for real work: fees, logging), together with a shortened "
        "switch interval (sys.setswitchinterval). The run also repeats the plain loop and reports what it did on "
        "this interpreter; other interpreters, and a free-threaded build, may lose updates in it too. "
        "A threading.Lock turns read-compute-write into "
        "a critical section. Always release it in `finally` (or use `with lock:`), so an exception cannot leave "
        "the lock held and every other thread blocked forever. On a free-threaded Python with the GIL disabled "
        "the race gets more frequent, never less.",
        "线程共享内存，全局变量天然就是共享的，竞争也随之而来。`balance = balance + n` 是读取、计算、写回三步；"
        "GIL 只保证单条字节码是原子的，并不保证这三步一起是原子的。"
        "如果解释器在读和写之间把 GIL 交给了另一个线程，那个线程的更新就会被一个过时的值覆盖。"
        "CPython 3.10 及以后的版本只在函数调用或循环跳回时交出 GIL，所以循环里普通的 `balance = balance + n` "
        "在那里几乎不会丢失更新：这里让竞争显现的，是读与写之间对 new_balance() 的调用"
        "（代表真实的工作，比如计算手续费、写日志），再加上缩短的线程切换间隔（sys.setswitchinterval）。"
        "这次运行还会重复普通循环，并报告它在这个解释器上的结果；在别的解释器或自由线程版上，它也可能丢失更新。"
        "threading.Lock 把“读-算-写”变成临界区。一定要在 finally 中释放锁（或使用 `with lock:`），"
        "否则一个异常就可能让锁一直被占用，其他线程永远阻塞。在关闭了 GIL 的自由线程版 Python 上，这种竞争只会更频繁。",
    ),
    params=(
        int_param("trials", 20, 1, 200, Text("Trials per variant", "每种方式的试验次数"), "trials"),
        int_param("rounds", 20_000, 1, 1_000_000, Text("Deposits per thread", "每个线程的存取次数"), "rounds"),
        int_param("steps", 30, 0, 1000, Text("Work between read and write", "读与写之间的计算量"), "steps"),
        float_param("switch_interval_ms", 1.0, 0.01, 100.0, Text("Thread switch interval", "线程切换间隔"), "ms"),
    ),
    plan=lambda p: Plan(processes=0, threads=2),
    main=main,
    verdict=verdict,
    quick={"trials": 6, "rounds": 10_000},
    concepts=("threading.Lock", "try/finally", "race condition", "global", "setswitchinterval", "锁", "竞争条件"),
    prediction=prediction.number(
        "nonzero_unlocked",
        "Without a lock, in how many trials will the balance end wrong (not 0)?",
        "不加锁时，有多少次试验的余额最后不为 0？",
        ("trials", "次"),
    ),
    comparison=comparison.vary(
        "switch_interval_ms",
        0.05,
        5.0,
        "Switch threads every {} ms",
        "每 {} 毫秒切换线程",
        ("nonzero_unlocked", "unlocked_wall_s"),
        simultaneous=False,
    ),
    figures=(
        "trials",
        "nonzero_unlocked",
        "nonzero_locked",
        "nonzero_plain",
        "nonzero_unlocked_fraction",
        "worst_unlocked_balance",
        "unlocked_wall_s",
        "locked_wall_s",
        "gil_enabled",
        "switch_interval_ms",
    ),
)
