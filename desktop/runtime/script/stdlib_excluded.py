"""The parts of the standard library the installed app leaves out, each with why.

The frozen app bundles the whole standard library for students' scripts
(``scripts/installer/stdlib_modules.py`` collects it for build.spec) except
the packages below: test suites, and tools a script run by the app cannot
use (a Tk window of its own, an interactive terminal, installing packages).
One table serves the build (what to leave out) and the messages (why an
import of one of them fails).
"""

from __future__ import annotations

import sys

from desktop.model.text import Text

_NEEDS_TK = Text(
    "it needs Tcl/Tk (about 15 MB) and opens its own window, which would fight the app's",
    "它需要 Tcl/Tk（约 15 MB）并打开自己的窗口，会与应用的窗口冲突",
)
_NEEDS_TERMINAL = Text(
    "it needs an interactive terminal, and a script's output goes to the app's event log",
    "它需要交互式终端，而脚本的输出进入应用的事件日志",
)
_TEST_SUITE = Text("it is CPython's own test suite", "它是 CPython 自身的测试套件")
_PACKAGING_TOOL = Text(
    "it builds or installs packages, and the app cannot install packages into itself",
    "它用于构建或安装包，而应用无法给自身安装包",
)

# Top-level module -> why it is left out. Only modules of the standard library;
# submodules named ``test`` or ``tests`` (e.g. ``unittest.test``) go too, see :func:`is_excluded`.
EXCLUDED: dict[str, Text] = {
    "tkinter": _NEEDS_TK,
    "_tkinter": _NEEDS_TK,
    "turtle": _NEEDS_TK,
    "turtledemo": _NEEDS_TK,
    "idlelib": Text("it is IDLE, a Tk editor", "它是 IDLE，一个基于 Tk 的编辑器"),
    "curses": _NEEDS_TERMINAL,
    "_curses": _NEEDS_TERMINAL,
    "_curses_panel": _NEEDS_TERMINAL,
    "readline": _NEEDS_TERMINAL,
    "test": _TEST_SUITE,
    "_testcapi": _TEST_SUITE,
    "_testinternalcapi": _TEST_SUITE,
    "_testbuffer": _TEST_SUITE,
    "_testclinic": _TEST_SUITE,
    "_testimportmultiple": _TEST_SUITE,
    "_testmultiphase": _TEST_SUITE,
    "_testsinglephase": _TEST_SUITE,
    "_ctypes_test": _TEST_SUITE,
    "_xxtestfuzz": _TEST_SUITE,
    "xxlimited": _TEST_SUITE,
    "xxlimited_35": _TEST_SUITE,
    "xxsubtype": _TEST_SUITE,
    "__phello__": _TEST_SUITE,
    "ensurepip": _PACKAGING_TOOL,
    "venv": _PACKAGING_TOOL,
    "distutils": _PACKAGING_TOOL,
    "nis": Text(
        "it is deprecated (removed in Python 3.13) and needs about 2 MB of Kerberos libraries",
        "它已弃用（Python 3.13 中移除），且需要约 2 MB 的 Kerberos 库",
    ),
    "lib2to3": Text(
        "it is the 2to3 converter, a deprecated tool for Python 2 code",
        "它是 2to3 转换工具，一个用于 Python 2 代码的已弃用工具",
    ),
}
TEST_PACKAGES = ("test", "tests")  # a package's own tests (ctypes.test, unittest.test, ...): left out


def is_excluded(module: str) -> bool:
    """Whether the frozen app leaves ``module`` (dotted name) out of its standard library."""
    parts = module.split(".")
    return parts[0] in EXCLUDED or any(part in TEST_PACKAGES for part in parts[1:])


def is_standard(module: str) -> bool:
    """Whether ``module``'s top-level package belongs to the standard library (its test suites included,
    which ``sys.stdlib_module_names`` leaves out)."""
    top = module.split(".", 1)[0]
    return top in sys.stdlib_module_names or top in EXCLUDED


def reason(module: str) -> Text | None:
    """Why the app leaves standard-library ``module`` out, or None when it ships it."""
    top = module.split(".", 1)[0]
    if top in EXCLUDED:
        return EXCLUDED[top]
    return _TEST_SUITE if is_excluded(module) else None
