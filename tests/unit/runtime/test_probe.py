"""The probe, the lessons' one API, with real spawned processes writing to a real pipe.

Each test spawns a child that reports through a :class:`Probe`, reads the
pipe as the runtime does (:class:`FrameReader` + :class:`FrameAssembler`)
and checks the decoded events: what each call sends, in order, with the
child's pid, the source line of a state, and the hello a process says first.
"""

from __future__ import annotations

import inspect
import multiprocessing
import os
import time

import pytest

from desktop.model.events import COUNT, ERROR, GOT, HELLO, LOG, PHASE, PUT, QUEUE, STATE, Event, State
from desktop.runtime import probe as probe_module
from desktop.runtime import telemetry
from desktop.runtime.probe import Probe
from tests.unit.runtime import probe_workers

ctx = multiprocessing.get_context("spawn")
READ_TIMEOUT = 60.0  # seconds: generous for a loaded machine; a healthy child ends in well under one


def run_child(target, *args) -> tuple[list[Event], list[bool], multiprocessing.process.BaseProcess]:
    """Spawn ``target(probe, *args)`` and read the pipe to its end.

    Returns:
        the events, whether each batch was flagged as control, and the finished process.
    """
    reader, writer = ctx.Pipe(duplex=False)
    child = ctx.Process(target=target, args=(Probe(writer), *args), name="probed")
    child.start()
    writer.close()  # the child holds the only writer: end of file when it exits
    frames = telemetry.FrameReader(reader)
    assembler = telemetry.FrameAssembler()
    events: list[Event] = []
    controls: list[bool] = []
    deadline = time.monotonic() + READ_TIMEOUT
    try:
        while time.monotonic() < deadline:
            if not reader.poll(0.1):
                continue
            try:
                received = frames.read()
            except EOFError:
                break
            for frame in received:
                batch, control = assembler.add(frame)
                if batch:
                    events += batch
                    controls.append(control)
        else:
            raise AssertionError("the child never closed its end of the pipe")
    finally:
        reader.close()
        child.join(10)
    assert assembler.incomplete_senders == []
    return events, controls, child


def line_of(function, text: str) -> int:
    """The line number of the first line of ``function`` that contains ``text``."""
    lines, first = inspect.getsourcelines(function)
    return first + next(index for index, line in enumerate(lines) if text in line)


def test_every_call_arrives_decoded_in_order_from_the_child():
    before = time.perf_counter()
    events, _, child = run_child(probe_workers.report_everything)
    after = time.perf_counter()
    assert child.exitcode == 0
    assert [(e.kind, e.name) for e in events] == [
        (HELLO, ""),
        (STATE, State.RUNNING),
        (LOG, ""),
        (COUNT, "done"),
        (QUEUE, "q"),
        (PUT, "q"),
        (GOT, "q"),
        (PHASE, "second"),
        (STATE, State.FINISHED),
    ]
    assert {e.pid for e in events} == {child.pid}
    assert {e.worker for e in events} == {"probed"}
    by_kind = {e.kind: e for e in events}
    assert by_kind[LOG].value == "hello from the child"
    assert by_kind[COUNT].value == 2
    assert by_kind[QUEUE].value == 3  # the queue's maxsize
    assert by_kind[PUT].value == by_kind[GOT].value == 1
    # One clock for every process: the child's stamps fall inside the parent's bracket, in order.
    times = [e.t for e in events]
    assert times == sorted(times)
    assert before < times[0] and times[-1] < after


def test_the_hello_says_who_started_the_process_and_that_qt_is_absent():
    events, controls, child = run_child(probe_workers.report_everything)
    hello = events[0]
    assert hello.kind == HELLO and hello.pid == child.pid
    assert hello.value["ppid"] == os.getpid()
    assert hello.value["start_method"] == "spawn"
    assert hello.value["qt_loaded"] is False
    assert controls[0] is True  # the hello travels alone, flagged for the parent to act on


def test_a_state_carries_the_module_and_line_it_was_reported_from():
    events, _, _ = run_child(probe_workers.report_everything)
    running = next(e for e in events if e.kind == STATE and e.name == State.RUNNING)
    assert running.value == probe_workers.WORKING_DETAIL
    expected = line_of(probe_workers.report_everything, "State.RUNNING")
    assert tuple(running.where) == (probe_workers.__name__, expected)
    assert all(e.where is None for e in events if e.kind != STATE)


def test_a_state_reported_after_the_fact_carries_the_time_it_began_its_thread_and_its_line():
    events, _, _ = run_child(probe_workers.report_a_wait_after_the_fact)
    waited = next(e for e in events if e.kind == STATE and e.name == State.WAITING_BARRIER)
    after = next(e for e in events if e.kind == STATE and e.name == State.SLEEPING)
    arrived = float(next(e for e in events if e.kind == LOG).value)
    assert waited.t == arrived and waited.t < after.t - 0.005  # dated when the wait began, not when reported
    assert waited.worker == after.worker == "probed/io-1"
    expected = line_of(probe_workers.report_a_wait_after_the_fact, "at=arrived")
    assert tuple(waited.where) == (probe_workers.__name__, expected)


def test_a_first_report_after_the_fact_dates_the_hello_then_too():
    # threads-io-bound's processes report their start barrier once it is over: the lane starts at the wait.
    events, _, _ = run_child(probe_workers.report_a_wait_first_after_the_fact)
    hello, waited = events[0], next(e for e in events if e.kind == STATE)
    arrived = float(next(e for e in events if e.kind == LOG).value)
    assert hello.kind == HELLO
    assert hello.t == waited.t == arrived


def test_a_lesson_s_words_arrive_in_english_and_chinese():
    events, _, _ = run_child(probe_workers.report_in_two_languages)
    said = [(e.kind, e.name, e.value) for e in events if e.kind != HELLO]
    assert said == [
        (STATE, State.SLEEPING, {"en": "paying", "zh": "付款中"}),
        (STATE, State.SLEEPING, {"en": "paying", "zh": "付款中"}),
        (PHASE, "threads", {"en": "threads", "zh": "线程"}),  # the name stays English: verdicts look it up
        (LOG, "", {"en": "bought a ticket", "zh": "买到一张票"}),
        (STATE, State.FINISHED, ""),
    ]


def test_many_events_travel_in_frames_and_batches_and_none_is_lost():
    count = 5000  # several batches of BATCH_SIZE, each cut into several PIPE_BUF frames
    events, controls, child = run_child(probe_workers.log_many, count)
    assert child.exitcode == 0
    assert events[0].kind == HELLO  # the first event of an unattached probe starts it: hello first
    lines = [e.value for e in events if e.kind == LOG]
    assert [line.split()[1] for line in lines] == [f"{index:06d}" for index in range(count)]
    assert len(controls) >= count // probe_module.BATCH_SIZE
    assert not any(controls[1:])  # log lines are routine: only the hello batch is control


def test_an_uncaught_exception_in_the_child_becomes_a_failed_state_and_an_error():
    events, _, child = run_child(probe_workers.raise_uncaught)
    assert child.exitcode == 1
    failed = [e for e in events if e.kind == STATE and e.name == State.FAILED]
    errors = [e for e in events if e.kind == ERROR]
    assert len(failed) == 1 and failed[0].value == "ValueError: boom from the child"
    assert len(errors) == 1 and errors[0].name == "ValueError"
    assert errors[0].value.startswith("Traceback (most recent call last):")
    assert "raise_uncaught" in errors[0].value and errors[0].value.endswith("ValueError: boom from the child")


def test_without_an_attached_probe_current_probe_says_how_to_get_one():
    with pytest.raises(RuntimeError, match=r"initializer=probe\.attach"):
        probe_module.current_probe()


def test_threads_that_raise_at_once_each_report_their_whole_traceback():
    # Issue 15 item 12: 550 threads of threads-io-bound raised together; the stderr tee they share
    # mixed their lines ("Exception in thread io-44Exception in thread io-94:") and raised TypeError.
    count = 200
    events, _, child = run_child(probe_workers.threads_raise_at_once, count)
    assert child.exitcode == 0  # an uncaught exception in a thread does not end the process
    errors = [e for e in events if e.kind == ERROR]
    assert sorted(e.value.splitlines()[-1] for e in errors) == sorted(f"ValueError: boom {i}" for i in range(count))
    for error in errors:
        lines = error.value.splitlines()
        assert lines[0] == "Traceback (most recent call last):" and sum("Traceback" in line for line in lines) == 1
        assert sum(line.startswith("ValueError") for line in lines) == 1, error.value
    headers = [e.value for e in events if e.kind == LOG and "Exception in thread" in e.value]
    assert sorted(headers) == sorted(f"stderr: Exception in thread io-{i}:" for i in range(count))


def test_an_event_left_in_the_buffer_wakes_the_sleeping_flusher():
    # The flusher sleeps while nothing is buffered (it runs inside the process a lesson measures);
    # an event emitted within FLUSH_INTERVAL of the last send is left to it, and it must wake up for it.
    reader, writer = ctx.Pipe(duplex=False)
    release = ctx.Event()
    child = ctx.Process(target=probe_workers.log_while_the_flusher_sleeps, args=(Probe(writer), release))
    child.start()
    writer.close()
    frames, assembler, logs = telemetry.FrameReader(reader), telemetry.FrameAssembler(), []
    deadline = time.monotonic() + READ_TIMEOUT
    try:
        while "left for the flusher" not in logs and time.monotonic() < deadline:
            if reader.poll(0.1):
                for frame in frames.read():
                    batch, _ = assembler.add(frame)
                    logs += [e.value for e in batch or [] if e.kind == LOG]
        assert "left for the flusher" in logs, "the line waited in the buffer: the flusher never woke up"
        assert child.is_alive()  # sent while the child waits, not by its exit flush
    finally:
        release.set()
        child.join(10)
        reader.close()
    assert child.exitcode == 0


def test_a_flush_hook_added_while_the_flusher_sleeps_runs_without_another_event():
    # A script's first queue get adds the watch that shows it waiting as a flush hook; the flusher, asleep
    # without a timeout until then, must start ticking for it (the event starter's get went unshown 2 runs in 5).
    reader, writer = ctx.Pipe(duplex=False)
    ran, release = ctx.Event(), ctx.Event()
    child = ctx.Process(target=probe_workers.add_a_hook_while_the_flusher_sleeps, args=(Probe(writer), ran, release))
    child.start()
    writer.close()
    try:
        assert ran.wait(READ_TIMEOUT), "the hook never ran: the flusher slept on"
        assert child.is_alive()  # run by a tick while the child waits, not by its exit flush
    finally:
        release.set()
        child.join(10)
        reader.close()
    assert child.exitcode == 0
