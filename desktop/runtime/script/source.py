"""Reading a script and refusing, with a clear message, what cannot run: before anything starts.

A student may open anything: an empty file, a picture, a file saved in a
legacy encoding, a 10 MB data dump, or code with a syntax error. Each is
refused here with a message that says what is wrong and where (a syntax
error's line and column, so the editor can jump there); nothing is spawned.
"""

from __future__ import annotations

import io
import os
import tokenize

from desktop.model.param import InvalidParams

MAX_BYTES = 1_000_000  # a student's script is a few KB; a bigger file is data, not a program


class ScriptProblem(InvalidParams):
    """The script cannot run; ``line``/``column`` (1-based, 0 when unknown) point at the cause."""

    def __init__(self, message: str, line: int = 0, column: int = 0):
        super().__init__([message])
        self.message, self.line, self.column = message, line, column


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
            raise ScriptProblem(
                f"{name} is {size / 1e6:.1f} MB; a script can be at most {MAX_BYTES / 1e6:.0f} MB "
                "(keep data in a separate file that the script reads)"
            )
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        raise ScriptProblem(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ScriptProblem(f"{path} is a folder, not a Python file") from None
    except OSError as error:
        raise ScriptProblem(f"{path} cannot be read: {error.strerror or error}") from None


def check(data: bytes, name: str = "<script>", filename: str | None = None) -> str:
    """Decode and compile ``data``; return the text or raise :class:`ScriptProblem`."""
    if not data.strip():
        raise ScriptProblem(f"{name} is empty: there is nothing to run")
    text = decode(data, name)
    try:
        compile(data, filename or name, "exec", dont_inherit=True)
    except SyntaxError as error:
        raise _syntax_problem(error, name) from None
    except ValueError as error:  # e.g. "source code string cannot contain null bytes"
        raise ScriptProblem(f"{name}: {error}") from None
    return text


def decode(data: bytes, name: str = "<script>") -> str:
    """The text of a Python file's bytes (its coding cookie, else UTF-8), for running or editing.

    Raises:
        ScriptProblem: a binary file, or bytes that are not text in the file's encoding.
    """
    if b"\0" in data:
        raise ScriptProblem(f"{name} is not a Python script: it is a binary file (it contains NUL bytes)")
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
        raise ScriptProblem(
            f"{name} is not valid {encoding.upper()} text: byte 0x{data[error.start]:02x} at line {line}, "
            f"column {column}; save the file as UTF-8",
            line=line,
            column=column,
        ) from None
    if cookie_problem is not None:
        raise ScriptProblem(f"{name}: {cookie_problem}", line=cookie_problem.lineno or 0)
    return text


def _syntax_problem(error: SyntaxError, name: str) -> ScriptProblem:
    line, column = error.lineno or 0, error.offset or 0
    message = f"{type(error).__name__} in {name} at line {line}, column {column}: {error.msg}"
    if error.text:
        message += f"\n    {error.text.rstrip()}\n    {' ' * max(column - 1, 0)}^"
    return ScriptProblem(message, line=line, column=column)
