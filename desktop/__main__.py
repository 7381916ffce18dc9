"""Entry point of ``python -m desktop`` and of the frozen executable.

In a frozen app every spawned worker starts by running this file up to
``freeze_support()``, which then takes over and never returns to us. So this
module imports nothing but the standard library at the top, calls
``freeze_support()`` first, and only then parses arguments and loads the CLI or
the Qt GUI.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    # Every run passes the spawn context explicitly; setting the default as well
    # makes anything that forgets (and the start method workers report) agree.
    multiprocessing.set_start_method("spawn", force=True)
    from desktop.cli import main

    sys.exit(main(sys.argv[1:]))
