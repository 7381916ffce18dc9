"""Manager proxies: list, dict, Namespace and Queue living in a server process.

``ctx.Manager()`` starts a server process that holds ordinary Python objects.
``manager.list()``, ``manager.dict()``, ``manager.Namespace()`` and
``manager.Queue()`` create an object there and hand back a *proxy*: calling a
method on the proxy sends the call to the server and waits for the answer.
Proxies can be passed to other processes, which then all work on the same
object.

Workers each add their numbers to a shared list, dict, Namespace total and
Queue; main checks that everything arrived exactly once. Two costs are then
measured: one proxy call per operation (a round trip to the server) against a
shared-memory ``ctx.Value``, and the classic trap of mutating an object *inside*
a proxy (``ns.tags.append(...)`` changes a local copy, not the server's).
"""

from __future__ import annotations

import multiprocessing
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


def worker(probe: Probe, numbers: range, shared: dict, lock) -> None:
    """Put each number into every shared structure; ``shared`` holds the proxies."""
    probe.state(State.RUNNING, "calling the manager through proxies", zh="通过代理调用管理器")
    for number in numbers:
        shared["arrivals"].append(number)
        shared["squares"][number] = number * number
        with lock:  # ns.total += n is a read and a write: two round trips another worker could split
            shared["totals"].total += number
        shared["inbox"].put(number)
        probe.put("inbox")
    probe.state(State.FINISHED)


def ops_per_second(operation, count: int) -> float:
    began = time.perf_counter()
    for index in range(count):
        operation(index)
    return ratio(count, time.perf_counter() - began)


def measure_costs(manager, count: int) -> dict:
    """Same write, two ways: through a dict proxy (a round trip each) and into a shared-memory Value."""
    proxy = manager.dict()
    value = ctx.Value("i", 0)

    def write_proxy(i: int) -> None:
        proxy["x"] = i

    def write_value(i: int) -> None:
        value.value = i

    return {"proxy_ops": ops_per_second(write_proxy, count), "value_ops": ops_per_second(write_value, count)}


def nested_mutation_is_lost(manager) -> int:
    """Append to a list stored in a Namespace: the append changes a copy. Returns the server's length."""
    ns = manager.Namespace()
    ns.tags = []
    ns.tags.append("lost")  # ns.tags returned a copy; the copy got the item
    return len(ns.tags)


def main(params: Params, probe: Probe) -> dict:
    total_numbers = params.workers * params.per_worker
    with ctx.Manager() as manager:
        server = multiprocessing.active_children()[0]  # the manager's server process, started just now
        probe.log(
            f"manager server process: {server.name}, pid {server.pid}",
            zh=f"管理器服务器进程：{server.name}，pid {server.pid}",
        )
        totals = manager.Namespace()
        totals.total = 0
        shared = {
            "arrivals": manager.list(),
            "squares": manager.dict(),
            "totals": totals,
            "inbox": manager.Queue(),
        }
        lock = manager.Lock()
        workers = [
            ctx.Process(
                target=worker,
                args=(probe, range(i * params.per_worker, (i + 1) * params.per_worker), shared, lock),
                name=f"worker-{i + 1}",
            )
            for i in range(params.workers)
        ]
        began = time.perf_counter()
        for process in workers:
            process.start()
        probe.state(State.WAITING_GET, "get() from the manager's Queue", zh="从管理器的 Queue 中 get()")
        received = []
        for _ in range(total_numbers):
            received.append(shared["inbox"].get())
            probe.got("inbox")
        for process in workers:
            process.join()
        wall = time.perf_counter() - began
        probe.state(State.RUNNING, "checking the contents, then timing proxy calls", zh="检查内容，再为代理调用计时")
        expected = list(range(total_numbers))
        squares = shared["squares"].copy()  # one round trip for the whole dict
        checks = {
            "list": sorted(shared["arrivals"]) == expected,
            "dict": squares == {n: n * n for n in expected},
            "namespace": totals.total == sum(expected),
            "queue": sorted(received) == expected,
        }
        costs = measure_costs(manager, params.bench_ops)
        nested_length = nested_mutation_is_lost(manager)
    probe.state(State.FINISHED)
    return {
        "checks": checks,
        "wall": wall,
        "server_pid": server.pid,
        "server_alive_after_shutdown": server.is_alive(),
        "nested_length": nested_length,
        **costs,
    }


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    checks = result["checks"]
    total = params.workers * params.per_worker
    wrong = [name for name, ok in checks.items() if not ok]
    slowdown = ratio(result["value_ops"], result["proxy_ops"])
    if slowdown >= 1:
        slower_en, slower_zh = f"{slowdown:.0f}× slower", f"，慢 {slowdown:.0f} 倍"
    else:
        slower_en = "yet this time the proxy was not the slower one"
        slower_zh = "，可这一次代理并不是更慢的那个"
    if not wrong:
        en = f"All {total} numbers from {params.workers} workers arrived exactly once in list, dict, Namespace, Queue."
        zh = f"{params.workers} 个工作进程的全部 {total} 个数字都恰好一次地出现在 list、dict、Namespace 和 Queue 中。"
    else:
        en = f"Wrong contents in: {', '.join(wrong)}."
        zh = f"内容不正确：{', '.join(wrong)}。"
    en += (
        f" A dict proxy managed {result['proxy_ops']:,.0f} writes/s, a shared Value {result['value_ops']:,.0f}/s: "
        f"each proxy call is a round trip to server pid {result['server_pid']} ({slower_en}). "
        f"After ns.tags.append(...) the server's list has {result['nested_length']} items."
    )
    zh += (
        f"dict 代理每秒写入 {result['proxy_ops']:,.0f} 次，共享 Value 每秒 {result['value_ops']:,.0f} 次："
        f"每次代理调用都要往返服务器进程（pid {result['server_pid']}）{slower_zh}。"
        f"执行 ns.tags.append(...) 之后，服务器上的列表有 {result['nested_length']} 个元素。"
    )
    if result["server_alive_after_shutdown"]:
        en += " The manager's server process was still alive after the with-block: something is wrong."
        zh += "离开 `with` 块之后，管理器的服务器进程仍然存活：出问题了。"
    figures = {
        "numbers": total,
        "contents_correct": int(not wrong),
        "list_ok": int(checks["list"]),
        "dict_ok": int(checks["dict"]),
        "namespace_ok": int(checks["namespace"]),
        "queue_ok": int(checks["queue"]),
        "proxy_ops_per_s": round(result["proxy_ops"]),
        "value_ops_per_s": round(result["value_ops"]),
        "value_vs_proxy": round(slowdown, 1),
        "nested_append_kept": result["nested_length"],
        "server_alive_after_shutdown": int(result["server_alive_after_shutdown"]),
        "wall_s": round(result["wall"], 3),
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="manager-types",
    chapter=Chapter.MESSAGE_PASSING,
    exercise="manager_dict.py",
    title=Text("Manager proxies: list, dict, Namespace, Queue", "Manager 代理：list、dict、Namespace、Queue"),
    summary=Text(
        "Workers fill a shared list, dict, Namespace and Queue that live in a Manager's server process. "
        "Everything arrives, but every operation is a round trip to that server.",
        "工作进程向共享的 list、dict、Namespace 和 Queue 写入数据，这些对象都住在 Manager 的服务器进程里。"
        "数据都能送达，但每个操作都要往返服务器一次。",
    ),
    watch=Text(
        "The inbox depth rises and falls as workers put and main gets. In the verdict, compare proxy writes "
        "per second with Value writes per second.",
        "随着工作进程 put、main get，收件箱的深度起伏变化。在结论中比较代理与 Value 每秒的写入次数。",
    ),
    explanation=Text(
        "A manager is a server process holding real objects; proxies forward each method call to it over a "
        "connection. That makes rich types (lists, dicts, namespaces, queues, locks) shareable, even across "
        "machines, at the price of one round trip per call, much slower than a Value in shared memory. "
        "Only calls on the proxy reach the server: ns.items.append(x) appends to a copy, so write back "
        "(items = ns.items; items.append(x); ns.items = items) or use a nested proxy.",
        "Manager 是一个持有真实对象的服务器进程；代理把每次方法调用通过连接转发给它。"
        "这样丰富的类型（列表、字典、命名空间、队列、锁）都能共享，甚至可以跨机器，代价是每次调用一次往返，"
        "比共享内存中的 Value 慢得多。只有对代理本身的调用才会到达服务器：ns.items.append(x) 追加到的是副本，"
        "要么写回（items = ns.items; items.append(x); ns.items = items），要么使用嵌套代理。",
    ),
    plan=lambda p: Plan(processes=p.workers + 1, threads=0, silent=1),  # + 1: the Manager's server, silent
    params=(
        int_param("workers", 4, 1, 64, Text("Worker processes", "工作进程数"), "processes"),
        int_param("per_worker", 25, 1, 1000, Text("Numbers per worker", "每个进程的数字个数")),
        int_param("bench_ops", 2000, 100, 100_000, Text("Writes timed per kind", "每种方式计时的写入次数")),
    ),
    main=main,
    verdict=verdict,
    quick={"workers": 3, "per_worker": 10, "bench_ops": 500},
    views=("depth",),
    concepts=("Manager", "proxy", "list", "dict", "Namespace", "Queue", "server process", "代理", "服务器进程"),
    prediction=prediction.number(
        "nested_append_kept",
        "A list is stored in a managed Namespace and ns.tags.append(...) adds an item to it. "
        "How many items will the server's list have?",
        "一个列表存放在托管的 Namespace 中，再用 ns.tags.append(...) 向它添加一个元素。服务器上的列表有几个元素？",
        ("items", "个"),
    ),
    comparison=comparison.vary(
        "workers", 1, 8, "{} worker(s)", "{} 个工作进程", ("proxy_ops_per_s", "wall_s"), simultaneous=False
    ),
    figures=(
        "numbers",
        "contents_correct",
        "list_ok",
        "dict_ok",
        "namespace_ok",
        "queue_ok",
        "proxy_ops_per_s",
        "value_ops_per_s",
        "value_vs_proxy",
        "nested_append_kept",
        "server_alive_after_shutdown",
        "wall_s",
    ),
)
