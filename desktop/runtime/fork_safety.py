"""Fresh locks in a forked child: what another thread of the parent held at the fork is not held here.

``os.fork()`` copies only the thread that called it. A lock another thread held
at that moment (the probe's flusher sending a batch, a student's thread printing
a line) stays held in the child for ever, and the child's first report waits on
it: a script that starts ``fork`` processes while its threads print hung now and
then until the run's timeout. An object registered here gets its
``_after_fork_in_child()`` called in every forked child, where it replaces its
locks and drops what belonged to the parent's other threads, as CPython's own
modules do (``logging``, ``concurrent.futures``).

Every spawned worker imports this module with the probe: it imports nothing new.
"""

from __future__ import annotations

import os
import weakref

TYPE_CHECKING = False  # typing's own constant without importing typing: every spawned worker imports this module
if TYPE_CHECKING:
    from typing import Any

_registered: weakref.WeakSet[Any] = weakref.WeakSet()


def reinit_after_fork(obj: Any) -> None:
    """Call ``obj._after_fork_in_child()`` in every child this process forks from now on (held weakly)."""
    _registered.add(obj)


def _after_fork_in_child() -> None:
    for obj in list(_registered):
        obj._after_fork_in_child()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
