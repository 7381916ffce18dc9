"""The playground's files: open and save ``.py`` files (UTF-8, atomic), the recent list, the scratch buffer.

Qt-free. A student's unsaved scratch buffer is written next to the settings
file (``playground-scratch.py``) a moment after each change, so a crash loses
nothing; running it runs that file. Saving replaces a file in one rename
(:mod:`desktop.atomic`): a crash leaves the old file or the new, never half of one.
"""

from __future__ import annotations

from pathlib import Path

from desktop import atomic
from desktop import settings as settings_module
from desktop.runtime.script import source
from desktop.settings import Settings

SCRATCH_NAME = "playground-scratch.py"
MAX_RECENT = 8


def read_text(path: str) -> str:
    """The text of the script at ``path`` for editing (syntax errors are fine; see ScriptProblem otherwise)."""
    return source.decode(source.read(path), Path(path).name)


def write_text(path: str, text: str) -> None:
    """Save ``text`` to ``path`` as UTF-8, atomically."""
    atomic.write_bytes(path, text.encode("utf-8"))


def scratch_path(settings: Settings) -> Path:
    """Where the scratch buffer is kept: next to the settings file."""
    return Path(settings.path).parent / SCRATCH_NAME


def recent(settings: Settings) -> list[str]:
    """Scripts opened lately, newest first, that still exist."""
    paths = [p for p in settings.get(settings_module.RECENT_SCRIPTS).splitlines() if p.strip()]
    return [p for p in paths if Path(p).is_file()]


def remember(settings: Settings, path: str) -> list[str]:
    """Put ``path`` first in the recent list (at most :data:`MAX_RECENT`); return the list."""
    absolute = str(Path(path).resolve())
    paths = [absolute] + [p for p in recent(settings) if p != absolute]
    paths = paths[:MAX_RECENT]
    settings.set(settings_module.RECENT_SCRIPTS, "\n".join(paths))
    return paths
