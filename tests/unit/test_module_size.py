"""Every module under ``desktop/`` stays under 400 lines (issue 11: one concept a module, none grown like Mu's).

A module that reaches the limit holds more than one thing: move one coherent
concept into a module of its own, named after what it is (as the lesson page's
room went to ``desktop/ui/page_room.py`` and the probe's stderr tee to
``desktop/runtime/stderr_tee.py``), rather than squeezing lines. Lines are
counted as ``wc -l`` counts them: newline characters.
"""

from __future__ import annotations

from pathlib import Path

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
MOST_LINES = 399  # "under 400"


def _lines(path: Path) -> int:
    """``wc -l``: the number of newline characters in the file."""
    return path.read_bytes().count(b"\n")


def test_the_package_is_found():
    assert (DESKTOP / "__main__.py").is_file()
    assert len(list(DESKTOP.rglob("*.py"))) > 50


def test_no_module_under_desktop_has_400_lines_or_more():
    too_long = {
        str(path.relative_to(DESKTOP.parent)): lines
        for path in sorted(DESKTOP.rglob("*.py"))
        if (lines := _lines(path)) > MOST_LINES
    }
    assert too_long == {}, "split these into modules of one concept each"


def test_lines_are_counted_as_wc_counts_them(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_bytes(b"a = 1\n\nb = 2")  # wc -l: 2 (the last line has no newline)
    assert _lines(sample) == 2
