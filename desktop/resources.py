"""Paths to files shipped with the app, from source and from a PyInstaller bundle.

Frozen, PyInstaller unpacks data next to the executable (``sys._MEIPASS``);
from source, files live beside this package. Call sites never build paths by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_root() -> Path:
    """The directory that holds the ``desktop`` package's data files."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    return Path(frozen_root) if frozen_root else Path(__file__).resolve().parent.parent


def path(relative: str) -> Path:
    """A file under ``resources/`` (icons, translations)."""
    return bundle_root() / "resources" / relative


def lesson_source_path(module_name: str) -> Path:
    """The source file of lesson module ``module_name`` (e.g. ``desktop.lessons.ticket_lock``).

    The frozen build ships lesson sources as data under the same relative path,
    so the app shows exactly the module that runs.
    """
    return bundle_root().joinpath(*module_name.split(".")).with_suffix(".py")


def lesson_source(module_name: str) -> str:
    return lesson_source_path(module_name).read_text(encoding="utf-8")
