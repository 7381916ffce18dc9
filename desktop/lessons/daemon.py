"""Daemon processes: they die when their parent's main code ends, and may not have children.

A process started with ``daemon=True`` is a helper that only makes sense while
its parent is working. When the parent's main code ends, multiprocessing
*terminates* every daemonic child it still has, and *joins* (waits for) every
normal child. And because a daemon can be killed at any moment, it is not
allowed to start children of its own: they would be orphaned.

The lesson's own main runs in the run process, which is not the parent we want
to watch. So it starts one intermediate process, "parent", whose main code is
``parent_main`` below. That parent starts:

* "daemon" — ``daemon=True``, with a long to-do list of steps; it first tries
  to start a child of its own;
* "normal" — an ordinary child with a shorter to-do list.

Then the parent's main code works for a few steps and returns, while both children
are still busy. Which of them gets to log its last step?
"""

from __future__ import annotations

import multiprocessing
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

READY_TIMEOUT = 30.0  # how long the parent waits for the daemon to come up


def grandchild() -> None:
    """What the daemon would like its own child to do (it never gets to)."""


def daemon_child(probe: Probe, reports, ready, steps: int, step: float) -> None:
    """The daemon: try to start a child, then work through ``steps`` steps."""
    probe.state(State.RUNNING, "trying to start a child of its own", zh="尝试启动自己的子进程")
    child = ctx.Process(target=grandchild, name="daemon's child")
    try:
        child.start()
    except AssertionError as error:  # multiprocessing forbids it with an assert
        outcome = f"{type(error).__name__}: {error}"
    else:
        child.join()  # only reached when asserts are disabled (python -O)
        outcome = "no error: the child was started"
    probe.log(f"daemon tried to start a child: {outcome}", zh=f"守护进程尝试启动子进程：{outcome}")
    # SimpleQueue.put writes at once (no feeder thread), so the report is safe
    # even though this process may be terminated soon.
    reports.put(("daemon_child_attempt", outcome))
    ready.set()
    for number in range(1, steps + 1):
        probe.log(f"daemon: step {number}/{steps}", zh=f"守护进程：第 {number}/{steps} 步")
        probe.count("daemon_steps")
        probe.state(State.SLEEPING, f"step {number}/{steps}", zh=f"第 {number}/{steps} 步")
        probe.flush()  # report now: this process may be terminated during the sleep
        time.sleep(step)
    probe.log("daemon: LAST STEP DONE, exiting normally", zh="守护进程：最后一步完成，正常退出")
    probe.count("daemon_completed")
    probe.state(State.FINISHED)


def normal_child(probe: Probe, steps: int, step: float) -> None:
    """An ordinary child: the parent will wait for it, however long it takes."""
    for number in range(1, steps + 1):
        probe.log(f"normal: step {number}/{steps}", zh=f"普通子进程：第 {number}/{steps} 步")
        probe.count("normal_steps")
        probe.state(State.SLEEPING, f"step {number}/{steps}", zh=f"第 {number}/{steps} 步")
        time.sleep(step)
    probe.log("normal: last step done, exiting normally", zh="普通子进程：最后一步完成，正常退出")
    probe.count("normal_completed")
    probe.state(State.FINISHED)


def parent_main(probe: Probe, reports, params: Params) -> None:
    """The parent's main code. When this function returns, the parent begins to exit."""
    probe.state(State.RUNNING, "starting a daemon and a normal child", zh="启动一个守护进程和一个普通子进程")
    ready = ctx.Event()
    daemon = ctx.Process(
        target=daemon_child,
        args=(probe, reports, ready, params.daemon_steps, params.step),
        name="daemon",
        daemon=True,
    )
    normal = ctx.Process(target=normal_child, args=(probe, params.normal_steps, params.step), name="normal")
    daemon.start()
    normal.start()
    # Wait until the daemon is up, so its fate doesn't depend on how fast spawning is.
    probe.state(State.WAITING_EVENT, "waiting for the daemon to be up", zh="等待守护进程启动")
    ready.wait(READY_TIMEOUT)
    # Ending half-way through one of the daemon's steps leaves no doubt about
    # which step was the daemon's last: it is never cut off while reporting.
    work = (params.parent_steps + 0.5) * params.step
    probe.state(State.SLEEPING, f"main code working for {work:.2f} s", zh=f"主代码工作 {work:.2f} 秒")
    time.sleep(work)
    probe.log(
        f"parent: main code ends now (daemon alive: {daemon.is_alive()}, normal alive: {normal.is_alive()}); "
        "on exit multiprocessing terminates the daemon and joins the normal child",
        zh=f"父进程：主代码到此结束（守护进程存活：{daemon.is_alive()}，普通子进程存活：{normal.is_alive()}）；"
        "退出时 multiprocessing 会终止守护进程并 join 普通子进程",
    )
    reports.put(("parent_main_ended", time.perf_counter()))
    probe.state(State.FINISHED, "main code returned: exiting", zh="主代码已返回：正在退出")


def main(params: Params, probe: Probe) -> dict:
    reports = ctx.SimpleQueue()
    parent = ctx.Process(target=parent_main, args=(probe, reports, params), name="parent")
    probe.state(State.RUNNING, "starting the parent", zh="启动父进程")
    parent.start()
    probe.state(State.WAITING_JOIN, "join() the parent", zh="join() 父进程")
    parent.join()
    parent_exited = time.perf_counter()
    facts = {}
    while not reports.empty():
        key, value = reports.get()
        facts[key] = value
    probe.state(State.FINISHED)
    return {
        "parent_exitcode": parent.exitcode,
        "parent_exited": parent_exited,
        "parent_main_ended": facts.get("parent_main_ended"),
        "daemon_child_attempt": facts.get("daemon_child_attempt"),
    }


def last_sign_of_life(outcome: Outcome, worker: str) -> float | None:
    times = [e.t for e in outcome.events if e.worker == worker and e.kind != "hello"]
    return max(times) if times else None


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    daemon_steps = int(outcome.counter("daemon_steps"))
    daemon_completed = outcome.counter("daemon_completed") > 0
    normal_steps = int(outcome.counter("normal_steps"))
    normal_completed = outcome.counter("normal_completed") > 0
    attempt = result["daemon_child_attempt"] or "never reported (the daemon did not get that far)"
    main_ended = result["parent_main_ended"]
    waited_for_normal = result["parent_exited"] - main_ended if main_ended is not None else 0.0
    daemon_last = last_sign_of_life(outcome, "daemon")

    if daemon_completed:
        en = (
            f"The daemon finished all {params.daemon_steps} steps before the parent's main code ended, so there "
            "was nothing to cut short: give it more steps or the parent less work."
        )
        zh = (
            f"守护进程在父进程主代码结束之前就完成了全部 {params.daemon_steps} 步，没有什么可以被打断："
            "请增加步数或减少父进程的工作。"
        )
    else:
        en = (
            f"The daemon logged {daemon_steps} of its {params.daemon_steps} steps and never its last one: it was "
            "terminated when the parent's main code ended"
        )
        if main_ended is not None and daemon_last is not None and daemon_last <= main_ended:
            en += f" (its last sign of life came {main_ended - daemon_last:.2f} s before that)"
        en += "."
        zh = (
            f"守护进程只记录了 {params.daemon_steps} 步中的 {daemon_steps} 步，最后一步从未出现："
            f"父进程主代码一结束它就被终止了。"
        )
    refused = "daemonic processes are not allowed to have children" in attempt
    en += f" Its attempt to start a child: {attempt}."
    if refused:
        zh += f"它尝试创建子进程，被拒绝：`{attempt}`（守护进程不允许有子进程）。"
    elif result["daemon_child_attempt"] is None:
        zh += "它尝试创建子进程的结果从未报告（守护进程没有走到那一步）。"
    elif attempt.startswith("no error"):
        zh += "它尝试创建子进程：没有报错，子进程启动了。"
    else:
        zh += f"它尝试创建子进程，出错：`{attempt}`。"
    if normal_completed:
        en += (
            f" The normal child finished all {normal_steps} steps: the parent waited {waited_for_normal:.2f} s "
            f"for it after its main code ended, then exited with code {result['parent_exitcode']}."
        )
        zh += (
            f"普通子进程完成了全部 {normal_steps} 步：父进程在主代码结束后又等了它 {waited_for_normal:.2f} 秒，"
            f"然后以退出码 {result['parent_exitcode']} 退出。"
        )
    else:
        en += f" The normal child logged only {normal_steps} of {params.normal_steps} steps."
        zh += f"普通子进程只记录了 {params.normal_steps} 步中的 {normal_steps} 步。"
    figures = {
        "daemon_steps_planned": params.daemon_steps,
        "daemon_steps_logged": daemon_steps,
        "daemon_completed": int(daemon_completed),
        "daemon_child_refused": int(refused),
        "normal_steps_logged": normal_steps,
        "normal_completed": int(normal_completed),
        "parent_waited_for_normal_s": waited_for_normal,
        "parent_exitcode": result["parent_exitcode"],
    }
    return Verdict(Text(en, zh), rounded(figures))


LESSON = Lesson(
    id="daemon",
    chapter=Chapter.PROCESSES,
    exercise="process_join.py",
    title=Text("Daemon processes", "守护进程"),
    summary=Text(
        "A parent starts a daemon child and a normal child, both with long to-do lists, and its main code ends "
        "early. The daemon is terminated on the spot; the normal child is waited for. The daemon also tries "
        "to start a child of its own and is refused.",
        "父进程启动一个守护子进程和一个普通子进程，两者都有很长的任务清单，而父进程的主代码提前结束。"
        "守护进程当场被终止，普通子进程则会被等待完成。守护进程还尝试创建自己的子进程，结果被拒绝。",
    ),
    watch=Text(
        "Watch the log: the daemon's steps stop as soon as the parent says its main code ends, and its "
        "'LAST STEP DONE' line never appears; the normal child carries on to the end.",
        "观察日志：父进程一宣布主代码结束，守护进程的步骤就中断了，它的“LAST STEP DONE”一行永远不会出现；"
        "普通子进程则一直执行到最后。",
    ),
    explanation=Text(
        "When a process's main code ends, multiprocessing's exit handler runs two loops: first it calls "
        "terminate() on every daemonic child still alive, then it join()s every other child. So a daemon is "
        "right for background helpers whose work is worthless once the parent is done (a heartbeat, a "
        "progress printer), and wrong for anything that must finish or clean up. Since a daemon can vanish at "
        "any time, Process.start() refuses to run inside one: 'daemonic processes are not allowed to have "
        "children'. Note that 'daemon' here has nothing to do with Unix daemons (background services).",
        "进程的主代码结束时，multiprocessing 的退出处理会做两件事：先对所有仍在运行的守护子进程调用 terminate()，"
        "再对其余子进程逐个 join()。所以守护进程适合那些父进程结束后就没有意义的后台帮手（心跳、进度显示），"
        "不适合必须完成或需要清理的工作。因为守护进程随时可能消失，Process.start() 在守护进程里会直接拒绝："
        "“daemonic processes are not allowed to have children”。注意这里的 daemon 与 Unix 的守护进程（后台服务）无关。",
    ),
    params=(
        float_param("step", 0.5, 0.05, 2.0, Text("Length of one step", "每一步的时长"), "s"),
        int_param("daemon_steps", 10, 1, 100, Text("Daemon's steps", "守护进程的步数"), "steps"),
        int_param("normal_steps", 4, 1, 100, Text("Normal child's steps", "普通子进程的步数"), "steps"),
        int_param(
            "parent_steps",
            2,
            0,
            100,
            Text("Parent's own work (its main code ends half-way through the next step)", "父进程自己的工作步数"),
            "steps",
        ),
    ),
    plan=lambda p: Plan(processes=3, threads=0),
    main=main,
    verdict=verdict,
    quick={"step": 0.15, "daemon_steps": 8, "normal_steps": 3, "parent_steps": 1},
    concepts=("daemon", "terminate", "join", "AssertionError", "守护进程", "退出"),
    prediction=prediction.number(
        "daemon_steps_logged",
        "The daemon child plans many steps, but the parent's main code ends early. How many steps will it log?",
        "守护子进程计划走很多步，但父进程的主代码很早就结束了。它能记录几步？",
        ("steps", "步"),
    ),
    comparison=comparison.vary(
        "parent_steps",
        1,
        4,
        "Parent works {} step(s)",
        "父进程工作 {} 步",
        ("daemon_steps_logged", "parent_waited_for_normal_s"),
    ),
    figures=(
        "daemon_steps_planned",
        "daemon_steps_logged",
        "daemon_completed",
        "daemon_child_refused",
        "normal_steps_logged",
        "normal_completed",
        "parent_waited_for_normal_s",
        "parent_exitcode",
    ),
)
