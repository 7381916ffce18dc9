"""Pipe: two connected ends, duplex or one-way, and how it compares with a Queue.

``ctx.Pipe()`` returns two Connection objects; by default each end can send and
receive (duplex). ``ctx.Pipe(duplex=False)`` returns ``(receive_end, send_end)``
and each end only works one way. A Pipe has exactly two ends and no lock: if
two processes read the same end at once, messages can get mixed up. A Queue
is built on a pipe plus a lock and a feeder thread, so any number of processes
can share it, at some cost per message.

The run has three parts:

1. ping-pong: main sends a number through a duplex pipe, an echo process sends
   it back; the round-trip time is measured for every message;
2. bulk: a sender process pushes many messages through a one-way Pipe, then
   through a Queue; main measures messages per second for each;
3. the wrong way round: main calls send() on a receive-only end and recv() on
   a send-only end, and records the real errors.
"""

from __future__ import annotations

import multiprocessing
import statistics
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, ratio
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

DONE = None  # the message that ends a stream
CHANNEL_ZH = {"pipe": "管道", "queue": "队列"}


def echo(probe: Probe, conn) -> None:
    """Send every message straight back until DONE arrives."""
    probe.state(State.WAITING_IO, "recv() from main, send() it back", zh="从主进程 recv()，再 send() 回去")
    probe.flush()
    while (message := conn.recv()) is not DONE:
        conn.send(message)
    conn.close()
    probe.state(State.FINISHED)


def pipe_sender(probe: Probe, send_end, ready, go, count: int, payload: bytes) -> None:
    probe.state(State.WAITING_EVENT, "started: waiting for go", zh="已启动：等待开始信号")
    ready.set()  # main starts its clock only now: this process's start-up is not timed
    go.wait()
    probe.state(State.RUNNING, "send() through a one-way Pipe", zh="通过单向 Pipe send()")
    for _ in range(count):
        send_end.send(payload)
    send_end.send(DONE)
    send_end.close()
    probe.count("sent", count)
    probe.state(State.FINISHED)


def queue_sender(probe: Probe, items, ready, go, count: int, payload: bytes) -> None:
    probe.state(State.WAITING_EVENT, "started: waiting for go", zh="已启动：等待开始信号")
    ready.set()
    go.wait()
    probe.state(State.RUNNING, "put() into a Queue", zh="put() 进 Queue")
    for _ in range(count):
        items.put(payload)
    items.put(DONE)
    probe.count("sent", count)
    probe.state(State.FINISHED)


def ping_pong(probe: Probe, pings: int) -> list[float]:
    """Round-trip times, in seconds, through a duplex pipe to an echo process."""
    here, there = ctx.Pipe()  # duplex: both ends send and receive
    echoer = ctx.Process(target=echo, args=(probe, there), name="echo")
    echoer.start()
    there.close()  # the echo process has its own copy now
    here.send("warm-up")  # the first message also waits for the echo process to start
    here.recv()
    probe.state(State.WAITING_IO, "ping-pong: send(), then recv() the echo", zh="乒乓：send()，再 recv() 回声")
    round_trips = []
    for number in range(pings):
        began = time.perf_counter()
        here.send(number)
        here.recv()
        round_trips.append(time.perf_counter() - began)
    here.send(DONE)
    echoer.join()
    here.close()
    return round_trips


def bulk(probe: Probe, channel: str, count: int, payload: bytes) -> float:
    """Seconds main needs to receive ``count`` messages through a one-way Pipe or a Queue.

    The clock starts once the sender has started and said it is ready: timing
    from ``sender.start()`` would count the spawn start-up (tenths of a second)
    as if it were transfer time.
    """
    ready, go = ctx.Event(), ctx.Event()
    if channel == "pipe":
        receive_end, send_end = ctx.Pipe(duplex=False)
        sender = ctx.Process(target=pipe_sender, args=(probe, send_end, ready, go, count, payload), name="pipe-sender")
        sender.start()
        send_end.close()
        receive = receive_end.recv
    else:
        items = ctx.Queue()
        sender = ctx.Process(target=queue_sender, args=(probe, items, ready, go, count, payload), name="queue-sender")
        sender.start()
        receive = items.get
    probe.state(
        State.WAITING_EVENT, f"waiting for the {channel} sender to start", zh=f"等待{CHANNEL_ZH[channel]}的发送方启动"
    )
    while not ready.wait(0.1):
        if not sender.is_alive():
            raise RuntimeError(f"the {channel} sender ended before it was ready (exit code {sender.exitcode})")
    probe.state(
        State.WAITING_IO if channel == "pipe" else State.WAITING_GET,
        f"receiving {count} messages through a {channel}",
        zh=f"通过{CHANNEL_ZH[channel]}接收 {count} 条消息",
    )
    began = time.perf_counter()
    go.set()
    received = 0
    while receive() is not DONE:
        received += 1
    took = time.perf_counter() - began
    probe.count(f"received via {channel}", received)
    sender.join()
    return took


def wrong_way_errors() -> dict[str, str]:
    """The real exceptions for using a one-way Pipe backwards, as 'Type: message'."""
    receive_end, send_end = ctx.Pipe(duplex=False)
    errors = {}
    for label, call in (("send on receive end", lambda: receive_end.send("hi")), ("recv on send end", send_end.recv)):
        try:
            call()
            errors[label] = "no error"
        except Exception as error:  # recording whatever this platform raises is the point
            errors[label] = f"{type(error).__name__}: {error}"
    receive_end.close()
    send_end.close()
    return errors


def main(params: Params, probe: Probe) -> dict:
    payload = b"x" * params.payload
    probe.phase("ping-pong", zh="乒乓")
    round_trips = ping_pong(probe, params.pings)
    probe.phase("pipe bulk", zh="管道批量传输")
    pipe_seconds = bulk(probe, "pipe", params.messages, payload)
    probe.phase("queue bulk", zh="队列批量传输")
    queue_seconds = bulk(probe, "queue", params.messages, payload)
    probe.phase("wrong way", zh="错误用法")
    errors = wrong_way_errors()
    labels_zh = {"send on receive end": "在接收端 send()", "recv on send end": "在发送端 recv()"}
    for label, error in errors.items():
        probe.log(f"{label}: {error}", zh=f"{labels_zh[label]}：{error}")  # the error is Python's own words
    probe.state(State.FINISHED)
    return {
        "round_trip_mean": statistics.fmean(round_trips),
        "round_trip_median": statistics.median(round_trips),
        "pipe_seconds": pipe_seconds,
        "queue_seconds": queue_seconds,
        "errors": errors,
    }


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    pipe_rate = ratio(params.messages, result["pipe_seconds"])
    queue_rate = ratio(params.messages, result["queue_seconds"])
    send_error = result["errors"]["send on receive end"]
    recv_error = result["errors"]["recv on send end"]
    mean_us, median_us = result["round_trip_mean"] * 1e6, result["round_trip_median"] * 1e6
    en = (
        f"Ping-pong: {params.pings} round trips, median {median_us:.0f} µs (mean {mean_us:.0f} µs). "
        f"Bulk, {params.messages} messages of {params.payload} bytes: Pipe {pipe_rate:,.0f} msgs/s, "
        f"Queue {queue_rate:,.0f} msgs/s (Pipe {ratio(pipe_rate, queue_rate):.1f}× the Queue). "
        f"send() on the receive-only end raised {send_error}; recv() on the send-only end raised {recv_error}."
    )
    zh = (
        f"乒乓：{params.pings} 次往返，中位数 {median_us:.0f} 微秒（平均 {mean_us:.0f} 微秒）。"
        f"批量传输 {params.messages} 条 {params.payload} 字节的消息：Pipe 每秒 {pipe_rate:,.0f} 条，"
        f"Queue 每秒 {queue_rate:,.0f} 条（Pipe 是 Queue 的 {ratio(pipe_rate, queue_rate):.1f} 倍）。"
        f"在只读端调用 send() {_raised_zh(send_error)}；在只写端调用 recv() {_raised_zh(recv_error)}。"
    )
    figures = {
        "round_trip_median_us": round(median_us, 1),
        "round_trip_mean_us": round(mean_us, 1),
        "pipe_msgs_per_s": round(pipe_rate),
        "queue_msgs_per_s": round(queue_rate),
        "pipe_vs_queue": round(ratio(pipe_rate, queue_rate), 2),
        "send_on_receive_end_raised": int(send_error != "no error"),
        "recv_on_send_end_raised": int(recv_error != "no error"),
    }
    return Verdict(Text(en, zh), figures)


def _raised_zh(error: str) -> str:
    """What ``send()``/``recv()`` raised, in Chinese: the error as printed, in backticks (it is program output)."""
    return "没有报错" if error == "no error" else f"抛出 `{error}`"


LESSON = Lesson(
    id="pipe",
    chapter=Chapter.MESSAGE_PASSING,
    exercise="pipe.py",
    title=Text("Pipe: two ends, one or two directions", "管道 Pipe：两个端点，单向或双向"),
    summary=Text(
        "Ping-pong through a duplex Pipe, then a bulk transfer through a one-way Pipe and through a Queue, "
        "and finally the error you get for sending on the receive-only end.",
        "先通过双向 Pipe 打乒乓，再分别通过单向 Pipe 和 Queue 批量传输，最后看看在只读端发送会得到什么错误。",
    ),
    watch=Text(
        "Compare the messages per second of the two bulk phases, and read the two errors in the log.",
        "比较两个批量阶段每秒传输的消息数，并在日志中查看那两个错误。",
    ),
    explanation=Text(
        "Pipe() gives two connected ends; send() pickles an object, recv() waits for one and unpickles it. "
        "With duplex=False the first end can only receive and the second only send. A Pipe is the lightest "
        "channel between exactly two processes; a Queue adds a lock and a feeder thread so that many producers "
        "and consumers can share it safely. Close the ends you do not use, so the reader sees EOFError when "
        "every writer is gone.",
        "Pipe() 返回两个相连的端点；send() 把对象序列化后发送，recv() 等待并反序列化一个对象。"
        "duplex=False 时第一个端点只能接收，第二个只能发送。Pipe 是恰好两个进程之间最轻量的通道；"
        "Queue 额外加了锁和后台 feeder 线程，让多个生产者和消费者可以安全共享。"
        "关掉不用的端点，这样当所有写端都关闭后，读端会收到 EOFError。",
    ),
    params=(
        int_param("pings", 500, 1, 100_000, Text("Ping-pong round trips", "乒乓往返次数")),
        int_param("messages", 20_000, 1, 1_000_000, Text("Bulk messages", "批量消息数")),
        int_param("payload", 100, 0, 1_000_000, Text("Message size", "消息大小"), "bytes"),
    ),
    plan=lambda p: Plan(processes=2, threads=0),
    main=main,
    verdict=verdict,
    quick={"pings": 200, "messages": 5000},
    concepts=("Pipe", "duplex", "Connection", "send", "recv", "Queue", "管道", "双向", "单向"),
    prediction=prediction.number(
        "pipe_vs_queue",
        "How many times as fast as a Queue will a Pipe move the bulk messages?",
        "传送大量消息时，Pipe 的速度是 Queue 的几倍？",
        prediction.TIMES,
        decimals=1,
        tolerance=0.25,
    ),
    comparison=comparison.with_common(
        comparison.vary(
            "payload",
            100,
            10_000,
            "{}-byte messages",
            "{} 字节的消息",
            ("pipe_msgs_per_s", "queue_msgs_per_s", "pipe_vs_queue"),
            simultaneous=False,
        ),
        messages=5000,
    ),
    figures=(
        "round_trip_median_us",
        "round_trip_mean_us",
        "pipe_msgs_per_s",
        "queue_msgs_per_s",
        "pipe_vs_queue",
        "send_on_receive_end_raised",
        "recv_on_send_end_raised",
    ),
)
