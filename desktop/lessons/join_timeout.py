"""join(timeout) stops the waiting, not the child; terminate() stops the child, but not at once.

Each child has some work to do (here: it sleeps for ``work`` seconds) and
writes down in shared memory when it has finished. The parent waits for each
one with ``join(timeout=...)``, a timeout shorter than the work. When join()
returns, the parent asks the Process object at once: ``is_alive()`` and
``exitcode``. A returned join(timeout) means "I stopped waiting", nothing
more: the child is still alive and its exitcode still None.

Then one of two things happens:

* without terminate, the parent simply joins again (no timeout) and later
  looks a second time: the children have finished all their work on their own
  and exited with 0. Nobody ended them;
* with terminate, the parent calls ``terminate()`` (SIGTERM on POSIX,
  TerminateProcess on Windows) and asks ``is_alive()`` on the very next line.
  terminate() only sends the request; the operating system ends the child a
  moment later, and ``is_alive()`` (which checks, and reaps the child once it
  has ended) stays True until then. The parent measures how long that moment
  lasted and what exitcode join() reports afterwards.
"""

from __future__ import annotations

import multiprocessing
import signal
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, bool_param, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, mean, rounded
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

DEATH_WATCH = 10.0  # s the parent keeps asking is_alive() after terminate() before it gives up asking


def worker(probe: Probe, finished, index: int, ready, work: float) -> None:
    """Do ``work`` seconds of work, then write down that it is done."""
    probe.state(State.WAITING_BARRIER, "waiting for everyone to be ready", zh="等待所有人准备好")
    ready.wait()
    probe.state(State.SLEEPING, f"working for {work:g} s", zh=f"工作 {work:g} 秒")
    probe.flush()  # this child may be terminated while it works: send what it said so far
    time.sleep(work)
    finished[index] = 1
    probe.log(f"finished all {work:g} s of work", zh=f"完成了全部 {work:g} 秒的工作")
    probe.state(State.FINISHED)


def look(child, began: float) -> dict:
    """What the Process object says about ``child`` right now."""
    return {"is_alive": child.is_alive(), "exitcode": child.exitcode, "at": time.perf_counter() - began}


def terminate_and_watch(child) -> dict:
    """terminate(), then ask is_alive() on the very next line and keep asking until it says False."""
    child.terminate()
    alive_right_after = child.is_alive()  # nothing in between: this is the moment the tutorials warn about
    exitcode_right_after = child.exitcode
    sent = time.perf_counter()
    polls = 0
    while child.is_alive() and time.perf_counter() - sent < DEATH_WATCH:
        polls += 1
    dead_after = time.perf_counter() - sent
    child.join()
    return {
        "alive_right_after": alive_right_after,
        "exitcode_right_after": exitcode_right_after,
        "polls": polls,
        "dead_after": dead_after,
        "exitcode": child.exitcode,
    }


def main(params: Params, probe: Probe) -> dict:
    finished = ctx.Array("i", params.children)
    ready = ctx.Barrier(params.children + 1)
    children = [
        ctx.Process(target=worker, args=(probe, finished, index, ready, params.work), name=f"child-{index + 1}")
        for index in range(params.children)
    ]
    for child in children:
        child.start()
    probe.state(State.WAITING_BARRIER, "waiting for the children to be ready", zh="等待子进程准备好")
    ready.wait()
    began = time.perf_counter()  # the children start working now
    rows = []
    for child in children:
        probe.state(
            State.WAITING_JOIN,
            f"{child.name}.join(timeout={params.timeout:g})",
            zh=f"{child.name}.join(timeout={params.timeout:g})",
        )
        called = time.perf_counter()
        child.join(timeout=params.timeout)
        returned_after = time.perf_counter() - called
        right_after = look(child, began)
        probe.log(
            f"{child.name}.join(timeout={params.timeout:g}) returned after {returned_after:.3f} s: "
            f"is_alive()={right_after['is_alive']}, exitcode={right_after['exitcode']}",
            zh=f"{child.name}.join(timeout={params.timeout:g}) 在 {returned_after:.3f} 秒后返回："
            f"is_alive()={right_after['is_alive']}，exitcode={right_after['exitcode']}",
        )
        rows.append({"name": child.name, "join_returned_after": returned_after, "right_after_join": right_after})
    for child, row in zip(children, rows, strict=True):
        if params.terminate and child.is_alive():
            probe.state(
                State.RUNNING,
                f"{child.name}.terminate(), then is_alive()",
                zh=f"{child.name}.terminate()，然后 is_alive()",
            )
            row["terminate"] = watched = terminate_and_watch(child)
            probe.log(
                f"{child.name}.terminate(): is_alive() right after = {watched['alive_right_after']}, "
                f"False after {watched['polls']} more calls ({watched['dead_after'] * 1000:.2f} ms); "
                f"exitcode {watched['exitcode']}",
                zh=f"{child.name}.terminate()：紧接着 is_alive() = {watched['alive_right_after']}，"
                f"再调用 {watched['polls']} 次后为 False（{watched['dead_after'] * 1000:.2f} 毫秒）；"
                f"退出码 {watched['exitcode']}",
            )
        else:
            probe.state(State.WAITING_JOIN, f"{child.name}.join()", zh=f"{child.name}.join()")
            child.join()
        row["later"] = look(child, began)
        row["finished_work"] = bool(finished[children.index(child)])
        probe.log(
            f"later, at {row['later']['at']:.2f} s: {child.name}.is_alive()={row['later']['is_alive']}, "
            f"exitcode={row['later']['exitcode']}, finished its work: {row['finished_work']}",
            zh=f"之后在 {row['later']['at']:.2f} 秒：{child.name}.is_alive()={row['later']['is_alive']}，"
            f"exitcode={row['later']['exitcode']}，完成了工作：{row['finished_work']}",
        )
    probe.state(State.FINISHED)
    import platform  # here, not at the top: only the run process needs it, and every child imports this module

    return {"children": rows, "system": platform.system()}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    rows = outcome.result["children"]
    count = len(rows)
    alive = sum(row["right_after_join"]["is_alive"] for row in rows)
    none_code = sum(row["right_after_join"]["exitcode"] is None for row in rows)
    returned = mean(row["join_returned_after"] for row in rows)
    finished = sum(row["finished_work"] for row in rows)
    exited_zero = sum(row["later"]["exitcode"] == 0 for row in rows)
    ended_at = max(row["later"]["at"] for row in rows)
    watched = [row["terminate"] for row in rows if "terminate" in row]
    timeout = f"join(timeout={params.timeout:g})"
    if alive:
        en = (
            f"{timeout} returned after {returned:.2f} s on average, and right then {alive} of {count} children "
            f"were still alive (is_alive() True) and {none_code} had exitcode None: "
            "join(timeout) only stopped the waiting."
        )
        zh = (
            f"{timeout} 平均 {returned:.2f} 秒后返回，此刻 {count} 个子进程中仍有 {alive} 个活着"
            f"（is_alive() 为 True），{none_code} 个的 exitcode 为 None："
            "join(timeout) 只是不再等待而已。"
        )
    else:
        en = (
            f"{timeout} returned after {returned:.2f} s on average because every child had already ended "
            f"(its {params.work:g} s of work was shorter): the timeout never came into play."
        )
        zh = (
            f"{timeout} 平均 {returned:.2f} 秒后返回，因为每个子进程都已结束"
            f"（{params.work:g} 秒的工作更短）：超时根本没起作用。"
        )
    if watched:
        system = outcome.result.get("system", "this system")
        still = sum(w["alive_right_after"] for w in watched)
        slowest = max(w["dead_after"] for w in watched) * 1000
        codes = sorted({w["exitcode"] for w in watched})
        codes_text = ", ".join(str(code) for code in codes)
        sigterm = " (-SIGTERM)" if codes == [-signal.SIGTERM] else ""
        if still:
            en += (
                f" Then terminate(): on {system}, on the very next line is_alive() still returned True for {still} of "
                f"{len(watched)} (the request was sent, the child not yet gone); it turned False within "
                f"{slowest:.2f} ms."
            )
            zh += (
                f"随后 terminate()：在 {system} 上，紧接着的下一行 is_alive() 仍有 {still}/{len(watched)} 次返回 True"
                f"（请求已发出，子进程还没结束）；最多 {slowest:.2f} 毫秒后变为 False。"
            )
        else:
            en += (
                f" Then terminate(): on {system} this time, is_alive() on the very next line already returned "
                f"False for all {len(watched)}: the operating system had ended them before that line ran."
            )
            zh += (
                f"随后 terminate()：在 {system} 上这一次，紧接着的下一行 is_alive() "
                f"对全部 {len(watched)} 个都已返回 False：操作系统在那一行执行之前就结束了它们。"
            )
        en += (
            f" join() then reported exitcode {codes_text}{sigterm}; {finished} of {count} children finished their work."
        )
        zh += (
            f"之后 join() 报告的 exitcode 为 {codes_text}{'（即 -SIGTERM）' if sigterm else ''}；"
            f"{count} 个子进程中有 {finished} 个完成了工作。"
        )
    else:
        en += (
            f" Later, {ended_at:.2f} s after they started working, {finished} of {count} had finished all their "
            f"work on their own and {exited_zero} exited with 0"
        )
        zh += (
            f"之后，在它们开始工作 {ended_at:.2f} 秒时，{count} 个子进程中有 {finished} 个自己完成了全部工作，"
            f"{exited_zero} 个以 0 退出"
        )
        if finished == exited_zero == count:
            en += ": nothing ended them early."
            zh += "：没有任何东西提前结束它们。"
        else:
            codes = ", ".join(str(row["later"]["exitcode"]) for row in rows)
            en += f"; the others ended some other way (exit codes {codes})."
            zh += f"；其余的以别的方式结束了（退出码 {codes}）。"
    figures = {
        "children": count,
        "timeout_s": params.timeout,
        "join_returned_s": returned,
        "alive_after_join": alive,
        "exitcode_none_after_join": none_code,
        "finished_work": finished,
        "exited_zero": exited_zero,
        "terminated": len(watched),
        "alive_right_after_terminate": sum(w["alive_right_after"] for w in watched),
        "ms_until_not_alive": max((w["dead_after"] for w in watched), default=0.0) * 1000,
        "terminated_exitcode": watched[0]["exitcode"] if watched else 0,
    }
    return Verdict(Text(en, zh), rounded(figures))


LESSON = Lesson(
    id="join-timeout",
    chapter=Chapter.PROCESSES,
    exercise="process_join.py",
    title=Text(
        "join(timeout) and terminate(): what is_alive() says", "join(timeout) 与 terminate()：is_alive() 怎么说"
    ),
    summary=Text(
        "The parent waits for busy children with join(timeout=...) and asks is_alive() and exitcode the moment "
        "it returns; optionally it then terminates them and asks is_alive() on the very next line.",
        "父进程用 join(timeout=...) 等待还在干活的子进程，并在它返回的那一刻询问 is_alive() 和 exitcode；"
        "也可以随后 terminate() 它们，并在紧接着的下一行询问 is_alive()。",
    ),
    watch=Text(
        "On the timeline the children keep working after every join(timeout) has returned. With terminate on, "
        "their bars are cut short; read in the log what is_alive() said right after terminate().",
        "在时间线上，每次 join(timeout) 返回之后子进程仍在继续工作。勾选 terminate 后，它们的条形被截断；"
        "在日志里看看 terminate() 之后 is_alive() 立刻说了什么。",
    ),
    explanation=Text(
        "join(timeout) waits at most timeout seconds and then returns None whether or not the child has ended: "
        "it never ends the child, and it does not tell you which happened. Ask is_alive() (or check that "
        "exitcode is not None) after it. To end a child, call terminate(), which sends SIGTERM on POSIX and "
        "calls TerminateProcess on Windows. That is a request to the operating system: the child is gone a "
        "moment later, and until then is_alive() still says True. is_alive() itself checks without waiting "
        "and collects (reaps) the child once it has ended. So after terminate() always call join(): it waits "
        "for that moment, then exitcode is minus the signal number, -15 for SIGTERM.",
        "join(timeout) 最多等待 timeout 秒，然后不管子进程是否结束都返回 None：它从不结束子进程，"
        "也不会告诉你到底是哪种情况。之后请调用 is_alive()（或检查 exitcode 是否不为 None）。"
        "要结束子进程，就调用 terminate()：在 POSIX 上它发送 SIGTERM，在 Windows 上调用 TerminateProcess。"
        "这只是向操作系统提出请求：子进程要稍后一刻才真正消失，在此之前 is_alive() 仍然返回 True。"
        "is_alive() 本身是不等待地检查一下，并在子进程结束后回收它。所以 terminate() 之后一定要调用 join()："
        "它会等到那一刻，之后 exitcode 为负的信号编号，SIGTERM 对应 -15。",
    ),
    params=(
        int_param("children", 3, 1, 8, Text("Children", "子进程数"), "processes"),
        float_param("work", 1.5, 0.05, 10.0, Text("Work per child", "每个子进程的工作时长"), "s"),
        float_param("timeout", 0.2, 0.01, 10.0, Text("join() timeout", "join() 的超时"), "s"),
        bool_param("terminate", False, Text("terminate() after the timeout", "超时后调用 terminate()")),
    ),
    main=main,
    verdict=verdict,
    quick={"children": 2, "work": 0.6, "timeout": 0.1},
    concepts=("join", "timeout", "is_alive", "exitcode", "terminate", "SIGTERM", "超时", "终止", "退出码"),
    prediction=prediction.yes_no(
        "alive_after_join",
        "join(timeout) has returned before the child's work is done. Is the child still running?",
        "join(timeout) 在子进程的工作完成之前就返回了。子进程还在运行吗？",
        ("Yes, it keeps running", "是，它还在运行"),
        ("No, the timeout ended it", "否，超时结束了它"),
    ),
    comparison=comparison.switch(
        "terminate",
        ("join(timeout) only", "只用 join(timeout)"),
        ("join(timeout), then terminate()", "join(timeout) 后再 terminate()"),
        ("finished_work", "exited_zero", "alive_after_join"),
    ),
    figures=(
        "children",
        "timeout_s",
        "join_returned_s",
        "alive_after_join",
        "exitcode_none_after_join",
        "finished_work",
        "exited_zero",
        "terminated",
        "alive_right_after_terminate",
        "ms_until_not_alive",
        "terminated_exitcode",
    ),
)
