"""The data files build.spec puts into the bundle, each with why (used by build.spec).

Every function returns PyInstaller ``datas`` entries: (source path, folder in the bundle).
"""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

# Licences shipped in the bundle (resources/licenses/): ours and Qt's texts from
# resources/licenses/ (through resource_files), plus each bundled distribution's
# own licence files and CPython's, collected from the build environment.
LICENSED_DISTRIBUTIONS = ("PySide6_Essentials", "shiboken6", "pyqtgraph", "numpy", "psutil")
# Qt translations: the app speaks English and Simplified Chinese; PySide6's
# hooks collect every language Qt ships (several MB of .qm files).
KEEP_QT_TRANSLATIONS = ("_en.qm", "_zh_CN.qm")


def lesson_sources(root: Path):
    """Every lesson module's source, at the same relative path: the Code tab shows it
    (desktop/resources.py reads it there; the frozen archive holds only bytecode)."""
    return [(str(path), "desktop/lessons") for path in sorted((root / "desktop" / "lessons").glob("*.py"))]


def catalog_index(root: Path, work_dir: Path):
    """The lesson list's index, written now from the lesson modules being bundled.

    The app then lists the lessons without importing all 31 modules at start-up
    (about 40 ms of a frozen cold start; desktop/lessons/catalog.py explains).
    """
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from desktop.lessons import catalog

    target = work_dir / catalog.INDEX_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    catalog.write_index(target)
    return [(str(target), "desktop/lessons")]


def resource_files(root: Path):
    """resources/ (icons, compiled translations, licence texts), except our build hooks and notes."""
    skip_dirs = {"hooks", "__pycache__"}
    found = []
    for path in sorted((root / "resources").rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or skip_dirs & set(relative.parts) or path.suffix in {".md", ".py", ".pyc"}:
            continue
        found.append((str(path), str(relative.parent)))
    return found


def starter_scripts(root: Path):
    """The starter scripts (resources/starters/*.py) as data, not code: the playground opens
    them as text and ``script-self-test`` runs them as students' files (``resource_files``
    skips ``.py`` because our build hooks live in resources/ too).
    desktop/runtime/script/starter.py finds them through desktop/resources.py."""
    return [(str(path), "resources/starters") for path in sorted((root / "resources" / "starters").glob("*.py"))]


def licence_files():
    """The bundled distributions' licence files and CPython's (LGPL and PSF terms ask for them)."""
    found = []
    for name in LICENSED_DISTRIBUTIONS:
        dist = importlib.metadata.distribution(name)
        for file in dist.files or []:
            if any(word in file.name.upper() for word in ("LICEN", "COPYING", "NOTICE")):
                target = Path("resources", "licenses", name, *file.parent.parts[1:])
                found.append((str(file.locate()), str(target)))
    for candidate in (
        Path(sys.base_prefix) / "LICENSE.txt",  # Windows installs
        Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "LICENSE.txt",
    ):
        if candidate.is_file():
            found.append((str(candidate), "resources/licenses/Python"))
            break
    return found


def only_our_qt_translations(datas):
    """``datas`` without the Qt translations of languages the app does not speak."""
    return [
        entry
        for entry in datas
        if "/translations/" not in entry[0].replace("\\", "/") or entry[0].endswith(KEEP_QT_TRANSLATIONS)
    ]


def windows_version_file(work_dir: Path, version: str, app_name: str, product: str, company: str) -> str:
    """A VSVersionInfo text file for the Windows executables: Explorer's Details tab and
    the installers show the product, version and publisher from it."""
    numbers = [int(part) for part in version.split(".")[:3] if part.isdigit()]
    numbers = tuple([*numbers, 0, 0, 0, 0][:4])
    strings = {
        "CompanyName": company,
        "FileDescription": product,
        "FileVersion": version,
        "InternalName": app_name,
        "LegalCopyright": f"{company}; MIT licence. Qt: LGPLv3.",
        "OriginalFilename": f"{app_name}.exe",
        "ProductName": product,
        "ProductVersion": version,
    }
    string_structs = ", ".join(f"StringStruct({key!r}, {value!r})" for key, value in strings.items())
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('040904B0', [{string_structs}])]),
        VarFileInfo([VarStruct('Translation', [1033, 1200])])]
)
"""
    path = work_dir / "version_info.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)
