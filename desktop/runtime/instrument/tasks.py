"""asyncio tasks as lanes: each task of the script is a lane of its own, running while it steps, waiting between.

An event loop runs a task one *step* at a time (from one ``await`` to the
next) through ``asyncio.events.Handle._run``, which is Python code even when
the tasks are C: that one method is wrapped. While a task of the script steps,
the thread's worker name becomes ``<thread>/<task name> (<coroutine>)``, so the
step's events (its prints too) land in the task's lane; after the step the lane
says what the task now awaits (``asyncio.sleep``: sleeping; another task or a
gather: waiting for their results; anything else: waiting for IO) or that it
finished. Tasks of the standard library's own coroutines are not lanes.

Patched when the process first imports asyncio (:mod:`desktop.runtime.import_hook`): a process
that never does (most pool workers) does not load it.
"""

from __future__ import annotations

import functools
import sys
import weakref
from types import ModuleType
from typing import TYPE_CHECKING, Any

from desktop.runtime import import_hook
from desktop.runtime.instrument import frames, report

if TYPE_CHECKING:
    import asyncio

TASK_STARTED = "task started"  # a state's detail: the lane of a task starts (English; the summary counts by it)
# Details in both languages, read with desktop.model.events.state_detail.
_TASK_STARTED_SAID = {"en": TASK_STARTED, "zh": "任务已启动"}
_CANCELLED_SAID = {"en": "cancelled", "zh": "已取消"}
_TASKS_SAID = {"en": "tasks", "zh": "其他任务"}
_lanes: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # task -> its lane name, or "" (not the script's)
_started: set[str] = set()  # lanes whose first step has been reported
_Task: Any = None  # asyncio.Task, once asyncio is imported


def install() -> None:
    import_hook.when_imported("asyncio.tasks", _install)


def _install(tasks: ModuleType) -> None:
    """``asyncio.tasks`` has run (it imports ``asyncio.events`` first): wrap the step of every task."""
    global _Task
    _Task = tasks.Task
    events = sys.modules["asyncio.events"]
    events.Handle._run = _reported_step(events.Handle._run)


def _reported_step(original: Any) -> Any:
    @functools.wraps(original)
    def _run(self: Any) -> Any:
        task = getattr(self._callback, "__self__", None)
        probe = report.probe()
        if probe is None or not isinstance(task, _Task):
            return original(self)
        lane = _lane_of(task)
        if not lane:
            return original(self)
        local = probe._thread_state  # the probe's per-thread worker name: the task's lane for this step
        outer = local.__dict__.get("worker")
        local.worker = lane
        try:
            first_step = lane not in _started
            _started.add(lane)
            report.state(report.RUNNING, _TASK_STARTED_SAID if first_step else "")
            return original(self)
        finally:
            _report_after_step(task)
            if outer is None:
                del local.worker
            else:
                local.worker = outer

    return _run


def _lane_of(task: asyncio.Task) -> str:
    lane = _lanes.get(task)
    if lane is None:
        coro = task.get_coro()
        code = getattr(coro, "cr_code", None)
        mine = code is not None and frames.is_user_file(code.co_filename)
        lane = _lanes[task] = f"{_thread_lane()}/{task.get_name()} ({code.co_name})" if mine else ""
    return lane


def _thread_lane() -> str:
    """The worker name of the calling thread, as the probe names it."""
    import multiprocessing
    import threading

    name = multiprocessing.current_process().name
    thread = threading.current_thread()
    return name if thread is threading.main_thread() else f"{name}/{thread.name}"


def _report_after_step(task: asyncio.Task) -> None:
    if task.done():
        failed = not task.cancelled() and task.exception() is not None
        report.state(report.FAILED if failed else report.FINISHED, _CANCELLED_SAID if task.cancelled() else "")
        return
    report.state(*_awaiting(task))


def _awaiting(task: asyncio.Task) -> tuple[str, Any, Any]:
    """What a suspended task waits for (state, detail) and the script's line it waits at."""
    coro: Any = task.get_coro()
    innermost, frame = coro, None
    while coro is not None and hasattr(coro, "cr_code"):
        innermost = coro
        if frames.is_user_file(coro.cr_code.co_filename) and coro.cr_frame is not None:
            frame = coro.cr_frame
        coro = coro.cr_await
    name = innermost.cr_code.co_name
    if name == "sleep":
        return report.SLEEPING, "asyncio.sleep", frame
    waiter = getattr(task, "_fut_waiter", None)  # the future the task waits on (asyncio keeps it on the task)
    if isinstance(waiter, _Task) or type(waiter).__name__ == "_GatheringFuture":
        return report.WAITING_GET, _TASKS_SAID, frame
    return report.WAITING_IO, name, frame
