"""Replace Qt's 31 MB ICU data library with one that holds only what the app can use.

PySide6's Linux wheels link QtCore against ICU, whose data (``libicudata.so.NN``)
holds every locale, collation, converter table and break dictionary: ~31 MB of
the bundle. Qt uses ICU only for collation, case mapping, time zones (as a
fallback) and non-UTF codecs; it has its own CLDR locale data, line breaking
and UTF-8/16 codecs. The app speaks English and Simplified Chinese.

This module extracts the data blob from the library (symbol ``icudtNN_dat``),
drops with ``icupkg`` what no code path of the app reaches (other locales,
legacy code-page converters, transliterators, break iterators and their
dictionaries, character names, spoof data), and assembles a drop-in ``libicudata.so.NN`` with the same soname and
symbol around the subset (``gcc`` + ``.incbin``). ICU looks items up by name
and reports a missing one as an ordinary error, so Qt falls back (e.g. QCollator
to code-point order) instead of crashing.

Linux only; needs ``icupkg`` (Debian/Ubuntu: ``icu-devtools``) and ``gcc``.
Without them build.spec keeps the full library. Used by build.spec; also
runnable alone: ``python scripts/installer/icu_subset.py LIB OUT_DIR``.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

KEPT_LANGUAGES = ("en", "zh")  # the app's UI languages
LOCALE_NAME = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")
DROPPED_KINDS = (".cnv", ".dict", ".cfu")  # code-page converters, break dictionaries, spoof checker
# Transliterators; break iterators (Qt finds text boundaries with its own Unicode
# tables, never ICU's ubrk); character names (only regex \N{...} uses them).
DROPPED_DIRS = ("translit/", "brkitr/", "unames.icu")


def tools_available() -> bool:
    return bool(shutil.which("icupkg") and shutil.which("gcc"))


def _symbol(lib: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the ``icudtNN_dat`` symbol, read from the ELF tables."""
    data = lib.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{lib}: not a 64-bit little-endian ELF file")
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    dynsym = next(s for s in sections if s[1] == 11)  # SHT_DYNSYM
    strtab = sections[dynsym[6]]
    for offset in range(dynsym[4], dynsym[4] + dynsym[5], dynsym[9]):
        name_at, _info, _other, shndx, value, size = struct.unpack_from("<IBBHQQ", data, offset)
        end = data.index(b"\0", strtab[4] + name_at)
        name = data[strtab[4] + name_at : end].decode()
        if re.fullmatch(r"icudt\d+_dat", name):
            section = sections[shndx]
            return name, value - section[3] + section[4], size
    raise ValueError(f"{lib}: no icudtNN_dat symbol")


def keep_item(item: str) -> bool:
    """True for an ICU data item (e.g. ``coll/zh.res``) that the app's languages can reach."""
    if item.endswith(DROPPED_KINDS) or item.startswith(DROPPED_DIRS):
        return False
    if not item.endswith(".res"):
        return True  # properties, normalization, break rules (.icu, .nrm, .spp, .brk)
    stem = item.rsplit("/", 1)[-1][: -len(".res")]
    if stem == "root" or not LOCALE_NAME.match(stem):
        return True  # root and locale-independent tables (pool, zoneinfo64, plurals, ...)
    return stem.split("_", 1)[0] in KEPT_LANGUAGES


def build_subset(lib: Path, out_dir: Path) -> Path:
    """Write a slim copy of ``lib`` (same file name) into ``out_dir`` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    symbol, offset, size = _symbol(lib)
    package = symbol[: -len("_dat")] + "l"  # icudt73l: ICU names packages by version + endianness
    full = out_dir / "full" / f"{package}.dat"
    full.parent.mkdir(exist_ok=True)
    with lib.open("rb") as source:
        source.seek(offset)
        full.write_bytes(source.read(size))
    listing = subprocess.run(["icupkg", "-l", str(full)], check=True, capture_output=True, text=True).stdout
    dropped = [item for item in listing.split() if not keep_item(item)]
    drop_list = out_dir / "dropped.txt"
    subset = out_dir / f"{package}.dat"
    for _attempt in range(10):
        # icupkg refuses a package with dangling references (e.g. root's break
        # rules name the Thai dictionary): put those items back and try again.
        drop_list.write_text("\n".join(dropped) + "\n")
        subset.unlink(missing_ok=True)
        result = subprocess.run(
            ["icupkg", "-r", str(drop_list), str(full), str(subset)], capture_output=True, text=True
        )
        needed = set(re.findall(r"depends on missing item (\S+)", result.stdout + result.stderr))
        if result.returncode == 0 and subset.exists():
            break
        if not needed:
            raise RuntimeError(f"icupkg failed: {result.stdout}{result.stderr}")
        dropped = [item for item in dropped if item not in needed]
    else:
        raise RuntimeError("icupkg: could not resolve the subset's dependencies")
    assembly = out_dir / "icudata.S"
    assembly.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
        f'{symbol}:\n\t.incbin "{subset.name}"\n\t.size {symbol}, .-{symbol}\n'
        '\t.section .note.GNU-stack,"",@progbits\n'
    )
    slim = out_dir / lib.name
    subprocess.run(
        ["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o", str(slim), assembly.name],
        check=True,
        cwd=out_dir,
    )
    slim_mb = slim.stat().st_size / 1e6
    print(f"icu_subset: {lib.name} {size / 1e6:.1f} MB -> {slim_mb:.1f} MB ({len(dropped)} items dropped)")
    return slim


def slim(binaries, work_dir: Path):
    """``binaries`` (a TOC) with the ICU data library swapped for the subset (build.spec, Linux).

    Why: ~26 MB less in every Linux download, for data no code path of the
    app reaches (module docstring). Skipped, full library kept, when icupkg or
    gcc is missing, or with CONCURRENCY_LAB_FULL_ICU=1 (to compare).
    """
    if os.environ.get("CONCURRENCY_LAB_FULL_ICU") == "1" or not tools_available():
        print("build.spec: keeping the full ICU data library (no icupkg/gcc, or CONCURRENCY_LAB_FULL_ICU=1)")
        return binaries
    return [
        (dest, str(build_subset(Path(src), work_dir)), kind)
        if Path(dest).name.startswith("libicudata.so")
        else (dest, src, kind)
        for dest, src, kind in binaries
    ]


if __name__ == "__main__":
    build_subset(Path(sys.argv[1]), Path(sys.argv[2]))
