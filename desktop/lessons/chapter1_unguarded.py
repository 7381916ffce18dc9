"""A "script" that forgot the main guard (used by the main-guard lesson; never import it yourself).

Everything below runs on *every* import of this module, because nothing
protects it with ``if __name__ == "__main__":``. That is the bug.

The main-guard lesson makes a spawned child import this module while the child
is still bootstrapping (rebuilding its target and arguments), which is exactly
what a spawned child does with your script when you run it. The top-level code
then tries to start a process, and multiprocessing refuses with a RuntimeError
that mentions the "bootstrapping phase". Without that check the new process
would import this module again, start another one, and so on for ever.

Imported by an ordinary, fully started process (a REPL, a test), it does start
a helper; that helper imports this module while bootstrapping, fails with the
same RuntimeError, and exits with code 1.
"""

from __future__ import annotations

import multiprocessing

ctx = multiprocessing.get_context("spawn")


def helper_task() -> None:
    """What the script wanted its helper process to do."""


# --- top-level code: runs on import; this is what the main guard is for -------
helper = ctx.Process(target=helper_task, name="helper-started-on-import")
helper.start()
helper.join()
