"""Noticing workers that die unexpectedly: ``os._exit(3)``, ``SIGKILL``, a crash in C.

A worker that raises prints a traceback, which the probe's stderr tee turns
into an error. A worker that simply vanishes prints nothing: only the process
that started it learns its exit code, when multiprocessing reaps it
(``join()``, ``is_alive()``, a pool's maintenance thread, or the exit handler
that joins every child when a process ends).

So every process that uses a probe wraps multiprocessing's own ``Popen``
objects: when a child's exit code first becomes known and is not 0, the probe
reports it. Children the code *meant* to end — ``Process.terminate()`` /
``kill()``, ``Pool.terminate()``, the exit handler terminating daemonic
children — all go through ``Popen.terminate``/``kill``, which are wrapped to
mark that child as ended on purpose; its exit code is then not a failure.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import sys
from collections.abc import Callable

from desktop.model.text import Text

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import Any

CHILD_EXIT = "child-exit"  # telemetry kind: value = {"pid": child pid, "exitcode": its exit code}

_installed = False
_report: Callable[[int, int], None] | None = None
_ON_PURPOSE = "_concurrency_lab_ended_on_purpose"
_REPORTED = "_concurrency_lab_exit_reported"


def install(report: Callable[[int, int], None]) -> None:
    """From now on call ``report(child_pid, exitcode)`` for each child that ends abnormally.

    Idempotent per process; a later call only replaces ``report``.
    """
    global _installed, _report
    _report = report
    if _installed:
        return
    _installed = True
    if sys.platform == "win32":
        from multiprocessing import popen_spawn_win32

        popen = popen_spawn_win32.Popen
        popen.wait = _reporting(popen.wait)
        popen.terminate = _on_purpose(popen.terminate)
        popen.kill = popen.terminate
    else:
        from multiprocessing import popen_fork  # popen_spawn_posix.Popen inherits these

        popen = popen_fork.Popen
        popen.poll = _reporting(popen.poll)
        popen.terminate = _on_purpose(popen.terminate)
        popen.kill = _on_purpose(popen.kill)


def _reporting(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        code = method(self, *args, **kwargs)
        if code is not None and not getattr(self, _REPORTED, False):
            setattr(self, _REPORTED, True)
            if code != 0 and not getattr(self, _ON_PURPOSE, False) and _report is not None:
                with contextlib.suppress(Exception):  # reporting must never break reaping
                    _report(self.pid, code)
        return code

    return wrapper


def _on_purpose(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        # A child that already died on its own is reaped (and reported) first:
        # terminating a corpse does not make its death intended.
        if self.returncode is None and _poll(self) is None:
            setattr(self, _ON_PURPOSE, True)
        return method(self, *args, **kwargs)

    return wrapper


def _poll(popen: Any) -> int | None:
    try:
        return popen.poll()
    except Exception:
        return None


def describe_exitcode(exitcode: int) -> str:
    """``exit code 3``, or ``exit code -9 (killed by SIGKILL)`` for a signal on POSIX."""
    return exitcode_text(exitcode).en


def exitcode_text(exitcode: int) -> Text:
    """:func:`describe_exitcode` in every language: ``退出码 -9（被 SIGKILL 终止）`` in Chinese."""
    en, zh = f"exit code {exitcode}", f"退出码 {exitcode}"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            pass
        else:
            en, zh = f"{en} (killed by {name})", f"{zh}（被 {name} 终止）"
    return Text(en, zh)
