"""The spawned side of ``test_worker_imports``: what importing a lesson's module adds to a fresh worker.

A spawned worker unpickles its target, a function of its lesson's module, and so
imports that module and everything it imports before it runs a line of the
lesson; the lessons that time their processes' start time that import too.
:func:`report` is such a target: it imports only ``sys`` here, so what it finds
added is the lesson's own doing.
"""

import sys


def report(module: str, connection) -> None:
    """Import ``module`` and send back the names it added to ``sys.modules``, sorted."""
    before = set(sys.modules)
    __import__(module)
    connection.send(sorted(set(sys.modules) - before))
    connection.close()
