"""Paths to files shipped with the app, from source, from a PyInstaller bundle and from an installed wheel.

Frozen, PyInstaller unpacks data next to the executable (``sys._MEIPASS``);
from source, files live beside this package. An installed wheel carries
``resources/`` inside the package, as ``desktop/bundled`` (see
``[tool.setuptools]`` in pyproject.toml). Call sites never build paths by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_root() -> Path:
    """The directory that holds the ``desktop`` package's data files."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    return Path(frozen_root) if frozen_root else Path(__file__).resolve().parent.parent


# Where a wheel puts resources/: inside the package, since site-packages/resources would be anybody's.
INSTALLED = Path(__file__).resolve().parent / "bundled"


def path(relative: str) -> Path:
    """A file under ``resources/`` (icons, translations, starters, licences)."""
    root = INSTALLED if INSTALLED.is_dir() else bundle_root() / "resources"
    return root / relative


def lesson_source_path(module_name: str) -> Path:
    """The source file of lesson module ``module_name`` (e.g. ``desktop.lessons.ticket_lock``).

    The frozen build ships lesson sources as data under the same relative path,
    so the app shows exactly the module that runs.
    """
    return bundle_root().joinpath(*module_name.split(".")).with_suffix(".py")


def lesson_source(module_name: str) -> str:
    return lesson_source_path(module_name).read_text(encoding="utf-8")
