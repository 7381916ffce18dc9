"""Keep N cores busy while a command runs: a busy machine on demand.

    python scripts/cpu_hog.py 2 -- python scripts/dev.py test     # the test command next to two CPU hogs
    python scripts/cpu_hog.py 2                                   # two hogs until Ctrl+C

Each hog is a separate process spinning in pure Python, so it competes for a
core like a browser tab or a video call would. They start before the command,
run for its entire duration and are ended (and reaped) when it returns; the
command's exit code is passed on; a SIGTERM ends them too, and on POSIX a hog
whose parent died (SIGKILL) ends itself within a few milliseconds, so no hog outlives
its caller. Standard library only: it runs before the project's virtual environment exists.
"""

from __future__ import annotations

import signal
import subprocess
import sys

# Spin; every 100 000 turns (a few ms) check the parent is still there (POSIX re-parents an orphan).
SPIN = """
import os
parent = os.getppid()
while True:
    for _ in range(100_000):
        pass
    if os.name == "posix" and os.getppid() != parent:
        break
"""


def start_hogs(count: int) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(count)]


def end_hogs(hogs: list[subprocess.Popen]) -> None:
    for hog in hogs:
        hog.kill()
    for hog in hogs:
        hog.wait()


def main(argv: list[str]) -> int:
    if not argv or not argv[0].isdigit() or (len(argv) > 1 and argv[1] != "--"):
        print(__doc__, file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the finally below ends the hogs
    hogs = start_hogs(int(argv[0]))
    print(f"cpu_hog: {len(hogs)} hog process(es) running: {[h.pid for h in hogs]}", file=sys.stderr, flush=True)
    try:
        if len(argv) > 2:
            return subprocess.run(argv[2:]).returncode
        for hog in hogs:
            hog.wait()
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        end_hogs(hogs)
        print(f"cpu_hog: {len(hogs)} hog process(es) ended", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
