"""The sampler measures real processes: a spinning child shows the CPU it really got, a sleeping one about none.

Other programs may be busy while these tests run, so a spinning child is not
expected to get a whole core: its reading is checked against the kernel's own
count of its CPU time, and against the cores the other programs left it.
"""

from __future__ import annotations

import subprocess
import sys
import time

import psutil

from desktop.monitor.sampler import Sample, Sampler

SPIN = [sys.executable, "-c", "while True: pass"]
SLEEP = [sys.executable, "-c", "import time; time.sleep(60)"]


def cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def sample_for(sampler: Sampler, seconds: float, *pids: int) -> tuple[list[Sample], dict[int, float]]:
    """Samples taken during the next ``seconds``, and each pid's true CPU share over them (100 = one core)."""
    _, taken = sampler.samples_since(0)
    before = {pid: cpu_seconds(pid) for pid in pids}
    started = time.perf_counter()
    time.sleep(seconds)
    shares = {pid: (cpu_seconds(pid) - before[pid]) / (time.perf_counter() - started) * 100 for pid in pids}
    samples, _ = sampler.samples_since(taken)
    return samples, shares


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)


def wait_until_started(*pids: int) -> None:
    """Both interpreters past their start-up (the spinner has used some CPU)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and cpu_seconds(pids[0]) < 0.1:
        time.sleep(0.05)


def test_a_busy_child_reads_as_the_cpu_it_got_and_an_idle_child_as_none():
    busy = subprocess.Popen(SPIN)
    idle = subprocess.Popen(SLEEP)
    sampler = Sampler(interval=0.1)
    try:
        sampler.start()
        sampler.watch(busy.pid)
        sampler.watch(idle.pid)
        wait_until_started(busy.pid, idle.pid)
        samples, true_share = sample_for(sampler, 1.5, busy.pid, idle.pid)
        samples = [s for s in samples if busy.pid in s.processes]
        assert len(samples) >= 5, "no samples of the children"
        busy_cpu = mean(s.processes[busy.pid][0] for s in samples)
        idle_cpu = mean(s.processes[idle.pid][0] for s in samples)
        # What the kernel counted for the spinner over (nearly) the same interval.
        assert abs(busy_cpu - true_share[busy.pid]) < 15, (busy_cpu, true_share)
        # About a whole core when other programs leave one free (judged by the load measured). On a
        # saturated machine the spinner gets a scheduler's share of it, which the kernel check above covers.
        cores = len(samples[0].per_core)
        left = cores - mean(s.background_cores for s in samples)
        if left >= min(1.5, cores - 0.1):
            assert busy_cpu > 50, (busy_cpu, left)
        assert idle_cpu < 5
        assert all(len(s.per_core) == psutil.cpu_count() for s in samples)
        assert all(s.processes[busy.pid][1] > 1_000_000 for s in samples)  # RSS in bytes
    finally:
        sampler.stop()
        for child in (busy, idle):
            child.kill()
            child.wait()


def test_an_unwatched_spinner_counts_as_another_program_and_a_watched_one_does_not():
    watched, unwatched = subprocess.Popen(SPIN), subprocess.Popen(SPIN)
    sampler = Sampler(interval=0.1)
    try:
        sampler.start()
        sampler.watch(watched.pid)
        wait_until_started(watched.pid)
        wait_until_started(unwatched.pid)
        samples, true_share = sample_for(sampler, 1.5, watched.pid, unwatched.pid)
        samples = [s for s in samples if watched.pid in s.processes]
        assert len(samples) >= 5
        background = mean(s.background_cores for s in samples) * 100
        machine = mean(sum(s.per_core) for s in samples)
        # Everything the unwatched spinner got is someone else's load (tolerance: sampling edges).
        assert background > true_share[unwatched.pid] - 15, (background, true_share)
        # The watched one is the run's own: never in the background.
        assert background < machine - true_share[watched.pid] + 15, (background, machine, true_share)
    finally:
        sampler.stop()
        for child in (watched, unwatched):
            child.kill()
            child.wait()


def test_the_app_itself_is_not_another_program():
    sampler = Sampler(interval=0.1)
    try:
        sampler.start()
        _, taken = sampler.samples_since(0)
        cpu_before, started = time.process_time(), time.perf_counter()
        stop = started + 1.5
        while time.perf_counter() < stop:  # this process spins: the app, not another program
            pass
        own = (time.process_time() - cpu_before) / (time.perf_counter() - started) * 100
        samples, _ = sampler.samples_since(taken)
        # Samples whose whole interval lies inside the spin (the sampler thread may fall behind under load).
        inside = [s for s, previous in zip(samples[1:], samples, strict=False) if previous.t >= started and s.t <= stop]
        assert len(inside) >= 3, len(inside)
        assert abs(mean(s.app_cpu for s in inside) - own) < 20, ([round(s.app_cpu) for s in inside], own)
    finally:
        sampler.stop()


def test_cpu_a_process_used_before_it_was_watched_is_reported_once():
    busy = subprocess.Popen(SPIN)
    sampler = Sampler(interval=0.1)
    try:
        sampler.start()
        wait_until_started(busy.pid)
        _, taken = sampler.samples_since(0)
        before = cpu_seconds(busy.pid)
        sampler.watch(busy.pid)
        sampler.watch(busy.pid)  # watching again adds nothing
        after = cpu_seconds(busy.pid)
        samples: list[Sample] = []
        deadline = time.monotonic() + 10
        while len(samples) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
            samples, _ = sampler.samples_since(taken)
        unseen = [s.unseen_cpu for s in samples]
        assert before <= sum(unseen) <= after, (before, unseen, after)
        assert sum(1 for u in unseen if u) == 1
    finally:
        sampler.stop()
        busy.kill()
        busy.wait()


def test_processes_that_exit_are_dropped():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    sampler = Sampler(interval=0.05)
    sampler.start()
    try:
        sampler.watch(child.pid)
        child.wait()
        time.sleep(0.3)  # a few sampling periods for the sampler to notice
        latest = sampler.latest()
        assert latest is not None and child.pid not in latest.processes
    finally:
        sampler.stop()
