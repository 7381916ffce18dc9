"""The whole standard library for students' scripts, minus test suites and unusable tools (used by build.spec).

Why: the playground runs any script a student writes (issue 16 item 5), and a
frozen app holds only what PyInstaller's analysis found the app itself
importing; ``import sqlite3`` or ``import zipfile`` in a script would fail in
the installed app while it works from source. So build.spec adds every
standard-library module as a hidden import.

What stays out, and why, is one table shared with the messages a script gets
when it imports one of them: ``desktop/runtime/script/stdlib_excluded.py``
(tkinter/turtle/idlelib: a Tk window of their own and ~15 MB of Tcl/Tk;
curses/readline: an interactive terminal; ensurepip/venv/distutils: installing
packages; lib2to3; nis (deprecated, and ~2 MB of Kerberos libraries);
CPython's test suites, the ``_test*``/``xx*`` extension modules and every
package's own ``test``/``tests`` subpackage). ssl stays in (~5.4 MB of
OpenSSL): a script may fetch an https URL.

Modules are found on disk without importing them (importing every module at
build time would run ``this``, ``antigravity`` and friends), in the running
interpreter's own standard-library folders: each OS's build bundles that OS's
standard library (msvcrt and winreg on Windows, fcntl and termios elsewhere).
"""

from __future__ import annotations

import importlib.machinery
import pkgutil
import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)  # run as a script; build.spec has put the project root there already
from desktop.runtime.script import stdlib_excluded  # noqa: E402


def _stdlib_folders() -> list[str]:
    """The interpreter's standard-library folders on sys.path (Lib and DLLs on Windows, lib-dynload elsewhere)."""
    base = Path(sys.base_prefix).resolve()
    folders = []
    for entry in sys.path:
        if not entry or "site-packages" in entry or "dist-packages" in entry:
            continue
        folder = Path(entry).resolve()
        if folder.is_dir() and (folder == base or base in folder.parents):
            folders.append(str(folder))
    return folders


def _walk(package: str, locations) -> list[str]:
    """``package``'s submodules, recursively, read from disk (no import)."""
    found = []
    for info in pkgutil.iter_modules(list(locations), prefix=package + "."):
        found.append(info.name)
        if info.ispkg:
            spec = info.module_finder.find_spec(info.name)
            if spec is not None and spec.submodule_search_locations:
                found.extend(_walk(info.name, spec.submodule_search_locations))
    return found


def _all_modules() -> list[str]:
    folders = _stdlib_folders()
    found = []
    for top in sorted(sys.stdlib_module_names | set(stdlib_excluded.EXCLUDED)):
        if top in sys.builtin_module_names:
            continue  # compiled into the interpreter: always there
        spec = importlib.machinery.PathFinder.find_spec(top, folders)
        if spec is None:
            continue  # another OS's module (msvcrt on Linux), or not built into this Python
        found.append(top)
        if spec.submodule_search_locations:
            found.extend(_walk(top, spec.submodule_search_locations))
    return found


def hidden_imports() -> list[str]:
    """Every standard-library module this Python has, except the excluded ones."""
    return [name for name in _all_modules() if not stdlib_excluded.is_excluded(name)]


def excludes() -> list[str]:
    """The excluded modules and test subpackages that exist in this Python, for Analysis(excludes=...).

    Listed so that no module of the app or its packages pulls them back in
    through an optional import (PyInstaller drops a name and its submodules).
    """
    return [
        name
        for name in _all_modules()
        if stdlib_excluded.is_excluded(name) and not stdlib_excluded.is_excluded(name.rpartition(".")[0] or "-")
    ]


if __name__ == "__main__":  # python scripts/installer/stdlib_modules.py: what the build adds and leaves out
    print(f"{len(hidden_imports())} modules bundled; excluded: {' '.join(excludes())}")
