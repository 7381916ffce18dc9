"""Spawn targets for tests/unit/runtime/test_probe.py: real processes that report through a probe.

They live in their own module (not the test module) so that a spawned child
imports only this and the probe, as a lesson's worker does.
"""

from __future__ import annotations

from desktop.runtime.probe import Probe, State

WORKING_DETAIL = "working on it"


def report_everything(probe: Probe) -> None:
    """Use every reporting call once, in a known order."""
    probe.attach()
    probe.state(State.RUNNING, WORKING_DETAIL)
    probe.log("hello from the child")
    probe.count("done", 2)
    probe.queue_created("q", 3)
    probe.put("q")
    probe.got("q")
    probe.phase("second")
    probe.state(State.FINISHED)
    probe.flush()


def report_in_two_languages(probe: Probe) -> None:
    """A lesson's words in English and Chinese: a state's detail (twice), a phase, a line."""
    probe.attach()
    for _ in range(2):
        probe.state(State.SLEEPING, "paying", zh="付款中")
    probe.phase("threads", zh="线程")
    probe.log("bought a ticket", zh="买到一张票")
    probe.state(State.FINISHED)
    probe.flush()


def log_many(probe: Probe, count: int) -> None:
    """More events than fit one batch or one frame; never attached: the first event starts the probe."""
    for index in range(count):
        probe.log(f"line {index:06d} " + "x" * 80)
    probe.flush()


def raise_uncaught(probe: Probe) -> None:
    """Die of an exception nobody catches: multiprocessing prints it to stderr, the probe reports it."""
    probe.attach()
    probe.state(State.RUNNING, "about to fail")
    raise ValueError("boom from the child")


def threads_raise_at_once(probe: Probe, count: int) -> None:
    """``count`` threads raise at the same moment: their tracebacks reach the shared stderr together."""
    import threading

    probe.attach()
    barrier = threading.Barrier(count)

    def fail(index: int) -> None:
        barrier.wait()
        raise ValueError(f"boom {index}")

    threads = [threading.Thread(target=fail, args=(i,), name=f"io-{i}") for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    probe.flush()


def report_a_wait_after_the_fact(probe: Probe) -> None:
    """A thread reports the wait it began at ``arrived`` once the wait is over (``at=``), then logs ``arrived``."""
    import threading
    import time

    probe.attach()

    def wait_then_report() -> None:
        arrived = time.perf_counter()
        time.sleep(0.01)  # the wait; nothing reported before it
        probe.state(State.WAITING_BARRIER, "start barrier", at=arrived)
        probe.state(State.SLEEPING, "after the barrier")
        probe.log(repr(arrived))

    thread = threading.Thread(target=wait_then_report, name="io-1")
    thread.start()
    thread.join()
    probe.flush()


def log_while_the_flusher_sleeps(probe: Probe, release) -> None:
    """Log one line the flusher must send (the flusher asleep, the last send just now), then wait for ``release``."""
    import time

    probe.attach()
    while not probe._flusher_asleep:  # nothing buffered: the flusher goes to sleep without a timeout
        time.sleep(0.001)
    probe.flush()  # a send just now: the next event is left in the buffer for the flusher
    probe.log("left for the flusher")
    release.wait()  # the test sets it once the line has arrived: only the flusher can have sent it


def add_a_hook_while_the_flusher_sleeps(probe: Probe, ran, release) -> None:
    """Add a flush hook that sets ``ran`` once the flusher sleeps without a timeout, then wait for ``release``."""
    import time

    probe.attach()
    while not probe._flusher_asleep:
        time.sleep(0.001)
    probe.add_flush_hook(ran.set)  # a script's first queue get adds its watch so, mid-run
    release.wait()  # the test sets it once the hook has run: only the flusher's ticks can have run it


def report_a_wait_first_after_the_fact(probe: Probe) -> None:
    """The process's first report is a wait dated when it began (``at=``), then it logs that time."""
    import time

    arrived = time.perf_counter()
    time.sleep(0.01)  # the wait; nothing reported before it, not even the hello
    probe.state(State.WAITING_BARRIER, "start barrier", at=arrived)
    probe.log(repr(arrived))
