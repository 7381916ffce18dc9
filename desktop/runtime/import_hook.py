"""Patches applied when their module is first imported: a process pays only for what its code uses.

Every process a script starts is instrumented before it runs anything, pool
workers included. Importing ``asyncio``, ``concurrent.futures`` and
``multiprocessing.managers`` there only to patch them made each spawned worker
import 200 modules instead of a bare worker's 119 and spend some 35 ms more
CPU before its first task (inside a timed ``Pool``), though most never touch
them. So the instrumentation (:mod:`desktop.runtime.instrument`), and any
worker-side patch of the runtime (:mod:`desktop.runtime.named_resources`),
says *which module* each patch is for (:func:`when_imported`), and the patch
runs:

* at once, if the module is already imported;
* otherwise right after the module's own code has run, the first time anything
  in this process imports it (the script at its top, inside a function, a
  child only, the standard library for itself), before the import statement
  returns: nothing can use the module unpatched.

A finder at the front of ``sys.meta_path`` answers only for the watched
names: it asks the other finders for the module's spec and hands the import
system a loader that runs the real loader's ``exec_module``, puts the real
loader back on the module, then applies the patches. Every other import goes
through the usual finders untouched.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from types import ModuleType

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import Any

Patch = Callable[[ModuleType], None]

_patches: dict[str, list[Patch]] = {}  # module name -> what to apply when it is (re)loaded
_lock = threading.Lock()


def when_imported(name: str, patch: Patch) -> None:
    """Apply ``patch(module)`` to module ``name`` now if it is imported, else right after its first import."""
    with _lock:
        _patches.setdefault(name, []).append(patch)
        if _FINDER not in sys.meta_path:
            sys.meta_path.insert(0, _FINDER)
    module = sys.modules.get(name)
    if module is not None:
        patch(module)


def _apply(module: ModuleType) -> None:
    for patch in list(_patches.get(module.__name__, ())):
        patch(module)


class _PatchingLoader:
    """The module's own loader, with the patches applied after its code has run."""

    def __init__(self, loader: Any):
        self._loader = loader

    def create_module(self, spec: Any) -> ModuleType | None:
        create = getattr(self._loader, "create_module", None)
        return create(spec) if create is not None else None

    def exec_module(self, module: ModuleType) -> None:
        loader = self._loader
        try:
            loader.exec_module(module)
        finally:
            # The module looks as it would have without us (inspect, linecache, importlib.resources read it).
            spec = getattr(module, "__spec__", None)
            if spec is not None and spec.loader is self:
                spec.loader = loader
            if getattr(module, "__loader__", None) is self:
                module.__loader__ = loader
        _apply(module)

    def __getattr__(self, name: str) -> Any:  # get_source, get_resource_reader, is_package, ...
        return getattr(self._loader, name)


class _Finder:
    """At the front of ``sys.meta_path``: finds watched modules through the other finders, patching loaders."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname not in _patches:
            return None
        for finder in list(sys.meta_path):
            find = getattr(finder, "find_spec", None) if finder is not self else None
            spec = find(fullname, path, target) if find is not None else None
            if spec is None:
                continue
            if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader = _PatchingLoader(spec.loader)
            return spec
        return None

    def invalidate_caches(self) -> None:
        pass


_FINDER = _Finder()
