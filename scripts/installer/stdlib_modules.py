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
import zipfile
from pathlib import Path, PurePosixPath

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)  # run as a script; build.spec has put the project root there already
from desktop.runtime.script import stdlib_excluded  # noqa: E402


def _stdlib_folders() -> list[str]:
    """The interpreter's standard-library entries on sys.path: Lib and DLLs on Windows, lib-dynload
    elsewhere, and an embeddable Windows Python's ``python311.zip`` (read through zipimport, as
    Python itself reads it) with the ``.pyd`` files beside it."""
    base = Path(sys.base_prefix).resolve()
    folders = []
    for entry in sys.path:
        if not entry or "site-packages" in entry or "dist-packages" in entry:
            continue
        folder = Path(entry).resolve()
        inside = folder == base or base in folder.parents
        if inside and (folder.is_dir() or (folder.is_file() and folder.suffix == ".zip")):
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


def _zip_modules(archive: str) -> set[str]:
    """Module names in a zipped standard library (an embeddable Windows Python's ``python311.zip``).

    Read from the archive's names: zipimport's specs do not give package paths that pkgutil can walk.
    """
    names = set()
    with zipfile.ZipFile(archive) as listing:
        for entry in listing.namelist():
            parts = PurePosixPath(entry).with_suffix("").parts
            if not parts or not entry.endswith((".py", ".pyc")):
                continue
            names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _all_modules() -> list[str]:
    entries = _stdlib_folders()
    folders = [entry for entry in entries if not entry.endswith(".zip")]
    zipped = set().union(*(_zip_modules(entry) for entry in entries if entry.endswith(".zip")))
    found = []
    for top in sorted(sys.stdlib_module_names | set(stdlib_excluded.EXCLUDED)):
        if top in sys.builtin_module_names:
            continue  # compiled into the interpreter: always there
        inside = sorted(name for name in zipped if name == top or name.startswith(top + "."))
        if inside:
            found.extend(inside)
            continue
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
