"""threading.local(): one variable name, a separate value in every thread.

A web server often handles each request in its own thread and wants "the
current user" available deep inside the code without passing it through every
call. A plain global would be shared by all threads, so each request would see
whoever wrote last. A ``threading.local()`` object looks like one global but
keeps a separate set of attributes per thread.

Every thread below binds its user on both a thread-local object and a plain
shared object, waits until all threads have done so, then reads both back
several times from a helper function that receives no arguments.
"""

from __future__ import annotations

import threading
import time
import types

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

# One object, but each thread sees its own attributes on it.
request = threading.local()
# One object, and every thread sees the same attributes: the contrast.
shared = types.SimpleNamespace()


def current_user_local() -> str:
    """Deep inside the code: who is this request for? No argument needed."""
    return request.user


def current_user_shared() -> str:
    return shared.user


def handle_request(probe: Probe, user: str, params: Params, everyone_bound, report: list) -> None:
    """One request thread: bind the user, then keep asking who the current user is."""
    # The main thread set request.user before starting us; we must not see it.
    inherited = getattr(request, "user", None)
    request.user = user
    shared.user = user
    probe.state(
        State.WAITING_BARRIER, "waiting until every thread has bound its user", zh="等到每个线程都绑定了自己的用户"
    )
    everyone_bound.wait()  # from here on, shared.user holds whoever wrote last
    local_reads, shared_reads = [], []
    for _ in range(params.reads):
        probe.state(State.SLEEPING, "handling the request", zh="处理请求")
        time.sleep(params.pause)
        probe.state(State.RUNNING, "reading the current user", zh="读取当前用户")
        local_reads.append(current_user_local())
        shared_reads.append(current_user_shared())
    report.append({"user": user, "inherited": inherited, "local": local_reads, "shared": shared_reads})
    probe.log(
        f"{user}: thread-local saw {sorted(set(local_reads))}, shared saw {sorted(set(shared_reads))}",
        zh=f"{user}：threading.local 读到 {sorted(set(local_reads))}，共享变量读到 {sorted(set(shared_reads))}",
    )
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    request.user = "main"  # the main thread's own value: other threads never see it
    everyone_bound = threading.Barrier(params.threads)
    report: list[dict] = []
    threads = [
        threading.Thread(
            target=handle_request,
            args=(probe, f"user-{i + 1}", params, everyone_bound, report),
            name=f"request-{i + 1}",
        )
        for i in range(params.threads)
    ]
    try:
        for thread in threads:
            thread.start()
    except RuntimeError:  # "can't start new thread": release the ones waiting at the barrier
        everyone_bound.abort()
        raise
    probe.state(State.WAITING_JOIN, "joining the request threads", zh="等待请求线程结束")
    for thread in threads:
        thread.join()
    probe.state(State.FINISHED)
    return {"report": report, "main_after": request.user}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    report = outcome.result["report"]
    reads = sum(len(entry["local"]) for entry in report)
    own_only = sum(1 for entry in report if set(entry["local"]) == {entry["user"]})
    local_foreign = sum(1 for entry in report for seen in entry["local"] if seen != entry["user"])
    shared_foreign = sum(1 for entry in report for seen in entry["shared"] if seen != entry["user"])
    inherited = sum(1 for entry in report if entry["inherited"] is not None)
    main_kept = outcome.result["main_after"] == "main"
    n = len(report)
    if own_only == n and local_foreign == 0:
        who = f"each of the {n} threads" if n > 1 else "the only thread"
        local_en = f"With threading.local {who} saw only its own user in all {reads} reads"
        local_zh = f"使用 threading.local：{n} 个线程在全部 {reads} 次读取中都只看到自己的用户"
    else:
        local_en = f"With threading.local {local_foreign} of {reads} reads saw another thread's user"
        local_zh = f"使用 threading.local：{reads} 次读取中有 {local_foreign} 次看到了别的线程的用户"
    start_en = (
        "none started with the main thread's value"
        if inherited == 0
        else f"{inherited} started with a value they never set"
    )
    start_zh = (
        "没有一个线程一开始就看到主线程的值" if inherited == 0 else f"{inherited} 个线程一开始就看到了不是自己设置的值"
    )
    en = (
        f"{local_en}; {start_en}, and the main thread still reads "
        f"{'its own value' if main_kept else 'something else'}. "
        f"The plain shared object gave another thread's user in {shared_foreign} of {reads} reads."
    )
    zh = (
        f"{local_zh}；{start_zh}，主线程读到的{'仍是自己的值' if main_kept else '已不是自己的值'}。"
        f"普通共享对象在 {reads} 次读取中有 {shared_foreign} 次给出了别的线程的用户。"
    )
    figures = {
        "threads": n,
        "reads": reads,
        "threads_seeing_only_own": own_only,
        "local_foreign_reads": local_foreign,
        "shared_foreign_reads": shared_foreign,
        "inherited_values": inherited,
        "main_value_kept": int(main_kept),
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="thread-local",
    chapter=Chapter.THREADS,
    exercise="threads_lock.py",
    title=Text("threading.local: a value per thread", "threading.local：每个线程一份值"),
    summary=Text(
        "Request threads store their current user on a threading.local() object and on a plain shared "
        "object, then read both back from a helper that takes no arguments.",
        "每个请求线程把当前用户同时存到 threading.local() 对象和一个普通共享对象上，"
        "再通过一个不带参数的辅助函数把两者读回来。",
    ),
    watch=Text(
        "In the log, every thread's thread-local reads name only that thread's user, while the shared "
        "object names whichever thread wrote last.",
        "在日志中，每个线程从 thread-local 读到的只有自己的用户；而共享对象读到的是最后写入的那个线程的用户。",
    ),
    explanation=Text(
        "Attributes of a threading.local() instance are stored per thread: the same expression "
        "`request.user` reads a different value in each thread, and a thread starts with none of the "
        "values other threads (including the main thread) have set. This is how per-request context, "
        "database connections or random generators are kept without passing them through every call and "
        "without locks, since nothing is actually shared. It only separates threads: processes never "
        "shared globals in the first place, and asyncio tasks in one thread need contextvars instead.",
        "threading.local() 实例上的属性是按线程分别存放的：同一个表达式 `request.user` 在不同线程里读到不同的值，"
        "新线程看不到其他线程（包括主线程）设置过的任何值。"
        "这样就可以保存每个请求的上下文、数据库连接或随机数生成器，既不用在每次调用时层层传参，也不需要加锁，"
        "因为实际上没有任何东西被共享。它只隔离线程：进程之间本来就不共享全局变量，"
        "而同一线程里的 asyncio 任务需要用 contextvars。",
    ),
    params=(
        int_param("threads", 8, 1, 1000, Text("Request threads", "请求线程数"), "threads"),
        int_param("reads", 3, 1, 100, Text("Reads per thread", "每个线程的读取次数"), "reads"),
        float_param("pause", 0.02, 0.0, 1.0, Text("Work between reads", "两次读取之间的处理时间"), "s"),
    ),
    main=main,
    verdict=verdict,
    quick={"threads": 6, "reads": 2, "pause": 0.01},
    concepts=("threading.local", "thread-local storage", "contextvars", "线程局部变量", "全局变量"),
    prediction=prediction.yes_no(
        "shared_foreign_reads",
        "Through a plain global shared by all threads, will a thread ever read another thread's user?",
        "通过所有线程共享的普通全局变量，线程会读到别的线程的用户吗？",
        ("Yes, sometimes", "会，有时会"),
        ("No, never", "不会"),
    ),
    comparison=comparison.vary(
        "threads", 2, 16, "{} threads", "{} 个线程", ("shared_foreign_reads", "local_foreign_reads")
    ),
    figures=(
        "threads",
        "reads",
        "threads_seeing_only_own",
        "local_foreign_reads",
        "shared_foreign_reads",
        "inherited_values",
        "main_value_kept",
    ),
)
