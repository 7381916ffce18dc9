"""The lessons' workloads as bare scripts: the same calls, in the same order, without the probe.

Each function here repeats what one lesson's ``main`` does with the same
parameters (the same spawn context, the same work, the same timings taken at
the same points) and returns the same figures as the lesson's verdict; only
the instrumentation is missing: no probe, no telemetry, no monitor, and the
workers import this small module instead of a lesson. ``observer_bench``
runs each one in a fresh interpreter, interleaved with the real lesson, and
divides the lesson's figure by the bare one: the cost of being watched.

Imports nothing of the app except ``desktop.lessons.workload`` (the CPU work
itself, pure Python), so a bare worker starts like any small script's.

The lesson's run process finds multiprocessing's resource tracker already
running (its parent's, started long before); a fresh bare interpreter starts
its own with its first Process or lock. So :func:`measure` starts it first and
waits until it has booted: otherwise the tracker's interpreter start-up runs
inside the bare's timed part (the first ``start()`` of gil-cpu-bound and
join-parallel launches it; threads-io-bound's Barrier launches it just before
its processes start) and makes the bare slower than the workload is.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time

from desktop.lessons.workload import burn, iterations_for

ctx = multiprocessing.get_context("spawn")
DONE = None


# ----------------------------------------------------------- gil-cpu-bound
def _compute(iterations: int) -> None:
    """The lesson's ``compute``: a worker's target is a function of this module, as the lesson's is of its own,
    so a bare worker imports its module as a lesson worker does."""
    burn(iterations)


def gil_cpu_bound(params: dict) -> dict:
    workers, iterations = params["workers"], iterations_for(params["work_seconds"])
    started = time.perf_counter()
    for _ in range(workers):
        burn(iterations)
    sequential = time.perf_counter() - started
    threads = [threading.Thread(target=_compute, args=(iterations,)) for _ in range(workers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    threaded = time.perf_counter() - started
    processes = [ctx.Process(target=_compute, args=(iterations,)) for _ in range(workers)]
    started = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    parallel = time.perf_counter() - started
    return {"speedup_threads": sequential / threaded, "speedup_processes": sequential / parallel}


# ------------------------------------------------------------ pool-speedup
def _warm_up(_: int) -> None:
    time.sleep(0.05)


def pool_speedup(params: dict) -> dict:
    sizes = [iterations_for(params["task_seconds"])] * params["tasks"]
    seconds = {}
    with ctx.Pool(params["workers"]) as pool:
        pool.map(_warm_up, range(params["workers"]), chunksize=1)
        for method in ("sequential", "apply", "apply_async", "map"):
            started = time.perf_counter()
            if method == "sequential":
                for n in sizes:
                    burn(n)
            elif method == "apply":
                [pool.apply(burn, (n,)) for n in sizes]
            elif method == "apply_async":
                [result.get() for result in [pool.apply_async(burn, (n,)) for n in sizes]]
            else:
                pool.map(burn, sizes, chunksize=params["chunksize"])
            seconds[method] = time.perf_counter() - started
    return {f"speedup_{m}": seconds["sequential"] / seconds[m] for m in ("apply", "apply_async", "map")}


# -------------------------------------------------------------------- pipe
def _echo(conn) -> None:
    while (message := conn.recv()) is not DONE:
        conn.send(message)
    conn.close()


def _pipe_sender(send_end, ready, go, count: int, payload: bytes) -> None:
    ready.set()
    go.wait()
    for _ in range(count):
        send_end.send(payload)
    send_end.send(DONE)
    send_end.close()


def _queue_sender(items, ready, go, count: int, payload: bytes) -> None:
    ready.set()
    go.wait()
    for _ in range(count):
        items.put(payload)
    items.put(DONE)


def _bulk(channel: str, count: int, payload: bytes) -> float:
    ready, go = ctx.Event(), ctx.Event()
    if channel == "pipe":
        receive_end, send_end = ctx.Pipe(duplex=False)
        sender = ctx.Process(target=_pipe_sender, args=(send_end, ready, go, count, payload))
        sender.start()
        send_end.close()
        receive = receive_end.recv
    else:
        items = ctx.Queue()
        sender = ctx.Process(target=_queue_sender, args=(items, ready, go, count, payload))
        sender.start()
        receive = items.get
    ready.wait()
    began = time.perf_counter()
    go.set()
    while receive() is not DONE:
        pass
    took = time.perf_counter() - began
    sender.join()
    return took


def pipe(params: dict) -> dict:
    import statistics  # here, not at the top: every bare worker imports this module

    here, there = ctx.Pipe()
    echoer = ctx.Process(target=_echo, args=(there,))
    echoer.start()
    there.close()
    here.send("warm-up")
    here.recv()
    round_trips = []
    for number in range(params["pings"]):
        began = time.perf_counter()
        here.send(number)
        here.recv()
        round_trips.append(time.perf_counter() - began)
    here.send(DONE)
    echoer.join()
    here.close()
    payload = b"x" * params["payload"]
    pipe_s = _bulk("pipe", params["messages"], payload)
    queue_s = _bulk("queue", params["messages"], payload)
    return {
        "round_trip_median_us": statistics.median(round_trips) * 1e6,
        "pipe_msgs_per_s": params["messages"] / pipe_s,
        "queue_msgs_per_s": params["messages"] / queue_s,
    }


# ------------------------------------------------------------ queue-basics
PAUSE_BETWEEN_TRIES = 0.01  # the lesson's: the feeder thread goes back to waiting before the next try


def _taker(items, go, delay: float) -> None:
    go.wait()
    time.sleep(delay)
    items.get()


def queue_basics(params: dict) -> dict:
    # Here, not at the top: every bare worker imports this module, and a lesson's worker imports queue only
    # when its lesson does (threads-io-bound's does not: a bare worker importing it would start slower).
    import queue

    items = ctx.Queue(maxsize=params["maxsize"])
    go = ctx.Event()
    helper = ctx.Process(target=_taker, args=(items, go, params["delay"]))
    helper.start()
    timeout = params["timeout"]
    for number in range(params["maxsize"]):
        items.put(number)
    items.full()
    for call in (lambda: items.put_nowait("x"), lambda: items.put("x", timeout=timeout)):
        try:
            call()
        except queue.Full:
            pass
    go.set()
    items.put("x")
    helper.join()
    for _ in range(params["maxsize"]):
        items.get()
    items.empty()
    for call in (items.get_nowait, lambda: items.get(timeout=timeout)):
        try:
            call()
        except queue.Empty:
            pass
    items.put("y")
    empty = items.empty()  # right after the put, nothing in between
    items.get()
    said_empty = 0  # the lesson's repeat_put_then_empty, without the probe's counting between tries
    for _ in range(params["tries"]):
        items.put("y")
        said_empty += items.empty()
        items.get()
        time.sleep(PAUSE_BETWEEN_TRIES)
    return {
        "empty_right_after_put": int(empty),
        "empty_after_put_tries": params["tries"],
        "empty_after_put_true": said_empty,
    }


# ----------------------------------------------------------- join-parallel
def _sleeper(seconds: float) -> None:
    """The lesson's ``sleeper``, from this module (see ``_compute``)."""
    time.sleep(seconds)


def join_parallel(params: dict) -> dict:
    low, high = sorted((params["shortest"], params["longest"]))
    count = params["children"]
    sleeps = [high] if count == 1 else [low + (high - low) / (count - 1) * i for i in range(count)]
    started = time.perf_counter()
    children = [ctx.Process(target=_sleeper, args=(seconds,)) for seconds in sleeps]
    for child in children:
        child.start()
    for child in children:
        child.join()
    wall_all = time.perf_counter() - started
    started = time.perf_counter()
    for seconds in sleeps:
        child = ctx.Process(target=_sleeper, args=(seconds,))
        child.start()
        child.join()
    return {"wall_all_then_join_s": wall_all, "wall_one_by_one_s": time.perf_counter() - started}


# -------------------------------------------------------- threads-io-bound
def _wait_at(barrier, seconds: float) -> None:
    barrier.wait()
    time.sleep(seconds)


def _thread_wait_at(barrier, seconds: float, arrivals: list) -> None:
    arrivals.append(time.perf_counter())  # the lesson's start-up ends at the last thread's arrival
    _wait_at(barrier, seconds)


def threads_io_bound(params: dict) -> dict:
    n, m, wait = params["threads"], params["processes"], params["wait"]
    all_started = threading.Barrier(n + 1)
    arrivals: list[float] = []
    threads = [threading.Thread(target=_thread_wait_at, args=(all_started, wait, arrivals)) for _ in range(n)]
    creating = time.perf_counter()
    for thread in threads:
        thread.start()
    all_started.wait()
    thread_start = max([*arrivals, creating]) - creating
    for thread in threads:
        thread.join()
    barrier = ctx.Barrier(m + 1)
    processes = [ctx.Process(target=_wait_at, args=(barrier, wait)) for _ in range(m)]
    creating = time.perf_counter()
    for process in processes:
        process.start()
    barrier.wait()
    process_start = time.perf_counter() - creating
    for process in processes:
        process.join()
    return {"thread_start_ms": 1000 * thread_start / n, "process_start_ms": 1000 * process_start / m}


# -------------------------------------------------------------- dummy-pool
def _cpu_task(job: tuple[int, int]) -> tuple[int, int]:
    index, iterations = job
    return index, burn(iterations)


def _io_task(job: tuple[int, float]) -> tuple[int, int]:
    index, seconds = job
    time.sleep(seconds)
    return index, index * index


def _identity(_: int) -> tuple[int, int]:
    time.sleep(0.03)  # the lesson's WARM_UP_TASK_S
    return os.getpid(), threading.get_ident()


def _batches(pool, params: dict, iterations: int) -> tuple[float, float]:
    seen: set[tuple[int, int]] = set()
    while len(seen) < params["workers"]:  # every worker started, as the lesson's start_every_worker
        seen.update(pool.map(_identity, range(params["workers"])))
    ready = time.perf_counter()
    pool.map(_cpu_task, [(i, iterations) for i in range(params["cpu_tasks"])], chunksize=1)
    cpu_done = time.perf_counter()
    pool.map(_io_task, [(i, params["io_seconds"]) for i in range(params["io_tasks"])], chunksize=1)
    return cpu_done - ready, time.perf_counter() - cpu_done


def dummy_pool(params: dict) -> dict:
    from multiprocessing import dummy

    iterations = iterations_for(params["cpu_seconds"])
    with dummy.Pool(params["workers"]) as pool:
        thread_cpu, thread_io = _batches(pool, params, iterations)
    with ctx.Pool(params["workers"]) as pool:
        process_cpu, _ = _batches(pool, params, iterations)
    return {
        "thread_cpu_s": thread_cpu,
        "process_cpu_s": process_cpu,
        "thread_io_s": thread_io,
        "iterations": iterations,
    }


# ------------------------------------------------------ shared-value-array
def _add_one(total) -> None:
    with total.get_lock():
        total.value += 1


def _add(index: int, total, own_counts, start_together, increments: int, use_lock: bool) -> None:
    start_together.wait()
    for _ in range(increments):
        own_counts[index] += 1
        if use_lock:
            with total.get_lock():  # the lesson's RLock, taken again by its helper
                _add_one(total)
        else:
            total.value += 1


def shared_value_array(params: dict) -> dict:
    total = ctx.Value("i", 0)
    own_counts = ctx.Array("d", params["workers"], lock=False)
    start_together = ctx.Barrier(params["workers"] + 1)
    workers = [
        ctx.Process(target=_add, args=(index, total, own_counts, start_together, params["increments"], params["lock"]))
        for index in range(params["workers"])
    ]
    for process in workers:
        process.start()
    start_together.wait()
    began = time.perf_counter()
    for process in workers:
        process.join()
    wall = time.perf_counter() - began
    return {"wall_s": wall, "lost_updates": params["workers"] * params["increments"] - total.value}


BARE = {
    "gil-cpu-bound": gil_cpu_bound,
    "pool-speedup": pool_speedup,
    "pipe": pipe,
    "queue-basics": queue_basics,
    "join-parallel": join_parallel,
    "threads-io-bound": threads_io_bound,
    "dummy-pool": dummy_pool,
    "shared-value-array": shared_value_array,
}


def tracker_started(settle: float = 0.01, timeout: float = 2.0) -> None:
    """Start multiprocessing's resource tracker and return once it has booted and waits for work.

    Booted: asleep, with the same CPU time two looks ``settle`` apart (read
    from /proc; elsewhere a fixed wait stands in for the look).
    """
    if os.name != "posix":
        return  # no resource tracker process on Windows
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    stat = f"/proc/{resource_tracker._resource_tracker._pid}/stat"
    last = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(stat, encoding="ascii") as file:
                fields = file.read().rsplit(")", 1)[1].split()
        except OSError:  # no /proc (macOS): give it the time a Python start takes
            time.sleep(0.2)
            return
        now = (fields[0], fields[11], fields[12])  # state, user and system clock ticks
        if now[0] == "S" and now == last:
            return
        last = now
        time.sleep(settle)


def measure(options: dict) -> dict:
    """One bare run of ``options['lesson']`` with ``options['params']`` (bench.py's fresh-process protocol)."""
    tracker_started()  # as the lesson's run process finds it: see the module docstring
    return BARE[options["lesson"]](options["params"])
