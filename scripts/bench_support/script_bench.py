"""Students' scripts: instrumentation overhead against the same script run bare, and run to first lane.

Runs in a process of its own (bench.py's ``in_fresh_process``). Issue 16's budgets:

* overhead: three scripts, each run bare (``python script.py``) and under the
  app's instrumentation (:func:`desktop.runtime.script.script_run.run_script`),
  the two runs interleaved, each side first in every other pair (neither
  always starts on a machine the other has just left busy). Each script
  times itself from the first line of its ``__main__`` block to its end and
  prints ``elapsed <seconds>``, so both sides time the same work (the run
  process's own spawn is not the script's). Before its clock starts, each
  script starts multiprocessing's resource tracker: an instrumented run
  shares the app's (its run process is spawned with the tracker's pipe), so
  a bare run would otherwise time the start of a process (an interpreter and
  its imports, on the same cores as the pool) that the other never makes. The
  figure is instrumented ÷ bare per pair, its median against the budget, min
  and max its spread:

  - ``cpu_pool``: a CPU-bound ``Pool(2).map`` (budget ≤ 1.05x), twice as many
    pairs: with both cores busy, whatever else runs moves a single pair most;
  - ``lock_heavy``: a million ``mp.Lock`` acquire/release pairs across 2
    processes (budget ≤ 2x);
  - ``queue_heavy``: 100 000 items from a child through an ``mp.Queue`` to the
    main process (budget ≤ 1.5x);

* first lane: ``Run.start()`` -> the first lane drawn (the first event: the
  run process's lane), for a script that starts one ``Process`` against the
  bench lesson that starts one worker (budget ≤ 1.2x a lesson's); and, shown
  without a budget, -> the first child's lane (the script's ``Process``, the
  lesson's worker).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPTS = {
    "cpu_pool": """
import multiprocessing as mp, os, time
from multiprocessing import resource_tracker

def burn(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total

if __name__ == "__main__":
    if os.name == "posix":  # an instrumented run shares the app's resource tracker: start this one untimed
        resource_tracker.ensure_running()
    started = time.perf_counter()
    with mp.get_context("spawn").Pool(2) as pool:
        pool.map(burn, [600_000] * 16)
    print("elapsed", time.perf_counter() - started)
""",
    "lock_heavy": """
import multiprocessing as mp, os, time
from multiprocessing import resource_tracker

def hammer(lock, n):
    for _ in range(n):
        lock.acquire()
        lock.release()

if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    if os.name == "posix":  # an instrumented run shares the app's resource tracker: start this one untimed
        resource_tracker.ensure_running()
    started = time.perf_counter()
    lock = ctx.Lock()
    workers = [ctx.Process(target=hammer, args=(lock, 500_000)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("elapsed", time.perf_counter() - started)
""",
    "queue_heavy": """
import multiprocessing as mp, os, time
from multiprocessing import resource_tracker

def produce(q, n):
    for i in range(n):
        q.put(i)

if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    if os.name == "posix":  # an instrumented run shares the app's resource tracker: start this one untimed
        resource_tracker.ensure_running()
    started = time.perf_counter()
    items = ctx.Queue()
    producer = ctx.Process(target=produce, args=(items, 100_000))
    producer.start()
    for _ in range(100_000):
        items.get()
    producer.join()
    print("elapsed", time.perf_counter() - started)
""",
    "one_process": """
import multiprocessing as mp

def work():
    pass

if __name__ == "__main__":
    p = mp.get_context("spawn").Process(target=work)
    p.start()
    p.join()
""",
}


def _elapsed(lines: list[str], where: str) -> float:
    found = [line for line in lines if line.startswith("elapsed ")]
    if not found:
        raise RuntimeError(f"{where}: no elapsed line in {lines[-20:]}")
    return float(found[-1].split()[1])


def bare(path: Path) -> float:
    # In a session of its own, as the app's run process is (desktop/runtime/process_tree.py): where the OS
    # shares the CPU between sessions first (Linux's autogroups), neither side gets a bigger share.
    done = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=600, start_new_session=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"{path.name} bare: exit {done.returncode}\n{done.stderr[-2000:]}")
    return _elapsed(done.stdout.splitlines(), f"{path.name} bare")


def instrumented(path: Path) -> float:
    from desktop.model.events import LOG
    from desktop.runtime.script.script_run import run_script

    record, summary = run_script(str(path), timeout=600)
    if summary["status"] != "passed":
        raise RuntimeError(f"{path.name} instrumented: {summary['status']} {record.error}")
    lines = [e.value for e in record.events if e.kind == LOG and e.name == "stdout"]
    return _elapsed(lines, f"{path.name} instrumented")


RUN_PROCESS_NAMES = ("main", "MainProcess")  # a lesson's run process, a script's (it is the script's main)


def first_lanes_of(run) -> tuple[float, float]:
    """``Run.start()`` -> (the first event of any process, the first event of a process the run process started).

    The timeline opens a lane at a worker's first event of any kind
    (``desktop/ui/timeline_model.py``), so the first is when the first lane is
    drawn: the run process's, for a lesson (``main``) as for a script
    (``MainProcess``, which is the script's main process). The second is the
    first child's lane: a lesson's first worker, a script's first ``Process``.
    """
    run.start()
    first = first_child = None
    while first_child is None and not run.finished:
        for event in run.take_new_events():
            if first is None:
                first = event.t - run.started
            if event.worker not in RUN_PROCESS_NAMES and first_child is None:
                first_child = event.t - run.started
        time.sleep(0.001)
    run.wait(60)
    if first is None or first_child is None or run.record.status != "passed":
        raise RuntimeError(f"first lane: no child event ({run.record.status}: {run.record.error})")
    return first, first_child


def first_lanes(folder: Path, repeat: int) -> dict:
    from bench_support import spawn_lesson
    from desktop.runtime.run import Run
    from desktop.runtime.script.target import ScriptTarget

    lesson = spawn_lesson.LESSON
    target = ScriptTarget(str(folder / "one_process.py"))

    def lesson_once() -> tuple[float, float]:
        return first_lanes_of(Run(lesson, lesson.parse_params({"workers": 1, "hold": 0.0})))

    def script_once() -> tuple[float, float]:
        return first_lanes_of(Run(target, target.params()))

    lesson_once(), script_once()  # warm-up: parent-side imports, not counted
    found: dict[str, list[float]] = {"script": [], "lesson": [], "script_child": [], "lesson_child": []}
    for _ in range(repeat):  # interleaved, so load from elsewhere hits both alike
        for side, once in (("script", script_once), ("lesson", lesson_once)):
            first, first_child = once()
            found[side].append(first)
            found[f"{side}_child"].append(first_child)
    return found


def measure(options: dict) -> dict:
    repeat = options["repeat"]
    results: dict = {"overhead": {}}
    with tempfile.TemporaryDirectory(prefix="bench-scripts-") as tmp:
        folder = Path(tmp)
        for name, text in SCRIPTS.items():
            (folder / f"{name}.py").write_text(text, encoding="utf-8")
        for name in ("cpu_pool", "lock_heavy", "queue_heavy"):
            path = folder / f"{name}.py"
            bare(path)  # warm-up: file caches, not counted
            instrumented(path)  # and the parent's imports
            pairs: dict[str, list[float]] = {"instrumented": [], "bare": []}
            sides = [("instrumented", instrumented), ("bare", bare)]
            for index in range(repeat * (2 if name == "cpu_pool" else 1)):
                for side, once in sides if index % 2 == 0 else sides[::-1]:
                    pairs[side].append(once(path))
            results["overhead"][name] = pairs
        results["first_lane"] = first_lanes(folder, repeat)
    return results
