"""One release() too many: a Semaphore quietly gains a key, a BoundedSemaphore raises ValueError.

A semaphore is a counter of free keys and nothing more: it does not remember
how many keys it started with, nor who took one. So if a buggy process calls
release() once more than acquire(), a plain ``ctx.Semaphore(k)`` simply counts
one more free key, and from then on lets k + 1 processes in.
``ctx.BoundedSemaphore(k)`` remembers k and raises ``ValueError`` on the
release that would go past it, at the line with the bug.

The run has three steps:

1. the *buggy* process takes a key and gives it back twice (in its happy
   path and again in a ``finally`` block), and writes down what the second
   release() did: returned, or raised (with the exception's own text);
2. the parent counts the free keys with ``acquire(block=False)`` until it is
   refused, then gives them all back;
3. *visitors* (processes) all try to get into a room guarded by the same
   semaphore at once; a shared counter keeps the largest crowd inside.
"""

from __future__ import annotations

import multiprocessing
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


def buggy(probe: Probe, keys, report) -> None:
    """Take a key and give it back twice; write down what the second release() did."""
    probe.state(State.WAITING_SEMAPHORE, "keys.acquire()")
    keys.acquire()
    try:
        probe.state(State.RUNNING, "using the key", zh="正在使用钥匙")
        keys.release()  # given back here...
    finally:
        try:
            keys.release()  # ...and here again: one release too many
            what = "returned"
        except ValueError as error:  # only a BoundedSemaphore notices
            what = f"raised {error!r}"
    probe.log(f"the second release() {what}", zh=f"第二次 release()：{what}")
    report.put(what)
    probe.state(State.FINISHED)


def count_free_keys(keys, most: int) -> int:
    """How many keys acquire(block=False) hands out right now (given back afterwards)."""
    taken = 0
    while taken < most and keys.acquire(block=False):
        taken += 1
    for _ in range(taken):
        keys.release()
    return taken


def visitor(probe: Probe, keys, occupancy, peak, doors_open, stay: float) -> None:
    """Get a key, stay in the room for a while, leave and give the key back."""
    probe.state(State.WAITING_BARRIER, "waiting for the doors to open", zh="等待开门")
    doors_open.wait()
    probe.state(State.WAITING_SEMAPHORE, "keys.acquire()")
    with keys:
        with occupancy.get_lock():
            occupancy.value += 1
            peak.value = max(peak.value, occupancy.value)
        probe.count("occupants", +1)
        probe.state(State.SLEEPING, "in the room", zh="在房间里")
        time.sleep(stay)
        probe.count("occupants", -1)
        with occupancy.get_lock():
            occupancy.value -= 1
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    keys = ctx.BoundedSemaphore(params.room_keys) if params.bounded else ctx.Semaphore(params.room_keys)
    report = ctx.SimpleQueue()
    occupancy, peak = ctx.Value("i", 0), ctx.Value("i", 0)
    doors_open = ctx.Barrier(params.visitors + 1)  # the visitors start now but wait here until step 3
    first = ctx.Process(target=buggy, args=(probe, keys, report), name="buggy")
    visitors = [
        ctx.Process(
            target=visitor, args=(probe, keys, occupancy, peak, doors_open, params.stay), name=f"visitor-{n + 1}"
        )
        for n in range(params.visitors)
    ]
    for process in [first, *visitors]:
        process.start()

    probe.state(State.WAITING_GET, "step 1: waiting for the buggy process's report", zh="第 1 步：等待有缺陷的进程报告")
    second_release = report.get()
    probe.state(State.WAITING_JOIN, "joining the buggy process", zh="等待有缺陷的进程结束")
    first.join()

    probe.state(State.RUNNING, "step 2: counting the free keys", zh="第 2 步：清点空闲的钥匙")
    free = count_free_keys(keys, params.room_keys + params.visitors + 1)
    probe.log(
        f"free keys counted with acquire(block=False): {free} (the semaphore was made with {params.room_keys})",
        zh=f"用 acquire(block=False) 数出的空闲钥匙：{free} 把（信号量创建时为 {params.room_keys} 把）",
    )

    probe.state(
        State.WAITING_BARRIER,
        "step 3: opening the doors once every visitor is queuing",
        zh="第 3 步：等所有访客都在排队后开门",
    )
    doors_open.wait()
    probe.state(State.WAITING_JOIN, "joining the visitors", zh="等待访客结束")
    for process in visitors:
        process.join()
    probe.state(State.FINISHED)
    return {
        "kind": type(keys).__name__,
        "second_release": second_release,
        "free_keys": free,
        "peak": peak.value,
        "exitcodes": [first.exitcode] + [p.exitcode for p in visitors],
    }


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    second, free, peak = result["second_release"], result["free_keys"], result["peak"]
    raised = second.startswith("raised ")
    kind = f"{'BoundedSemaphore' if params.bounded else 'Semaphore'}({params.room_keys})"
    if raised:
        en = f"{kind}: the extra release() {second} on the spot"
        zh = f"{kind}：多出来的那次 release() 当场抛出 {_zh_exception(second.removeprefix('raised '))}"
    else:
        en = f"{kind}: the extra release() returned without a word"
        zh = f"{kind}：多出来的那次 release() 一声不响地返回了"
    if free > params.room_keys:
        en += (
            f", and afterwards the semaphore handed out {free} keys (counted with acquire(block=False)), "
            f"not {params.room_keys}."
        )
        zh += f"，此后信号量发出了 {free} 把钥匙（用 acquire(block=False) 数出），而不是 {params.room_keys} 把。"
    else:
        en += f"; the semaphore still handed out {free} keys (counted with acquire(block=False))."
        zh += f"；信号量发出的钥匙仍是 {free} 把（用 acquire(block=False) 数出）。"
    en += f" At most {peak} of {params.visitors} visitors were inside at once"
    zh += f"{params.visitors} 位访客中同时在房间里的最多 {peak} 位"
    if peak > params.room_keys:
        en += f": more people than the room has keys ({params.room_keys})."
        zh += f"：比房间的钥匙（{params.room_keys} 把）还多。"
    elif free > params.room_keys and params.visitors > params.room_keys:
        en += ": the extra key was there, but this time the visitors never needed it at the same moment."
        zh += "：多出的钥匙确实存在，但这次访客们恰好没有同时用到它。"
    else:
        en += f", never more than the {params.room_keys} keys."
        zh += f"，从未超过 {params.room_keys} 把钥匙。"
    figures = {
        "keys": params.room_keys,
        "visitors": params.visitors,
        "extra_release_raised": int(raised),
        "free_keys_after_bug": free,
        "peak_occupancy": peak,
    }
    return Verdict(Text(en, zh), rounded(figures))


# The exception texts CPython's semaphores raise, in Chinese; any other text is shown as it is.
_MESSAGES_ZH = {"semaphore or lock released too many times": "信号量或锁被释放的次数过多"}


def _zh_exception(text: str) -> str:
    """``ValueError('...')`` with its message in Chinese when it is one we know."""
    name, _, rest = text.partition("(")
    message = rest.rstrip(")").strip("'\"")
    return f"{name}（“{_MESSAGES_ZH[message]}”）" if message in _MESSAGES_ZH else text


LESSON = Lesson(
    id="bounded-semaphore",
    chapter=Chapter.SYNCHRONISATION,
    exercise="semaphore.py",
    title=Text("One release too many: BoundedSemaphore", "多释放了一次：BoundedSemaphore"),
    summary=Text(
        "A buggy process gives its key back twice. A Semaphore silently counts an extra key and lets one more "
        "visitor into the room; a BoundedSemaphore raises ValueError at the faulty release().",
        "一个有缺陷的进程把钥匙还了两次。Semaphore 默默地多算了一把钥匙，多放一位访客进房间；"
        "BoundedSemaphore 则在出错的那次 release() 上抛出 ValueError。",
    ),
    watch=Text(
        "Read the first log lines: what the second release() did, and how many keys the parent could count "
        "afterwards. Then watch the 'occupants' counter: with a plain Semaphore it climbs one past the keys.",
        "先读日志开头几行：第二次 release() 做了什么，以及父进程之后数出了几把钥匙。"
        "然后观察“occupants”计数：用普通 Semaphore 时，它会比钥匙数多一。",
    ),
    explanation=Text(
        "acquire() takes one from the semaphore's counter and release() adds one, with no check against the "
        "starting value and no record of who holds a key: any process may release. That is what makes a "
        "Semaphore useful for signalling, but it also means that a release() too many goes unnoticed and "
        "raises the limit for good. BoundedSemaphore(k) refuses to go above k: the faulty release() raises "
        "ValueError, so the bug shows up where it is, not later as a crowded room. Use it whenever the "
        "semaphore guards a fixed number of resources, and pair every acquire() with exactly one release() "
        "(a with block does that).",
        "acquire() 让信号量的计数减一，release() 让它加一，既不对照初始值检查，"
        "也不记录谁拿着钥匙：任何进程都可以 release。"
        "这让 Semaphore 可以用来发信号，但也意味着多出来的一次 release() 不会被察觉，而且会永久地提高上限。"
        "BoundedSemaphore(k) 拒绝超过 k：出错的 release() 会抛出 ValueError，问题在出错的地方暴露，"
        "而不是后来变成一个挤满人的房间。只要信号量守护的是固定数量的资源，就使用它，"
        "并让每次 acquire() 恰好对应一次 release()（with 语句块会替你做到）。",
    ),
    params=(
        bool_param("bounded", False, Text("Use a BoundedSemaphore", "使用 BoundedSemaphore")),
        int_param("room_keys", 2, 1, 8, Text("Keys (initial value)", "钥匙数（初值）")),
        int_param("visitors", 5, 1, 16, Text("Visitors", "访客数"), "processes"),
        float_param("stay", 0.3, 0.05, 5.0, Text("Time in the room", "停留时间"), "s"),
    ),
    plan=lambda p: Plan(processes=p.visitors + 1, threads=0),
    main=main,
    verdict=verdict,
    quick={"visitors": 3, "stay": 0.15},
    concepts=("BoundedSemaphore", "Semaphore", "release", "ValueError", "信号量", "有界信号量"),
    prediction=prediction.yes_no(
        "extra_release_raised",
        "A process calls release() one time more than acquire() on this semaphore. Will that release() raise?",
        "一个进程对这个信号量调用 release() 的次数比 acquire() 多一次。多出来的 release() 会抛出异常吗？",
        ("Yes, it raises an exception", "会，抛出异常"),
        ("No, it returns as usual", "不会，照常返回"),
    ),
    comparison=comparison.switch(
        "bounded",
        ("Semaphore", "Semaphore"),
        ("BoundedSemaphore", "BoundedSemaphore"),
        ("extra_release_raised", "free_keys_after_bug", "peak_occupancy"),
    ),
    figures=(
        "keys",
        "visitors",
        "extra_release_raised",
        "free_keys_after_bug",
        "peak_occupancy",
    ),
)
