"""Writing files so that a crash never leaves a half-written one: temporary file, then rename.

The data goes to a temporary file in the destination's own directory (a rename
is only atomic within one file system), is flushed to disk, and then replaces
the destination in one ``os.replace``. A crash at any moment leaves either the
old file or the new one, never a mixture; at worst a stray ``*.tmp`` file
remains next to it, which readers never open.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def write_bytes(path: Path | str, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (creating its directory if needed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as temp:
            # mkstemp makes the file private (0600); give it the mode a plain open() would.
            if hasattr(os, "fchmod"):
                os.fchmod(temp.fileno(), _default_file_mode())
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())  # the bytes are on disk before the name points at them
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _sync_directory(path.parent)


def _default_file_mode() -> int:
    """0666 less the process umask (read without changing it: os.umask sets as it reads)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically."""
    write_bytes(path, text.encode(encoding))


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a directory this way)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
