"""Global variables are not shared between processes: each process has its own copy.

``GUESTBOOK`` below is an ordinary module-level list. The parent writes one
line in it, then starts children that each append their own lines and send a
copy of what *they* see back to the parent.

Every process has its own address space, so every process has its own
``GUESTBOOK``. With spawn a child even starts from a fresh import of this
module: it does not see the parent's line either. Nothing a child appends
ever shows up in the parent's list; to share data, processes must send it
(Queue, Pipe) or use shared memory or a Manager (later lessons).
"""

from __future__ import annotations

import multiprocessing
import queue

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, rounded
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

GUESTBOOK: list[str] = []  # one per process: each process imports this module for itself

PARENT_LINE = "the parent was here"
REPORT_TIMEOUT = 30.0


def sign_guestbook(probe: Probe, reports, lines: int) -> None:
    """A child: look at the guestbook, append to it, send back a copy of what it sees."""
    name = multiprocessing.current_process().name
    probe.state(State.RUNNING, "reading its GUESTBOOK", zh="读取自己的 GUESTBOOK")
    seen_at_start = list(GUESTBOOK)
    probe.log(
        f"{name} starts with {len(seen_at_start)} line(s) in GUESTBOOK: {seen_at_start}",
        zh=f"{name} 开始时 GUESTBOOK 中有 {len(seen_at_start)} 行：{seen_at_start}",
    )
    for number in range(1, lines + 1):
        GUESTBOOK.append(f"{name} #{number}")
        probe.count("appended")
    probe.log(
        f"{name} now sees {len(GUESTBOOK)} line(s): {GUESTBOOK}", zh=f"{name} 现在看到 {len(GUESTBOOK)} 行：{GUESTBOOK}"
    )
    reports.put((name, seen_at_start, list(GUESTBOOK)))
    probe.put("reports")
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    GUESTBOOK.append(PARENT_LINE)
    before = list(GUESTBOOK)
    probe.log(f"parent's GUESTBOOK before starting children: {before}", zh=f"启动子进程前父进程的 GUESTBOOK：{before}")
    reports = ctx.Queue()
    children = [
        ctx.Process(target=sign_guestbook, args=(probe, reports, params.lines), name=f"child-{index + 1}")
        for index in range(params.children)
    ]
    probe.state(State.RUNNING, "starting the children", zh="启动子进程")
    for child in children:
        child.start()
    probe.state(State.WAITING_GET, "collecting each child's copy", zh="收集每个子进程的副本")
    copies = {}
    for _ in children:
        try:
            name, seen_at_start, final = reports.get(timeout=REPORT_TIMEOUT)
        except queue.Empty:
            break
        probe.got("reports")
        copies[name] = {"seen_at_start": seen_at_start, "final": final}
    for child in children:
        child.join()
    after = list(GUESTBOOK)
    probe.log(
        f"parent's GUESTBOOK after every child has ended: {after}", zh=f"所有子进程结束后父进程的 GUESTBOOK：{after}"
    )
    probe.state(State.FINISHED)
    return {"parent_before": before, "parent_after": after, "copies": copies}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    result = outcome.result
    before, after, copies = result["parent_before"], result["parent_after"], result["copies"]
    appended = int(outcome.counter("appended"))
    saw_parent = sum(1 for copy in copies.values() if PARENT_LINE in copy["seen_at_start"])
    # A line in a child's copy that the child did not write itself came from some other process.
    foreign = sum(1 for name, copy in copies.items() for line in copy["final"] if not line.startswith(f"{name} #"))
    unchanged = before == after
    example_name, example = next(iter(sorted(copies.items())), ("", {"final": []}))
    if saw_parent == 0 and foreign == 0:
        fresh_en = (
            f"None of the {len(copies)} children saw the parent's line when it started (spawn gives each a fresh "
            "import of the module), and no copy held a line written by another process."
        )
        fresh_zh = (
            f"{len(copies)} 个子进程启动时都没有看到父进程写的那一行（spawn 让每个子进程重新导入模块），"
            "各自的副本里也没有其他进程写的行。"
        )
    else:
        fresh_en = (
            f"{saw_parent} of {len(copies)} children saw the parent's line when they started and their copies held "
            f"{foreign} line(s) written by another process: these copies were not fresh imports."
        )
        fresh_zh = (
            f"{len(copies)} 个子进程中有 {saw_parent} 个在启动时看到了父进程写的那一行，"
            f"副本里来自其他进程的行共有 {foreign} 行：这些副本不是重新导入得到的。"
        )
    if unchanged:
        parent_en = f"the parent's list was unchanged: {len(before)} line(s) before and after ({after})"
        parent_zh = f"父进程的列表没有变化：之前之后都是 {len(before)} 行（{after}）"
    else:
        parent_en = f"the parent's list CHANGED: {len(before)} line(s) before, {len(after)} after ({after})"
        parent_zh = f"父进程的列表发生了变化：之前 {len(before)} 行，之后 {len(after)} 行（{after}）"
    en = (
        f"The children appended {appended} lines to GUESTBOOK in total; {parent_en}. {fresh_en} "
        f"For example {example_name}'s copy: {example['final']}."
    )
    zh = (
        f"子进程一共向 GUESTBOOK 追加了 {appended} 行；{parent_zh}。{fresh_zh}"
        f"例如 {example_name} 的副本：{example['final']}。"
    )
    figures = {
        "children": len(copies),
        "appended_by_children": appended,
        "parent_lines_before": len(before),
        "parent_lines_after": len(after),
        "parent_unchanged": int(unchanged),
        "children_that_saw_parent_line": saw_parent,
        "foreign_lines_in_children": foreign,
    }
    return Verdict(Text(en, zh), rounded(figures))


LESSON = Lesson(
    id="globals-not-shared",
    chapter=Chapter.PROCESSES,
    exercise="value_array.py",
    title=Text("Global variables are not shared", "全局变量不会共享"),
    summary=Text(
        "Children append to a module-level list and send back what they see. The parent's list never changes, "
        "and each child only ever sees its own lines.",
        "子进程向模块级列表追加内容，并把自己看到的列表发回。父进程的列表始终不变，每个子进程也只看到自己写的行。",
    ),
    watch=Text(
        "Read the log: the parent's GUESTBOOK before and after, and each child's own copy in between.",
        "阅读日志：父进程的 GUESTBOOK 前后对比，以及中间每个子进程各自的副本。",
    ),
    explanation=Text(
        "A process owns its memory: the same variable name in two processes refers to two separate objects. "
        "A spawned child starts as a new interpreter and imports this module itself, so its GUESTBOOK is a new, "
        "empty list; a forked child would start with a copy of the parent's list, but its changes would still "
        "stay in its copy. Appending in a child therefore never reaches the parent. Passing data back takes an "
        "explicit channel (a Queue, as here, or a Pipe) or deliberately shared memory (Value, Array, a Manager).",
        "每个进程拥有自己的内存：两个进程里同名的变量其实是两个互不相干的对象。"
        "spawn 出来的子进程是一个新的解释器，会自己导入这个模块，所以它的 GUESTBOOK 是一个新的空列表；"
        "fork 出来的子进程虽然一开始拥有父进程列表的副本，但它的修改也只留在副本里。"
        "因此子进程里的追加永远到不了父进程。要把数据传回，必须使用显式的通道（比如这里的 Queue，或 Pipe），"
        "或者专门的共享内存（Value、Array、Manager）。",
    ),
    params=(
        int_param("children", 3, 1, 16, Text("Children", "子进程数"), "processes"),
        int_param("lines", 3, 1, 100, Text("Lines each child appends", "每个子进程追加的行数"), "lines"),
    ),
    main=main,
    verdict=verdict,
    quick={"children": 2, "lines": 2},
    concepts=("global", "address space", "memory", "module", "全局变量", "地址空间", "内存"),
    prediction=prediction.number(
        "parent_lines_after",
        "The parent writes one line into its GUESTBOOK list; every child appends lines to GUESTBOOK too. "
        "How many lines will the parent's list hold at the end?",
        "父进程往自己的 GUESTBOOK 列表写了一行；每个子进程也往 GUESTBOOK 追加几行。最后父进程的列表里有几行？",
        ("lines", "行"),
    ),
    comparison=comparison.vary(
        "children", 1, 4, "{} child(ren)", "{} 个子进程", ("appended_by_children", "parent_lines_after")
    ),
    figures=(
        "children",
        "appended_by_children",
        "parent_lines_before",
        "parent_lines_after",
        "parent_unchanged",
        "children_that_saw_parent_line",
        "foreign_lines_in_children",
    ),
)
