"""Reading a script and refusing, with a clear message, what cannot run: before anything starts.

A student may open anything: an empty file, a picture, a file saved in a
legacy encoding, a 10 MB data dump, or code with a syntax error. Each is
refused here with a message that says what is wrong and where (a syntax
error's line and column, so the editor can jump there); nothing is spawned.
Each message is a :class:`~desktop.model.text.Text` in both languages: the
playground says it in the UI's language (again after a switch), the CLI in
``--language``. What the interpreter or the OS says (a syntax error's ``msg``,
``strerror``) is quoted as it is, inside a translated sentence.
"""

from __future__ import annotations

import io
import os
import tokenize

from desktop.model.param import InvalidParams
from desktop.model.text import Text

MAX_BYTES = 1_000_000  # a student's script is a few KB; a bigger file is data, not a program


class ScriptProblem(InvalidParams):
    """The script cannot run; ``line``/``column`` (1-based, 0 when unknown) point at the cause.

    ``text`` says why in every language; ``message`` is its English (what ``str()`` and ``problems`` hold).
    """

    def __init__(self, text: Text, line: int = 0, column: int = 0):
        super().__init__([text])
        self.text, self.line, self.column = text, line, column
        self.message = text.en


def load(path: str) -> str:
    """The text of the script at ``path``, checked to compile.

    Raises:
        ScriptProblem: the file is missing, too big, empty, binary, not text in
            its declared encoding (UTF-8 by default), or has a syntax error.
    """
    return check(read(path), os.path.basename(path))


def read(path: str) -> bytes:
    """The bytes of the file at ``path``, refused with a clear message when missing, a folder or too big."""
    name = os.path.basename(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            size_mb, most_mb = f"{size / 1e6:.1f}", f"{MAX_BYTES / 1e6:.0f}"
            raise ScriptProblem(
                Text(
                    f"{name} is {size_mb} MB; a script can be at most {most_mb} MB "
                    "(keep data in a separate file that the script reads)",
                    f"{name} 有 {size_mb} MB；脚本最大只能是 {most_mb} MB（请把数据放在另一个文件里，由脚本读取）",
                )
            )
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        raise ScriptProblem(Text(f"{path}: no such file", f"{path}：文件不存在")) from None
    except IsADirectoryError:
        raise ScriptProblem(
            Text(f"{path} is a folder, not a Python file", f"{path} 是文件夹，不是 Python 文件")
        ) from None
    except OSError as error:
        reason = error.strerror or error  # the OS's words, as it says them
        raise ScriptProblem(Text(f"{path} cannot be read: {reason}", f"无法读取 {path}：{reason}")) from None


def check(data: bytes, name: str = "<script>", filename: str | None = None) -> str:
    """Decode and compile ``data``; return the text or raise :class:`ScriptProblem`."""
    if not data.strip():
        raise ScriptProblem(Text(f"{name} is empty: there is nothing to run", f"{name} 是空的：没有可以运行的内容"))
    text = decode(data, name)
    try:
        compile(data, filename or name, "exec", dont_inherit=True)
    except SyntaxError as error:
        raise _syntax_problem(error, name) from None
    except ValueError as error:  # e.g. "source code string cannot contain null bytes"
        raise ScriptProblem(Text(f"{name}: {error}", f"{name}：{error}")) from None
    return text


def decode(data: bytes, name: str = "<script>") -> str:
    """The text of a Python file's bytes (its coding cookie, else UTF-8), for running or editing.

    Raises:
        ScriptProblem: a binary file, or bytes that are not text in the file's encoding.
    """
    if b"\0" in data:
        raise ScriptProblem(
            Text(
                f"{name} is not a Python script: it is a binary file (it contains NUL bytes)",
                f"{name} 不是 Python 脚本：它是二进制文件（含有 NUL 字节）",
            )
        )
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        cookie_problem = None
    except SyntaxError as error:  # a bad coding cookie, or bytes that are not UTF-8 in the first lines
        encoding, cookie_problem = "utf-8", error
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte, named = f"0x{data[error.start]:02x}", encoding.upper()
        raise ScriptProblem(
            Text(
                f"{name} is not valid {named} text: byte {byte} at line {line}, column {column}; "
                "save the file as UTF-8",
                f"{name} 不是有效的 {named} 文本：第 {line} 行第 {column} 列的字节 {byte}；请把文件另存为 UTF-8",
            ),
            line=line,
            column=column,
        ) from None
    if cookie_problem is not None:
        said = f"{cookie_problem}"  # the interpreter's words about the coding cookie
        raise ScriptProblem(Text(f"{name}: {said}", f"{name}：{said}"), line=cookie_problem.lineno or 0)
    return text


def _syntax_problem(error: SyntaxError, name: str) -> ScriptProblem:
    line, column = error.lineno or 0, error.offset or 0
    kind = type(error).__name__  # SyntaxError, IndentationError, TabError: Python's names and words, kept as they are
    english = f"{kind} in {name} at line {line}, column {column}: {error.msg}"
    chinese = f"{name} 第 {line} 行第 {column} 列有 {kind}：{error.msg}"
    if error.text:
        excerpt = f"\n    {error.text.rstrip()}\n    {' ' * max(column - 1, 0)}^"
        english, chinese = english + excerpt, chinese + excerpt
    return ScriptProblem(Text(english, chinese), line=line, column=column)
