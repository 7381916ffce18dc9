"""Why spawn needs ``if __name__ == "__main__":`` (and ``freeze_support()`` in frozen programs).

A spawned child is a fresh interpreter. Before it can call its target it must
rebuild the target and its arguments, which means importing the modules they
come from — and, for a plain script, re-importing the script itself. This is
the child's *bootstrapping phase*. Any top-level code in those modules runs
again, in the child.

If that top-level code starts a process, the child would start a grandchild,
which would start a great-grandchild... multiprocessing stops this: starting a
process while bootstrapping raises RuntimeError.

This lesson makes that happen for real. Each child receives an argument
(``ImportedWhileBootstrapping``) whose unpickling imports a module, so the import
runs during the child's bootstrapping, just like the re-import of a script:

* ``chapter1_unguarded`` starts a process at top level: the import raises the
  real RuntimeError, which is caught and shown;
* ``chapter1_guarded`` keeps that code under the main guard: the import is
  harmless, and calling its ``main()`` later starts its helper cleanly.
"""

from __future__ import annotations

import importlib
import multiprocessing
import queue

from desktop.lessons import chapter1_guarded
from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, bool_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, rounded
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

UNGUARDED = "desktop.lessons.chapter1_unguarded"
GUARDED = "desktop.lessons.chapter1_guarded"
REPORT_TIMEOUT = 30.0
KEY_PHRASE = "bootstrapping phase"


def import_while_bootstrapping(module_name: str) -> dict:
    """Import ``module_name``; runs in the child while it unpickles its arguments."""
    try:
        importlib.import_module(module_name)
    except RuntimeError as error:
        return {"module": module_name, "error": "RuntimeError: " + " ".join(str(error).split())}
    return {"module": module_name, "error": None}


class ImportedWhileBootstrapping:
    """An argument that makes the child import ``module_name`` before its target runs.

    Pickle rebuilds this object by calling ``import_while_bootstrapping(module_name)``
    in the child, and the child unpickles its arguments during bootstrapping.
    What arrives in the target is the dict describing how the import went.
    """

    def __init__(self, module_name: str):
        self.module_name = module_name

    def __reduce__(self):
        return import_while_bootstrapping, (self.module_name,)


def first_sentence(message: str) -> str:
    return message.split(". ", maxsplit=1)[0].rstrip(".") + "."


def script_runner(probe: Probe, imported: dict, reports) -> None:
    """The child's target: by now bootstrapping is over; report how the import went."""
    name = multiprocessing.current_process().name
    module = imported["module"].rsplit(".", 1)[-1]
    helper_exitcode = None
    if imported["error"]:
        probe.state(State.FAILED, f"importing {module} raised RuntimeError", zh=f"导入 {module} 时抛出 RuntimeError")
        probe.log(
            f"{name}: importing {module} while bootstrapping raised {imported['error']}",
            zh=f"{name}：启动阶段导入 {module} 时抛出 {imported['error']}",
        )
        probe.count("bootstrap_errors")
    else:
        probe.state(
            State.RUNNING,
            f"{module} imported cleanly; now calling its main()",
            zh=f"{module} 导入正常；现在调用它的 main()",
        )
        probe.log(
            f"{name}: importing {module} while bootstrapping started nothing",
            zh=f"{name}：启动阶段导入 {module} 没有启动任何进程",
        )
        helper_exitcode = chapter1_guarded.main(probe)  # bootstrapping is over: starting a process is fine now
        probe.log(
            f"{name}: {module}.main() started a helper, which exited with code {helper_exitcode}",
            zh=f"{name}：{module}.main() 启动了一个辅助进程，退出码 {helper_exitcode}",
        )
        probe.count("clean_runs")
    reports.put({"child": name, **imported, "helper_exitcode": helper_exitcode})
    probe.put("reports")
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    reports = ctx.Queue()
    modules = [UNGUARDED] * params.unguarded_children + ([GUARDED] if params.guarded else [])
    children = []
    for index, module in enumerate(modules):
        name = "guarded" if module == GUARDED else f"unguarded-{index + 1}"
        args = (probe, ImportedWhileBootstrapping(module), reports)
        children.append(ctx.Process(target=script_runner, args=args, name=name))
    probe.state(
        State.RUNNING,
        "starting children that import a script while bootstrapping",
        zh="启动子进程，它们在启动引导阶段导入一个脚本",
    )
    for child in children:
        child.start()
    probe.state(State.WAITING_GET, "collecting what each child saw", zh="收集每个子进程看到的情况")
    collected = []
    for _ in children:
        try:
            collected.append(reports.get(timeout=REPORT_TIMEOUT))
        except queue.Empty:
            break
        probe.got("reports")
    for child in children:
        child.join()
    probe.state(State.FINISHED)
    return {"reports": collected, "exitcodes": {child.name: child.exitcode for child in children}}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    reports = outcome.result["reports"]
    unguarded = [r for r in reports if r["module"] == UNGUARDED]
    guarded = [r for r in reports if r["module"] == GUARDED]
    errors = [r["error"] for r in unguarded if r["error"] and KEY_PHRASE in r["error"]]
    if errors:
        en = (
            f"{len(errors)} of {params.unguarded_children} children that imported the unguarded script while "
            f'bootstrapping got the real error: "{first_sentence(errors[0])}" It tells you to protect the '
            "entry point with if __name__ == '__main__': (plus freeze_support() when frozen)."
        )
        zh = (
            f"{params.unguarded_children} 个在引导阶段导入无保护脚本的子进程中，有 {len(errors)} 个得到了真实的错误："
            f"`{first_sentence(errors[0])}`，意思是“当前进程还没完成引导阶段，就试图启动新进程”。"
            "它提示要用 `if __name__ == '__main__':` 保护程序入口（打包后还要 freeze_support()）。"
        )
    else:
        seen = unguarded[0]["error"] if unguarded else "no report"
        en = f"No child reported the bootstrapping RuntimeError this time (first report: {seen})."
        seen_zh = "无" if not unguarded else (f"`{seen}`" if seen else "没有错误")
        zh = f"这一次没有子进程报告引导阶段的 RuntimeError（第一份报告：{seen_zh}）。"
    clean = [r for r in guarded if r["error"] is None and r["helper_exitcode"] == 0]
    if params.guarded:
        if clean:
            en += " The guarded script imported cleanly, and its main(), called after bootstrapping, started a helper "
            en += "that exited with code 0."
            zh += "有保护的脚本导入时什么也没启动；引导结束后调用它的 main()，启动的帮手进程以退出码 0 正常结束。"
        else:
            detail = guarded[0] if guarded else "no report"
            en += f" The guarded script did not run clean: {detail}."
            zh += f"有保护的脚本没有正常运行：{detail}。"
    figures = {
        "unguarded_children": params.unguarded_children,
        "bootstrap_errors": len(errors),
        "guarded_clean": len(clean),
        "child_exitcodes_nonzero": sum(1 for code in outcome.result["exitcodes"].values() if code != 0),
    }
    return Verdict(Text(en, zh), rounded(figures))


LESSON = Lesson(
    id="main-guard",
    chapter=Chapter.PROCESSES,
    exercise="process_join.py",
    title=Text("The main guard: if __name__ == '__main__'", "主模块保护：if __name__ == '__main__'"),
    summary=Text(
        "Spawned children import your code again before they run. A child imports a script that starts a "
        "process at top level and gets multiprocessing's 'bootstrapping phase' RuntimeError; the same script "
        "with the main guard imports cleanly.",
        "用 spawn 创建的子进程在运行前会重新导入你的代码。子进程导入一个在顶层就启动进程的脚本，"
        "得到 multiprocessing 的“bootstrapping phase”RuntimeError；加了主模块保护的同一个脚本则能被安全导入。",
    ),
    watch=Text(
        "Read the log: the unguarded children show the full RuntimeError text; the guarded child's helper says "
        "hello. Open chapter1_unguarded.py and chapter1_guarded.py side by side.",
        "阅读日志：无保护的子进程显示完整的 RuntimeError 信息；有保护的子进程启动的帮手进程正常打招呼。"
        "把 chapter1_unguarded.py 和 chapter1_guarded.py 并排对比。",
    ),
    explanation=Text(
        "With the spawn start method (the default on Windows and macOS) a child is a new interpreter that "
        "imports the parent's main module (as __mp_main__) and the modules of its target, then calls the target. "
        "Top-level code in those modules runs again in the child. Code under if __name__ == '__main__': does not, "
        "because in the child the module is not __main__. If the unprotected code starts a process, each child "
        "would start another one without end, so multiprocessing raises RuntimeError instead. A frozen program "
        "(PyInstaller) re-runs its own executable for each child; freeze_support(), first thing under the guard, "
        "recognises a child and runs the child's code instead of your program.",
        "在 spawn 启动方式下（Windows 和 macOS 的默认方式），子进程是一个新解释器：它先导入父进程的主模块"
        "（名为 __mp_main__）以及目标函数所在的模块，然后才调用目标函数。这些模块的顶层代码会在子进程里再执行一遍；"
        "写在 if __name__ == '__main__': 下面的代码则不会，因为在子进程里该模块并不是 __main__。"
        "如果未受保护的代码会启动进程，每个子进程都会再启动一个，无穷无尽，所以 multiprocessing 直接抛出 RuntimeError。"
        "打包后的程序（PyInstaller）会为每个子进程重新运行自身的可执行文件；放在保护块第一行的 freeze_support() "
        "能识别出子进程，转而执行子进程的代码，而不是再次运行你的程序。",
    ),
    # Each child runs a script that starts a helper process. Only the guarded one gets to: an unguarded child's
    # start() raises while it bootstraps (the lesson's point), so it starts no helper. Counting one for it made a
    # finished run's progress line read "ended with 3 of 4 processes started", as if one had failed to start.
    plan=lambda p: Plan(processes=p.unguarded_children + 2 * int(p.guarded), threads=0),
    params=(
        int_param(
            "unguarded_children",
            2,
            1,
            8,
            Text("Children importing the unguarded script", "导入无保护脚本的子进程数"),
            "processes",
        ),
        bool_param("guarded", True, Text("Also run the guarded script", "同时运行有保护的脚本")),
    ),
    main=main,
    verdict=verdict,
    quick={"unguarded_children": 1},
    concepts=(
        "__main__",
        "__mp_main__",
        "freeze_support",
        "spawn",
        "bootstrapping",
        "RuntimeError",
        "主模块",
        "引导阶段",
    ),
    prediction=prediction.number(
        "bootstrap_errors",
        "How many children importing the unguarded script will fail with the bootstrapping RuntimeError?",
        "导入无保护脚本的子进程中，有几个会因引导阶段的 RuntimeError 而失败？",
        ("processes", "个"),
    ),
    comparison=comparison.vary(
        "unguarded_children",
        1,
        4,
        "{} unguarded child(ren)",
        "{} 个无保护的子进程",
        ("bootstrap_errors", "child_exitcodes_nonzero"),
    ),
    figures=(
        "unguarded_children",
        "bootstrap_errors",
        "guarded_clean",
        "child_exitcodes_nonzero",
    ),
)
