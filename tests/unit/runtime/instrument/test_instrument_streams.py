"""stdout and stderr as log events: lines, tracebacks, and a flood kept to its first and last parts."""

from __future__ import annotations

import pytest

from desktop.runtime.instrument import report, streams
from desktop.runtime.telemetry import COUNT, ERROR, LOG, STATE


class RecordingProbe:
    """Stands in for the pipe: keeps what instrumentation emits (the stream logic is under test, not the pipe)."""

    def __init__(self):
        self.events = []

    def _emit(self, kind, name, value, where=None, control=False):
        self.events.append((kind, name, value))

    def count(self, name, delta):
        self.events.append((COUNT, name, delta))

    def flush(self):
        pass


@pytest.fixture
def probe():
    recording = RecordingProbe()
    report.use(recording)
    yield recording
    report.use(None)


def logs(probe, stream):
    return [value for kind, name, value in probe.events if kind == LOG and name == stream]


def test_lines_become_log_events_and_partial_lines_wait(probe):
    out = streams.LineStream(report.STDOUT)
    out.write("one\ntw")
    assert logs(probe, "stdout") == ["one"]
    out.write("o\n")
    out.write("three")
    out.close_run()
    assert logs(probe, "stdout") == ["one", "two", "three"]


def test_a_traceback_on_stderr_is_one_error_with_its_type(probe):
    err = streams.LineStream(report.STDERR)
    err.write(
        "Process Process-1:\nTraceback (most recent call last):\n"
        '  File "/tmp/s.py", line 3, in work\n    1 / 0\nZeroDivisionError: division by zero\n'
    )
    err.flush()
    errors = [(name, value) for kind, name, value in probe.events if kind == ERROR]
    assert len(errors) == 1
    assert errors[0][0] == "ZeroDivisionError"
    assert errors[0][1].endswith("ZeroDivisionError: division by zero")
    assert (STATE, report.FAILED, "ZeroDivisionError: division by zero") in probe.events


def test_a_chained_traceback_and_a_multi_line_message_stay_one_error(probe):
    err = streams.LineStream(report.STDERR)
    err.write(
        "Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\nKeyError: 'x'\n\n"
        "During handling of the above exception, another exception occurred:\n\n"
        'Traceback (most recent call last):\n  File "a.py", line 3, in <module>\nRuntimeError: \n'
        "        first line\n        second line\n"
    )
    err.close_run()
    errors = [(name, value) for kind, name, value in probe.events if kind == ERROR]
    assert len(errors) == 1
    assert errors[0][0] == "RuntimeError"
    assert "KeyError: 'x'" in errors[0][1]
    assert streams.exception_line(errors[0][1].splitlines()) == ("RuntimeError", "first line second line")


def test_a_flood_keeps_the_first_and_last_lines_and_says_what_it_dropped(probe):
    out = streams.LineStream(report.STDOUT)
    total = streams.FIRST_LINES + 5000
    for i in range(total):
        out.write(f"line {i}\n")
    out.close_run()
    kept = logs(probe, "stdout")
    assert kept[: streams.FIRST_LINES] == [f"line {i}" for i in range(streams.FIRST_LINES)]
    assert kept[streams.FIRST_LINES :] == [f"line {i}" for i in range(total - streams.LAST_LINES, total)]
    dropped = total - streams.FIRST_LINES - streams.LAST_LINES
    notes = logs(probe, report.NOTE)
    assert notes and f"{dropped:,} lines" in notes[0]
    assert (COUNT, f"stdout {streams.DROPPED_COUNTER}", dropped) in probe.events


def test_a_huge_line_is_cut(probe):
    out = streams.LineStream(report.STDOUT)
    out.write("y" * (streams.MAX_LINE + 10) + "\n")
    (line,) = logs(probe, "stdout")
    assert line.startswith("y" * streams.MAX_LINE)
    assert line.endswith("(10 more characters)")


def test_writing_bytes_is_a_type_error_as_in_python(probe):
    with pytest.raises(TypeError):
        streams.LineStream(report.STDOUT).write(b"bytes")


def test_bytes_written_to_the_buffer_become_lines_too(probe):
    out = streams.LineStream(report.STDOUT)
    out.buffer.write("naïve\n".encode())
    out.reconfigure(line_buffering=True)
    assert logs(probe, "stdout") == ["naïve"]


def test_threads_printing_tracebacks_at_once_give_whole_errors(probe):
    import threading

    err = streams.LineStream(report.STDERR)
    lines = {
        name: [
            f"Exception in thread {name}:\n",
            "Traceback (most recent call last):\n",
            f'  File "/tmp/s.py", line {n}, in {name}\n',
            f"ValueError: from {name}\n",
        ]
        for n, name in ((3, "first"), (7, "second"))
    }
    turn = {"first": threading.Event(), "second": threading.Event()}

    def write(name, other):
        for line in lines[name]:
            turn[name].wait()
            turn[name].clear()
            err.write(line)
            turn[other].set()
        err.flush()

    threads = [threading.Thread(target=write, args=pair) for pair in (("first", "second"), ("second", "first"))]
    for t in threads:
        t.start()
    turn["first"].set()  # the lines alternate: first, second, first, second...
    for t in threads:
        t.join()
    errors = sorted(value for kind, name, value in probe.events if kind == ERROR)
    assert len(errors) == 2
    assert errors[0].endswith("ValueError: from first") and "line 3" in errors[0] and "second" not in errors[0]
    assert errors[1].endswith("ValueError: from second") and "line 7" in errors[1] and "first" not in errors[1]
