"""One echo server, four ways to serve many clients: a process each, a pool, a thread each, asyncio.

K clients (threads in one separate client process) each connect to a loopback
echo server, send M small messages one at a time, and check every echo. The
server is built four times:

* processes: a new process for every accepted connection (the classic forking server);
* pool: a fixed pool of pre-started processes that all accept from the same listening socket;
* threads: a new thread for every connection;
* asyncio: one thread, one event loop, a coroutine per connection.

Each model is measured the same way: requests per second seen by the
clients, and how many processes and threads the server had to create.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import socket
import threading

from desktop.lessons import loopback
from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, load_note, ratio
from desktop.runtime.probe import Probe, State, current_probe

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

MODELS = ("processes", "pool", "threads", "asyncio")
MODEL_ZH = {"processes": "每个连接一个进程", "pool": "进程池", "threads": "每个连接一个线程", "asyncio": "asyncio 协程"}
# The phases that start processes, which needs the CPU: the load during the busier one is judged.
SPAWNING_PHASES = {
    "processes": Text("the processes phase", "“每个连接一个进程”阶段"),
    "pool": Text("the pool phase", "进程池阶段"),
}


# --------------------------------------------------------------- the clients
def client_process(probe: Probe, jobs, reports, load: loopback.EchoLoad) -> None:
    """Runs the clients for each model in turn: a job is a port to hit, None means done."""
    while (port := jobs.get(timeout=load.patience())) is not None:
        probe.state(
            State.WAITING_IO,
            f"{load.clients} clients talking to port {port}",
            zh=f"{load.clients} 个客户端正与端口 {port} 通信",
        )
        reports.put(loopback.run_echo_clients(port, load))
        probe.state(State.WAITING_GET, "waiting for the next server", zh="等待下一个服务器")
    probe.state(State.FINISHED)


# --------------------------------------------------------------- blocking echo, shared by three models
def echo(probe: Probe, conn: socket.socket) -> None:
    """Serve one connection until the client hangs up."""
    with conn:
        loopback.serve_echo_blocking(
            conn,
            on_wait=lambda: probe.state(State.WAITING_IO, "waiting for a message", zh="等待消息"),
            on_echo=lambda: probe.count("echoed"),
        )
    probe.state(State.FINISHED)


def handle_in_own_process(probe: Probe, conn: socket.socket) -> None:
    """Target of the process-per-client model: the connected socket came with the process's arguments."""
    echo(probe, conn)


_shared_listener: socket.socket | None = None


def init_pool_server(probe: Probe, listener: socket.socket) -> None:
    """Pool initializer: every pool process gets its own handle on the one listening socket."""
    global _shared_listener
    probe.attach()
    # The timeout is a property of the Python object, not of the socket: set it again here.
    listener.settimeout(loopback.SOCKET_TIMEOUT)
    _shared_listener = listener


def serve_next_client(_job: int) -> int:
    """Pool task: accept whichever client is next in line (the OS picks a process), serve it."""
    probe = current_probe()
    probe.state(State.WAITING_IO, "accept()")
    conn, _ = _shared_listener.accept()
    echo(probe, conn)
    probe.state(State.WAITING_GET, "waiting for a task", zh="等待任务")
    return os.getpid()


# --------------------------------------------------------------- the four servers
def serve_with_processes(probe: Probe, listener: socket.socket, clients: int) -> None:
    handlers = []
    for number in range(clients):
        conn, _ = listener.accept()
        with conn:  # the child gets its own copy at start; ours is closed right after
            handler = ctx.Process(target=handle_in_own_process, args=(probe, conn), name=f"handler-{number + 1}")
            handler.start()
        handlers.append(handler)
    for handler in handlers:
        handler.join()


def serve_with_pool(probe: Probe, listener: socket.socket, clients: int, workers: int) -> None:
    with ctx.Pool(workers, initializer=init_pool_server, initargs=(probe, listener)) as pool:
        pool.map(serve_next_client, range(clients), chunksize=1)
        pool.close()
        pool.join()


def serve_with_threads(probe: Probe, listener: socket.socket, clients: int) -> None:
    threads = []
    for number in range(clients):
        conn, _ = listener.accept()
        thread = threading.Thread(target=echo, args=(probe, conn), name=f"echo-{number + 1}")
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()


# --------------------------------------------------------------- the lesson
def main(params: Params, probe: Probe) -> dict:
    jobs, reports = ctx.Queue(), ctx.Queue()
    load = loopback.EchoLoad(params.clients, params.messages, params.size, params.think)
    clients = ctx.Process(target=client_process, args=(probe, jobs, reports, load), name="clients")
    clients.start()
    results, ports, hosts = {}, [], []
    patience = load.patience()
    try:
        for model in MODELS:
            probe.phase(model, zh=MODEL_ZH[model])
            with loopback.listening_socket() as listener:
                host, port = listener.getsockname()[:2]
                ports.append(port)
                hosts.append(host)
                jobs.put(port)
                probe.state(State.WAITING_IO, f"{model}: serving", zh=f"{MODEL_ZH[model]}：服务中")
                if model == "processes":
                    serve_with_processes(probe, listener, params.clients)
                elif model == "pool":
                    serve_with_pool(probe, listener, params.clients, params.pool_workers)
                elif model == "threads":
                    serve_with_threads(probe, listener, params.clients)
                else:
                    echoed = lambda: probe.count("echoed")  # noqa: E731 - a one-line callback
                    asyncio.run(loopback.serve_echo_asyncio(listener, params.clients, patience, on_echo=echoed))
                report = reports.get(timeout=patience)
            results[model] = report
            probe.log(
                f"{model}: {report['correct']}/{report['sent']} echoes right in {report['wall']:.2f} s",
                zh=f"{MODEL_ZH[model]}：{report['wall']:.2f} 秒内 {report['sent']} 个回显中 {report['correct']} 个正确",
            )
    finally:
        jobs.put(None)
        clients.join(timeout=30)
    probe.phase("done", zh="完成")
    listening = set(loopback.listening_ports_of(os.getpid()))
    left = sum(port in listening or loopback.accepts_connections(port) for port in ports)
    probe.state(State.FINISHED)
    return {"models": results, "hosts": hosts, "ports": ports, "listening_left": left}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    models = outcome.result["models"]
    figures: dict[str, float] = {}
    parts_en, parts_zh = [], []
    for model in MODELS:
        report = models[model]
        start, end = outcome.phase_window(model)
        during = [e for e in outcome.events if start <= e.t <= end and not e.worker.startswith("clients")]
        processes = sum(1 for e in during if e.kind == "hello")
        # Threads that served a client report as "main/echo-N"; the probe's own flusher does not count.
        threads = len({e.worker for e in during if e.worker.startswith("main/echo-")})
        rate = ratio(report["sent"], report["wall"])
        figures |= {
            f"{model}_correct": report["correct"],
            f"{model}_requests_per_s": round(rate, 1),
            f"{model}_processes_created": processes,
            f"{model}_handler_threads": threads,
        }
        parts_en.append(f"{model}: {rate:.0f} req/s, {processes} new process(es), {threads} handler thread(s)")
        parts_zh.append(f"{MODEL_ZH[model]}：每秒 {rate:.0f} 个请求，新建 {processes} 个进程、{threads} 个处理线程")
    sent = models[MODELS[0]]["sent"]
    all_right = all(models[m]["correct"] == models[m]["sent"] and not models[m]["failures"] for m in MODELS)
    fastest = max(MODELS, key=lambda m: figures[f"{m}_requests_per_s"])
    left = outcome.result["listening_left"]
    background = outcome.background_cores()
    # Starting a process per client, or the pool's, needs the CPU and is timed by the clients: load in either
    # phase lowers that model's rate (the threads and asyncio servers mostly wait), so the busier one is named.
    loads = {phase: outcome.phase_background(phase) for phase in SPAWNING_PHASES}
    busiest = max(SPAWNING_PHASES, key=lambda phase: loads[phase])
    figures |= {"messages_per_model": sent, "all_echoed": int(all_right), "listening_left": left}
    figures["background_cores"] = round(background, 2)
    figures |= {f"background_cores_{phase}": round(load, 2) for phase, load in loads.items()}
    head_en = (
        f"{params.clients} clients × {params.messages} messages, every echo correct in every model."
        if all_right
        else "Some echoes were missing or wrong (see the figures)."
    )
    head_zh = (
        f"{params.clients} 个客户端 × {params.messages} 条消息，每种模型的回显全部正确。"
        if all_right
        else "有回显丢失或错误（见各项数据）。"
    )
    en = f"{head_en} " + "; ".join(parts_en) + f". Fastest: {fastest}. Listening sockets left: {left}."
    zh = f"{head_zh}" + "；".join(parts_zh) + f"。最快：{MODEL_ZH[fastest]}。残留的监听套接字：{left} 个。"
    load = load_note(
        loads[busiest],
        outcome.cores(),
        Text(
            "starting that phase's server processes, which needs the CPU, had to share the cores with them: "
            "its rate is lower than on a quiet machine",
            "该阶段启动服务器进程需要 CPU，只能与它们分享核心：它的请求速率比机器空闲时低",
        ),
        during=SPAWNING_PHASES[busiest],
    )
    en, zh = en + load.en, zh + load.zh
    return Verdict(Text(en, zh), figures)


_SOCKET_RATES = tuple(f"{m}_requests_per_s" for m in ("processes", "pool", "threads", "asyncio"))


LESSON = Lesson(
    id="socket-server",
    chapter=Chapter.POOLS,
    exercise="echo_server_pool.py",
    title=Text("An echo server four ways", "回显服务器的四种写法"),
    summary=Text(
        "K clients each send M messages to a loopback echo server built four times: a process per client, "
        "a pool of pre-started processes, a thread per client, and asyncio. Same clients, same checks.",
        "K 个客户端各向本机回显服务器发送 M 条消息。服务器有四种写法：每个客户端一个进程、预先启动的进程池、"
        "每个客户端一个线程、asyncio。客户端和检查方式完全相同。",
    ),
    watch=Text(
        "Watch the timeline: in the 'processes' phase a handler process appears per client; in 'pool' only "
        "a few processes take turns; 'threads' adds rows inside the main process; 'asyncio' adds none.",
        "看时间线：processes 阶段每个客户端出现一个处理进程；pool 阶段只有几个进程轮流服务；"
        "threads 阶段在主进程内增加线程行；asyncio 阶段什么也不增加。",
    ),
    explanation=Text(
        "A server spends its life waiting for clients. A process per client is simple and isolates clients "
        "from each other, but starting a process with spawn costs tens of milliseconds and megabytes each. "
        "A pool pays that price once, but serves only as many clients at a time as it has processes: the rest "
        "wait in the listen backlog. A thread per client is cheap to start and, since the threads mostly wait on "
        "sockets, the GIL hardly matters. asyncio serves every client from one thread: each connection is a "
        "coroutine that gives the loop back at every await, so thousands of idle clients cost almost nothing. "
        "A connected socket can travel to a spawned process as an argument; the listening socket of the pool "
        "travels through the initializer, and every process then accepts from it.",
        "服务器大部分时间都在等客户端。每个客户端一个进程最简单，客户端之间互相隔离，但用 spawn 启动一个进程要"
        "几十毫秒和几兆内存。进程池只付一次启动代价，但同一时刻能服务的客户端数等于进程数，其余客户端在监听队列里"
        "排队。每个客户端一个线程启动便宜，而且线程大多在等套接字，GIL 几乎没有影响。asyncio 用一个线程服务所有"
        "客户端：每个连接是一个协程，每次 await 都把控制权交还事件循环，所以成千上万个空闲客户端几乎不花钱。"
        "已连接的套接字可以作为参数传给 spawn 出的进程；进程池的监听套接字通过 initializer 传入，"
        "每个进程都从它 accept。",
    ),
    params=(
        int_param("clients", 8, 1, 64, Text("Clients", "客户端数"), "clients"),
        int_param("messages", 20, 1, 200, Text("Messages per client", "每个客户端的消息数"), "messages"),
        int_param("size", 64, 1, 4096, Text("Message size", "消息大小"), "bytes"),
        float_param("think", 0.01, 0.0, 0.1, Text("Pause between messages", "消息间隔"), "s"),
        int_param("pool_workers", 2, 1, 16, Text("Pool processes", "进程池大小"), "processes"),
    ),
    plan=lambda p: Plan(processes=1 + max(p.clients, p.pool_workers), threads=2 * p.clients),
    main=main,
    verdict=verdict,
    quick={"clients": 2, "messages": 3, "pool_workers": 1},
    concepts=("socket", "echo server", "forking server", "Pool", "threading", "asyncio", "套接字", "回显服务器"),
    prediction=prediction.choice(
        _SOCKET_RATES[0],
        "Which server model will answer the most requests per second?",
        "哪种服务器模型每秒答复的请求最多？",
        ("A process per client", "每个客户端一个进程", prediction.largest(_SOCKET_RATES, _SOCKET_RATES[0])),
        ("A process pool", "进程池", prediction.largest(_SOCKET_RATES, _SOCKET_RATES[1])),
        ("A thread per client", "每个客户端一个线程", prediction.largest(_SOCKET_RATES, _SOCKET_RATES[2])),
        ("asyncio", "asyncio", prediction.largest(_SOCKET_RATES, _SOCKET_RATES[3])),
        also=_SOCKET_RATES[1:],
    ),
    comparison=comparison.vary(
        "clients",
        2,
        16,
        "{} clients",
        "{} 个客户端",
        ("threads_requests_per_s", "asyncio_requests_per_s", "processes_requests_per_s"),
        simultaneous=False,
    ),
    figures=(
        "processes_correct",
        "processes_requests_per_s",
        "processes_processes_created",
        "processes_handler_threads",
        "pool_correct",
        "pool_requests_per_s",
        "pool_processes_created",
        "pool_handler_threads",
        "threads_correct",
        "threads_requests_per_s",
        "threads_processes_created",
        "threads_handler_threads",
        "asyncio_correct",
        "asyncio_requests_per_s",
        "asyncio_processes_created",
        "asyncio_handler_threads",
        "messages_per_model",
        "all_echoed",
        "listening_left",
        "background_cores",
        "background_cores_processes",
        "background_cores_pool",
    ),
)
