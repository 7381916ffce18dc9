"""Processes and threads: one lane each, from start to end, and the instrumentation carried into every child.

*Children.* A spawned child is a fresh interpreter; it gets the instrumentation
through multiprocessing's own spawn *preparation data*, the dict the parent
pickles for the child before the process object. Two entries are added:

* (from source only) an entry whose unpickling puts this app's package on the
  child's ``sys.path``: the child reads the preparation data before it applies
  the ``sys_path`` inside it;
* an entry whose unpickling calls :func:`desktop.runtime.instrument.install_in_child`
  with this process's probe, so the child is instrumented before it re-imports
  the script (an error in that re-import, such as the missing main guard, is
  reported) and before its target is unpickled.

The preparation data also names the script as the main module to re-import
(``init_main_from_path``) where multiprocessing would leave it out: a frozen
Windows app never sends the main module's path (the ``WINEXE`` check), so
the script's functions could not be found in the children.

*Processes* say "started" when ``BaseProcess._bootstrap`` calls their
``run`` (it has made them the current process by then), and "finished"/"failed" with their
exit code when it returns. *Threads* the script starts (and a
``ThreadPoolExecutor``'s workers) say the same around their ``run``; the
threads multiprocessing and asyncio start for themselves are not lanes.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.process
import multiprocessing.spawn
import sys
import threading
from types import ModuleType
from typing import Any

from desktop.runtime import import_hook
from desktop.runtime.instrument import frames, report

# A ThreadPoolExecutor's workers are lanes too, though the executor (not the script) starts them:
# its worker function, once concurrent.futures.thread is imported (see _note_executor_worker).
_executor_worker: Any = object()

# A state's detail that opens a lane, said in both languages ({"en", "zh"}, read with events.state_detail);
# the English is what the summary counts lanes by.
PROCESS_STARTED = "process started"  # the lane of a process starts
THREAD_STARTED = "thread started"  # the lane of a thread starts
_PROCESS_STARTED_SAID = {"en": PROCESS_STARTED, "zh": "进程已启动"}
_THREAD_STARTED_SAID = {"en": THREAD_STARTED, "zh": "线程已启动"}
PROCESSES_COUNTER = "processes started"  # counted by the parent once start() returned
THREADS_COUNTER = "threads started"
_PATH_KEY = "concurrency_lab_path"
_BOOTSTRAP_KEY = "concurrency_lab_instrument"
_config: dict[str, Any] = {}
_streams: list[Any] = []


def install(config: dict[str, Any], streams: list[Any]) -> None:
    """Patch spawning, process bootstrap and thread start in this process (idempotent per process)."""
    _config.update(config)
    _streams[:] = streams
    if getattr(multiprocessing.spawn.get_preparation_data, "_concurrency_lab", False):
        return
    multiprocessing.spawn.get_preparation_data = _marked(_preparation_data(multiprocessing.spawn.get_preparation_data))
    base = multiprocessing.process.BaseProcess
    base._bootstrap = _process_bootstrap(base._bootstrap)
    base.start = _counted_start(base.start, PROCESSES_COUNTER)
    threading.Thread.start = _thread_start(threading.Thread.start)
    import_hook.when_imported("concurrent.futures.thread", _note_executor_worker)


def _note_executor_worker(module: ModuleType) -> None:
    global _executor_worker
    _executor_worker = module._worker


def _marked(function: Any) -> Any:
    function._concurrency_lab = True
    return function


class _Reduced:
    """An entry of the preparation data: unpickling it in the child calls ``function(*args)``."""

    def __init__(self, function: Any, args: tuple):
        self._function, self._args = function, args

    def __reduce__(self) -> tuple:
        return self._function, self._args


def _preparation_data(original: Any) -> Any:
    @functools.wraps(original)
    def get_preparation_data(name: str) -> dict:
        data = original(name)
        script = _config.get("script")
        if script and "init_main_from_name" not in data and "init_main_from_path" not in data:
            data["init_main_from_path"] = script  # frozen Windows leaves it out (WINEXE)
        probe = report.probe()
        if probe is None:
            return data
        root = _config.get("package_root")
        if root:
            source = "import sys\nif R not in sys.path:\n    sys.path.insert(0, R)\n"
            data[_PATH_KEY] = _Reduced(exec, (source, {"R": root}))
        from desktop.runtime import instrument  # the child imports it by this name

        data[_BOOTSTRAP_KEY] = _Reduced(instrument.install_in_child, (probe, dict(_config)))
        return data

    return get_preparation_data


def _process_run(run: Any) -> Any:
    """The child's ``run``, called once ``_bootstrap`` has made it the current process: its lane starts."""

    @functools.wraps(run)
    def reported_run(*args: Any, **kwargs: Any) -> Any:
        report.forget_worker_name()  # a forked child's thread still carries its parent's name
        report.state(report.RUNNING, _PROCESS_STARTED_SAID)
        return run(*args, **kwargs)

    return reported_run


def _process_bootstrap(original: Any) -> Any:
    @functools.wraps(original)
    def _bootstrap(self: Any, *args: Any, **kwargs: Any) -> int:
        if "run" not in self.__dict__:
            self.run = _process_run(self.run)
        exitcode = original(self, *args, **kwargs)
        end_of_process(exitcode)
        return exitcode

    return _bootstrap


def end_of_process(exitcode: int) -> None:
    """The process is ending with ``exitcode``: flush its streams, close its lane, send everything."""
    for stream in _streams:
        stream.close_run()
    said = {"en": f"exit code {exitcode}", "zh": f"退出码 {exitcode}"}
    report.state(report.FINISHED if exitcode == 0 else report.FAILED, said)
    report.flush()


def _counted_start(original: Any, counter: str) -> Any:
    """``Process.start``: counted by the parent, so a child killed before it said hello still counts.

    Sent at once, not with the next batch: a fork bomb is stopped by the guard within a batch
    interval, and a count still in the killed process's buffer would say it started nothing.
    A process start costs milliseconds; one more write is nothing beside it.
    """

    @functools.wraps(original)
    def start(self: Any) -> None:
        original(self)
        report.count(counter, 1)
        report.flush()

    return start


def _thread_start(original: Any) -> Any:
    @functools.wraps(original)
    def start(self: threading.Thread) -> None:
        executor_worker = getattr(self, "_target", None) is _executor_worker
        if (frames.user_frame() is None and not executor_worker) or "run" in self.__dict__:
            return original(self)
        self.run = _thread_run(self.run)
        original(self)
        report.count(THREADS_COUNTER, 1)
        return None

    return start


def _thread_run(run: Any) -> Any:
    @functools.wraps(run)
    def reported_run(*args: Any, **kwargs: Any) -> Any:
        report.state(report.RUNNING, _THREAD_STARTED_SAID)
        try:
            result = run(*args, **kwargs)
        except BaseException:
            kind, error = sys.exc_info()[:2]
            report.state(report.FAILED, f"{kind.__name__}: {error}" if kind else "")
            raise
        report.state(report.FINISHED)
        return result

    return reported_run
