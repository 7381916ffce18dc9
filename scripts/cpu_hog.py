"""Keep N cores busy while a command runs: a busy machine on demand.

    python scripts/cpu_hog.py 2 -- python scripts/dev.py test     # the test command next to two CPU hogs
    python scripts/cpu_hog.py 2                                   # two hogs until Ctrl+C

Each hog is a separate process spinning in pure Python, so it competes for a
core like a browser tab or a video call would. They start before the command,
run for its entire duration and are ended (and reaped) when it returns; the
command's exit code is passed on. Standard library only: it runs before the
project's virtual environment exists.
"""

from __future__ import annotations

import subprocess
import sys

SPIN = "while True: pass"


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
