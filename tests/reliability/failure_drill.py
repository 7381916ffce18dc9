"""A lesson for tests only: workers that fail in every way a real worker can.

``failure`` picks how: ``raise`` (an uncaught exception), ``exit`` (``os._exit(3)``,
no traceback), ``wait-to-be-killed`` (the worker waits until someone outside
kills it; the test does, with SIGKILL / TerminateProcess), ``pool-killed`` and
``executor-killed`` (a pool worker dies mid-task), ``terminated`` (the lesson
terminates its own worker on purpose, which is not a failure) and ``none``.

The run process imports this module by name (``tests.reliability.failure_drill``);
spawned children inherit the test process's ``sys.path``, which holds the project root.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor

from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict
from desktop.runtime.probe import Probe, State, current_probe

ctx = multiprocessing.get_context("spawn")

FAILURES = ("none", "raise", "exit", "wait-to-be-killed", "pool-killed", "executor-killed", "terminated")
EXIT_CODE = 3


def failing_worker(probe: Probe, failure: str) -> None:
    probe.state(State.RUNNING, failure)
    if failure == "raise":
        raise RuntimeError("the drill worker failed on purpose")
    if failure == "exit":
        os._exit(EXIT_CODE)
    if failure in ("wait-to-be-killed", "terminated"):
        probe.state(State.SLEEPING, "waiting to be killed")
        time.sleep(60)
    probe.state(State.FINISHED)


def pool_task(index: int) -> int:
    """Task 0 waits to be killed; the others finish at once."""
    probe = current_probe()
    if index == 0:
        probe.state(State.SLEEPING, "pool task waiting to be killed")
        time.sleep(60)
    return index


def main(params: Params, probe: Probe) -> dict:
    failure = FAILURES[params.failure]
    if failure in ("pool-killed", "executor-killed"):
        probe.state(State.WAITING_GET, "results of the pool")
        if failure == "pool-killed":
            with ctx.Pool(2, initializer=probe.attach) as pool:
                # A ctx.Pool replaces a dead worker but never fails its task: this
                # waits for ever, and only the run's watchdog can end it.
                return {"results": pool.map(pool_task, range(4))}
        with ProcessPoolExecutor(2, mp_context=ctx, initializer=probe.attach) as executor:
            return {"results": list(executor.map(pool_task, range(4)))}  # BrokenProcessPool
    worker = ctx.Process(target=failing_worker, args=(probe, failure), name="drill-worker")
    worker.start()
    if failure == "terminated":
        time.sleep(0.5)
        worker.terminate()  # on purpose: not a failure
    worker.join()
    return {"exitcode": worker.exitcode}


def verdict(params: Params, outcome) -> Verdict:
    return Verdict(Text(f"exit code {outcome.result.get('exitcode')}", "退出码"), {})


LESSON = Lesson(
    id="failure-drill",
    chapter=Chapter.PROCESSES,
    title=Text("Failure drill", "故障演练"),
    summary=Text("Workers that fail.", "会失败的工作进程。"),
    watch=Text("-", "-"),
    explanation=Text("-", "-"),
    params=(int_param("failure", 0, 0, len(FAILURES) - 1, Text("Failure", "故障"), "kind"),),
    main=main,
    verdict=verdict,
    stall_timeout=4.0,
)


def params_for(failure: str) -> Params:
    return LESSON.parse_params({"failure": FAILURES.index(failure)})
