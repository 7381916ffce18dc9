"""Strip DWARF debug info from the bundled libraries that carry it (Linux; used by build.spec).

Why: a Python built from source (pyenv, the CI machine's) ships a libpython
with tens of MB of debug info, which users never need. Only files that have
a ``.debug_info`` section are touched, and only with ``--strip-debug``:
PyInstaller's own ``strip=True`` strips every symbol of every library and
corrupts numpy's OpenBLAS.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path


def has_debug_info(path) -> bool:
    """True for a 64-bit ELF file with a .debug_info section (read from the section headers, no binutils)."""
    with open(path, "rb") as elf:
        header = elf.read(64)
        if header[:4] != b"\x7fELF" or header[4] != 2:  # 64-bit ELF only
            return False
        endian = "<" if header[5] == 1 else ">"
        (shoff,) = struct.unpack_from(endian + "Q", header, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from(endian + "HHH", header, 0x3A)
        elf.seek(shoff)
        sections = elf.read(shentsize * shnum)
        if len(sections) < shentsize * shnum or shstrndx >= shnum:
            return False
        names_offset, names_size = struct.unpack_from(endian + "QQ", sections, shstrndx * shentsize + 0x18)
        elf.seek(names_offset)
        return b".debug_info\x00" in elf.read(names_size)


def strip_debug_info(binaries, work_dir: Path):
    """``binaries`` (a TOC) with stripped copies (under ``work_dir``) of the files that carry debug info."""
    strip = shutil.which("strip")
    if strip is None:
        print("build.spec: no `strip` found; debug info stays in the bundle")
        return binaries
    result = []
    for dest, src, kind in binaries:
        if os.path.isfile(src) and has_debug_info(src):
            target = work_dir / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
            subprocess.run([strip, "--strip-debug", str(target)], check=True)
            result.append((dest, str(target), kind))
        else:
            result.append((dest, src, kind))
    return result
