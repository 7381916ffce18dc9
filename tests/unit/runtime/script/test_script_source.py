"""Checking a script before anything starts: each bad input gets a clear message, nothing crashes."""

from __future__ import annotations

import pytest

from desktop.runtime.script import source
from desktop.runtime.script.source import ScriptProblem


def write(tmp_path, data: bytes, name: str = "script.py") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_a_good_script_is_returned_as_text(tmp_path):
    assert source.load(write(tmp_path, "print('héllo')\n".encode())) == "print('héllo')\n"


def test_a_declared_legacy_encoding_is_honoured(tmp_path):
    data = b"# -*- coding: latin-1 -*-\nprint('\xe9')\n"
    assert "é" in source.load(write(tmp_path, data))


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n"])
def test_an_empty_file_says_there_is_nothing_to_run(tmp_path, data):
    with pytest.raises(ScriptProblem, match="is empty: there is nothing to run"):
        source.load(write(tmp_path, data))


def test_a_binary_file_is_named_as_such(tmp_path):
    with pytest.raises(ScriptProblem, match="binary file"):
        source.load(write(tmp_path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "picture.py"))


def test_non_utf8_text_names_the_byte_and_its_line(tmp_path):
    with pytest.raises(ScriptProblem) as caught:
        source.load(write(tmp_path, b"print(1)\nprint('caf\xe9')\n"))
    problem = caught.value
    assert "not valid UTF-8 text: byte 0xe9 at line 2" in problem.message
    assert "save the file as UTF-8" in problem.message
    assert (problem.line, problem.column) == (2, 11)


def test_a_ten_megabyte_file_is_refused_by_size(tmp_path):
    path = write(tmp_path, b"x = 1\n" * (10_000_000 // 6))
    with pytest.raises(ScriptProblem, match=r"is 10\.0 MB; a script can be at most 1 MB"):
        source.load(path)


def test_a_syntax_error_is_shown_at_its_line_and_column(tmp_path):
    with pytest.raises(ScriptProblem) as caught:
        source.load(write(tmp_path, b"import os\n\ndef f(:\n    pass\n"))
    problem = caught.value
    assert problem.line == 3
    assert problem.column > 0
    assert "SyntaxError in script.py at line 3" in problem.message
    assert "def f(:" in problem.message


def test_a_missing_file_and_a_folder_are_named(tmp_path):
    with pytest.raises(ScriptProblem, match="no such file"):
        source.load(str(tmp_path / "nope.py"))
    with pytest.raises(ScriptProblem, match="is a folder"):
        source.load(str(tmp_path))


def test_a_problem_is_invalid_input_for_the_cli(tmp_path):
    with pytest.raises(ScriptProblem) as caught:
        source.load(write(tmp_path, b""))
    assert caught.value.problems == [caught.value.message]
