"""Whose code is calling: the student's script, or the standard library working for it.

Instrumentation reports a blocking call only when the student's own code made
it: ``lock.acquire()`` in the script is a lane turning "waiting for a lock";
the lock a ``queue.Queue`` takes inside the standard library is not. A few
standard-library helpers that only pass a user's wait along (``Executor.map``'s
result iterator, for example) are looked through.

The same frames name what the script creates: ``jobs = Queue()`` is the queue
``jobs`` (the variable the call's result is stored in, read from the bytecode),
else ``Queue@line 12``.
"""

from __future__ import annotations

import os
import sys
from types import CodeType, FrameType

_user_dirs: frozenset[str] = frozenset()
_verdicts: dict[str, bool] = {}  # code filename -> written by the student?
_basenames: dict[str, str] = {}  # code filename -> its base name (looked up on every blocking call)
# Standard-library frames that only hand a user's wait on: (file name, function).
_PASS_THROUGH = frozenset(
    {
        ("_base.py", "result_iterator"),
        ("_base.py", "map"),
        ("_base.py", "<listcomp>"),
        ("managers.py", "AutoProxy"),
        ("queues.py", "__init__"),
        ("_base.py", "_result_or_cancel"),
        ("_base.py", "__exit__"),
        ("<string>", "put"),
        ("<string>", "get"),
        ("synchronize.py", "__enter__"),
        ("managers.py", "temp"),
        ("managers.py", "_create"),
        ("context.py", "Queue"),
        ("context.py", "JoinableQueue"),
        ("context.py", "SimpleQueue"),
        ("context.py", "Lock"),
        ("context.py", "RLock"),
        ("context.py", "Semaphore"),
        ("context.py", "BoundedSemaphore"),
        ("context.py", "Condition"),
        ("context.py", "Event"),
        ("context.py", "Barrier"),
        ("context.py", "Pool"),
    }
)
_LOOK_THROUGH = 5  # at most this many pass-through frames between the call and the user's code
_STORES = frozenset({"STORE_NAME", "STORE_FAST", "STORE_GLOBAL", "STORE_DEREF", "STORE_ATTR"})
_SKIPPED_OPS = frozenset({"CACHE", "PRECALL", "EXTENDED_ARG", "NOP", "BEFORE_WITH"})
_instructions: dict[CodeType, list] = {}  # code -> its dis.Instruction list (dis is imported when first needed)


def set_user_dirs(directories: list[str]) -> None:
    """Code in files directly inside these directories is the student's."""
    global _user_dirs
    _user_dirs = frozenset(os.path.normcase(os.path.abspath(d)) for d in directories)
    _verdicts.clear()


def is_user_file(filename: str) -> bool:
    """Whether code from ``filename`` is the student's: a file directly in one of the user directories.

    The script and its neighbours are compiled from absolute paths (the runner
    makes them so); a relative name is a module inside a frozen app's archive
    (``threading.py``), never the student's, whatever the working directory.
    """
    verdict = _verdicts.get(filename)
    if verdict is None:
        absolute = os.path.isabs(filename)
        directory = os.path.normcase(os.path.dirname(filename)) if absolute else ""
        verdict = _verdicts[filename] = absolute and directory in _user_dirs
    return verdict


def user_frame(depth: int = 2) -> FrameType | None:
    """The student's frame that made the current call, ``depth`` frames above the caller of this function.

    ``depth=2`` is the frame that called the function calling ``user_frame``.
    Returns None when the call came from library code.
    """
    try:
        frame = sys._getframe(depth)
    except ValueError:
        return None
    return user_frame_from(frame)


def user_frame_from(frame: FrameType | None) -> FrameType | None:
    """The student's frame that made the call running in ``frame``: ``frame`` itself, or found through helpers."""
    for _ in range(_LOOK_THROUGH + 1):
        if frame is None:
            return None
        code = frame.f_code
        filename = code.co_filename
        if is_user_file(filename):
            return frame
        base = _basenames.get(filename)
        if base is None:
            base = _basenames[filename] = os.path.basename(filename)
        if (base, code.co_name) not in _PASS_THROUGH:
            return None
        frame = frame.f_back
    return None


def nearest_user_frame(depth: int = 2, limit: int = 30) -> FrameType | None:
    """The closest student's frame anywhere up the stack (for names and code lines), or None."""
    try:
        frame = sys._getframe(depth)
    except ValueError:
        return None
    for _ in range(limit):
        if frame is None:
            return None
        if is_user_file(frame.f_code.co_filename):
            return frame
        frame = frame.f_back
    return None


def where(frame: FrameType | None) -> tuple[str, int] | None:
    """(module, line) of ``frame`` for a state event's code link; the script is ``__main__`` in every process."""
    if frame is None:
        return None
    module = frame.f_globals.get("__name__", "__main__")
    return ("__main__" if module == "__mp_main__" else module), frame.f_lineno


def stored_name(frame: FrameType) -> str | None:
    """The variable or attribute the call running in ``frame`` stores its result in, if any."""
    code = frame.f_code
    instructions = _instructions.get(code)
    if instructions is None:
        import dis  # 15 ms: only a process whose script creates a named object pays it

        instructions = _instructions[code] = list(dis.get_instructions(code))
    lasti = frame.f_lasti
    following = [i for i in instructions if i.offset > lasti and i.opname not in _SKIPPED_OPS][:2]
    if following and following[0].opname in _STORES:
        return str(following[0].argval)
    # self.jobs = Queue(): the object is loaded, then the attribute stored
    if len(following) == 2 and following[0].opname.startswith("LOAD_") and following[1].opname == "STORE_ATTR":
        return str(following[1].argval)
    return None


def creation_name(kind: str, depth: int = 2) -> str:
    """How to call an object the student's code is creating now: its variable, else ``kind@line N``."""
    frame = nearest_user_frame(depth + 1)
    if frame is None:
        return kind
    return stored_name(frame) or f"{kind}@line {frame.f_lineno}"
