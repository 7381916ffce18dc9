"""What the installed app leaves out of the standard library, and what a script importing it is told."""

from __future__ import annotations

import sys

from desktop.runtime.script import stdlib_excluded
from desktop.runtime.script.summary import missing_module_text


def test_every_excluded_module_says_why_in_both_languages():
    for name, why in stdlib_excluded.EXCLUDED.items():
        assert why.en and why.zh, name


def test_test_suites_and_tools_are_excluded_but_the_rest_of_the_standard_library_is_not():
    for name in ("tkinter", "tkinter.ttk", "idlelib.pyshell", "test.support", "ctypes.test", "unittest.test.testmock"):
        assert stdlib_excluded.is_excluded(name), name
    for name in ("sqlite3", "unittest", "unittest.mock", "asyncio", "xml.etree.ElementTree", "ssl", "zipfile"):
        assert not stdlib_excluded.is_excluded(name), name


def test_an_excluded_standard_module_is_named_with_why():
    text = missing_module_text("tkinter.ttk")
    assert "tkinter.ttk is part of the Python standard library, but the app leaves it out" in text.en
    assert "Tcl/Tk" in text.en
    assert "tkinter.ttk" in text.zh and "Tcl/Tk" in text.zh


def test_a_package_is_named_with_what_scripts_can_use():
    text = missing_module_text("requests.adapters")
    assert text.en.startswith("requests is not available to scripts run by the app")
    assert "standard library" in text.en and "numpy" in text.en
    # a third-party package's own tests are not the standard library's
    assert missing_module_text("mypkg.tests").en.startswith("mypkg is not available")


def test_the_excluded_names_are_standard_library_names_of_some_python():
    # test suites and _test* modules are left out of sys.stdlib_module_names on purpose
    tools = {name for name, why in stdlib_excluded.EXCLUDED.items() if "test suite" not in why.en}
    assert tools <= sys.stdlib_module_names | {"distutils", "lib2to3", "nis"}
