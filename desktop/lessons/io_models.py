"""Four IO models for one echo server: blocking, non-blocking polling, multiplexing, asyncio.

A server process serves the same K clients four times, each time waiting for
them in a different way:

* blocking: accept one client, serve it until it leaves, then the next;
* non-blocking polling: every socket non-blocking, and a loop that keeps asking
  each of them "anything yet?" without ever sleeping;
* multiplexing: ``selectors`` asks the operating system to wake the server
  when any socket is ready, and sleeps until then;
* asyncio: the same multiplexing, hidden inside an event loop, with one
  coroutine per client.

The clients are threads in the run process; they pause between messages
like real users. The server measures its own CPU time with
``time.process_time()``, so the cost of each way of waiting shows as CPU
burned per second of serving.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import selectors
import socket
import time

from desktop.lessons import loopback
from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, load_note, ratio
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

MODELS = ("blocking", "polling", "selectors", "asyncio")
MODEL_ZH = {"blocking": "阻塞", "polling": "轮询", "selectors": "selectors 多路复用", "asyncio": "asyncio 协程"}
# The one phase that needs a whole core (the poller spins while its clients need CPU too): its load is judged.
POLLING_PHASE = Text("the polling phase", "轮询阶段")


def serve_blocking(probe: Probe, listener: socket.socket, load: loopback.EchoLoad) -> dict:
    """One client at a time: while we wait in recv() for one client, the others wait for us."""
    echoed = 0
    for _ in range(load.clients):
        probe.state(State.WAITING_IO, "accept()")
        conn, _ = listener.accept()
        with conn:
            echoed += loopback.serve_echo_blocking(conn, on_wait=lambda: probe.state(State.WAITING_IO, "recv()"))
    return {"echoed": echoed, "polls": 0}


def serve_polling(probe: Probe, listener: socket.socket, load: loopback.EchoLoad) -> dict:
    """Never block: ask every socket in turn, again and again, whether it has something."""
    listener.setblocking(False)
    open_connections: list[socket.socket] = []
    accepted = echoed = polls = 0
    deadline = time.perf_counter() + load.patience()
    probe.state(State.RUNNING, "polling every socket, never sleeping", zh="轮询每个套接字，从不休眠")
    try:
        while accepted < load.clients or open_connections:
            if time.perf_counter() > deadline:
                raise TimeoutError("polling server: the clients never finished")
            if accepted < load.clients:
                try:
                    conn, _ = listener.accept()
                    conn.setblocking(False)
                    open_connections.append(conn)
                    accepted += 1
                except BlockingIOError:
                    polls += 1  # nobody new: ask again at once
            for conn in list(open_connections):
                try:
                    data = conn.recv(loopback.CHUNK)
                except BlockingIOError:
                    polls += 1  # nothing yet from this one
                    continue
                if data:
                    # Small messages, and each client waits for its echo: the send buffer never fills.
                    conn.sendall(data)
                    echoed += len(data)
                else:
                    open_connections.remove(conn)
                    conn.close()
    finally:
        for conn in open_connections:
            conn.close()
    return {"echoed": echoed, "polls": polls}


def serve_selectors(probe: Probe, listener: socket.socket, load: loopback.EchoLoad) -> dict:
    """Sleep in select() until the OS says which sockets are ready, then serve exactly those."""
    listener.setblocking(False)
    accepted = echoed = wakeups = 0
    open_connections = 0
    with selectors.DefaultSelector() as selector:
        selector.register(listener, selectors.EVENT_READ)
        try:
            while accepted < load.clients or open_connections:
                probe.state(State.WAITING_IO, "select()")
                ready = selector.select(timeout=load.patience())
                if not ready:
                    raise TimeoutError("selectors server: the clients never finished")
                wakeups += 1
                probe.state(State.RUNNING, f"{len(ready)} socket(s) ready", zh=f"{len(ready)} 个套接字就绪")
                for key, _ in ready:
                    if key.fileobj is listener:
                        conn, _ = listener.accept()
                        conn.setblocking(False)
                        selector.register(conn, selectors.EVENT_READ)
                        accepted += 1
                        open_connections += 1
                        continue
                    conn = key.fileobj
                    data = conn.recv(loopback.CHUNK)
                    if data:
                        conn.sendall(data)
                        echoed += len(data)
                    else:
                        selector.unregister(conn)
                        conn.close()
                        open_connections -= 1
        finally:
            for key in list(selector.get_map().values()):
                if key.fileobj is not listener:
                    key.fileobj.close()
    return {"echoed": echoed, "polls": wakeups}


def serve_asyncio(probe: Probe, listener: socket.socket, load: loopback.EchoLoad) -> dict:
    probe.state(State.WAITING_IO, "event loop", zh="事件循环")
    echoed = asyncio.run(loopback.serve_echo_asyncio(listener, load.clients, load.patience()))
    return {"echoed": echoed, "polls": 0}


SERVERS = {"blocking": serve_blocking, "polling": serve_polling, "selectors": serve_selectors, "asyncio": serve_asyncio}


def server_process(probe: Probe, ports, reports, load: loopback.EchoLoad) -> None:
    """Serve the load once per model, each on a fresh listening socket; report CPU and wall time."""
    for model in MODELS:
        probe.phase(model, zh=MODEL_ZH[model])
        with loopback.listening_socket() as listener:
            host, port = listener.getsockname()[:2]
            ports.put((model, host, port))
            cpu_started, wall_started = time.process_time(), time.perf_counter()
            served = SERVERS[model](probe, listener, load)
            cpu = time.process_time() - cpu_started
            wall = time.perf_counter() - wall_started
        served |= {"cpu": cpu, "wall": wall, "left_listening": port in loopback.listening_ports_of(os.getpid())}
        reports.put(served)
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    load = loopback.EchoLoad(params.clients, params.messages, params.size, params.think)
    ports, reports = ctx.Queue(), ctx.Queue()
    server = ctx.Process(target=server_process, args=(probe, ports, reports, load), name="server")
    server.start()
    results = {}
    try:
        for _ in MODELS:
            probe.state(State.WAITING_GET, "waiting for the server's port", zh="等待服务器的端口号")
            model, host, port = ports.get(timeout=60)
            probe.state(State.WAITING_IO, f"{model}: clients talking", zh=f"{MODEL_ZH[model]}：客户端通信中")
            clients = loopback.run_echo_clients(port, load)
            probe.state(
                State.WAITING_GET,
                f"{model}: waiting for the server's report",
                zh=f"{MODEL_ZH[model]}：等待服务器的报告",
            )
            served = reports.get(timeout=load.patience())
            results[model] = clients | served | {"host": host, "port": port}
            probe.log(
                f"{model}: {clients['correct']}/{clients['sent']} echoes in {clients['wall']:.2f} s",
                zh=f"{MODEL_ZH[model]}：{clients['wall']:.2f} 秒内回显 {clients['correct']}/{clients['sent']} 个",
            )
    finally:
        server.join(timeout=load.patience())
    for report in results.values():
        report["left_listening"] = bool(report["left_listening"]) or loopback.accepts_connections(report["port"])
    probe.state(State.FINISHED)
    return {"models": results, "server_exitcode": server.exitcode}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    models = outcome.result["models"]
    figures: dict[str, float] = {}
    parts_en, parts_zh = [], []
    for model in MODELS:
        r = models[model]
        rate = ratio(r["sent"], r["wall"])
        cpu_share = ratio(r["cpu"], r["wall"])  # 1.0 = one core busy the whole time
        figures |= {
            f"{model}_correct": r["correct"],
            f"{model}_requests_per_s": round(rate, 1),
            f"{model}_server_cpu_s": round(r["cpu"], 3),
            f"{model}_server_cpu_percent": round(cpu_share * 100, 1),
        }
        parts_en.append(f"{model} {rate:.0f} req/s with the server at {cpu_share:.0%} CPU")
        parts_zh.append(f"{MODEL_ZH[model]}：每秒 {rate:.0f} 个请求，服务器 CPU 占用 {cpu_share:.0%}")
    polls = models["polling"]["polls"]
    figures["polling_empty_polls"] = polls
    figures["selectors_wakeups"] = models["selectors"]["polls"]
    all_right = all(models[m]["correct"] == models[m]["sent"] and not models[m]["failures"] for m in MODELS)
    left = sum(bool(models[m]["left_listening"]) for m in MODELS)
    figures |= {"messages_per_model": models["blocking"]["sent"], "all_served": int(all_right), "listening_left": left}
    background = outcome.background_cores()
    # The other models sleep while they wait; only the poller's CPU share and rate need a free core, so
    # the load during its phase is judged, not the run's mean (a burst there hides in the mean).
    polling_load = outcome.phase_background("polling")
    figures["background_cores"] = round(background, 2)
    figures["background_cores_polling"] = round(polling_load, 2)
    shared = Text(
        "the polling server, which needs a whole core, and its clients shared the cores with them: "
        "its CPU share and rate are lower than on a quiet machine",
        "需要一整个核心的轮询服务器和它的客户端要与它们分享核心：它的 CPU 占用和请求速率比机器空闲时低",
    )
    head_en = "Every model served every request." if all_right else "Some requests went unanswered or wrong."
    head_zh = "每种模型都答复了全部请求。" if all_right else "有请求没有得到正确答复。"
    en = (
        f"{head_en} " + "; ".join(parts_en) + f". Polling asked {polls:,} times and found nothing; "
        f"select() woke {figures['selectors_wakeups']:,} times, each time with work to do. "
        f"Listening sockets left: {left}."
    )
    zh = (
        head_zh + "；".join(parts_zh) + f"。轮询空问了 {polls:,} 次；"
        f"select() 只醒来 {figures['selectors_wakeups']:,} 次，每次都有事可做。残留的监听套接字：{left} 个。"
    )
    note = load_note(polling_load, outcome.cores(), shared, during=POLLING_PHASE)
    return Verdict(Text(en + note.en, zh + note.zh), figures)


_IO_CPU = tuple(f"{m}_server_cpu_percent" for m in ("blocking", "polling", "selectors", "asyncio"))


LESSON = Lesson(
    id="io-models",
    chapter=Chapter.COROUTINES,
    exercise="asyncio_gather.py",
    title=Text("IO models: blocking, polling, select, asyncio", "IO 模型：阻塞、轮询、多路复用、asyncio"),
    summary=Text(
        "One echo server process serves the same clients four times: blocking on one client at a time, "
        "polling non-blocking sockets in a tight loop, sleeping in select() until a socket is ready, and asyncio.",
        "一个回显服务器进程为同一批客户端服务四次：阻塞地一次服务一个客户端、在死循环里轮询非阻塞套接字、"
        "在 select() 中睡到有套接字就绪、以及 asyncio。",
    ),
    watch=Text(
        "Watch the cores view during the 'polling' phase: one core pegged at 100% while the server has almost "
        "nothing to do. Compare requests per second of 'blocking' with the three others.",
        "在 polling 阶段看 CPU 核心视图：服务器几乎无事可做，却有一个核心被占满 100%。"
        "再比较 blocking 与其他三种模型的每秒请求数。",
    ),
    explanation=Text(
        "A blocking call parks the thread until data arrives: no CPU is wasted, but a single thread can "
        "only wait for one thing, so the blocking server serves clients one after another. Non-blocking "
        "sockets return at once with 'nothing yet', which lets one thread juggle every client, but if it "
        "simply asks again and again it burns a whole core doing nothing. Multiplexing (select, poll, epoll, "
        "kqueue, wrapped by the selectors module) is the fix: one call sleeps until any of many sockets is "
        "ready and says which. asyncio is built on exactly that: its event loop sleeps in a selector, and "
        "each await marks where a coroutine waits for a socket.",
        "阻塞调用让线程停下直到数据到达：不浪费 CPU，但一个线程一次只能等一件事，所以阻塞服务器只能逐个服务"
        "客户端。非阻塞套接字会立刻返回“还没有数据”，一个线程就能同时照顾所有客户端；可如果只是一遍遍地问，"
        "就会白白烧掉一整个核心。多路复用（select、poll、epoll、kqueue，由 selectors 模块封装）解决了这个问题："
        "一次调用睡眠到任意一个套接字就绪，并告诉你是哪个。asyncio 正是建立在它之上：事件循环睡在选择器里，"
        "每个 await 标出协程在哪里等待套接字。",
    ),
    params=(
        int_param("clients", 8, 1, 64, Text("Clients", "客户端数"), "clients"),
        int_param("messages", 20, 1, 200, Text("Messages per client", "每个客户端的消息数"), "messages"),
        int_param("size", 64, 1, 4096, Text("Message size", "消息大小"), "bytes"),
        float_param("think", 0.01, 0.0, 0.1, Text("Pause between messages", "消息间隔"), "s"),
    ),
    plan=lambda p: Plan(processes=2, threads=p.clients),
    main=main,
    verdict=verdict,
    quick={"clients": 4, "messages": 5},
    concepts=("blocking", "non-blocking", "select", "selectors", "epoll", "asyncio", "阻塞", "非阻塞", "多路复用"),
    prediction=prediction.choice(
        _IO_CPU[0],
        "While the server waits for its clients, which IO model will burn the most CPU?",
        "服务器等待客户端时，哪种 IO 模型最耗 CPU？",
        ("Blocking sockets", "阻塞套接字", prediction.largest(_IO_CPU, _IO_CPU[0])),
        ("Non-blocking polling", "非阻塞轮询", prediction.largest(_IO_CPU, _IO_CPU[1])),
        ("selectors", "selectors", prediction.largest(_IO_CPU, _IO_CPU[2])),
        ("asyncio", "asyncio", prediction.largest(_IO_CPU, _IO_CPU[3])),
        also=_IO_CPU[1:],
    ),
    comparison=comparison.vary(
        "think",
        0.0,
        0.05,
        "Clients pause {} s",
        "客户端停顿 {} 秒",
        ("polling_server_cpu_percent", "polling_empty_polls", "selectors_requests_per_s"),
        simultaneous=False,
    ),
    figures=(
        "blocking_correct",
        "blocking_requests_per_s",
        "blocking_server_cpu_s",
        "blocking_server_cpu_percent",
        "polling_correct",
        "polling_requests_per_s",
        "polling_server_cpu_s",
        "polling_server_cpu_percent",
        "selectors_correct",
        "selectors_requests_per_s",
        "selectors_server_cpu_s",
        "selectors_server_cpu_percent",
        "asyncio_correct",
        "asyncio_requests_per_s",
        "asyncio_server_cpu_s",
        "asyncio_server_cpu_percent",
        "polling_empty_polls",
        "selectors_wakeups",
        "messages_per_model",
        "all_served",
        "listening_left",
        "background_cores",
        "background_cores_polling",
    ),
)
