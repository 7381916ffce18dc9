"""The same "script" as chapter1_unguarded, with the main guard (used by the main-guard lesson).

Importing this module only defines functions. The code that starts a process
runs when the module is run as a program (``python chapter1_guarded.py``), or
when someone calls :func:`main` on purpose; a spawned child that imports this
module while bootstrapping finds nothing to run, as it should.
"""

from __future__ import annotations

import multiprocessing

ctx = multiprocessing.get_context("spawn")


def helper_task(probe=None) -> None:
    """What the script wants its helper process to do: say hello."""
    if probe is not None:
        probe.log("guarded helper: started and ran cleanly", zh="有保护的辅助进程：已启动并正常运行")


def main(probe=None) -> int | None:
    """Start the helper, wait for it, return its exit code."""
    helper = ctx.Process(target=helper_task, args=(probe,), name="guarded-helper")
    helper.start()
    helper.join()
    return helper.exitcode


if __name__ == "__main__":
    multiprocessing.freeze_support()  # needed only in a frozen (PyInstaller) program; harmless elsewhere
    main()
