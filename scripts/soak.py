"""Soak test: many consecutive runs in one GUI process; its fds, threads and RSS must stay flat.

    .venv/bin/python scripts/soak.py [--runs 300] [--lessons ticket-lock,pipe] [--json]

Opens the real main window (offscreen unless a display is asked for), then
runs each lesson's quick variant in turn through the window, as a student
clicking Run would, with every few runs stopped half-way. After each run it
reads the GUI process's open file descriptors (handles on Windows), thread
count and resident memory. The first pass over the lessons is a warm-up
(imports, caches, Qt's first allocations); "flat" is judged from there on.

Exit code 0 when growth after the warm-up stays within the limits below, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil

MAX_FD_GROWTH = 8  # descriptors
MAX_THREAD_GROWTH = 4
MAX_RSS_GROWTH_MB = 40.0
STOP_EVERY = 7  # every 7th run is stopped half-way, like an impatient student
RUN_TIMEOUT = 60.0


def measure(process: psutil.Process) -> dict[str, float]:
    fds = process.num_handles() if sys.platform == "win32" else process.num_fds()
    return {"fds": fds, "threads": process.num_threads(), "rss_mb": process.memory_info().rss / 1e6}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--lessons", default="", help="comma-separated lesson ids (default: every lesson)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", action="store_true", help="use the real display instead of offscreen")
    args = parser.parse_args(argv)
    if not args.show:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from desktop.monitor.sampler import Sampler
    from desktop.scenarios import catalog
    from desktop.settings import Settings
    from desktop.ui.app import build_window

    lesson_ids = [x for x in args.lessons.split(",") if x] or [lesson.id for lesson in catalog.lessons()]
    app = QApplication.instance() or QApplication(sys.argv[:1])
    sampler = Sampler()
    sampler.start()
    window = build_window(sampler, Settings())  # the app's real composition: history, compare, predict...
    window.show()
    me = psutil.Process()
    start = measure(me)
    history: list[dict[str, float]] = []
    statuses: dict[str, int] = {}
    began = time.perf_counter()
    for index in range(args.runs):
        lesson_id = lesson_ids[index % len(lesson_ids)]
        window.select_lesson(lesson_id)
        lesson = catalog.load(lesson_id)
        if not window.start_run(dict(lesson.quick)):
            print(f"run {index}: {lesson_id} did not start", file=sys.stderr)
            return 1
        deadline = time.perf_counter() + RUN_TIMEOUT
        stop_at = time.perf_counter() + 0.3 if index % STOP_EVERY == STOP_EVERY - 1 else None

        def remember(record, _statuses=statuses):
            _statuses["_last"] = record

        window.bridge.run_finished.connect(remember)
        while window.bridge.running and time.perf_counter() < deadline:
            app.processEvents()
            if stop_at is not None and time.perf_counter() > stop_at:
                window.stop_run()
                stop_at = None
            time.sleep(0.01)
        app.processEvents()
        window.bridge.run_finished.disconnect(remember)  # only ours: the window's own slots stay connected
        record = statuses.pop("_last", None)
        status = record.status if record is not None else "timeout"
        statuses[status] = statuses.get(status, 0) + 1
        history.append(measure(me))
        if not args.json:
            h = history[-1]
            print(
                f"{index + 1:4d} {lesson_id:22s} {status:8s} fds {h['fds']:4.0f} threads {h['threads']:3.0f} "
                f"rss {h['rss_mb']:6.1f} MB",
                flush=True,
            )
    window.close()
    sampler.stop()
    app.processEvents()

    warm = history[min(len(lesson_ids), len(history)) - 1]
    end = history[-1]
    after_warm = history[min(len(lesson_ids), len(history)) - 1 :]
    figures = {
        "runs": args.runs,
        "seconds": round(time.perf_counter() - began, 1),
        "statuses": statuses,
        **{
            key: {
                "start": round(start[key], 1),
                "after_warmup": round(warm[key], 1),
                "end": round(end[key], 1),
                "max": round(max(h[key] for h in history), 1),
                "max_after_warmup": round(max(h[key] for h in after_warm), 1),
            }
            for key in ("fds", "threads", "rss_mb")
        },
    }
    growth_ok = (
        end["fds"] - warm["fds"] <= MAX_FD_GROWTH
        and end["threads"] - warm["threads"] <= MAX_THREAD_GROWTH
        and end["rss_mb"] - warm["rss_mb"] <= MAX_RSS_GROWTH_MB
    )
    figures["flat"] = growth_ok
    print(json.dumps(figures, indent=None if args.json else 2))
    return 0 if growth_ok else 1


if __name__ == "__main__":
    sys.exit(main())
