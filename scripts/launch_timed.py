"""Run a command with the launch stamp set, so the app's ``first-paint`` line is exact.

    python scripts/launch_timed.py dist/ConcurrencyLab/ConcurrencyLab gui --exit-after-paint

The stamp is this process's ``time.perf_counter()`` taken just before the
command starts (see ``desktop/launch_clock.py``); the exit code is the command's.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop import launch_clock  # after the sys.path line: the repository must be importable


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    return subprocess.run(argv, env=launch_clock.launch_environment(), check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
