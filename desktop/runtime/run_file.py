"""Saved runs: a :class:`RunRecord` as a JSON file, written atomically and checked when read.

A saved run is whatever a user hands the app: a file from another version, a
file truncated by a full disk, a JSON file from another program, a renamed
photo. :func:`load` never crashes on any of them; it raises :class:`RunFileError`
with a message that says what is wrong, in English and Chinese.

Layout::

    {"format": "concurrency-lab-run", "version": 1, "record": {...RunRecord fields...}}

A big file takes seconds: :func:`load` reports its progress and can be
stopped (:mod:`desktop.runtime.load_watch`), and parses the text a piece at a
time (:mod:`desktop.runtime.run_file_parse`) so that the thread loading it
never holds the GIL for long: the window stays responsive meanwhile.

The verdict is saved as ``"verdict"`` (English) and ``"verdict_zh"``, as every
format-1 file has it (see :mod:`desktop.model.run_record`); the error likewise as
``"error"`` and ``"error_zh"``, which older files lack (their error then shows as
it is in every language) and older versions ignore. Runs saved before a
lesson module moved load with its new module name (:data:`MOVED_MODULES`).
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop import atomic
from desktop.model.run_record import FAILED, PASSED, STOPPED, RunRecord, verdict_from_json
from desktop.model.text import Text
from desktop.runtime import run_file_bounds as bounds
from desktop.runtime import run_file_parse
from desktop.runtime.load_watch import (
    CHECKING,
    READING,
    LoadCancelled,  # noqa: F401 (raised by load(): callers catch it from here)
    Progress,
    Watch,
)

FORMAT = "concurrency-lab-run"
VERSION = 1
SUFFIX = ".json"
# The cap is what the app handles: the most a run keeps (2 million events, run_file_bounds.MAX_EVENTS) fits.
# Measured (2 busy cores, load average ~10; /tmp/rl-style files of ~80 bytes per event), loading on a thread:
# a million events (79 MB) in 7-10 s at 474 MB peak RSS (before: 5-11 s at 742 MB, on the GUI thread);
# two million (160 MB) in 27 s at 942 MB (before: 42 s at 1,478 MB). Memory is ~3x the file plus its text.
MAX_FILE_BYTES = 256 * 1024 * 1024
EVENT_FIELDS = 7  # t, pid, worker, kind, name, value, where
STATUSES = (PASSED, FAILED, STOPPED)

_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "lesson": (str,),
    "status": (str,),
    "params": (dict,),
    "start_method": (str,),
    "interpreter": (str,),
    "started_at": (str,),
    "duration": (int, float),
    "verdict": (str,),
    "verdict_zh": (str,),
    "figures": (dict,),
    "error": (str,),
    "error_zh": (str,),
    "leftovers": (int,),
    "first_event_latency": (int, float),
    "background_cores": (int, float),
    "source": (str,),
    "events": (list,),
    "samples": (list,),
}
_REQUIRED = {f.name for f in dataclasses.fields(RunRecord) if f.default is dataclasses.MISSING}
_REQUIRED = _REQUIRED - {f.name for f in dataclasses.fields(RunRecord) if f.default_factory is not dataclasses.MISSING}


class RunFileError(ValueError):
    """A saved run that cannot be used; ``text`` says why, in every language (``str()`` is the English)."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


def dumps(record: RunRecord) -> str:
    """The saved-run text for ``record``; values JSON cannot hold are saved as their text."""
    document = {"format": FORMAT, "version": VERSION, "record": record.to_json_dict()}
    return json.dumps(document, ensure_ascii=False, default=str, allow_nan=True)


def save(record: RunRecord, path: Path | str) -> None:
    """Write ``record`` to ``path`` atomically: a crash leaves the old file or the new one."""
    atomic.write_text(path, dumps(record))


READ_CHUNK_BYTES = 4 * 1024 * 1024  # read this much between two calls of the watch


def load(
    path: Path | str,
    progress: Callable[[Progress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RunRecord:
    """Read a saved run; ``progress`` hears how far it got, ``cancelled()`` True stops it (both optional).

    Raises:
        RunFileError: the file is missing, unreadable, too big, not JSON, not a
            saved run, from a newer version, or has a field of the wrong type.
        LoadCancelled: ``cancelled()`` returned True (checked between pieces of work, many times a second).
    """
    path = Path(path)
    watch = Watch(progress, cancelled)
    try:
        return _loads(_read_text(path, watch), path.name, watch)  # the text is _loads' alone: it frees it
    except OSError as error:
        raise RunFileError(
            Text(
                f"{path.name} could not be read: {error.strerror or error}",
                f"无法读取 {path.name}：{error.strerror or error}",
            )
        ) from error
    except UnicodeDecodeError as error:
        raise _not_json(path.name) from error
    except MemoryError:
        pass  # out of the except block first: the traceback would keep the half-built objects alive
    raise RunFileError(
        Text(
            f"{path.name} is too big to open: this computer has not enough free memory for it",
            f"{path.name} 太大，本机可用内存不足，无法打开",
        )
    )


def _read_text(path: Path, watch: Watch) -> str:
    """The text of ``path`` if it is a regular file of at most :data:`MAX_FILE_BYTES`; never reads more.

    The size on disk is not enough: a FIFO, ``/dev/zero`` or ``/dev/urandom``
    (or a link to one) reports 0 bytes and then blocks forever or never ends.
    The file is opened without blocking (a FIFO with no writer would block the
    open itself), checked to be a regular file, and read up to the limit.
    Each piece is decoded as it is read: the whole file's bytes are never held
    beside its text, and no single call decodes 100 MB with the GIL held.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise RunFileError(
                Text(
                    f"{path.name} is not a regular file (a device, a pipe or a folder): not a saved run",
                    f"{path.name} 不是普通文件（设备、管道或文件夹），不是保存的运行记录",
                )
            )
        # The size on disk answers at once for a regular file; the bounded read covers one that grows.
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        pieces: list[str] = []
        read = 0
        watch.file_bytes = status.st_size
        while status.st_size <= MAX_FILE_BYTES and read <= MAX_FILE_BYTES:
            watch(READING, read, status.st_size)
            chunk = stream.read(min(READ_CHUNK_BYTES, MAX_FILE_BYTES + 1 - read))
            read += len(chunk)
            pieces.append(decoder.decode(chunk, final=not chunk))
            if not chunk:
                break
    if status.st_size > MAX_FILE_BYTES or read > MAX_FILE_BYTES:
        raise RunFileError(
            Text(
                f"{path.name} is larger than {MAX_FILE_BYTES / 1e6:,.0f} MB: too big for a saved run this app can open",
                f"{path.name} 超过 {MAX_FILE_BYTES / 1e6:,.0f} MB，太大，本应用无法打开",
            )
        )
    return "".join(pieces)


def loads(
    data: bytes | str,
    name: str = "the file",
    progress: Callable[[Progress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> RunRecord:
    """Parse saved-run text (see :func:`load`); a UTF-8 byte order mark at the start is skipped."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise _not_json(name) from error
    return _loads(text, name, Watch(progress, cancelled))


def _not_json(name: str) -> RunFileError:
    return RunFileError(
        Text(
            f"{name} is not a saved run: it is not valid JSON text (it may be damaged or truncated)",
            f"{name} 不是保存的运行记录：它不是有效的 JSON 文本（可能已损坏或不完整）",
        )
    )


def _loads(text: str, name: str, watch: Watch) -> RunRecord:
    with run_file_parse.collector_paused():
        document = _document(text, name, watch)
        del text  # the last reference (load passes it on): freed before the checks, half the peak memory
        return _record_from(document.get("record"), name, watch)


def _document(text: str, name: str, watch: Watch) -> dict:
    """The saved-run document in ``text``: JSON, this app's format, a version it reads."""
    try:
        document = run_file_parse.parse(text, watch)
    except run_file_parse.TooManyItems as error:
        raise RunFileError(
            Text(
                f"{name} holds more than this app writes or can show: "
                f"it has more than {error.most:,} events and samples",
                f"{name} 的内容超出本应用能写出或显示的范围：事件和采样超过 {error.most:,} 个",
            )
        ) from None
    except (ValueError, RecursionError) as error:
        raise _not_json(name) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RunFileError(
            Text(
                f"{name} is JSON but not a Concurrency Lab saved run",
                f"{name} 是 JSON 文件，但不是 Concurrency Lab 保存的运行记录",
            )
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise RunFileError(Text(f"{name} has no valid format version", f"{name} 没有有效的格式版本号"))
    if version > VERSION:
        raise RunFileError(
            Text(
                f"{name} was saved by a newer version of the app (format {version}; this app reads up to {VERSION})",
                f"{name} 由更新版本的应用保存（格式 {version}；本应用最高支持 {VERSION}）",
            )
        )
    return document


def _record_from(fields: Any, name: str, watch: Watch) -> RunRecord:
    if not isinstance(fields, dict):
        raise RunFileError(Text(f"{name} holds no run record", f"{name} 中没有运行记录"))
    missing = sorted(_REQUIRED - fields.keys())
    if missing:
        raise RunFileError(
            Text(
                f"{name} is missing field(s): {', '.join(missing)}",
                f"{name} 缺少字段：{', '.join(missing)}",
            )
        )
    known = {key: value for key, value in fields.items() if key in _FIELD_TYPES}  # newer extras are ignored
    for key, value in known.items():
        expected = _FIELD_TYPES[key]
        if isinstance(value, bool) or not isinstance(value, expected):
            wanted = " or ".join(t.__name__ for t in expected)
            raise RunFileError(
                Text(
                    f"{name}: field {key!r} should be {wanted}, not {type(value).__name__}",
                    f"{name}：字段 {key!r} 应为 {wanted}，而不是 {type(value).__name__}",
                )
            )
    if known["status"] not in STATUSES:
        raise RunFileError(
            Text(
                f"{name}: unknown status {known['status']!r} (expected one of {', '.join(STATUSES)})",
                f"{name}：未知的状态 {known['status']!r}",
            )
        )
    for key, value in known.get("figures", {}).items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RunFileError(Text(f"{name}: figure {key!r} is not a number", f"{name}：数值 {key!r} 不是数字"))
    events, samples = known.get("events", []), known.get("samples", [])
    total = 3 * len(events) + 2 * len(samples)  # each event is looked at three times, each sample twice
    for index, event in enumerate(watch.paced(events, total)):
        if not _is_event(event):
            raise RunFileError(
                Text(
                    f"{name}: event {index} is malformed (expected [time, pid, worker, kind, name, value, where])",
                    f"{name}：第 {index} 个事件格式错误（应为 [时间, pid, 工作者, 类型, 名称, 值, 位置]）",
                )
            )
    for index, sample in enumerate(watch.paced(samples, total)):
        if not _is_sample(sample):
            raise RunFileError(
                Text(
                    f"{name}: sample {index} is malformed (expected [time, [core %...], run CPU %, run RSS])",
                    f"{name}：第 {index} 个采样格式错误（应为 [时间, [各核心 %], 运行 CPU %, 运行内存]）",
                )
            )
    reason = bounds.problem(known, each=lambda items: watch.paced(items, total))
    if reason is not None:
        raise RunFileError(
            Text(
                f"{name} holds more than this app writes or can show: {reason}",
                f"{name} 的内容超出本应用能写出或显示的范围：{reason}",
            )
        )
    if events:
        known["events"] = [_moved(event) for event in watch.paced(events, total)]
    watch(CHECKING, total, total)
    return RunRecord(**verdict_from_json(known))


# Lesson modules that moved since runs were saved: old module prefix -> new. An
# event's ``where`` names the module a worker reported its state from; mapped,
# the code view highlights the line in the lesson as it is now.
MOVED_MODULES = {"desktop.scenarios.": "desktop.lessons."}  # moved in e9e6ccb


def _moved(event: list) -> list:
    where = event[6]
    if where is None:
        return event
    for old, new in MOVED_MODULES.items():
        if where[0].startswith(old):
            return [*event[:6], [new + where[0][len(old) :], where[1]]]
    return event


def _is_number(value: Any) -> bool:
    return bounds.is_number(value)  # finite and bounded; a 400-digit int is refused, not overflowed


def _is_sample(sample: Any) -> bool:
    return (
        isinstance(sample, list)
        and len(sample) == 4
        and _is_number(sample[0])
        and isinstance(sample[1], list)
        and all(_is_number(core) for core in sample[1])
        and _is_number(sample[2])
        and _is_number(sample[3])
    )


def _is_event(event: Any) -> bool:
    if not isinstance(event, list) or len(event) != EVENT_FIELDS:
        return False
    t, pid, worker, kind, name, _, where = event
    where_ok = where is None or (
        isinstance(where, list) and len(where) == 2 and isinstance(where[0], str) and isinstance(where[1], int)
    )
    return (
        where_ok
        and bounds.is_number(t, bounds.MAX_SECONDS)
        and isinstance(pid, int)
        and not isinstance(pid, bool)
        and isinstance(worker, str)
        and isinstance(kind, str)
        and isinstance(name, str)
    )
