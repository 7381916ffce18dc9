"""The headless ``script`` and ``script-self-test`` commands (wired into :mod:`desktop.cli`).

``script FILE`` runs a student's script under the playground's
instrumentation and prints the measured summary (``--json``: one object).
Exit codes as for ``run``: 0 the script ran to its end, 1 it failed or was
stopped (timeout, a cap), 2 the file cannot run (the message says why and
where), 130 interrupted. ``script-self-test`` runs every starter script and
checks what it measured (the frozen and Windows checks call it).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from typing import Any

import desktop
from desktop.model.run_record import PASSED
from desktop.model.text import ENGLISH, LANGUAGES, Text

# The runtime of scripts (and the instrumentation it names) is imported only when a script
# command runs: every other command, the window included, starts without it.

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130
INTERRUPTED = Text("interrupted: the script was stopped", "已中断：脚本被停止")
DEFAULT_TIMEOUT = 60.0
MAIN_GUARD_LESSON = "main-guard"
JSON_KEYS = (
    "status",
    "start_method",
    "interpreter",
    "wall_s",
    "processes_started",
    "threads_started",
    "tasks_started",
    "max_running_processes",
    "max_running_threads",
    "cpu_cores_used",
    "cpu_per_core",
    "queues",
    "exit_codes",
    "errors",
    "stdout_lines",
    "stopped_because",
)
_LABELS = {
    ENGLISH: (
        "wall time",
        "processes",
        "threads",
        "queues (peak depth)",
        "exit codes",
        "CPU per core",
        "output",
        "errors",
        "max",
    ),
    "zh": ("运行时间", "进程", "线程", "队列（最大深度）", "退出码", "每个核心的 CPU", "输出", "错误", "最多同时"),
}


def add_commands(commands: Any) -> None:
    """Add ``script`` and ``script-self-test`` to the CLI's subcommands."""
    script = commands.add_parser("script", help="run a Python script under the live instrumentation, print a summary")
    script.add_argument("file", help="the script (.py, UTF-8)")
    script.add_argument(
        "--arg",
        dest="args",
        action="append",
        default=[],
        metavar="ARG",
        help="an argument in sys.argv[1:] (repeatable)",
    )
    script.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    script.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS", help="stop the script after this long"
    )
    script.add_argument(
        "--language",
        choices=LANGUAGES,
        default=None,  # the CLI fills in the system's (desktop.cli.system_language)
        help="language of the summary and errors (default: the system's)",
    )
    selftest = commands.add_parser("script-self-test", help="run every starter script and check what was measured")
    selftest.add_argument("--starter", action="append", default=[], help="only these starter files (repeatable)")
    selftest.add_argument("--report", metavar="FILE", help="write the report to FILE")


def run_command(args: argparse.Namespace) -> int | None:
    """Run ``args.command`` if it is one of ours; None otherwise."""
    language = getattr(args, "language", None) or ENGLISH  # desktop.cli fills in the system's
    if args.command == "script":
        return _script(args.file, args.args, args.json, args.timeout, language)
    if args.command == "script-self-test":
        if args.report:
            with open(args.report, "w", encoding="utf-8") as report, contextlib.redirect_stdout(report):
                return _self_test(args.starter, language)
        return _self_test(args.starter, language)
    return None


def _script(path: str, argv: list[str], as_json: bool, timeout: float, language: str) -> int:
    from desktop.runtime.script.script_run import run_script
    from desktop.runtime.script.source import ScriptProblem

    try:
        record, summary = run_script(path, argv=argv, timeout=timeout if timeout > 0 else None)
    except ScriptProblem as problem:
        print(f"error: {problem.text.get(language)}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print(INTERRUPTED.get(language), file=sys.stderr)
        return EXIT_INTERRUPTED
    summary = {**summary, "start_method": record.start_method, "interpreter": record.interpreter}
    if as_json:
        shown = {key: summary[key] for key in JSON_KEYS}
        shown["errors"] = [{k: v for k, v in e.items() if k != "pid"} for e in summary["errors"]]
        shown["script"] = os.path.abspath(path)
        print(json.dumps(shown, ensure_ascii=False, indent=2))
    else:
        _print_summary(record, summary, language)
    if summary["status"] != PASSED:
        from desktop.runtime.script.summary import headline

        print(f"error: {headline(summary).get(language)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _print_summary(record: Any, summary: dict, language: str) -> None:
    from desktop.lessons import catalog
    from desktop.runtime.script import summary as summary_module

    wall, processes, threads, queues, exits, cpu, output, errors, most = _LABELS[language]
    print(summary_module.headline(summary).get(language))
    print(f"  {wall}: {summary['wall_s']:.2f} s")
    print(f"  {processes}: {summary['processes_started']} ({most} {summary['max_running_processes']})")
    print(f"  {threads}: {summary['threads_started']} ({most} {summary['max_running_threads']})")
    if summary["tasks_started"]:
        print(f"  asyncio: {summary['tasks_started']}")
    if summary["queues"]:
        print(f"  {queues}: " + ", ".join(f"{name} {peak}" for name, peak in summary["queues"].items()))
    print(f"  {exits}: " + ", ".join(f"{name} {code}" for name, code in summary["exit_codes"].items()))
    print(f"  {cpu}: " + " ".join(f"{value:.0f}%" for value in summary["cpu_per_core"]))
    lines = [e for e in record.events if e.kind == "log" and e.name in ("stdout", "stderr", "note")]
    if lines:
        print(f"{output}:")
        for event in lines:
            print(f"  [{event.worker}] {event.value}")
    if summary["errors"]:
        print(f"{errors}:")
        for error in summary["errors"]:
            print(f"  {summary_module.error_text(error).get(language)}")
            if error.get("hint") == summary_module.MAIN_GUARD_HINT:
                print("    " + catalog.load(MAIN_GUARD_LESSON).explanation.get(language))
            elif error.get("hint") == summary_module.MISSING_MODULE_HINT:
                print("    " + summary_module.missing_module_text(error["module"]).get(language))


def _self_test(only: list[str], language: str = ENGLISH) -> int:
    """Run the starters and check each; the report is a developer's (English), a wrong name is said in ``language``."""
    from desktop.runtime import process_tree
    from desktop.runtime.run import START_METHOD
    from desktop.runtime.script import starter
    from desktop.runtime.script.script_run import run_script
    from desktop.runtime.script.source import ScriptProblem

    frozen = bool(getattr(sys, "frozen", False))
    print(
        f"{desktop.APP_NAME} {desktop.__version__} script self-test starting: pid {os.getpid()}, "
        f"{'frozen' if frozen else 'from source'}, Python {sys.version.split()[0]}, start method {START_METHOD}",
        flush=True,
    )
    chosen = [s for s in starter.STARTERS if not only or s.file in only or s.file.removesuffix(".py") in only]
    if not chosen:
        asked = ", ".join(only)
        print(
            f"error: {Text(f'no starter named {asked}', f'没有名为 {asked} 的入门脚本').get(language)}", file=sys.stderr
        )
        return EXIT_INVALID
    failures = 0
    started = time.perf_counter()
    for each in chosen:
        try:
            record, summary = run_script(str(starter.path(each)), timeout=DEFAULT_TIMEOUT)
        except ScriptProblem as problem:  # e.g. a build that did not ship resources/starters
            failures += 1
            print(f"FAIL {each.file:<26} {problem.message}", flush=True)
            continue
        found = starter.problems(each, record, summary)
        leftovers = process_tree.descendants()
        if leftovers:
            found.append(f"processes left after the run: {[p.pid for p in leftovers]}")
        failures += bool(found)
        print(f"{'ok  ' if not found else 'FAIL'} {each.file:<26} {summary['wall_s']:6.2f} s", flush=True)
        for problem in found:
            print(f"     - {problem}", flush=True)
    total = time.perf_counter() - started
    print(f"script self-test: {len(chosen) - failures} passed, {failures} failed in {total:.1f} s", flush=True)
    return EXIT_FAILED if failures else EXIT_OK
