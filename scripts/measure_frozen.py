"""Figures of the frozen build: size, self-test time, worker start-up and memory.

    python scripts/measure_frozen.py [--app dist/ConcurrencyLab] [--repeat 5] [--self-test]

Everything runs in the built app, not from source:

* size: the onedir folder, in MB (what ``du -sm`` says);
* spawn -> first telemetry: from ``Run.start()`` in the parent to the run
  process's ``hello`` event, both ``time.perf_counter()`` (one system-wide
  clock). The CLI does not print events, so this runs a few lines inside the
  frozen interpreter through the entry PyInstaller keeps for multiprocessing's
  resource tracker (``app -B -S -I -c "from multiprocessing.resource_tracker
  import main; ..."``): same bundle, same runtime hooks, same spawn path;
* worker memory: RSS/USS of a ``ticket-lock`` buyer while it sleeps, read
  with psutil from outside;
* ``--self-test``: wall time of the frozen ``self-test``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = ".exe" if sys.platform == "win32" else ""

# Runs inside the frozen app: one ticket-lock run with a single buyer that does not wait.
SPAWN_PROBE = """from multiprocessing.resource_tracker import main
import json, multiprocessing
multiprocessing.set_start_method("spawn", force=True)
from desktop.runtime.run import Run
from desktop.scenarios import catalog
lesson = catalog.load("ticket-lock")
run = Run(lesson, lesson.parse_params({"buyers": "1", "delay": "0", "lock": "true"}))
run.start()
run.wait()
hellos = [e for e in run.record.events if e[3] == "hello"]
conductor = min(hellos, key=lambda e: e[0])
print(json.dumps({"spawn_to_hello_ms": (conductor[0] - run.started) * 1000,
                  "qt_loaded": [e[5]["qt_loaded"] for e in hellos], "status": run.record.status}))
"""


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def spawn_to_hello(exe: Path, repeat: int) -> dict:
    samples, qt_loaded = [], []
    for _ in range(repeat):
        out = subprocess.run(
            [str(exe), "-B", "-S", "-I", "-c", SPAWN_PROBE], capture_output=True, text=True, check=True, timeout=120
        ).stdout
        data = json.loads(out.strip().splitlines()[-1])
        samples.append(data["spawn_to_hello_ms"])
        qt_loaded += data["qt_loaded"]
    return {
        "median_ms": round(statistics.median(samples), 1),
        "samples_ms": [round(s, 1) for s in samples],
        "any_worker_loaded_qt": any(qt_loaded),
    }


def worker_memory(exe: Path) -> dict:
    """RSS/USS (MB) of every process of a run while its buyers sleep."""
    app = subprocess.Popen(
        [str(exe), "run", "ticket-lock", "--param", "buyers=2", "--param", "delay=3", "--param", "lock=false"],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(2.0)
        rows = []
        for child in psutil.Process(app.pid).children(recursive=True):
            try:
                info = child.memory_full_info()
                role = "resource tracker" if "resource_tracker" in " ".join(child.cmdline()) else "worker"
                if role == "worker":
                    role = "run process" if child.ppid() == app.pid else "buyer"
                rows.append(
                    {
                        "pid": child.pid,
                        "role": role,
                        "rss_mb": round(info.rss / 1e6, 1),
                        "uss_mb": round(info.uss / 1e6, 1),
                    }
                )
            except psutil.Error:
                continue
        parent = psutil.Process(app.pid).memory_info().rss / 1e6
        return {"cli_parent_rss_mb": round(parent, 1), "processes": rows}
    finally:
        app.wait(timeout=60)


def self_test_seconds(exe: Path) -> dict:
    started = time.perf_counter()
    done = subprocess.run([str(exe), "self-test"], capture_output=True, text=True, check=False, timeout=900)
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "exit_code": done.returncode,
        "last_line": (done.stdout.strip().splitlines() or [""])[-1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, default=ROOT / "dist" / "ConcurrencyLab")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    exe = args.app / f"concurrency-lab-cli{SUFFIX}"
    if not exe.exists():
        print(f"no frozen build at {exe}", file=sys.stderr)
        return 2
    figures = {
        "onedir_mb": round(folder_mb(args.app), 1),
        "spawn_to_first_telemetry": spawn_to_hello(exe, args.repeat),
        "worker_memory": worker_memory(exe),
        "cpus": os.cpu_count(),
    }
    if args.self_test:
        figures["self_test"] = self_test_seconds(exe)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
