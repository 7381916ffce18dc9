"""Build the app's translations: refresh the .ts sources from the code, then compile them to .qm files.

``resources/translations/*.ts`` are the translation sources (XML, in git,
edited by hand or in Qt Linguist). ``pyside6-lupdate`` adds the strings the UI
code marks for translation (``self.tr``, ``QCoreApplication.translate``,
``QT_TRANSLATE_NOOP``) to them and drops the ones it no longer uses;
``pyside6-lrelease`` compiles them to the ``.qm`` files the app loads (committed
beside the sources, so the app speaks Chinese however it is started;
``tests/unit/ui/test_language.py`` fails when they no longer match the sources).
A string without a Chinese translation yet is listed
as a warning (or an error with ``--check``) and shows in English.

Usage::

    python scripts/build_translations.py               # update the .ts, compile the .qm
    python scripts/build_translations.py --no-update   # compile only
    python scripts/build_translations.py --check       # fail if a string is untranslated
    python scripts/build_translations.py --output DIR  # write the .qm files to DIR
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
UI_SOURCES = ROOT / "desktop" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"


def tool(name: str) -> str:
    """The path of PySide6's ``pyside6-<name>`` (lupdate, lrelease), preferring this interpreter's environment."""
    suffix = ".exe" if sys.platform == "win32" else ""
    beside = Path(sys.executable).parent / f"pyside6-{name}{suffix}"
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise FileNotFoundError(f"pyside6-{name} not found: install PySide6 (PySide6-Essentials) in this environment")
    return found


def sources() -> list[Path]:
    """The Python files whose strings are translated (only the UI package shows text through Qt)."""
    return sorted(UI_SOURCES.rglob("*.py"))  # subpackages too (desktop/ui/playground)


def ts_files(directory: Path = TRANSLATIONS) -> list[Path]:
    return sorted(directory.glob("*.ts"))


def update(directory: Path = TRANSLATIONS) -> None:
    """Bring every .ts file in ``directory`` up to date with the strings in the UI code.

    No source locations are written, so the files only change when the strings do. Strings no
    longer in the code are kept, marked "vanished", so their translations come back with them.
    """
    for ts in ts_files(directory):
        command = [tool("lupdate"), "-silent", "-locations", "none", *map(str, sources()), "-ts", str(ts)]
        subprocess.run(command, check=True, cwd=ROOT)


def compile_translations(directory: Path = TRANSLATIONS, output: Path | None = None) -> list[Path]:
    """Compile every .ts file in ``directory`` into a .qm file in ``output`` (default: beside it)."""
    output = output or directory
    output.mkdir(parents=True, exist_ok=True)
    built = []
    for ts in ts_files(directory):
        qm = output / ts.with_suffix(".qm").name
        subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, cwd=ROOT)
        built.append(qm)
    return built


def untranslated(ts: Path) -> list[str]:
    """``context: source`` of every string in use in ``ts`` that has no finished translation."""
    missing = []
    for context in ElementTree.parse(ts).getroot().iter("context"):  # noqa: S314 - our own files
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue  # no longer in the code
            if kind == "unfinished" or not (translation.text or "").strip():
                missing.append(f"{name}: {message.findtext('source', '')}")
    return missing


def build(update_sources: bool = True, output: Path | None = None) -> list[Path]:
    """Update the .ts sources (unless told not to), compile them, and return the .qm files."""
    if update_sources:
        update()
    return compile_translations(output=output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-update", action="store_true", help="compile the .ts files as they are")
    parser.add_argument("--check", action="store_true", help="exit with 1 if a string has no translation")
    parser.add_argument("--output", type=Path, help="directory for the .qm files (default: beside the .ts)")
    args = parser.parse_args(argv)
    built = build(update_sources=not args.no_update, output=args.output)
    missing = {ts.name: untranslated(ts) for ts in ts_files()}
    for name, strings in missing.items():
        for string in strings:
            print(f"{name}: untranslated: {string}", file=sys.stderr)
    print(f"built {', '.join(str(qm.relative_to(ROOT)) if qm.is_relative_to(ROOT) else str(qm) for qm in built)}")
    return 1 if args.check and any(missing.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
