"""Command line: the GUI by default, or headless ``list``, ``run``, ``show`` and ``self-test``.

Headless commands never import Qt: they use the same lessons and runtime as
the GUI, so ``run ticket-lock --json`` measures exactly what the window shows.
Exit codes: 0 the run completed (whatever its story), 1 it failed, 2 the input
was invalid (for ``show``: the file is not a saved run we can read), 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Sequence

import desktop
from desktop import script_command
from desktop.lessons import catalog
from desktop.model.param import InvalidParams
from desktop.model.run_record import FAILED, PASSED, RunRecord
from desktop.model.text import CHINESE, ENGLISH, LANGUAGES, Text, normalize
from desktop.runtime import process_tree, run_file, scratch
from desktop.runtime.run import START_METHOD, run_to_completion

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERRUPTED = 0, 1, 2, 130
INTERRUPTED = Text("interrupted: the run was stopped", "已中断：运行被停止")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="concurrency-lab",
        description=f"{desktop.APP_NAME}: learn Python concurrency by running it. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{desktop.APP_NAME} {desktop.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = commands.add_parser("gui", help="open the window (the default)")
    gui.add_argument("--lesson", help="lesson to select at start")
    gui.add_argument(
        "--exit-after-paint", action="store_true", help="print the time to the first painted window, then quit"
    )

    listing = commands.add_parser("list", help="list the lessons")
    listing.add_argument("--json", action="store_true", help="print a JSON array")

    run = commands.add_parser("run", help="run one lesson and print its verdict")
    run.add_argument("lesson", help="lesson id (see `list`)")
    run.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="set a parameter (repeatable)")
    run.add_argument("--json", action="store_true", help="print the run record as JSON")
    run.add_argument(
        "--language", choices=LANGUAGES, default=None, help="language of the verdict and errors (default: the system's)"
    )

    show = commands.add_parser("show", help="print a saved run's summary (a file saved by File > Save run)")
    show.add_argument("file", help="the saved run (.json)")
    show.add_argument("--json", action="store_true", help="print the summary as JSON")
    show.add_argument(
        "--language", choices=LANGUAGES, default=None, help="language of the verdict and errors (default: the system's)"
    )

    selftest = commands.add_parser("self-test", help="run a short variant of every lesson and check the runtime")
    selftest.add_argument("--lesson", action="append", default=[], help="only these lessons (repeatable)")
    selftest.add_argument(
        "--report", metavar="FILE", help="write the report to FILE (the windowed Windows executable has no stdout)"
    )
    script_command.add_commands(commands)  # script FILE, script-self-test
    return parser


def main(argv: Sequence[str]) -> int:
    _replace_what_the_streams_cannot_encode()
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        from desktop.ui.app import run_gui  # Qt is imported only here

        scratch.remove_stale_in_background()  # scratch folders of runs whose app was killed

        return run_gui(
            lesson_id=getattr(args, "lesson", None), exit_after_paint=getattr(args, "exit_after_paint", False)
        )
    scratch.remove_stale()  # scratch folders of runs whose app was killed (quick: usually none)
    if args.command == "list":
        return _list(args.json)
    if args.command == "run":
        return _run(args.lesson, args.param, args.json, args.language or system_language())
    if args.command == "show":
        return _show(args.file, args.json, args.language or system_language())
    if args.command in ("script", "script-self-test"):  # their messages in --language or the system's
        args.language = getattr(args, "language", None) or system_language()
    handled = script_command.run_command(args)
    if handled is not None:
        return handled
    if args.report:
        with open(args.report, "w", encoding="utf-8") as report, contextlib.redirect_stdout(report):
            return _self_test(args.lesson)
    return _self_test(args.lesson)


def system_language() -> str:
    """The language the operating system asks for ("en" or "zh"), read without Qt (the GUI asks QLocale).

    On Windows the user's UI language; elsewhere ``LC_ALL``, ``LC_MESSAGES`` then ``LANG``, as Qt reads them.
    """
    if sys.platform == "win32":
        import ctypes

        with contextlib.suppress(AttributeError, OSError):
            primary = ctypes.windll.kernel32.GetUserDefaultUILanguage() & 0x3FF
            return CHINESE if primary == 0x04 else ENGLISH  # LANG_CHINESE
        return ENGLISH
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return normalize(value)
    return ENGLISH


def _replace_what_the_streams_cannot_encode() -> None:
    """Output never crashes the CLI: on a stream that cannot encode a character (a cp1252 console), it is replaced.

    Chinese verdicts and titles printed to a redirected Windows console raised
    ``UnicodeEncodeError``; now they print as ``?`` there (JSON stays exact: see :func:`print_json`).
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def print_json(value: object) -> None:
    """Print ``value`` as indented JSON: readable UTF-8 where stdout can encode it, ``\\u`` escapes where not."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(value, ensure_ascii=True, indent=2)
    print(text)


def _list(as_json: bool) -> int:
    lessons = catalog.lessons()
    if as_json:
        rows = [
            {
                "id": lesson.id,
                "chapter": lesson.chapter.number,
                "chapter_title": lesson.chapter.title.en,
                "title": lesson.title.en,
                "title_zh": lesson.title.zh,
                "params": [p.name for p in lesson.params],
            }
            for lesson in lessons
        ]
        print_json(rows)
        return EXIT_OK
    width = max(len(lesson.id) for lesson in lessons)
    for lesson in lessons:
        print(f"{lesson.id:<{width}}  {lesson.chapter.number}. {lesson.chapter.title.en:<26}  {lesson.title.en}")
    return EXIT_OK


def _parse_assignments(assignments: Sequence[str]) -> dict[str, str]:
    values = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InvalidParams(
                [Text(f"--param {item!r} must look like NAME=VALUE", f"--param {item!r} 的格式应为 NAME=VALUE")]
            )
        values[name.strip()] = value.strip()
    return values


def _run(lesson_id: str, assignments: Sequence[str], as_json: bool, language: str) -> int:
    try:
        lesson = catalog.load(lesson_id)
        params = lesson.parse_params(_parse_assignments(assignments))
        record = run_to_completion(lesson, params)
    except catalog.UnknownLesson as error:
        print(f"error: {error.text.get(language)}", file=sys.stderr)
        return EXIT_INVALID
    except InvalidParams as error:
        for problem in error.in_language(language):  # a parameter's range, a cap: said in both languages
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print(INTERRUPTED.get(language), file=sys.stderr)
        return EXIT_INTERRUPTED
    if as_json:
        print_json(record.summary())
    else:
        print(record.verdict.get(language))
        for name, value in record.figures.items():
            print(f"  {name} = {value}")
    if record.status == FAILED:
        print(f"error: {record.error_text.get(language)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _show(path: str, as_json: bool, language: str) -> int:
    """Print a saved run's summary, read by the loader File > Open uses; a bad file exits 2 saying why."""
    try:
        record = run_file.load(path)
    except run_file.RunFileError as error:
        print(f"error: {error.text.get(language)}", file=sys.stderr)
        return EXIT_INVALID
    if as_json:
        summary = {"file": str(path), **record.summary()}
        summary.update(event_count=len(record.events), sample_count=len(record.samples))
        print_json(summary)
        return EXIT_OK
    print(f"{record.lesson}: {record.status}, {record.duration:.2f} s, started {record.started_at}")
    print(f"  {record.interpreter}, start method {record.start_method}")
    print(record.verdict.get(language) or record.verdict.en)
    for name, value in record.figures.items():
        print(f"  {name} = {value}")
    print(f"{len(record.events)} events, {len(record.samples)} samples")
    if record.error:
        print(f"error: {record.error_text.get(language).strip()}")
    return EXIT_OK


def _self_test(only: Sequence[str]) -> int:
    frozen = bool(getattr(sys, "frozen", False))
    print(
        f"{desktop.APP_NAME} {desktop.__version__} self-test starting: pid {os.getpid()}, "
        f"{'frozen' if frozen else 'from source'}, Python {sys.version.split()[0]}, start method {START_METHOD}",
        flush=True,
    )
    try:
        lessons = [catalog.load(lesson_id) for lesson_id in only] if only else catalog.lessons()
    except catalog.UnknownLesson as error:  # a developer's check, read in the system's language like other errors
        print(f"error: {error.text.get(system_language())}", file=sys.stderr)
        return EXIT_INVALID
    failures = 0
    started = time.perf_counter()
    for lesson in lessons:
        record = run_to_completion(lesson, lesson.quick_params())
        problems = check_record(record)
        leftovers = process_tree.descendants()
        if leftovers:
            problems.append(f"processes left after the run: {[p.pid for p in leftovers]}")
        failures += bool(problems)
        mark = "ok  " if not problems else "FAIL"
        print(f"{mark} {lesson.id:<20} {record.duration:6.2f} s  {record.verdict.en}", flush=True)
        for problem in problems:
            print(f"     - {problem}", flush=True)
    total = time.perf_counter() - started
    print(f"self-test: {len(lessons) - failures} passed, {failures} failed in {total:.1f} s", flush=True)
    return EXIT_FAILED if failures else EXIT_OK


def check_record(record: RunRecord) -> list[str]:
    """What the self-test demands of every run: it completed, in spawn mode, with Qt-free workers."""
    problems = []
    if record.status != PASSED:
        problems.append(f"status {record.status}: {record.error.strip()}")
    hellos = [e for e in record.events if e[3] == "hello"]
    if not hellos:
        problems.append("no process reported in")
    for _t, pid, worker, _kind, _name, hello, _where in hellos:
        if hello.get("start_method") != START_METHOD:
            problems.append(f"{worker} (pid {pid}) started by {hello.get('start_method')!r}, not {START_METHOD!r}")
        if hello.get("qt_loaded"):
            problems.append(f"{worker} (pid {pid}) has PySide6 in sys.modules")
    return problems


def entry_point() -> None:
    """Console/GUI script entry point of an installed package."""
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main(sys.argv[1:]))
