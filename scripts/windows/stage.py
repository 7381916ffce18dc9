"""Stages with timings, and commands that cannot hang.

Every command runs in its own session with a deadline. On timeout the whole
process group is killed (Wine's processes are children of the ``wine`` we
started), and the reader stops waiting for the output pipe after a grace
period even if some stray process still holds it open.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable


class StageError(RuntimeError):
    """A check failed; the message says what was expected and what happened."""


class Completed:
    def __init__(self, argv: list[str], returncode: int, output: str, seconds: float):
        self.argv, self.returncode, self.output, self.seconds = argv, returncode, output, seconds


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _decode(raw: bytes) -> str:
    """UTF-8, or the ANSI code page a Windows program writes to a pipe (cp1252 in a new Wine prefix)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def host_run(
    argv: list[str],
    timeout: float,
    echo: bool = True,
    check: bool = True,
    on_timeout: Callable[[], None] | None = None,
    hide: re.Pattern | None = None,
) -> Completed:
    """Run ``argv`` with stdin from /dev/null and stdout+stderr through a pipe.

    A pipe, not a file: under Wine 8 a Windows Python dies at start-up
    ("[WinError 6] Invalid handle") when its stdout is a regular file or its
    stdin is closed. ``check`` raises StageError on a non-zero exit;
    ``on_timeout`` runs after the group is killed (e.g. ``wineserver -k``);
    lines matching ``hide`` are kept in the output but not echoed.
    """
    started = time.monotonic()
    process = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
    )
    lines: list[str] = []

    def read() -> None:
        for raw in iter(process.stdout.readline, b""):
            line = _decode(raw).rstrip("\r\n")
            lines.append(line)
            if echo and not (hide and hide.search(line)):
                print(f"    {line}", flush=True)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process.pid)
        if on_timeout is not None:
            on_timeout()
        process.wait(timeout=30)
        reader.join(timeout=10)
        tail = "\n".join(lines[-20:])
        raise StageError(f"timed out after {timeout:.0f} s: {' '.join(argv[-6:])}\n{tail}") from None
    reader.join(timeout=30)  # a background process may keep the pipe open; do not wait for it forever
    result = Completed(argv, process.returncode, "\n".join(lines), time.monotonic() - started)
    if check and process.returncode != 0:
        tail = "" if echo else "\n" + "\n".join(lines[-30:])
        raise StageError(f"exit code {process.returncode}: {' '.join(argv[-6:])}{tail}")
    return result


def wait_for(predicate: Callable[[], object], timeout: float, what: str, every: float = 1.0):
    """Poll ``predicate`` until it returns something true, and return that; StageError after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise StageError(f"{what} within {timeout:.0f} s")
        time.sleep(every)


class Stages:
    """Runs named stages in order; stops at the first failure and says which stage it was."""

    def __init__(self, start_at: str | None = None) -> None:
        self.timings: list[tuple[str, float]] = []
        self.figures: list[str] = []
        self._start_at = start_at  # skip checks until the first stage whose name contains this

    def run(self, name: str, action: Callable[[], None], setup: bool = False) -> None:
        """Run one stage; ``setup`` stages (what later stages need) run even when skipping to ``start_at``."""
        if self._start_at and not setup:
            if self._start_at not in name:
                print(f"\n=== windows: {name}: skipped (--from)", flush=True)
                return
            self._start_at = None
        print(f"\n=== windows: {name} ({time.strftime('%H:%M:%S')})", flush=True)
        started = time.monotonic()
        try:
            action()
        except Exception as error:  # a StageError says what failed; anything else is a bug here, with a traceback
            if not isinstance(error, StageError):
                traceback.print_exc()
            seconds = time.monotonic() - started
            print(f"\nFAILED stage '{name}' after {seconds:.0f} s: {error}", file=sys.stderr, flush=True)
            self.timings.append((f"{name} (FAILED)", seconds))
            self.summary()
            raise SystemExit(1) from None
        self.timings.append((name, time.monotonic() - started))

    def figure(self, text: str) -> None:
        print(f"  -> {text}", flush=True)
        self.figures.append(text)

    def summary(self) -> None:
        print("\n=== windows: summary", flush=True)
        for name, seconds in self.timings:
            print(f"  {seconds:7.1f} s  {name}")
        print(f"  {sum(s for _n, s in self.timings):7.1f} s  total")
        for text in self.figures:
            print(f"  {text}")
        sys.stdout.flush()
