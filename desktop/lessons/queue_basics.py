"""Queue(maxsize) step by step: what each call really does.

The run process plays a fixed script of puts and gets against a small
``ctx.Queue(maxsize)``, with one helper process (the "taker") that removes an
item at a chosen moment. Every call is timed and its real outcome written
down: returned at once, blocked for t seconds, or raised ``queue.Full`` /
``queue.Empty``.

The script also asks the queue the questions you should not build on:
``full()``, ``empty()`` and ``qsize()``. Their answers are only hints: another
process may change the queue right after you asked, a put() is sent by a
background feeder thread so ``empty()`` can say True just after it, and
``qsize()`` raises ``NotImplementedError`` on macOS. To know how many items
are in flight, count them yourself (this app counts every put and get).

One try of ``put(); empty()`` is an anecdote, so after the try the prediction
asks about, the script repeats the same pair ``tries`` times, each on an
empty queue with the feeder thread back to waiting, and counts how often
``empty()`` said True.
"""

from __future__ import annotations

import multiprocessing
import queue
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

EMPTY_AFTER_PUT = "put('y'); empty()  # nothing in between"
EMPTY_AFTER_PUT_ZH = "put('y'); empty()  # 中间什么也不做"
# Between two tries: longer than the interpreter's thread switch interval (5 ms), so the feeder thread has sent
# the last item and gone back to waiting, as it had before the first try (after a get(timeout) that timed out).
PAUSE_BETWEEN_TRIES = 0.01


def taker(probe: Probe, items, go, delay: float) -> None:
    """Wait for the signal, then take one item out after ``delay``: it unblocks a waiting put()."""
    probe.state(State.WAITING_EVENT, "waiting for the signal", zh="等待信号")
    go.wait()
    probe.state(State.SLEEPING, f"taking one item in {delay:g} s", zh=f"{delay:g} 秒后取走一个项目")
    time.sleep(delay)
    probe.state(State.WAITING_GET, "get()")
    items.get()
    probe.got("queue")
    probe.log("took one item: the blocked put() can go on", zh="取走一个项目：被阻塞的 put() 可以继续了")
    probe.state(State.FINISHED)


class Script:
    """Runs one call, times it and records what really happened."""

    def __init__(self, probe: Probe):
        self.probe = probe
        self.steps: list[dict] = []

    def call(self, label: str, function, *args, counts: str = "", label_zh: str = "", **kwargs):
        """Call ``function``; ``label`` is the line of code it stands for, ``label_zh`` that line with its
        comment in Chinese (if it has one)."""
        label_zh = label_zh or label
        state = {"put": State.WAITING_PUT, "get": State.WAITING_GET}.get(counts, State.RUNNING)
        self.probe.state(state, label, zh=label_zh)
        began = time.perf_counter()
        try:
            value = function(*args, **kwargs)
        except (queue.Full, queue.Empty, NotImplementedError) as error:
            took = time.perf_counter() - began
            outcome, value = f"raised {type(error).__name__}", None
        else:
            took = time.perf_counter() - began
            outcome = "returned" if value is None else f"returned {value!r}"
            if counts == "put":
                self.probe.put("queue")
            elif counts == "get":
                self.probe.got("queue")
        step = {"call": label, "outcome": outcome, "seconds": took}
        self.steps.append(step)
        self.probe.log(f"{label} → {outcome} after {took:.3f} s", zh=f"{label_zh} → {took:.3f} 秒后{_zh(step)}")
        return value


def put_then_empty(items, item) -> bool:
    """put() and then empty() with nothing in between, as a program would call them.

    Any work between the two calls (even reporting the put) gives the queue's
    feeder thread time to deliver the item, and empty() would say False more
    often than it does in a program that asks right away.
    """
    items.put(item)
    return items.empty()


def repeat_put_then_empty(probe: Probe, items, tries: int) -> int:
    """The same put() and empty() pair ``tries`` times, each on an empty queue; how often empty() said True.

    Everything else happens outside the pair: taking the item back, counting
    the put and the get, the pause that lets the feeder thread go back to waiting.
    """
    probe.state(State.RUNNING, f"{EMPTY_AFTER_PUT} × {tries}", zh=f"{EMPTY_AFTER_PUT_ZH} × {tries}")
    said_empty = 0
    for _ in range(tries):
        said_empty += put_then_empty(items, "y")
        items.get()  # the queue is empty again for the next try
        probe.put("queue")
        probe.got("queue")
        time.sleep(PAUSE_BETWEEN_TRIES)
    probe.log(
        f"{EMPTY_AFTER_PUT} × {tries} → empty() returned True {said_empty} times",
        zh=f"{EMPTY_AFTER_PUT_ZH} × {tries} → empty() 有 {said_empty} 次返回 True",
    )
    return said_empty


def main(params: Params, probe: Probe) -> dict:
    items = ctx.Queue(maxsize=params.maxsize)
    probe.queue_created("queue", maxsize=params.maxsize)  # the depth plot draws this limit
    go = ctx.Event()
    helper = ctx.Process(target=taker, args=(probe, items, go, params.delay), name="taker")
    helper.start()
    script = Script(probe)
    timeout = params.timeout
    for number in range(params.maxsize):
        script.call(f"put({number})", items.put, number, counts="put")
    script.call("full()", items.full)
    script.call("put_nowait('x')", items.put_nowait, "x", counts="put")
    script.call(f"put('x', timeout={timeout:g})", items.put, "x", timeout=timeout, counts="put")
    go.set()  # the taker removes one item after params.delay
    script.call(
        "put('x')  # blocks until the taker makes room",
        items.put,
        "x",
        counts="put",
        label_zh="put('x')  # 阻塞，直到取走者腾出空位",
    )
    helper.join()
    for _ in range(params.maxsize):
        script.call("get()", items.get, counts="get")
    script.call("empty()", items.empty)
    script.call("get_nowait()", items.get_nowait, counts="get")
    script.call(f"get(timeout={timeout:g})", items.get, timeout=timeout, counts="get")
    script.call(EMPTY_AFTER_PUT, put_then_empty, items, "y", counts="put", label_zh=EMPTY_AFTER_PUT_ZH)
    script.call("get()", items.get, counts="get")
    said_empty = repeat_put_then_empty(probe, items, params.tries)
    script.call(
        "qsize()  # only a hint; NotImplementedError on macOS",
        items.qsize,
        label_zh="qsize()  # 仅供参考；在 macOS 上抛出 NotImplementedError",
    )
    probe.state(State.FINISHED)
    return {"steps": script.steps, "tries": params.tries, "said_empty": said_empty}


def step(outcome: Outcome, call: str) -> dict:
    return next(s for s in outcome.result["steps"] if s["call"] == call)


def verdict(params: Params, outcome: Outcome) -> Verdict:
    steps = outcome.result["steps"]
    full_put = step(outcome, f"put('x', timeout={params.timeout:g})")
    empty_get = step(outcome, f"get(timeout={params.timeout:g})")
    unblocked = step(outcome, "put('x')  # blocks until the taker makes room")
    nowait_get = step(outcome, "get_nowait()")
    hint = step(outcome, EMPTY_AFTER_PUT)
    qsize = step(outcome, "qsize()  # only a hint; NotImplementedError on macOS")
    en = (
        f"On a full queue, put(timeout={params.timeout:g}) {full_put['outcome']} after {full_put['seconds']:.2f} s; "
        f"a plain put() blocked {unblocked['seconds']:.2f} s until the taker made room. On an empty queue, "
        f"get_nowait() {nowait_get['outcome']} and get(timeout) {empty_get['outcome']} after "
        f"{empty_get['seconds']:.2f} s. Right after a put, empty() {hint['outcome']}; qsize() {qsize['outcome']}."
    )
    zh = (
        f"队列满时，put(timeout={params.timeout:g}) 在 {full_put['seconds']:.2f} 秒后{_zh(full_put)}；"
        f"普通 put() 阻塞了 {unblocked['seconds']:.2f} 秒，直到取元素的进程腾出位置。队列空时，"
        f"get_nowait() {_zh(nowait_get)}，get(timeout) 在 {empty_get['seconds']:.2f} 秒后{_zh(empty_get)}。"
        f"刚 put 之后 empty() {_zh(hint)}；qsize() {_zh(qsize)}。"
    )
    if hint["outcome"] == "returned True":
        en += " That True was wrong: the item was still on its way through the feeder thread."
        zh += "这个 True 是错的：元素还在后台馈送线程发送的路上。"
    tries, said_empty = outcome.result.get("tries", 0), outcome.result.get("said_empty", 0)
    if tries:
        repeated = repeated_tries(hint["outcome"] == "returned True", tries, said_empty)
        en, zh = en + " " + repeated.en, zh + repeated.zh
    figures = {
        "steps": len(steps),
        "put_timeout_raised_full": int(full_put["outcome"] == "raised Full"),
        "put_timeout_blocked_s": round(full_put["seconds"], 3),
        "put_blocked_until_room_s": round(unblocked["seconds"], 3),
        "get_nowait_raised_empty": int(nowait_get["outcome"] == "raised Empty"),
        "get_timeout_raised_empty": int(empty_get["outcome"] == "raised Empty"),
        "get_timeout_blocked_s": round(empty_get["seconds"], 3),
        "empty_right_after_put": int(hint["outcome"] == "returned True"),
        "empty_after_put_tries": tries,
        "empty_after_put_true": said_empty,
        "empty_after_put_true_percent": round(100 * said_empty / tries, 1) if tries else 0.0,
        "raised": sum(1 for s in steps if s["outcome"].startswith("raised")),
    }
    return Verdict(Text(en, zh), figures)


def repeated_tries(first_true: bool, tries: int, said_empty: int) -> Text:
    """What ``tries`` more tries of the pair say, next to what the first try returned."""
    times, of = ("time", "try") if tries == 1 else ("times", "tries")
    en = f"Repeated {tries} more {times} the same way, empty() said True in {said_empty} of {tries} {of}"
    zh = f"同样的一对调用又重复了 {tries} 次，empty() 有 {said_empty} 次返回 True"
    if said_empty == tries:
        en += ": each time the item was still on its way, though the queue was not empty. It is only a hint."
        zh += "：每一次元素都还在路上，而队列其实并不空。它只是个提示。"
    elif said_empty == 0:
        en += (
            ": here the feeder thread always sent the item before empty() asked, but nothing guarantees it "
            "(a busy machine may differ). It is only a hint."
        )
        zh += (
            "：这里馈送线程总是在 empty() 询问之前把元素发了出去，但这没有任何保证（机器繁忙时可能不同）。"
            "它只是个提示。"
        )
    else:
        en += ": it is only a hint, True or False depending on whether the feeder thread had sent the item yet."
        zh += "：它只是个提示，是 True 还是 False，取决于馈送线程是否已经把元素发出。"
    if (first_true and 2 * said_empty < tries) or (not first_true and 2 * said_empty > tries):
        en += f" The first try's {first_true} was the less common answer."
        zh += f"第一次得到的 {first_true} 是较少见的答案。"
    return Text(en, zh)


def _zh(step_record: dict) -> str:
    outcome = step_record["outcome"]
    if outcome.startswith("raised "):
        return f"抛出 {outcome.removeprefix('raised ')}"
    return "返回" + outcome.removeprefix("returned")


LESSON = Lesson(
    id="queue-basics",
    chapter=Chapter.MESSAGE_PASSING,
    exercise="queue_writer_reader.py",
    title=Text("Queue basics: block, time out, or raise", "队列基础：阻塞、超时还是抛异常"),
    summary=Text(
        "A scripted series of puts and gets on a tiny Queue(maxsize). Each call's real outcome is recorded: "
        "returned, blocked for a while, or raised queue.Full / queue.Empty.",
        "在一个很小的 Queue(maxsize) 上按脚本执行一系列 put 和 get，记录每次调用的真实结果："
        "立即返回、阻塞一段时间，还是抛出 queue.Full / queue.Empty。",
    ),
    watch=Text(
        "Read the log line by line: the timed-out calls last exactly their timeout, the blocked put() ends when "
        "the taker removes an item, and the 'hint' calls may answer something surprising.",
        "逐行阅读日志：超时的调用恰好持续超时时长，阻塞的 put() 在 taker 取走一个元素时结束，"
        "而那些“提示”类调用可能给出出人意料的答案。",
    ),
    explanation=Text(
        "put() and get() block by default; block=False (put_nowait/get_nowait) raises at once, timeout=t waits at "
        "most t seconds, then raises queue.Full or queue.Empty (from the queue module, not multiprocessing). "
        "qsize(), empty() and full() describe a moment that may already be over when you act on it, and "
        "qsize() is not implemented on macOS. Use the exceptions and timeouts, or count items yourself.",
        "put() 和 get() 默认会阻塞；block=False（put_nowait/get_nowait）会立即抛异常，timeout=t 最多等待 t 秒，"
        "然后抛出 queue.Full 或 queue.Empty（来自 queue 模块，而不是 multiprocessing）。"
        "qsize()、empty() 和 full() 描述的只是某一瞬间，你据此行动时情况可能已经变了，而且 macOS 上没有实现 qsize()。"
        "请依靠异常和超时，或者自己计数。",
    ),
    params=(
        int_param("maxsize", 2, 1, 10, Text("Queue capacity (maxsize)", "队列容量（maxsize）"), "items"),
        float_param("timeout", 0.5, 0.05, 5.0, Text("Timeout of the timed calls", "限时调用的超时"), "s"),
        float_param("delay", 0.6, 0.05, 5.0, Text("Taker waits before its get()", "taker 在 get() 前等待"), "s"),
        int_param("tries", 50, 1, 500, Text("Repeats of put(); empty()", "put(); empty() 的重复次数"), "trials"),
    ),
    plan=lambda p: Plan(processes=1, threads=0),
    main=main,
    verdict=verdict,
    quick={"timeout": 0.2, "delay": 0.3},
    views=("depth",),
    concepts=("Queue", "maxsize", "queue.Full", "queue.Empty", "put_nowait", "get_nowait", "qsize", "队列", "超时"),
    prediction=prediction.yes_no(
        "empty_right_after_put",
        "Right after put('y'), what will empty() return?",
        "put('y') 之后立刻调用 empty()，会返回什么？",
        ("True: the queue still looks empty", "True：队列看起来还是空的"),
        ("False: the item is already there", "False：物品已经在队列里"),
    ),
    comparison=comparison.vary(
        "timeout", 0.1, 1.0, "Timeout {} s", "超时 {} 秒", ("put_timeout_blocked_s", "get_timeout_blocked_s")
    ),
    figures=(
        "steps",
        "put_timeout_raised_full",
        "put_timeout_blocked_s",
        "put_blocked_until_room_s",
        "get_nowait_raised_empty",
        "get_timeout_raised_empty",
        "get_timeout_blocked_s",
        "empty_right_after_put",
        "empty_after_put_tries",
        "empty_after_put_true",
        "empty_after_put_true_percent",
        "raised",
    ),
)
