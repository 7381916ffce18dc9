"""The Windows check's own machinery (scripts/windows/), on Linux: nothing may hang, failures name their stage.

The check itself needs root, a chroot and Wine (``python scripts/dev.py
windows``); these tests cover what makes it safe to run in CI: a command past
its deadline is killed with everything it started, even a grandchild holding
the output pipe, and a failing stage stops the check with its name.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import psutil
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "windows"))

import icu_stub
import no_console
from stage import StageError, Stages, host_run


def test_a_command_past_its_deadline_dies_with_its_grandchildren():
    # The shell starts a grandchild that inherits the output pipe, prints its pid and waits:
    # a plain subprocess.run(timeout=...) would wait for the pipe to close for ever.
    script = "sleep 300 & echo $!; wait"
    with pytest.raises(StageError, match="timed out after 1 s") as caught:
        host_run(["sh", "-c", script], timeout=1, echo=False)
    grandchild = int(str(caught.value).split("\n")[1])
    deadline = time.monotonic() + 10
    while psutil.pid_exists(grandchild) and psutil.Process(grandchild).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, f"grandchild {grandchild} survived the timeout"
        time.sleep(0.05)


def test_a_failing_command_says_its_exit_code_and_shows_its_output():
    with pytest.raises(StageError, match="exit code 3") as caught:
        host_run(["sh", "-c", "echo what went wrong; exit 3"], timeout=30, echo=False)
    assert "what went wrong" in str(caught.value)


def test_the_output_of_a_windows_program_in_its_code_page_is_read():
    completed = host_run(["printf", "0.05\\2260.20 s\\n"], timeout=30, echo=False)  # an en dash in cp1252
    assert completed.output == "0.05\u20130.20 s"


def test_a_failing_stage_stops_the_check_and_is_named(capsys):
    stages = Stages()
    stages.run("first", lambda: None)

    def fail():
        raise StageError("no Setup.exe")

    with pytest.raises(SystemExit) as stopped:
        stages.run("compile the installer", fail)
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "FAILED stage 'compile the installer'" in err
    assert "no Setup.exe" in err


def test_the_icu_stub_fails_every_converter_open_through_its_error_argument():
    source = icu_stub.c_source(["ucnv_close", "ucnv_open", "ucnv_openCCSID", "ucnv_compareNames"])

    def body(name: str) -> str:
        return source.split(f"*{name}(")[1].split("\n}\n")[0]

    for name, error_argument in (("ucnv_open", 0), ("ucnv_openCCSID", 1)):  # (name, err), (codepage, platform, err)
        assert f"int last = {error_argument};" in body(name)
        assert f"*errors[last] = {icu_stub.U_FILE_ACCESS_ERROR};" in body(name)
        assert "return NULL;" in body(name)
    assert "void *ucnv_close(void) { return NULL; }" in source


REPORT = """Concurrency Lab 0.1.0 self-test starting: pid 2280, frozen, Python 3.11.9, start method spawn
ok   queue-basics           3.21 s  On a full queue, put(timeout=0.2) raised Full after 0.20 s.
FAIL queue-feeder           1.58 s  The run failed: main (pid 744) raised OSError: [WinError 1359] Internal error
     - status failed: main (pid 744) raised OSError: [WinError 1359] Internal error
ok   producer-consumer      2.78 s  All 30 items were consumed exactly once.
self-test: 2 passed, 1 failed in 7.6 s
"""


def test_only_lessons_that_failed_with_wines_create_process_error_are_retried():
    assert no_console.summary(REPORT) == (2, 1)
    assert no_console.only_wine_flakes(REPORT) == ["queue-feeder"]
    other_failure = REPORT.replace(
        "ok   producer-consumer      2.78 s  All 30 items were consumed exactly once.",
        "FAIL producer-consumer      2.78 s  Lost 3 items\n     - processes left after the run: [212]",
    )
    assert set(no_console.failed_lessons(other_failure)) == {"queue-feeder", "producer-consumer"}
    assert no_console.only_wine_flakes(other_failure) == [], "a real failure next to a Wine flake retries nothing"
    assert no_console.only_wine_flakes(REPORT.replace("FAIL queue-feeder", "ok   queue-feeder")) == []


def test_the_x_display_skips_a_number_another_x_server_listens_on():
    import socket

    import wine

    first = 180 + os.getpid() % 500  # far from the displays developers and CI use
    taken = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        taken.bind(f"\0/tmp/.X11-unix/X{first}")  # how an X server listens on Linux (abstract socket)
        taken.listen()
        assert wine.free_display(first) == f":{first + 1}"
    finally:
        taken.close()
    assert wine.free_display(first) == f":{first}"
