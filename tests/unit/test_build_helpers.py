"""build.spec's helpers under scripts/installer/: what they cut from the bundle, on real files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "installer"))

import debug_info
import qt_plugins


@pytest.mark.parametrize(
    ("dest", "unused"),
    [
        ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6\\Qt\\plugins\\generic\\libqtuiotouchplugin.so", True),  # TOC paths may use backslashes
        ("PySide6/Qt/lib/libQt6Core.so.6", False),
    ],
)
def test_the_plugins_a_desktop_never_uses_are_named_and_nothing_else(dest, unused):
    assert qt_plugins.is_unused(dest) is unused


@pytest.fixture
def elf_with_debug_info(tmp_path):
    if not (shutil.which("gcc") and shutil.which("strip")):
        pytest.skip("needs gcc and strip")
    source = tmp_path / "lib.c"
    source.write_text("int answer(void) { return 42; }\n")
    library = tmp_path / "libanswer.so"
    subprocess.run(["gcc", "-g", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    return library


def test_debug_info_is_found_in_an_elf_file_that_has_it_and_not_elsewhere(elf_with_debug_info, tmp_path):
    assert debug_info.has_debug_info(elf_with_debug_info)
    not_elf = tmp_path / "data.bin"
    not_elf.write_bytes(b"\x7fELX" + bytes(60))
    assert not debug_info.has_debug_info(not_elf)


def test_stripping_copies_only_the_files_with_debug_info_and_strips_the_copy(elf_with_debug_info, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("not a library")
    toc = [("libanswer.so", str(elf_with_debug_info), "BINARY"), ("plain.txt", str(plain), "DATA")]
    result = debug_info.strip_debug_info(toc, tmp_path / "stripped")
    (dest, stripped, kind), untouched = result
    assert (dest, kind) == ("libanswer.so", "BINARY")
    assert Path(stripped) == tmp_path / "stripped" / "libanswer.so"
    assert not debug_info.has_debug_info(stripped)
    assert debug_info.has_debug_info(elf_with_debug_info), "the source file itself must stay as it was"
    assert untouched == toc[1]
