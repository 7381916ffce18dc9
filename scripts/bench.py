"""Measure start-up, spawn, telemetry, monitor, plotting and scaling; write bench-results.json and the README table.

    python scripts/dev.py bench [--repeat N] [--frozen PATH] [--no-readme] [--report-only] [--only SECTION ...]

Every figure is min / median / max over N repetitions (default 5), each budget
is checked against its median, and every measurement runs in a fresh process:

1. cold start (process creation -> first painted window) of the app and of a
   bare PySide6 + pyqtgraph hello-world (the floor), from source and frozen
   (the floor's frozen build is made once from scripts/bench_support/floor.spec
   into build/bench-floor/ and reused);
2. spawn: ``Run.start()`` -> first telemetry event of the run process and of
   all of 1, 2 and 8 workers, against the same two-level spawn of empty
   functions in the same build; worker RSS against an empty spawned child;
3. telemetry throughput worker -> GUI, and GUI event-loop lag under a flood;
4. the CPU sampler's own CPU time with 8 and 64 watched processes;
5. frame time of the CPU plot (2/16/64/128 cores x 60 s) and of a 64-lane timeline;
6. pool speed-up efficiency of the ``pool-speedup`` lesson;
7. the observer effect: for 8 lessons, the lesson's figure divided by the same
   workload's as a bare script without the probe, the two runs interleaved
   (``bench_support/observer_bench.py``), with the load other programs put on
   the machine meanwhile;
8. students' scripts (``bench_support/script_bench.py``): instrumentation
   overhead on a CPU-bound Pool script, a lock-heavy and a queue-heavy one,
   each against the same script run bare, interleaved; ``Run.start()`` -> the
   first child's lane for a script against a lesson; the frozen onedir size.

``--only observer`` (or any section names) measures just those sections and
keeps the other sections' figures from the last ``bench-results.json``.

Speed is measured here, never asserted in the test suite. The load average
of the machine is recorded next to every section: figures from a busy
machine are slower than the app is.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
sys.path[:0] = [str(SCRIPTS), str(ROOT)]

from bench_support import report  # noqa: E402  (needs SCRIPTS on sys.path)

from desktop import launch_clock  # noqa: E402  (needs ROOT on sys.path)

RESULTS = ROOT / "bench-results.json"
EXE = ".exe" if os.name == "nt" else ""
DEFAULT_FROZEN = ROOT / "dist" / "ConcurrencyLab"
FLOOR_SPEC = SCRIPTS / "bench_support" / "floor.spec"
FLOOR_BUILD = ROOT / "build" / "bench-floor"
FLOOR_EXE = FLOOR_BUILD / "dist" / "bench-floor" / f"bench-floor{EXE}"
# The frozen app's multiprocessing hook runs "-c CODE" itself when CODE starts like
# multiprocessing's resource tracker command: the way into a frozen interpreter.
FROZEN_C_PREFIX = "from multiprocessing.resource_tracker import main\n"
MARKER = "BENCH-JSON "


def env() -> dict[str, str]:
    environment = dict(os.environ)
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    return environment


def load() -> float:
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else -1.0


# ------------------------------------------------------------------ processes
def in_fresh_process(python: list[str], module: str, options: dict, frozen: bool = False, timeout: float = 240) -> dict:
    """Run ``bench_support.<module>.measure(options)`` in a new interpreter and return its result."""
    paths = [str(SCRIPTS)] if frozen else [str(SCRIPTS), str(ROOT)]
    code = (
        f"import json, sys\nsys.path[:0] = {paths!r}\n"
        f"from bench_support import {module}\n"
        f"print({MARKER!r} + json.dumps({module}.measure({options!r})), flush=True)\n"
    )
    command = [*python, "-B", "-S", "-I", "-c", FROZEN_C_PREFIX + code] if frozen else [*python, "-c", code]
    out = subprocess.run(command, capture_output=True, text=True, env=env(), cwd=ROOT, timeout=timeout)
    line = next((li for li in out.stdout.splitlines() if li.startswith(MARKER)), None)
    if line is None:
        raise RuntimeError(f"{module} in {python}: exit {out.returncode}\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
    return json.loads(line[len(MARKER) :])


def compile_bytecode() -> float:
    """Write the bytecode caches of the app, the bench and the environment's packages; return the seconds it took.

    From source the app is timed as a developer's checkout runs it, with its
    ``__pycache__``: where ``PYTHONDONTWRITEBYTECODE`` is set (as on some CI
    machines) nothing would ever write them, and every start and every spawned
    worker would compile every module again. The frozen app always ships bytecode.
    """
    started = time.perf_counter()
    for directory in (ROOT / "desktop", SCRIPTS / "bench_support", Path(sysconfig.get_paths()["purelib"])):
        compileall.compile_dir(directory, quiet=2, workers=0)
    return round(time.perf_counter() - started, 1)


def first_paint(command: list[str]) -> float:
    """Launch to first paint, timed by the launch stamp (exact), never by the OS's coarse process start."""
    out = subprocess.run(
        command, capture_output=True, text=True, env=launch_clock.launch_environment(env()), cwd=ROOT, timeout=60
    )
    line = next((li for li in out.stdout.splitlines() if li.startswith("first-paint ")), None)
    if line is None:
        raise RuntimeError(f"no first-paint line from {command}: {out.stdout} {out.stderr}")
    _, seconds, clock = line.split()
    if clock != "launcher":
        raise RuntimeError(f"{command} did not time from the launch stamp: {line}")
    return float(seconds)


def cold_starts(app: list[str], floor: list[str], repeat: int) -> dict[str, list[float]]:
    """Alternate app and floor, one fresh process each, so load from elsewhere hits both alike."""
    app_s, floor_s = [], []
    first_paint(app)  # warm the OS file cache once; every counted start is a fresh process
    first_paint(floor)
    for _ in range(repeat):
        app_s.append(first_paint(app))
        floor_s.append(first_paint(floor))
    return {"app": app_s, "floor": floor_s}


def ensure_floor_build(python: str) -> Path | None:
    """The frozen hello-world, rebuilt only when its sources are newer than the build."""
    sources = [FLOOR_SPEC, SCRIPTS / "bench_support" / "floor_app.py", ROOT / "build.spec"]
    if FLOOR_EXE.exists() and FLOOR_EXE.stat().st_mtime > max(p.stat().st_mtime for p in sources):
        return FLOOR_EXE
    print("building the frozen hello-world floor (once) ...", flush=True)
    done = subprocess.run(
        [
            python,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(FLOOR_BUILD / "dist"),
            "--workpath",
            str(FLOOR_BUILD / "work"),
            str(FLOOR_SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        print(f"floor build failed; frozen ratios skipped:\n{done.stderr[-2000:]}", file=sys.stderr)
        return None
    return FLOOR_EXE


def directory_mb(path: Path) -> float:
    total = sum(f.stat(follow_symlinks=False).st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    return round(total / 2**20, 1)


# ------------------------------------------------------------------- sections
def section(results: dict, name: str, measure) -> None:
    print(f"measuring {name} ...", flush=True)
    started, load_before = time.perf_counter(), load()
    results[name] = measure()
    results["load"][name] = {"before": load_before, "after": load(), "seconds": round(time.perf_counter() - started, 1)}


SECTIONS = ("cold_start", "spawn", "runtime", "gui", "scaling", "observer", "scripts")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--frozen", type=Path, default=DEFAULT_FROZEN, help="the onedir folder of the frozen app")
    parser.add_argument("--no-readme", action="store_true", help="don't rewrite README.md's Performance section")
    parser.add_argument("--report-only", action="store_true", help="redo table and README from bench-results.json")
    parser.add_argument(
        "--only", nargs="+", choices=SECTIONS, help="measure only these sections; keep the others' last results"
    )
    args = parser.parse_args(argv)
    if args.report_only:
        return publish(json.loads(RESULTS.read_text(encoding="utf-8")), readme=not args.no_readme)
    repeat = max(5, args.repeat)
    python = [sys.executable]
    frozen_gui = args.frozen / f"ConcurrencyLab{EXE}"
    frozen_cli = args.frozen / f"concurrency-lab-cli{EXE}"
    has_frozen = frozen_gui.exists() and frozen_cli.exists()
    started = time.perf_counter()
    wanted = set(args.only or SECTIONS)
    results: dict = {
        "machine": {
            "cores": os.cpu_count(),
            "python": sys.version.split()[0],
            "platform": sys.platform,
            "load_at_start": load(),
        },
        "repeat": repeat,
        "load": {},
    }
    if args.only and RESULTS.exists():  # the sections not measured now keep their last figures
        kept = json.loads(RESULTS.read_text(encoding="utf-8"))
        alone = {name: repeat for name in wanted}
        results = {**kept, "machine": results["machine"], "load": kept.get("load", {})}
        results["measured_alone"] = {**kept.get("measured_alone", {}), **alone}  # section -> its repetitions
    results["bytecode_compiled_s"] = compile_bytecode()
    measure_all(results, args, python, repeat, wanted, (frozen_gui, frozen_cli) if has_frozen else None)
    seconds = round(time.perf_counter() - started, 1)
    results["total_seconds"] = results.get("total_seconds", seconds) if args.only else seconds
    results["figures"] = report.figures(results)
    tmp = RESULTS.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    tmp.replace(RESULTS)
    return publish(results, readme=not args.no_readme)


def measure_all(results: dict, args, python: list[str], repeat: int, wanted: set[str], frozen) -> None:
    """Every section in ``wanted``, in order; ``frozen`` is (gui, cli) of a frozen build, or None."""
    has_frozen = frozen is not None
    frozen_gui, frozen_cli = frozen or (None, None)
    floor_source = [*python, str(SCRIPTS / "bench_support" / "floor_app.py")]
    if "cold_start" in wanted:
        section(
            results,
            "cold_start_source",
            lambda: cold_starts([*python, "-m", "desktop", "gui", "--exit-after-paint"], floor_source, repeat),
        )
    floor_exe = ensure_floor_build(sys.executable) if has_frozen and "cold_start" in wanted else None
    if has_frozen and floor_exe is not None:
        section(
            results,
            "cold_start_frozen",
            lambda: cold_starts([str(frozen_gui), "gui", "--exit-after-paint"], [str(floor_exe)], repeat),
        )
    spawn_options = {"workers": [1, 2, 8], "repeat": repeat, "hold": 1.0}
    if "spawn" in wanted:
        section(results, "spawn_source", lambda: in_fresh_process(python, "spawn_bench", spawn_options))
    if has_frozen and "spawn" in wanted:
        section(
            results, "spawn_frozen", lambda: in_fresh_process([str(frozen_cli)], "spawn_bench", spawn_options, True)
        )
        results["frozen_onedir_mb"] = directory_mb(args.frozen)
    runtime_options = {
        "flood_events": 1_000_000,
        "flood_workers": 2,
        "repeat": repeat,
        "sampler_children": [8, 64],
        "sampler_seconds": 3.0,
        "sampler_repeat": repeat,
    }
    if "runtime" in wanted:
        section(results, "runtime", lambda: in_fresh_process(python, "runtime_bench", runtime_options))
    gui_options = {
        "cores": [2, 16, 64, 128],
        "lanes": 64,
        "frames": 30,
        "lag_rate": 100_000,
        "lag_seconds": 3.0,
        "lag_repeat": repeat,
        "open_events": 200_000,  # a saved run of ~20 MB: bench_support.gui_bench.saved_run_open
        "show_events": 200_000,  # the same, opened in the window until shown: bench_support.gui_bench.saved_run_shown
    }
    if "gui" in wanted:
        section(results, "gui", lambda: in_fresh_process(python, "gui_bench", gui_options))
    if "scaling" in wanted:
        section(results, "scaling", lambda: in_fresh_process(python, "scaling_bench", {"repeat": repeat}))
    if "observer" in wanted:
        observer = {"repeat": repeat}  # about 150 s a repetition on 2 cores
        section(results, "observer", lambda: in_fresh_process(python, "observer_bench", observer, timeout=300 * repeat))
    if "scripts" in wanted:
        scripts = {"repeat": repeat}  # about 15 s a repetition on 2 quiet cores
        section(results, "scripts", lambda: in_fresh_process(python, "script_bench", scripts, timeout=300 * repeat))
        if has_frozen:
            results["frozen_onedir_mb"] = directory_mb(args.frozen)


def publish(results: dict, readme: bool) -> int:
    """Print the table (and why budgets are missed); put both in README.md's Performance section."""
    results["figures"] = report.figures(results)
    table = report.markdown(results)
    explanation = report.notes(results)
    print(table + explanation)
    if readme:
        report.update_readme(ROOT / "README.md", table, explanation)
    missed = [row["figure"].strip() for row in results["figures"] if row["ok"] is False]
    print(f"{RESULTS.relative_to(ROOT)}: {results['total_seconds']} s; budgets missed: {len(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
