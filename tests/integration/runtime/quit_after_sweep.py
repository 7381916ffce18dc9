"""An app that stops a run of ``killed_mid_creation``, then quits (``python -m`` this module).

Its resource tracker (a child that shares its stderr) says at exit what it was
still holding; the test reads that stderr. Prints the names the run left, one a line.
"""

from __future__ import annotations

import time

from desktop.model.param import Params
from desktop.runtime.run import Run
from tests.integration.runtime import killed_mid_creation


def stop_after_the_leaks(run: Run) -> list[str]:
    """Wait until the started ``run`` has made its names, stop it, wait; return the names it reported making."""
    leaked = None
    deadline = time.monotonic() + 60
    while leaked is None and time.monotonic() < deadline:
        for event in run.take_new_events():
            if event.kind == "log" and str(event.value).startswith("leaked "):
                leaked = str(event.value).split()[1:]
        time.sleep(0.02)
    run.stop()
    assert run.wait(30), "the stopped run never finished"
    assert leaked is not None, "the target never reported what it made"
    return leaked


def main() -> None:
    run = Run(killed_mid_creation, Params({}))
    run.start()
    print("\n".join(stop_after_the_leaks(run)), flush=True)


if __name__ == "__main__":
    main()
