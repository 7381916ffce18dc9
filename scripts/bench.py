"""Measure start-up, spawn latency, worker memory and bundle size; write bench-results.json.

    python scripts/dev.py bench [--repeat N] [--frozen PATH]

Every figure is min / median / max over N fresh processes. From source the app
runs as ``python -m desktop``; frozen, as the onedir executable (default
``dist/ConcurrencyLab/ConcurrencyLab``, measured when it exists). Speed is
measured here, never asserted in the test suite.
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
RESULTS = ROOT / "bench-results.json"
DEFAULT_FROZEN = ROOT / "dist" / "ConcurrencyLab" / ("ConcurrencyLab.exe" if os.name == "nt" else "ConcurrencyLab")


def summary(values: list[float]) -> dict[str, float]:
    return {
        "min": round(min(values), 4),
        "median": round(statistics.median(values), 4),
        "max": round(max(values), 4),
        "n": len(values),
    }


def env() -> dict[str, str]:
    environment = dict(os.environ)
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    return environment


def cold_start(command: list[str], repeat: int) -> list[float]:
    """Seconds from process creation to the first painted main window."""
    seconds = []
    for _ in range(repeat):
        out = subprocess.run(
            [*command, "gui", "--exit-after-paint"], capture_output=True, text=True, env=env(), cwd=ROOT, timeout=60
        )
        line = next((li for li in out.stdout.splitlines() if li.startswith("first-paint ")), None)
        if line is None:
            raise RuntimeError(f"no first-paint line from {command}: {out.stdout} {out.stderr}")
        seconds.append(float(line.split()[1]))
    return seconds


def spawn_latency(command: list[str], repeat: int) -> list[float]:
    """Seconds from spawning the run process to its first telemetry event."""
    seconds = []
    for _ in range(repeat):
        out = subprocess.run(
            [*command, "run", "ticket-lock", "--param", "buyers=1", "--param", "delay=0", "--json"],
            capture_output=True,
            text=True,
            env=env(),
            cwd=ROOT,
            timeout=60,
        )
        seconds.append(json.loads(out.stdout)["first_event_latency"])
    return seconds


def worker_rss(command: list[str], repeat: int) -> dict[str, list[float]]:
    """RSS (MB) of the run process and of a lesson worker, read while they wait."""
    run_rss, worker = [], []
    for _ in range(repeat):
        proc = subprocess.Popen(
            [*command, "run", "ticket-lock", "--param", "buyers=1", "--param", "delay=1.5", "--param", "lock=true"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env(),
            cwd=ROOT,
        )
        try:
            parent = psutil.Process(proc.pid)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                tree = {p.pid: p for p in parent.children(recursive=True)}
                grandchildren = [p for p in tree.values() if p.ppid() in tree and "resource_tracker" not in _cmd(p)]
                if grandchildren:
                    time.sleep(0.5)  # let the buyer settle into its wait
                    conductor = tree[grandchildren[0].ppid()]
                    run_rss.append(conductor.memory_info().rss / 2**20)
                    worker.append(grandchildren[0].memory_info().rss / 2**20)
                    break
                time.sleep(0.02)
        finally:
            proc.wait(timeout=60)
    return {"run_process_mb": run_rss, "worker_mb": worker}


def _cmd(proc: psutil.Process) -> str:
    try:
        return " ".join(proc.cmdline())
    except psutil.Error:
        return ""


def directory_mb(path: Path) -> float:
    total = sum(f.stat(follow_symlinks=False).st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    return round(total / 2**20, 1)


def measure(label: str, command: list[str], repeat: int) -> dict:
    print(f"measuring {label} ...", flush=True)
    memory = worker_rss(command, max(2, repeat // 2))
    return {
        "cold_start_s": summary(cold_start(command, repeat)),
        "spawn_to_first_event_s": summary(spawn_latency(command, repeat)),
        "run_process_rss_mb": summary(memory["run_process_mb"]),
        "worker_rss_mb": summary(memory["worker_mb"]),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--frozen", type=Path, default=DEFAULT_FROZEN)
    args = parser.parse_args(argv)
    results: dict = {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0], "platform": sys.platform},
        "source": measure("source", [sys.executable, "-m", "desktop"], args.repeat),
    }
    if args.frozen.exists():
        results["frozen"] = measure("frozen", [str(args.frozen)], args.repeat)
        results["frozen"]["onedir_mb"] = directory_mb(args.frozen.parent)
    tmp = RESULTS.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    tmp.replace(RESULTS)
    print(f"{'figure':<28} {'build':<7} {'min':>8} {'median':>8} {'max':>8}")
    for build in ("source", "frozen"):
        for name, value in results.get(build, {}).items():
            if isinstance(value, dict):
                print(f"{name:<28} {build:<7} {value['min']:>8} {value['median']:>8} {value['max']:>8}")
            else:
                print(f"{name:<28} {build:<7} {value:>8}")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
