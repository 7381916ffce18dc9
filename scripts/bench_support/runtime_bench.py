"""Qt-free measurements: telemetry throughput end to end, and the sampler's own CPU cost.

Each function runs in the measuring process (bench.py starts a fresh one) and
returns plain numbers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

FLOOD_POLL_INTERVAL = 0.033  # what the GUI's bridge does: take_new_events at ~30 Hz


def telemetry_throughput(events: int, workers: int, repeat: int) -> dict:
    """Events per second from the first flood event's emission to the last one's arrival in the GUI's hands.

    The receiving side is the GUI's: ``Run.take_new_events`` polled every
    :data:`FLOOD_POLL_INTERVAL`, so every event crossed probe buffer, frames,
    pipe, assembler and the run's pending list.
    """
    from bench_support import flood_lesson
    from desktop.runtime.run import Run

    lesson = flood_lesson.LESSON
    rates, received_counts = [], []
    for _ in range(repeat):
        run = Run(lesson, lesson.parse_params({"workers": workers, "events": events, "rate": 0.0}))
        run.start()
        received, first_t, last_arrival = 0, None, None
        while received < events and not run.finished:
            time.sleep(FLOOD_POLL_INTERVAL)
            batch = run.take_new_events()
            now = time.perf_counter()
            counted = [event for event in batch if event.kind == "count"]
            if counted:
                if first_t is None:
                    first_t = min(event.t for event in counted)
                received += len(counted)
                last_arrival = now
        run.wait(60)
        if run.record.status != "passed" or received != events:
            raise RuntimeError(f"flood run {run.record.status}, {received}/{events} events: {run.record.error}")
        rates.append(received / (last_arrival - first_t))
        received_counts.append(received)
    return {"events_per_s": rates, "events_per_run": received_counts[0], "workers": workers}


def stop_latency(repeat: int, after: float = 0.2) -> list[float]:
    """Seconds from ``Run.stop()`` to the run's end, stopped ``after`` s in, while it spawns its workers.

    ticket-lock with its defaults (10 buyer processes): at 0.2 s the buyers are
    starting, the moment a Stop has the most processes to end.
    """
    from desktop.lessons import catalog
    from desktop.runtime.run import Run

    lesson = catalog.load("ticket-lock")
    seconds = []
    for _ in range(repeat):
        run = Run(lesson, lesson.parse_params({}))
        run.start()
        time.sleep(after)
        stopped = time.perf_counter()
        run.stop()
        if not run.wait(30):
            raise RuntimeError("a stopped ticket-lock run did not end within 30 s")
        seconds.append(time.perf_counter() - stopped)
    return seconds


def per_event_cost(events: int = 200_000) -> dict:
    """CPU microseconds per event on each side of the pipe, in one process (no pipe, no contention).

    With C cores the end-to-end rate cannot exceed C / (emit + receive): the
    ceiling a flood can reach on this machine, whatever the pipe does.
    """
    from desktop.runtime import telemetry
    from desktop.runtime.probe import Probe

    class CollectingWriter:
        def __init__(self) -> None:
            self.frames: list[bytes] = []

        def send_bytes(self, frame: bytes) -> None:
            self.frames.append(frame)

    writer = CollectingWriter()
    probe = Probe(writer)
    probe.count("warm-up")
    probe.flush()
    writer.frames.clear()
    started = time.thread_time()
    for _ in range(events):
        probe.count("n")
    probe.flush()
    emit = time.thread_time() - started
    assembler = telemetry.FrameAssembler()
    started = time.thread_time()
    received = sum(len(assembler.add(frame)[0]) for frame in writer.frames)
    receive = time.thread_time() - started
    return {"emit_us": emit / events * 1e6, "receive_us": receive / received * 1e6}


def sampler_cpu(children: int, seconds: float) -> float:
    """CPU time of the sampler thread per wall second (fraction of one core) while watching ``children`` pids.

    Read with ``time.thread_time()`` on the sampler thread itself (a listener
    runs there), so nothing else in this process is counted.
    """
    from desktop.monitor.sampler import Sampler

    sleepers = [
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], stdin=subprocess.DEVNULL)
        for _ in range(children)
    ]
    try:
        sampler = Sampler()
        readings: list[tuple[float, float]] = []
        lock = threading.Lock()

        def on_sample(_sample) -> None:
            with lock:
                readings.append((time.perf_counter(), time.thread_time()))

        sampler.start()
        for child in sleepers:
            sampler.watch(child.pid)
        time.sleep(1.0)  # let the first samples (and the children's start-up) pass
        sampler.add_listener(on_sample)
        time.sleep(seconds)
        sampler.remove_listener(on_sample)
        sampler.stop()
        with lock:
            (wall0, cpu0), (wall1, cpu1) = readings[0], readings[-1]
        return (cpu1 - cpu0) / (wall1 - wall0)
    finally:
        for child in sleepers:
            child.kill()
        for child in sleepers:
            child.wait()


def proc_read_floor(children: int, rounds: int = 50) -> float | None:
    """Linux: CPU per wall second (fraction of one core) of only reading ``/proc/<pid>/stat`` of
    ``children`` processes 10 times a second: the least any per-process sampler at 10 Hz pays."""
    if not sys.platform.startswith("linux"):
        return None
    sleepers = [
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], stdin=subprocess.DEVNULL)
        for _ in range(children)
    ]
    try:
        time.sleep(0.5)
        paths = [f"/proc/{child.pid}/stat" for child in sleepers]
        started = time.thread_time()
        for _ in range(rounds):
            for path in paths:  # as the sampler reads it (desktop/monitor/sampler.py)
                stat = os.open(path, os.O_RDONLY)
                os.read(stat, 4096)
                os.close(stat)
        return (time.thread_time() - started) / rounds * 10
    finally:
        for child in sleepers:
            child.kill()
        for child in sleepers:
            child.wait()


def measure(options: dict) -> dict:
    results = {
        "telemetry": telemetry_throughput(options["flood_events"], options["flood_workers"], options["repeat"]),
        "per_event": [per_event_cost() for _ in range(3)],
        "stop_s": stop_latency(options["repeat"]),
        "sampler": {},
    }
    results["proc_read_floor"] = {}
    for children in options["sampler_children"]:
        results["sampler"][str(children)] = [
            sampler_cpu(children, options["sampler_seconds"]) for _ in range(options["sampler_repeat"])
        ]
        floor = [proc_read_floor(children) for _ in range(options["sampler_repeat"])]
        if floor[0] is not None:
            results["proc_read_floor"][str(children)] = floor
    return results
