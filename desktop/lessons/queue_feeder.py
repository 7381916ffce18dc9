"""Joining a process that still has items in its queue: the feeder thread and a documented deadlock.

``Queue.put()`` returns at once: it appends the item to a buffer inside the
putting process, and a background *feeder thread* pickles the items and writes
them into a pipe. A pipe holds only so much (64 KiB on Linux); once it is full,
the feeder waits for a reader to make room.

A process that has put items waits, before it exits, until its feeder thread
has written them all (``Queue.join_thread()``, called for you at exit, or by
hand after ``close()`` as here). So if the parent ``join()``s the child
*before* reading what it sent, each waits for the other: the child for a
reader, the parent for the child to end. The Python docs call this out under
"Joining processes that use queues". Three variants:

1. *join, then drain.* The parent joins with a timeout first, so the run does
   not hang, and looks at ``is_alive()`` and ``exitcode`` when it returns;
   then it reads every item and joins again.
2. *drain, then join* (the fix). Read everything the child sent, then join.
3. *cancel_join_thread().* The child tells its queue not to wait at exit. join()
   returns at once, but the items still in its buffer die with it: the parent
   counts what arrived.

Each item is a few hundred bytes, small enough to be written to the pipe in
one piece (``PIPE_BUF``), so a child that exits mid-way never leaves half an
item behind for the parent to choke on.
"""

from __future__ import annotations

import multiprocessing
import queue
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import DEPTH, Chapter, Lesson, Plan
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, rounded
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

JOIN_THEN_DRAIN, DRAIN_THEN_JOIN, CANCEL_JOIN_THREAD = 1, 2, 3
DRAIN_WAIT = 2.0  # s a get() waits, while the child lives, before the parent decides nothing more will come
LEFTOVER_WAIT = 0.2  # the same once the child has ended: whatever it sent is already in the pipe


def producer(probe: Probe, items, count: int, size: int, all_put, flushed, cancel: bool) -> None:
    """Put ``count`` items, then close the queue and wait for the feeder thread to send them."""
    probe.state(State.RUNNING, f"put() {count} items of {size} bytes", zh=f"put() {count} 个 {size} 字节的项目")
    payload = b"x" * size
    for number in range(count):
        items.put((number, payload))  # returns at once: the item goes into this process's buffer
        probe.put("queue")
    all_put.set()
    probe.log(
        f"put() returned {count} times; the feeder thread is still writing them into the pipe",
        zh=f"put() 已返回 {count} 次；feeder 线程仍在把它们写入管道",
    )
    if cancel:
        items.cancel_join_thread()  # exit without waiting for the feeder: unsent items are lost
        probe.log(
            "cancel_join_thread(): this process will not wait for its feeder thread",
            zh="cancel_join_thread()：本进程不会等待它的 feeder 线程",
        )
    items.close()  # no more puts from this process
    probe.state(
        State.WAITING_JOIN,
        "join_thread(): waiting for the feeder thread to empty the buffer",
        zh="join_thread()：等待 feeder 线程清空缓冲区",
    )
    probe.flush()
    began = time.perf_counter()
    items.join_thread()  # what exit would do anyway: wait until every item is in the pipe
    flushed.value = time.perf_counter() - began
    probe.log(
        f"join_thread() returned after {flushed.value:.3f} s", zh=f"join_thread() 在 {flushed.value:.3f} 秒后返回"
    )
    probe.state(State.FINISHED)


def drain(probe: Probe, items, count: int, patience: float) -> int:
    """Read up to ``count`` items; stop early when nothing arrives for ``patience`` seconds."""
    probe.state(State.WAITING_GET, f"get() up to {count} items", zh=f"get() 最多 {count} 个项目")
    received = 0
    while received < count:
        try:
            items.get(timeout=patience)
        except queue.Empty:
            break
        probe.got("queue")
        received += 1
    probe.log(f"read {received} of {count} items", zh=f"读到 {count} 个项目中的 {received} 个")
    return received


def timed_join(probe: Probe, child, timeout: float | None) -> dict:
    """join(timeout), then ask the Process object at once what it knows."""
    probe.state(
        State.WAITING_JOIN,
        f"{child.name}.join({'' if timeout is None else f'timeout={timeout:g}'})",
        zh=f"{child.name}.join({'' if timeout is None else f'timeout={timeout:g}'})",
    )
    called = time.perf_counter()
    child.join(timeout)
    seen = {"seconds": time.perf_counter() - called, "is_alive": child.is_alive(), "exitcode": child.exitcode}
    probe.log(
        f"join returned after {seen['seconds']:.3f} s: is_alive()={seen['is_alive']}, exitcode={seen['exitcode']}",
        zh=f"join 在 {seen['seconds']:.3f} 秒后返回：is_alive()={seen['is_alive']}，exitcode={seen['exitcode']}",
    )
    return seen


def main(params: Params, probe: Probe) -> dict:
    items = ctx.Queue()
    probe.queue_created("queue")
    all_put, flushed = ctx.Event(), ctx.Value("d", -1.0)
    cancel = params.variant == CANCEL_JOIN_THREAD
    child = ctx.Process(
        target=producer,
        args=(probe, items, params.count, params.size, all_put, flushed, cancel),
        name="producer",
    )
    child.start()
    probe.state(State.WAITING_EVENT, "waiting until the child has put every item", zh="等到子进程把每个项目都 put 完")
    all_put.wait()
    if params.variant == DRAIN_THEN_JOIN:
        received = drain(probe, items, params.count, DRAIN_WAIT)
        first = timed_join(probe, child, params.timeout)
    else:
        first = timed_join(probe, child, params.timeout)
        received = drain(probe, items, params.count, DRAIN_WAIT if first["is_alive"] else LEFTOVER_WAIT)
    final = timed_join(probe, child, None) if first["is_alive"] else first
    items.close()
    items.join_thread()
    probe.state(State.FINISHED)
    return {"first_join": first, "final_join": final, "received": received, "child_flush": flushed.value}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    first, final = result["first_join"], result["final_join"]
    received, count = result["received"], params.count
    lost = count - received
    timed_out = first["is_alive"]
    flush = result["child_flush"]
    join = f"join(timeout={params.timeout:g})"
    kilobytes = count * params.size / 1024
    if params.variant == JOIN_THEN_DRAIN and timed_out:
        en = (
            f"The child had put all {count} items (about {kilobytes:.0f} KiB) and reached the end of its code, "
            f"yet {join} returned after {first['seconds']:.2f} s with the child still alive (is_alive() "
            f"{first['is_alive']}, exitcode {first['exitcode']}): it sat in join_thread(), its feeder thread "
            "waiting for room in a full pipe. Without the timeout this join() would have waited forever. "
            f"Once the parent had read {received} items, join() returned after {final['seconds']:.2f} s "
            f"and the child exited with {final['exitcode']}."
        )
        zh = (
            f"子进程已经用 put() 放入全部 {count} 个元素（约 {kilobytes:.0f} KiB），代码也执行到了最后，"
            f"但 {join} 在 {first['seconds']:.2f} 秒后返回时它仍然活着（is_alive() 为 {first['is_alive']}，"
            f"exitcode 为 {first['exitcode']}）：它停在 join_thread() 里，它的后台发送线程在等满了的管道腾出空间。"
            "如果没有超时，这个 join() 会永远等下去。"
            f"父进程读出 {received} 个元素之后，join() 在 {final['seconds']:.2f} 秒后返回，"
            f"子进程以 {final['exitcode']} 退出。"
        )
    elif params.variant == JOIN_THEN_DRAIN:
        en = (
            f"{join} returned after {first['seconds']:.2f} s with the child already ended (exitcode "
            f"{first['exitcode']}): all {count} items (about {kilobytes:.0f} KiB) fitted into the pipe, so the "
            "feeder thread never had to wait and there was no deadlock this time. Put more or bigger items."
        )
        zh = (
            f"{join} 在 {first['seconds']:.2f} 秒后返回，子进程已经结束（exitcode 为 {first['exitcode']}）："
            f"全部 {count} 个元素（约 {kilobytes:.0f} KiB）都装进了管道，后台发送线程无须等待，这次没有死锁。"
            "请增加元素的数量或大小。"
        )
    elif params.variant == DRAIN_THEN_JOIN:
        en = (
            f"Read {received} of {count} items first, then {join} returned after {first['seconds']:.3f} s "
            f"with the child ended (exitcode {first['exitcode']}). The child's join_thread() had waited "
            f"{flush:.2f} s: the parent was reading, so its feeder thread always found room. Draining before "
            "joining avoids the deadlock."
        )
        zh = (
            f"先读出 {count} 个元素中的 {received} 个，然后 {join} 在 {first['seconds']:.3f} 秒后返回，"
            f"子进程已经结束（exitcode 为 {first['exitcode']}）。子进程的 join_thread() 等了 {flush:.2f} 秒，"
            "因为父进程在读取，后台发送线程总能找到空间。先取完再 join() 就避免了死锁。"
        )
    else:
        en = (
            f"cancel_join_thread(): {join} returned after {first['seconds']:.3f} s (exitcode {first['exitcode']}) "
            f"because the child did not wait for its feeder thread, but only {received} of {count} items arrived: "
            f"{lost} were still in the child's buffer and were lost with it."
        )
        zh = (
            f"cancel_join_thread()：{join} 在 {first['seconds']:.3f} 秒后返回（exitcode 为 {first['exitcode']}），"
            f"因为子进程没有等待它的后台发送线程；但 {count} 个元素中只收到 {received} 个："
            f"其余 {lost} 个还在子进程的缓冲区里，随它一起丢失了。"
        )
    if params.variant != CANCEL_JOIN_THREAD and lost:
        en += f" {lost} items never arrived."
        zh += f"有 {lost} 个元素始终没有到达。"
    figures = {
        "items": count,
        "timeout_s": params.timeout,
        "join_timed_out": int(timed_out),
        "join_returned_s": first["seconds"],
        "final_join_s": final["seconds"],
        "child_flush_s": max(flush, 0.0),
        "received": received,
        "lost": lost,
        "exitcode": final["exitcode"] if final["exitcode"] is not None else -1,
    }
    return Verdict(Text(en, zh), rounded(figures))


LESSON = Lesson(
    id="queue-feeder",
    chapter=Chapter.MESSAGE_PASSING,
    exercise="queue_writer_reader.py",
    title=Text("Join after draining: the queue's feeder thread", "先取完再 join：队列的 feeder 线程"),
    summary=Text(
        "A child puts a thousand items and reaches the end of its code, yet the parent's join() would wait "
        "forever: the child cannot exit until someone reads what it sent. Then the fix, and "
        "cancel_join_thread().",
        "子进程 put() 了一千个元素，代码也执行完了，父进程的 join() 却会永远等下去："
        "在有人读走它发送的东西之前，子进程无法退出。然后是修正方法，以及 cancel_join_thread()。",
    ),
    watch=Text(
        "Variant 1: on the timeline the producer sits in join_thread() while the parent sits in join(), until "
        "the timeout; the depth plot stays up until the parent drains it. Variant 3: the depth never comes back "
        "down to zero, because the lost items are never read.",
        "变体 1：在时间线上，生产者停在 join_thread()，父进程停在 join()，直到超时；"
        "在父进程取走元素之前，深度图一直居高不下。变体 3：深度再也回不到零，因为丢失的元素永远不会被读到。",
    ),
    explanation=Text(
        "A multiprocessing Queue sends items through a pipe. put() only appends to a buffer in the putting "
        "process; its feeder thread writes them into the pipe, and waits when the pipe is full. Before a process "
        "that has put items exits, it joins that feeder thread, so it cannot end while items it sent are still "
        "unread beyond what the pipe holds. Hence the rule in the docs: remove every item a process has put "
        "before you join it. close() says this process will put nothing more; join_thread() waits for the "
        "feeder (it runs at exit anyway); cancel_join_thread() lets the process exit at once, at the price "
        "of the unsent items. Use it only when losing them is acceptable.",
        "multiprocessing 的 Queue 通过管道传送元素。put() 只是把元素追加到本进程内的缓冲区；"
        "由后台发送线程（feeder 线程）把它们写进管道，管道满时它就等待。放过元素的进程在退出前会等待这个线程结束，"
        "所以只要它发送的元素超出管道容量的部分还没被读走，它就无法结束。因此文档里有这条规则："
        "在 join() 一个进程之前，先取走它放入队列的所有元素。close() 表示本进程不会再 put()；"
        "join_thread() 等待这个线程（退出时本来也会做）；cancel_join_thread() 让进程立即退出，"
        "代价是尚未发送的元素全部丢失。只有在可以接受丢失时才使用它。",
    ),
    params=(
        int_param(
            "variant",
            JOIN_THEN_DRAIN,
            1,
            3,
            Text("Variant", "变体"),
            help=Text(
                "1 = join, then drain; 2 = drain, then join; 3 = cancel_join_thread()",
                "1 = 先 join 再取；2 = 先取再 join；3 = cancel_join_thread()",
            ),
        ),
        int_param("count", 1000, 1, 20_000, Text("Items the child puts", "子进程放入的元素数"), "items"),
        int_param("size", 200, 1, 400, Text("Bytes per item", "每个元素的字节数"), "bytes"),
        float_param("timeout", 1.0, 0.05, 10.0, Text("join() timeout", "join() 的超时"), "s"),
    ),
    plan=lambda p: Plan(processes=1, threads=0),
    main=main,
    verdict=verdict,
    quick={"count": 600, "timeout": 0.3},
    views=(DEPTH,),
    stall_timeout=30.0,
    concepts=(
        "Queue",
        "feeder thread",
        "close",
        "join_thread",
        "cancel_join_thread",
        "join",
        "deadlock",
        "队列",
        "死锁",
        "管道",
    ),
    prediction=prediction.yes_no(
        "join_timed_out",
        "The child has put all its items and reached the end of its code. The parent calls join(timeout) before "
        "reading any of them. Will the join time out with the child still alive?",
        "子进程已经放入全部元素，代码也执行完了。父进程在读取任何元素之前调用 join(timeout)。"
        "join 会超时、子进程仍然活着吗？",
        ("Yes, the child cannot exit yet", "会，子进程还无法退出"),
        ("No, the child has ended", "不会，子进程已经结束"),
    ),
    comparison=comparison.ComparePair(
        comparison.Variant(Text("join, then drain", "先 join 再取"), {"variant": JOIN_THEN_DRAIN}),
        comparison.Variant(Text("drain, then join", "先取再 join"), {"variant": DRAIN_THEN_JOIN}),
        ("join_timed_out", "join_returned_s", "child_flush_s"),
    ),
    figures=(
        "items",
        "timeout_s",
        "join_timed_out",
        "join_returned_s",
        "final_join_s",
        "child_flush_s",
        "received",
        "lost",
        "exitcode",
    ),
)
