"""A run target whose process group holds a process that is not its descendant.

Its ``main`` starts a child that starts a grandchild and exits: the grandchild
is re-parented (to PID 1 or a subreaper) but stays in the run process's group.
It writes the grandchild's pid to ``$TMPDIR/grandchild`` (the run's scratch
folder), then waits to be stopped. Only a kill of the whole group reaches it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

MARKER = "grandchild"
_START_GRANDCHILD = (  # the grandchild must not hold the child's output pipes, or run() would wait for it
    "import subprocess, sys;"
    "quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
    "grandchild = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'], **quiet);"
    "print(grandchild.pid)"
)

entry = f"{__name__}:main"


def main(_params, _probe):
    out = subprocess.run([sys.executable, "-c", _START_GRANDCHILD], capture_output=True, text=True, check=True).stdout
    marker = os.path.join(os.environ["TMPDIR"], MARKER)
    with open(marker + ".tmp", "w", encoding="utf-8") as written:
        written.write(out.strip())
    os.replace(marker + ".tmp", marker)  # whole, at once: the test reads it as soon as it exists
    time.sleep(600)
    return {}
