"""The run process's side of a script run: instrument, then run the file as ``__main__``.

:func:`main` is the run target's entry (see :mod:`desktop.runtime.run_target`);
the conductor calls it in the run process with the probe. It makes this
process look like the main process of ``python script.py`` (named
``MainProcess``, children numbered from ``Process-1``, ``sys.argv`` and
``sys.path[0]`` as Python sets them, spawn as the default start method),
installs the instrumentation, and executes the file in a module registered
as ``__main__`` for the whole run (children re-import the file from its path,
see :mod:`desktop.runtime.instrument.lifecycle`).

At the end it does what the interpreter does when a script's last line has
run: waits for the threads it left running, then for its non-daemon child
processes (terminating daemonic ones), so the run ends when ``python
script.py`` would.
"""

from __future__ import annotations

import builtins
import itertools
import multiprocessing
import multiprocessing.process
import multiprocessing.util
import os
import sys
import threading
import time
import traceback
import types
from typing import Any

import desktop
from desktop.runtime import instrument
from desktop.runtime.instrument import lifecycle, report
from desktop.runtime.script import source

SCRIPT_PHASE = "script"  # phase event marking the first line of the script


def main(params: Any, probe: Any) -> dict:
    """Run the script ``params["path"]`` in this (the run) process; return its exit code and wall time."""
    path = os.path.abspath(params["path"])
    code = compile(source.load(path), path, "exec", dont_inherit=True)
    _become_main_process(probe)
    config = {
        "script": path,
        "user_dirs": [os.path.dirname(path)],
        "package_root": None if getattr(sys, "frozen", False) else os.path.dirname(os.path.dirname(desktop.__file__)),
    }
    instrument.install(probe, config)
    module = types.ModuleType("__main__")
    module.__dict__.update({"__file__": path, "__builtins__": builtins, "__spec__": None, "__cached__": None})
    sys.modules["__main__"] = module
    sys.argv = [path, *params.get("argv", ())]
    sys.path.insert(0, os.path.dirname(path))
    probe.phase(SCRIPT_PHASE)
    report.state(report.RUNNING, "", None)
    started = time.perf_counter()
    exitcode = _execute(code, module, path)
    wall = time.perf_counter() - started
    _wait_like_interpreter_exit()
    lifecycle.end_of_process(exitcode)
    return {"exit_code": exitcode, "wall_s": round(wall, 4)}


def _execute(code: types.CodeType, module: types.ModuleType, path: str) -> int:
    """Run the script's code; an uncaught exception is printed as Python prints it (and so reported)."""
    try:
        exec(code, module.__dict__)  # noqa: S102 - running the student's script is the point
    except SystemExit as stop:
        return _exit_code(stop)
    except BaseException as error:
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next  # drop this module's frame: the traceback starts in the script
        traceback.print_exception(type(error), error, tb or error.__traceback__)
        sys.stderr.flush()
        return 1
    return 0


def _exit_code(stop: SystemExit) -> int:
    """The exit code ``sys.exit(code)`` gives, as Python computes it; a non-zero one fails the run."""
    if stop.code is None:
        return 0
    if isinstance(stop.code, int):
        code = stop.code
    else:
        print(stop.code, file=sys.stderr)
        code = 1
    if code:
        report.error("SystemExit", f"SystemExit: the script called sys.exit({stop.code!r}): exit code {code}")
    return code


def _wait_like_interpreter_exit() -> None:
    """Wait for what Python waits for after a script's last line: threads, then child processes."""
    busy = any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.current_thread())
    busy = busy or bool(multiprocessing.active_children())
    if busy:
        left = {"en": "threads and processes the script left running", "zh": "脚本留下仍在运行的线程和进程"}
        report.state(report.WAITING_JOIN, left, None)
    threading._shutdown()  # what the interpreter calls at exit: atexit hooks of threads, then joins them
    multiprocessing.util._exit_function()  # multiprocessing's exit hook: joins non-daemon children


def _become_main_process(probe: Any) -> None:
    """Look like the main process of ``python script.py`` to the script (names, numbering, start method)."""
    current = multiprocessing.current_process()
    current.name = "MainProcess"
    current._identity = ()
    multiprocessing.process._process_counter = itertools.count(1)
    multiprocessing.process._parent_process = None
    default = multiprocessing.context._default_context
    default._actual_context = None  # the script may call set_start_method() as in a fresh interpreter
    report.use(probe)
    report.forget_worker_name()  # this thread's name is now MainProcess
