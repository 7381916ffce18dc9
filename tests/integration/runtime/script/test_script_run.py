"""Safety and bad input for script runs: caps while running, Stop, timeouts, input(), floods, refusals."""

from __future__ import annotations

import time

import pytest

from desktop.runtime.caps import Caps
from desktop.runtime.process_tree import descendants
from desktop.runtime.script.script_run import ScriptRun
from desktop.runtime.script.source import ScriptProblem
from desktop.runtime.telemetry import HELLO, LOG
from tests.integration.runtime.script.conftest import events_of

FORK_BOMB = """
import time
from multiprocessing import Process

def f():
    time.sleep(60)

if __name__ == "__main__":
    while True:
        Process(target=f).start()
"""


def test_a_fork_bomb_is_stopped_naming_the_cap_and_leaves_nothing(run_text):
    _, summary = run_text(FORK_BOMB, caps=Caps(max_processes=6))
    assert summary["status"] == "stopped"
    assert "the cap is 6 processes" in summary["stopped_because"]
    assert descendants() == []


def test_a_thread_bomb_is_stopped_naming_the_thread_cap(run_text):
    _, summary = run_text(
        """
        import threading, time
        while True:
            threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
        """,
        caps=Caps(max_threads=60),
    )
    assert summary["status"] == "stopped"
    assert "the cap is 60 threads" in summary["stopped_because"]


def test_an_endless_loop_ends_at_the_timeout(run_text):
    _, summary = run_text("while True:\n    pass\n", timeout=1.0)
    assert summary["status"] == "stopped"
    assert summary["stopped_because"] == "stopped after the 1 s timeout"


def test_stop_ends_a_script_and_every_process_it_started(tmp_path):
    path = tmp_path / "sleepers.py"
    path.write_text(
        "import multiprocessing as mp, time\n"
        "if __name__ == '__main__':\n"
        "    ps = [mp.Process(target=time.sleep, args=(60,)) for _ in range(3)]\n"
        "    for p in ps: p.start()\n"
        "    for p in ps: p.join()\n",
        encoding="utf-8",
    )
    run = ScriptRun(str(path))
    run.start()
    seen = []
    deadline = time.monotonic() + 60
    while sum(e.kind == HELLO for e in seen) < 4 and time.monotonic() < deadline and not run.run.finished:
        seen += run.run.take_new_events()
        time.sleep(0.02)
    assert sum(e.kind == HELLO for e in seen) == 4
    run.stop()
    assert run.wait(30)
    summary = run.summary()
    assert summary["status"] == "stopped"
    assert summary["stopped_because"] == ""  # the user stopped it
    assert descendants() == []


def test_input_gets_end_of_file_with_a_note(run_text):
    record, summary = run_text("name = input('Your name? ')\nprint('hello', name)\n")
    assert summary["status"] == "failed"
    (error,) = summary["errors"]
    assert error["type"] == "EOFError"
    notes = [e.value for e in events_of(record, LOG, "note")]
    assert any("input() has no keyboard" in note for note in notes)
    assert [e.value for e in events_of(record, LOG, "stdout")] == ["Your name? "]


def test_100_mb_of_prints_keep_the_first_and_last_parts(run_text):
    record, summary = run_text(
        """
        line = "x" * 99
        for i in range(1_000_000):
            print(line)
        print("the end")
        """
    )
    assert summary["status"] == "passed"
    assert summary["stdout_lines"] == 1_000_001
    logged = events_of(record, LOG, "stdout")
    assert len(logged) < 5_000
    assert logged[-1].value == "the end"
    notes = [e.value for e in events_of(record, LOG, "note")]
    assert any("MB) of stdout dropped here" in note for note in notes)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"\x7fELF\x02\x01\x01\0\0\0", "binary file"),
        (b"print('\xff')\n", "not valid UTF-8"),
        (b"for i in range(3)\n    print(i)\n", "SyntaxError in script.py at line 1"),
    ],
)
def test_bad_files_are_refused_before_anything_starts(tmp_path, data, message):
    path = tmp_path / "script.py"
    path.write_bytes(data)
    with pytest.raises(ScriptProblem, match=message):
        ScriptRun(str(path))
    assert descendants() == []


def test_an_empty_script_file_of_comments_runs_and_passes(run_text):
    _, summary = run_text("# nothing but a comment\n")
    assert summary["status"] == "passed"
    assert summary["processes_started"] == 0
