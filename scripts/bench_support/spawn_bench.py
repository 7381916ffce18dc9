"""Spawn latency and worker memory: the app's runtime against a bare spawn in the same build.

Runs in a process of its own, from source or inside a frozen build (bench.py
runs :func:`measure` through multiprocessing's ``-c`` entry of the frozen app).

Both sides use the same topology, because that is what a run is: the parent
spawns one *run process*, which spawns N workers.

* app: ``Run.start()`` with :mod:`bench_support.spawn_lesson`; times are the
  run process's first event and each worker's first event (its hello);
* floor: the same two levels of ``ctx.Process`` with empty functions whose only
  act is to write ``perf_counter()`` to an inherited pipe.

All times are ``perf_counter()`` (one system-wide clock) minus the parent's
clock just before ``start()``.
"""

from __future__ import annotations

import multiprocessing
import struct
import time

import psutil

ctx = multiprocessing.get_context("spawn")
STAMP = struct.Struct("<dI")  # perf_counter, pid


def floor_worker(writer, hold: float) -> None:
    writer.send_bytes(STAMP.pack(time.perf_counter(), 0))
    time.sleep(hold)


def floor_run(writer, workers: int, hold: float) -> None:
    writer.send_bytes(STAMP.pack(time.perf_counter(), 1))
    children = [ctx.Process(target=floor_worker, args=(writer, hold)) for _ in range(workers)]
    for child in children:
        child.start()
    for child in children:
        child.join()


def rss_mb(pids: list[int]) -> list[float]:
    found = []
    for pid in pids:
        try:
            found.append(psutil.Process(pid).memory_info().rss / 2**20)
        except psutil.Error:
            pass
    return found


def floor_once(workers: int, hold: float) -> dict:
    reader, writer = ctx.Pipe(duplex=False)
    started = time.perf_counter()
    run = ctx.Process(target=floor_run, args=(writer, workers, hold))
    run.start()
    writer.close()
    run_first, worker_firsts = None, []
    while len(worker_firsts) < workers:
        stamp, is_run = STAMP.unpack(reader.recv_bytes())
        if is_run:
            run_first = stamp - started
        else:
            worker_firsts.append(stamp - started)
    figures = {"run_process_s": run_first, "first_worker_s": min(worker_firsts), "all_workers_s": max(worker_firsts)}
    if hold:
        time.sleep(min(hold / 2, 0.5))  # let every child settle into its sleep
        tree = psutil.Process(run.pid).children()
        figures["worker_rss_mb"] = rss_mb([p.pid for p in tree if "resource_tracker" not in _cmdline(p)])
        figures["run_process_rss_mb"] = rss_mb([run.pid])
    run.join()
    reader.close()
    return figures


def app_once(workers: int, hold: float) -> dict:
    from bench_support import spawn_lesson
    from desktop.runtime.run import Run

    lesson = spawn_lesson.LESSON
    run = Run(lesson, lesson.parse_params({"workers": workers, "hold": hold}))
    run.start()
    first: dict[int, float] = {}
    names: dict[int, str] = {}
    qt_loaded = []
    while len([pid for pid in first if names[pid] != "main"]) < workers and not run.finished:
        for event in run.take_new_events():
            if event.pid not in first:
                first[event.pid] = event.t - run.started
                names[event.pid] = event.worker
            if event.kind == "hello":
                qt_loaded.append(event.value["qt_loaded"])
        time.sleep(0.001)
    worker_times = [t for pid, t in first.items() if names[pid] != "main"]
    if len(worker_times) < workers:
        run.wait(60)
        raise RuntimeError(f"bench-spawn run ended before its workers reported: {run.record.error}")
    run_pids = [pid for pid in first if names[pid] == "main"]
    figures = {
        "run_process_s": min(t for pid, t in first.items() if names[pid] == "main"),
        "first_worker_s": min(worker_times),
        "all_workers_s": max(worker_times),
        "qt_loaded": any(qt_loaded),
    }
    if hold:
        time.sleep(min(hold / 2, 0.5))
        figures["worker_rss_mb"] = rss_mb([pid for pid in first if names[pid] != "main"])
        figures["run_process_rss_mb"] = rss_mb(run_pids)
    run.wait(60)
    if run.record.status != "passed":
        raise RuntimeError(f"bench-spawn run {run.record.status}: {run.record.error}")
    return figures


def _cmdline(proc: psutil.Process) -> str:
    try:
        return " ".join(proc.cmdline())
    except psutil.Error:
        return ""


def measure(options: dict) -> dict:
    worker_counts, repeat, rss_hold = options["workers"], options["repeat"], options["hold"]
    results: dict = {}
    app_once(1, 0.0)  # warm-up: parent-side imports and first-use caches, not counted
    floor_once(1, 0.0)
    for workers in worker_counts:
        rows: dict[str, list[dict]] = {"app": [], "floor": []}
        for _ in range(repeat):  # alternate, so a burst of load from elsewhere hits both sides alike
            rows["app"].append(app_once(workers, 0.0))
            rows["floor"].append(floor_once(workers, 0.0))
        for side, side_rows in rows.items():
            results[f"{side}_{workers}"] = {key: [row[key] for row in side_rows] for key in side_rows[0]}
    for side, once in (("app", app_once), ("floor", floor_once)):
        rows = [once(2, rss_hold) for _ in range(max(2, repeat // 2))]
        results[f"{side}_rss"] = {
            "worker_rss_mb": [mb for row in rows for mb in row["worker_rss_mb"]],
            "run_process_rss_mb": [mb for row in rows for mb in row["run_process_rss_mb"]],
        }
    return results
