"""Producers and consumers decoupled by a queue, with one sentinel per consumer.

Producers put numbered items into a shared ``Queue``; consumers take them out
until each receives a ``None`` sentinel. Change the two rates and the queue's
``maxsize`` and watch the depth plot: it climbs when producers are faster,
stays near zero when consumers are faster, and flattens at ``maxsize`` when a
full queue makes producers block.

The depth plot counts puts and gets (``probe.put`` / ``probe.got``); it never
calls ``qsize()``, which raises ``NotImplementedError`` on macOS.
"""

from __future__ import annotations

import multiprocessing
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, plural, ratio
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

SENTINEL = None


def producer(probe: Probe, items, number: int, count: int, interval: float) -> None:
    """Make ``count`` items, one every ``interval`` seconds; block while the queue is full."""
    for serial in range(count):
        probe.state(State.RUNNING, "making an item", zh="生产一个项目")
        time.sleep(interval)  # stands for the work of producing
        probe.state(State.WAITING_PUT, "put (blocks while the queue is full)", zh="put（队列满时阻塞）")
        items.put((number, serial))
        probe.put("queue")
        probe.count("produced")
    probe.state(State.FINISHED)


def consumer(probe: Probe, items, consumed, interval: float) -> None:
    """Take items until the sentinel; report every item taken to ``consumed``."""
    taken = []
    while True:
        probe.state(State.WAITING_GET, "get (blocks while the queue is empty)", zh="get（队列空时阻塞）")
        item = items.get()
        probe.got("queue")
        if item is SENTINEL:
            break
        probe.state(State.RUNNING, f"handling item {item}", zh=f"处理项目 {item}")
        time.sleep(interval)  # stands for the work of consuming
        taken.append(item)
        probe.count("consumed")
    consumed.put(taken)
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    items = ctx.Queue(maxsize=params.maxsize)  # maxsize 0 means unbounded
    probe.queue_created("queue", maxsize=params.maxsize)  # the depth plot draws this limit
    consumed = ctx.Queue()
    producers = [
        ctx.Process(
            target=producer,
            args=(probe, items, n, params.per_producer, params.produce_interval),
            name=f"producer-{n + 1}",
        )
        for n in range(params.producers)
    ]
    consumers = [
        ctx.Process(target=consumer, args=(probe, items, consumed, params.consume_interval), name=f"consumer-{n + 1}")
        for n in range(params.consumers)
    ]
    started = time.perf_counter()
    for process in producers + consumers:
        process.start()
    probe.state(State.WAITING_JOIN, "joining the producers", zh="等待生产者结束")
    for process in producers:
        process.join()
    # Every producer is done: one sentinel per consumer tells each of them to stop.
    for _ in consumers:
        items.put(SENTINEL)
        probe.put("queue")
    # Read the consumers' reports before joining them: a process that still has
    # data in a queue's buffer does not exit until that data has been read.
    probe.state(State.WAITING_GET, "collecting what each consumer took", zh="收集每个消费者取走的项目")
    taken = [item for _ in consumers for item in consumed.get()]
    for process in consumers:
        process.join()
    wall = time.perf_counter() - started
    probe.state(State.FINISHED)
    return {"taken": taken, "wall": wall}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    taken = [tuple(item) for item in outcome.result["taken"]]
    expected = {(n, serial) for n in range(params.producers) for serial in range(params.per_producer)}
    produced = int(outcome.counter("produced"))
    duplicates = len(taken) - len(set(taken))
    missing = len(expected - set(taken))
    max_depth = outcome.max_depth("queue", capacity=params.maxsize)
    throughput = ratio(len(taken), outcome.result["wall"])
    if duplicates or missing:
        en = f"Consumed {len(taken)} of {produced} items: {duplicates} duplicated, {missing} missing."
        zh = f"生产 {produced} 个、消费 {len(taken)} 个：重复 {duplicates} 个，丢失 {missing} 个。"
    else:
        en = f"All {produced} items were consumed exactly once"
        zh = f"全部 {produced} 个物品都恰好被消费一次"
    # Judged from the measured depth: more items waiting than consumers to take them is a backlog.
    if params.maxsize and max_depth >= params.maxsize:
        en += f"; the queue filled up to its maxsize of {params.maxsize}, so producers had to wait."
        zh += f"；队列涨到上限 {params.maxsize}，生产者只能等待。"
    elif max_depth > params.consumers:
        en += f"; consumers fell behind and the queue grew to {max_depth} items."
        zh += f"；消费者跟不上，队列最多积压 {max_depth} 个。"
    else:
        en += f"; consumers kept up and the queue never held more than {plural(max_depth, 'item')}."
        zh += f"；消费者跟得上，队列最多只有 {max_depth} 个。"
    en += f" Throughput {throughput:.1f} items/s."
    zh += f"吞吐量 {throughput:.1f} 个/秒。"
    figures = {
        "produced": produced,
        "consumed": len(taken),
        "duplicates": duplicates,
        "missing": missing,
        "max_depth": max_depth,
        "throughput_per_s": round(throughput, 2),
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="producer-consumer",
    chapter=Chapter.MESSAGE_PASSING,
    exercise="queue_writer_reader.py",
    title=Text("Producers and consumers", "生产者与消费者"),
    summary=Text(
        "Producer processes put items into a shared queue and consumer processes take them out, each "
        "stopping at its own sentinel. The queue lets both sides work at their own pace.",
        "生产者进程把物品放进共享队列，消费者进程从中取出，各自收到一个哨兵值后停止。队列让双方可以按各自的节奏工作。",
    ),
    watch=Text(
        "Watch the queue-depth plot: it rises when producers are faster, stays low when consumers are, "
        "and flattens at maxsize when producers block.",
        "观察队列深度曲线：生产者快时上升，消费者快时贴近 0，达到 maxsize 时变平（生产者被阻塞）。",
    ),
    explanation=Text(
        "A queue is a buffer between two groups of processes. put() adds an item; with a maxsize, put() on a "
        "full queue blocks until a consumer makes room, which slows fast producers down to the consumers' "
        "pace (back-pressure). get() blocks until an item is there. To tell consumers that no more items "
        "will come, the main process sends one sentinel (None) per consumer after every producer has finished. "
        "Note that the main process reads the consumers' reports before joining them: joining a process that "
        "still has unread data in a queue can deadlock.",
        "队列是两组进程之间的缓冲区。put() 放入物品；设置了 maxsize 时，对已满队列的 put() 会阻塞，"
        "直到消费者腾出空间，从而把过快的生产者压到消费者的速度（背压）。get() 会阻塞到有物品为止。"
        "所有生产者结束后，主进程为每个消费者发送一个哨兵值（None），通知它们不会再有物品。"
        "注意主进程先读取消费者的汇报再 join 它们：join 一个队列里还有未读数据的进程可能会死锁。",
    ),
    params=(
        int_param("producers", 2, 1, 16, Text("Producers", "生产者数"), "processes"),
        int_param("consumers", 2, 1, 16, Text("Consumers", "消费者数"), "processes"),
        int_param("per_producer", 40, 1, 10_000, Text("Items per producer", "每个生产者的物品数"), "items"),
        float_param("produce_interval", 0.02, 0.0, 2.0, Text("Time to make one item", "生产一个物品的时间"), "s"),
        float_param("consume_interval", 0.05, 0.0, 2.0, Text("Time to handle one item", "处理一个物品的时间"), "s"),
        int_param("maxsize", 10, 0, 10_000, Text("Queue maxsize (0 = unbounded)", "队列上限（0 为不限）"), "items"),
    ),
    main=main,
    verdict=verdict,
    quick={"per_producer": 15, "produce_interval": 0.01, "consume_interval": 0.02, "maxsize": 5},
    views=("depth",),
    concepts=("Queue", "put", "get", "maxsize", "sentinel", "back-pressure", "队列", "哨兵", "生产者", "消费者"),
    prediction=prediction.number(
        "max_depth",
        "At its fullest, how many items will the queue hold?",
        "队列最满时会积压多少个物品？",
        ("items", "个"),
    ),
    comparison=comparison.vary("consumers", 1, 4, "{} consumer(s)", "{} 个消费者", ("max_depth", "throughput_per_s")),
    figures=(
        "produced",
        "consumed",
        "duplicates",
        "missing",
        "max_depth",
        "throughput_per_s",
    ),
)
