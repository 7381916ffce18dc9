"""Patches applied when their module is first imported, or at once if it already is."""

from __future__ import annotations

import importlib
import inspect
import sys
import textwrap

import pytest

from desktop.runtime import import_hook


@pytest.fixture
def modules(tmp_path, monkeypatch):
    """``modules(**files)`` writes importable files under a fresh package name; forgets them afterwards."""
    monkeypatch.syspath_prepend(str(tmp_path))
    written: list[str] = []

    def write(files: dict[str, str]) -> None:
        for relative, text in files.items():
            path = tmp_path / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
            written.append(relative.removesuffix(".py").removesuffix("/__init__").replace("/", "."))
        importlib.invalidate_caches()

    saved_patches = {name: list(patches) for name, patches in import_hook._patches.items()}
    yield write
    for name in written:
        sys.modules.pop(name, None)
    import_hook._patches.clear()
    import_hook._patches.update(saved_patches)
    if not saved_patches and import_hook._FINDER in sys.meta_path:
        sys.meta_path.remove(import_hook._FINDER)


def test_a_module_is_patched_right_after_its_first_import(modules):
    modules({"hooked_alone.py": "def greet():\n    return 'hello'\n"})
    seen = []
    import_hook.when_imported("hooked_alone", lambda module: seen.append(module.greet()))
    assert seen == [] and "hooked_alone" not in sys.modules  # registering imports nothing

    import hooked_alone  # noqa: F401

    assert seen == ["hello"]  # the module had run when its patch was applied
    assert sys.meta_path[0] is import_hook._FINDER


def test_a_module_already_imported_is_patched_at_once(modules):
    modules({"hooked_early.py": "value = 1\n"})
    import hooked_early

    import_hook.when_imported("hooked_early", lambda module: setattr(module, "value", 2))
    assert hooked_early.value == 2


def test_the_import_statement_returns_the_patched_module(modules):
    modules({"hooked_late.py": "def f():\n    return 'plain'\n"})

    def patch(module):
        module.f = lambda: "patched"

    import_hook.when_imported("hooked_late", patch)
    from hooked_late import f  # e.g. inside a function of the script, long after start-up

    assert f() == "patched"


def test_a_package_that_re_exports_a_patched_submodule_gets_the_patched_names(modules):
    # concurrent.futures takes ``wait`` from its _base submodule while it is being imported.
    modules(
        {
            "hooked_pkg/__init__.py": "from hooked_pkg._base import wait\n",
            "hooked_pkg/_base.py": "def wait():\n    return 'plain'\n",
        }
    )
    import_hook.when_imported("hooked_pkg._base", lambda module: setattr(module, "wait", lambda: "patched"))
    import hooked_pkg

    assert hooked_pkg.wait() == "patched"


def test_the_module_keeps_its_own_loader(modules):
    modules({"hooked_source.py": "def f():\n    return 1\n"})
    import_hook.when_imported("hooked_source", lambda module: None)
    import hooked_source

    assert type(hooked_source.__loader__).__name__ == "SourceFileLoader"
    assert hooked_source.__spec__.loader is hooked_source.__loader__
    assert "return 1" in inspect.getsource(hooked_source.f)


def test_other_imports_are_left_to_the_usual_finders(modules):
    modules({"not_hooked.py": "x = 1\n"})
    import_hook.when_imported("hooked_other", lambda module: None)
    assert import_hook._FINDER.find_spec("not_hooked") is None
    import not_hooked

    assert type(not_hooked.__loader__).__name__ == "SourceFileLoader"


def test_a_patch_runs_again_when_the_module_is_imported_afresh(modules):
    modules({"hooked_twice.py": "x = 0\n"})
    calls = []
    import_hook.when_imported("hooked_twice", calls.append)
    import hooked_twice  # noqa: F401

    del sys.modules["hooked_twice"]
    import hooked_twice as again

    assert calls[-1] is again and len(calls) == 2


def test_a_missing_module_still_raises_module_not_found(modules):
    import_hook.when_imported("hooked_nowhere", lambda module: None)
    with pytest.raises(ModuleNotFoundError):
        import hooked_nowhere  # noqa: F401
