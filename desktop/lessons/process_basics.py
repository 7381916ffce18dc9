"""Starting processes two ways, and what a Process object tells you about them.

There are two ways to say what a new process should do:

* pass a function: ``ctx.Process(target=nap, args=(...))``;
* subclass Process and override ``run()`` (``NappingProcess`` below).

Either way ``start()`` launches a brand-new interpreter (spawn), which then
calls ``run()``; the default ``run()`` just calls ``target(*args)``.

The parent then talks to each child only through its Process object:
``pid``, ``name``, ``daemon``, ``is_alive()``, ``join()``, ``terminate()`` and,
once it has ended, ``exitcode``. Every child also reports ``os.getpid()`` and
``os.getppid()`` from the inside, so the two views can be compared.

Children nap for different lengths of time, the first one started the longest,
so they finish in a different order than they started. One extra child naps
"forever" and is ended with ``terminate()``: its exit code is minus the signal
that ended it (``-SIGTERM``; Windows reports the same value).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
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

ctx = multiprocessing.get_context("spawn")

FOREVER = 120.0  # the terminated child's nap: far longer than anyone waits
REPORT_TIMEOUT = 30.0  # how long the parent waits for one child to say hello


def report_and_nap(probe: Probe, reports, seconds: float) -> None:
    """What every child does: tell the parent who it is, then nap and exit."""
    me = multiprocessing.current_process()
    probe.state(State.RUNNING, "reporting pid and parent pid", zh="报告 pid 和父进程 pid")
    reports.put((me.name, os.getpid(), os.getppid()))
    probe.put("reports")
    probe.log(
        f"{me.name}: pid {os.getpid()}, parent pid {os.getppid()}, daemon={me.daemon}",
        zh=f"{me.name}：pid {os.getpid()}，父进程 pid {os.getppid()}，daemon={me.daemon}",
    )
    probe.state(State.SLEEPING, f"napping {seconds:.2f} s", zh=f"小睡 {seconds:.2f} 秒")
    probe.flush()  # send the report now: one of us will be terminated while napping
    time.sleep(seconds)
    probe.state(State.FINISHED)


def nap(probe: Probe, reports, seconds: float) -> None:
    """Style 1: an ordinary function, given to Process as ``target``."""
    report_and_nap(probe, reports, seconds)


class NappingProcess(ctx.Process):
    """Style 2: a Process subclass that overrides ``run()``.

    The whole object (with the attributes set in ``__init__``) is pickled and
    sent to the child, which then calls ``run()`` there.
    """

    def __init__(self, probe: Probe, reports, seconds: float, name: str):
        super().__init__(name=name)
        self.probe = probe
        self.reports = reports
        self.seconds = seconds

    def run(self) -> None:
        report_and_nap(self.probe, self.reports, self.seconds)


def main(params: Params, probe: Probe) -> dict:
    reports = ctx.Queue()
    count = params.children
    children: list = []
    for index in range(count):
        # The first child started naps the longest, so finishing reverses starting.
        seconds = params.nap * (count - index) / count
        if index % 2 == 0:
            child = ctx.Process(target=nap, args=(probe, reports, seconds), name=f"target-{index + 1}")
        else:
            child = NappingProcess(probe, reports, seconds, name=f"subclass-{index + 1}")
        children.append(child)
    sleeper = ctx.Process(target=nap, args=(probe, reports, FOREVER), name="terminated")
    everyone = [*children, sleeper]

    first = everyone[0]
    before_start = {"pid": first.pid, "is_alive": first.is_alive(), "exitcode": first.exitcode}
    probe.log(
        f"before start(): pid={first.pid}, is_alive()={first.is_alive()}, exitcode={first.exitcode}",
        zh=f"start() 之前：pid={first.pid}，is_alive()={first.is_alive()}，exitcode={first.exitcode}",
    )
    probe.state(State.RUNNING, "starting the children", zh="启动子进程")
    for child in everyone:
        child.start()
    start_order = [p.name for p in everyone]

    # Every child reports first thing; waiting for all reports also guarantees
    # the sleeper is up and napping before we terminate it.
    probe.state(State.WAITING_GET, "collecting the children's reports", zh="收集子进程的报告")
    seen: dict[str, tuple[int, int]] = {}
    while len(seen) < len(everyone):
        try:
            name, pid, ppid = reports.get(timeout=REPORT_TIMEOUT)
        except queue.Empty:
            break  # a child died before reporting; the verdict will say so
        probe.got("reports")
        seen[name] = (pid, ppid)

    # connection.wait() returns whichever children have ended: that is the finish order.
    probe.state(State.WAITING_JOIN, "waiting for the children to end", zh="等待子进程结束")
    finish_order = []
    running = {p.sentinel: p for p in children}
    while running:
        for sentinel in multiprocessing.connection.wait(list(running)):
            finish_order.append(running.pop(sentinel).name)
    for child in children:
        child.join()  # already ended: join() returns at once and sets exitcode

    alive_before_terminate = sleeper.is_alive()
    probe.state(State.RUNNING, "terminating the sleeper", zh="终止休眠的子进程")
    sleeper.terminate()
    sleeper.join()
    probe.log(
        f"terminate(): was alive={alive_before_terminate}, now exitcode={sleeper.exitcode}",
        zh=f"terminate()：之前存活={alive_before_terminate}，现在 exitcode={sleeper.exitcode}",
    )

    table = []
    for process in everyone:
        reported_pid, reported_ppid = seen.get(process.name, (None, None))
        row = {
            "name": process.name,
            "style": "subclass run()" if isinstance(process, NappingProcess) else "target=",
            "pid": process.pid,
            "reported_pid": reported_pid,
            "reported_ppid": reported_ppid,
            "exitcode": process.exitcode,
            "daemon": process.daemon,
        }
        table.append(row)
        probe.log(
            f"{row['name']}: pid {row['pid']}, ppid {row['reported_ppid']}, exitcode {row['exitcode']}",
            zh=f"{row['name']}：pid {row['pid']}，ppid {row['reported_ppid']}，退出码 {row['exitcode']}",
        )
    probe.state(State.FINISHED)
    return {
        "run_pid": os.getpid(),
        "table": table,
        "start_order": start_order[:-1],
        "finish_order": finish_order,
        "terminated": sleeper.name,
        "terminated_was_alive": alive_before_terminate,
        "before_start": before_start,
    }


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    run_pid = result["run_pid"]
    table = result["table"]
    terminated = next(row for row in table if row["name"] == result["terminated"])
    nappers = [row for row in table if row is not terminated]
    pid_matches = sum(row["reported_pid"] == row["pid"] for row in table)
    ppid_matches = sum(row["reported_ppid"] == run_pid for row in table)
    exited_zero = sum(row["exitcode"] == 0 for row in nappers)
    killed_code = terminated["exitcode"]
    order_differs = result["start_order"] != result["finish_order"]
    subclassed = sum(row["style"] == "subclass run()" for row in nappers)

    def short(names: list[str]) -> str:
        return " ".join(name.split("-")[-1] for name in names)

    before = result["before_start"]
    en = (
        f"Before start(): pid {before['pid']}, is_alive() {before['is_alive']}, exitcode {before['exitcode']}. "
        f"{len(table)} children of the run process (pid {run_pid}), {len(nappers) - subclassed} started with "
        f"target= and {subclassed} with a run() subclass: {ppid_matches}/{len(table)} reported os.getppid() = "
        f"{run_pid}, {pid_matches}/{len(table)} reported an os.getpid() equal to Process.pid. "
        f"{exited_zero}/{len(nappers)} nappers exited with 0; '{terminated['name']}' was terminate()d and "
        f"exited with {killed_code}"
    )
    zh = (
        f"start() 之前：pid {before['pid']}，is_alive() 为 {before['is_alive']}，exitcode 为 {before['exitcode']}。"
        f"运行进程（pid {run_pid}）共有 {len(table)} 个子进程，其中 {len(nappers) - subclassed} 个用 target= 创建，"
        f"{subclassed} 个用重写 run() 的子类创建：{ppid_matches}/{len(table)} 个报告的 os.getppid() 等于 {run_pid}，"
        f"{pid_matches}/{len(table)} 个报告的 os.getpid() 与 Process.pid 一致。"
        f"{exited_zero}/{len(nappers)} 个小睡的子进程以 0 退出；"
        f"'{terminated['name']}' 被 terminate()，退出码为 {killed_code}"
    )
    if killed_code == -signal.SIGTERM:
        en += " (= -SIGTERM)."
        zh += "（即 -SIGTERM）。"
    else:
        en += "."
        zh += "。"
    if order_differs:
        en += f" Started in order {short(result['start_order'])}, finished in order {short(result['finish_order'])}."
        zh += f"启动顺序 {short(result['start_order'])}，结束顺序 {short(result['finish_order'])}：两者不同。"
    else:
        en += f" This time they finished in the order they started ({short(result['finish_order'])})."
        zh += f"这一次结束顺序与启动顺序相同（{short(result['finish_order'])}）。"
    rows = "; ".join(f"{r['name']} pid {r['pid']} ppid {r['reported_ppid']} exit {r['exitcode']}" for r in table)
    en += f" Table: {rows}."
    rows_zh = "；".join(
        f"'{r['name']}'：pid {r['pid']}，ppid {r['reported_ppid']}，退出码 {r['exitcode']}" for r in table
    )
    zh += f"明细：{rows_zh}。"
    figures = {
        "children": len(table),
        "run_pid": run_pid,
        "ppid_matches": ppid_matches,
        "pid_matches": pid_matches,
        "exited_zero": exited_zero,
        "terminated_exitcode": killed_code if killed_code is not None else 0,
        "order_differs": int(order_differs),
    }
    return Verdict(Text(en, zh), rounded(figures))


LESSON = Lesson(
    id="process-basics",
    chapter=Chapter.PROCESSES,
    exercise="process_join.py",
    title=Text("Process basics: start, join, terminate", "进程入门：start、join 与 terminate"),
    summary=Text(
        "Children made with Process(target=..., args=...) and with a subclass that overrides run() report "
        "their pid and their parent's pid, nap, and exit. One naps forever and is terminated.",
        "分别用 Process(target=..., args=...) 和重写 run() 的子类创建子进程；它们报告自己的 pid 和父进程 pid，"
        "小睡后退出。其中一个永远睡下去，最后被 terminate() 结束。",
    ),
    watch=Text(
        "Watch the timeline: the children start one after another but end in the reverse order, and the "
        "terminated one's bar is cut short. Compare the pids in the log with the run process's pid.",
        "观察时间线：子进程依次启动，却按相反的顺序结束；被终止的那个进程的条形被突然截断。"
        "把日志中的 pid 与运行进程的 pid 对照。",
    ),
    explanation=Text(
        "A Process object is the parent's handle on a child. Before start() it has no pid, is_alive() is False "
        "and exitcode is None. start() spawns a fresh interpreter that runs run(), which by default calls "
        "target(*args); a subclass can override run() instead. join() waits for the child to end; afterwards "
        "exitcode is 0 for a normal return, 1 for an uncaught exception, and minus the signal number for a "
        "process that was killed, e.g. -15 (-SIGTERM) after terminate(). Processes run independently, so the "
        "order they finish in depends on what they do, not on the order they were started in.",
        "Process 对象是父进程手里指向子进程的句柄。start() 之前它没有 pid，is_alive() 为 False，exitcode 为 None。"
        "start() 会创建一个全新的解释器去执行 run()，默认的 run() 就是调用 target(*args)；也可以写子类重写 run()。"
        "join() 等待子进程结束；之后 exitcode 为 0 表示正常返回，1 表示有未捕获的异常，"
        "被信号结束的进程则是负的信号编号，例如 terminate() 之后是 -15（-SIGTERM）。"
        "各进程独立运行，结束的先后取决于它们各自做的事，而不是启动的先后。",
    ),
    plan=lambda p: Plan(processes=p.children + 1, threads=0),  # + 1: the child that is terminated
    params=(
        int_param("children", 4, 1, 16, Text("Napping children", "小睡的子进程数"), "processes"),
        float_param("nap", 1.0, 0.05, 10.0, Text("Longest nap", "最长小睡时间"), "s"),
    ),
    main=main,
    verdict=verdict,
    quick={"children": 3, "nap": 0.45},
    concepts=(
        "Process",
        "start",
        "join",
        "is_alive",
        "terminate",
        "exitcode",
        "pid",
        "ppid",
        "run",
        "子进程",
        "进程号",
        "退出码",
    ),
    prediction=prediction.choice(
        "order_differs",
        "The children nap for different lengths of time. Will they finish in the order they were started?",
        "子进程小睡的时长各不相同。它们会按启动的顺序结束吗？",
        ("Yes, in the same order", "会，顺序相同", lambda f: f["order_differs"] == 0),
        ("No, in a different order", "不会，顺序不同", lambda f: f["order_differs"] != 0),
    ),
    comparison=comparison.vary(
        "children", 2, 8, "{} napping children", "{} 个小睡的子进程", ("children", "exited_zero")
    ),
    figures=(
        "children",
        "run_pid",
        "ppid_matches",
        "pid_matches",
        "exited_zero",
        "terminated_exitcode",
        "order_differs",
    ),
)
