"""Checking a script before anything starts: each bad input gets a clear message, nothing crashes."""

from __future__ import annotations

import sys
from pathlib import Path

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


def _problem(tmp_path, make) -> ScriptProblem:
    with pytest.raises(ScriptProblem) as caught:
        source.load(make(tmp_path))
    return caught.value


# Each file a student may try, and what is said about it in English and in Chinese. What Python or the OS says
# (a syntax error's msg, an unknown encoding's name) is quoted as it is; the sentence around it is translated.
BAD_FILES = {
    "empty": (
        lambda d: write(d, b"\n"),
        "script.py is empty: there is nothing to run",
        "script.py 是空的：没有可以运行的内容",
    ),
    "binary": (
        lambda d: write(d, b"\x89PNG\0"),
        "script.py is not a Python script: it is a binary file (it contains NUL bytes)",
        "script.py 不是 Python 脚本：它是二进制文件（含有 NUL 字节）",
    ),
    "not utf-8": (
        lambda d: write(d, b"print(1)\nprint('caf\xe9')\n"),
        "script.py is not valid UTF-8 text: byte 0xe9 at line 2, column 11; save the file as UTF-8",
        "script.py 不是有效的 UTF-8 文本：第 2 行第 11 列的字节 0xe9；请把文件另存为 UTF-8",
    ),
    "too big": (
        lambda d: write(d, b"x = 1\n" * 250_000),
        "script.py is 1.5 MB; a script can be at most 1 MB (keep data in a separate file that the script reads)",
        "script.py 有 1.5 MB；脚本最大只能是 1 MB（请把数据放在另一个文件里，由脚本读取）",
    ),
    "syntax": (
        lambda d: write(d, b"import os\n\ndef f(:\n    pass\n"),
        "SyntaxError in script.py at line 3, column ",  # then the column and Python's words, as Python says them
        "script.py 第 3 行第 ",
    ),
    "bad cookie": (
        lambda d: write(d, b"# -*- coding: no-such-codec -*-\nx = 1\n"),
        "script.py: unknown encoding: no-such-codec",
        "script.py：unknown encoding: no-such-codec",
    ),
    "missing": (lambda d: str(d / "nope.py"), "nope.py: no such file", "nope.py：文件不存在"),
    "folder": (str, " is a folder, not a Python file", " 是文件夹，不是 Python 文件"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_each_refusal_is_said_in_english_and_in_chinese(tmp_path, case):
    make, english, chinese = BAD_FILES[case]
    problem = _problem(tmp_path, make)
    assert english in problem.text.en and chinese in problem.text.zh
    assert problem.message == problem.text.en == str(problem)  # what the CLI's tests and logs read
    assert problem.in_language("zh") == [problem.text.zh]
    framing = ("is empty", "is not", "is a folder", "no such file", " at line ", "can be at most")
    assert not any(words in problem.text.zh for words in framing), problem.text.zh


@pytest.mark.skipif(sys.platform == "win32", reason="Windows reports a file used as a folder as a missing file")
def test_an_unreadable_path_quotes_the_os_inside_a_translated_sentence(tmp_path):
    inside_a_file = Path(write(tmp_path, b"x = 1\n")) / "inner.py"  # NotADirectoryError: an OSError
    problem = _problem(tmp_path, lambda _d: str(inside_a_file))
    assert problem.text.en == f"{inside_a_file} cannot be read: Not a directory"
    assert problem.text.zh == f"无法读取 {inside_a_file}：Not a directory"


def test_a_syntax_error_keeps_pythons_words_and_the_excerpt_in_chinese(tmp_path):
    problem = _problem(tmp_path, lambda d: write(d, b"import os\n\ndef f(:\n    pass\n"))
    column = problem.column
    english_frame = f"SyntaxError in script.py at line 3, column {column}: "
    chinese_frame = f"script.py 第 3 行第 {column} 列有 SyntaxError："
    assert problem.text.en.startswith(english_frame) and problem.text.zh.startswith(chinese_frame)
    assert problem.text.zh.removeprefix(chinese_frame) == problem.text.en.removeprefix(english_frame)  # msg + excerpt
    assert "def f(:" in problem.text.zh
