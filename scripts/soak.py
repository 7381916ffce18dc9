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
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil

# Qt and the app are imported inside functions only: spawn runs this script's top level
# again in every run process and worker (as __mp_main__), and those must stay Qt-free.
if TYPE_CHECKING:
    from desktop.model.run_record import RunRecord
    from desktop.ui.main_window import MainWindow

MAX_FD_GROWTH = 8  # descriptors
MAX_THREAD_GROWTH = 4
MAX_RSS_GROWTH_MB = 40.0
STOP_EVERY = 7  # every 7th run is stopped half-way, like an impatient student
STOP_AFTER_MS = 300
RUN_TIMEOUT = 60.0


def measure(process: psutil.Process) -> dict[str, float]:
    fds = process.num_handles() if sys.platform == "win32" else process.num_fds()
    return {"fds": fds, "threads": process.num_threads(), "rss_mb": process.memory_info().rss / 1e6}


class SoakDriver:
    """Starts run after run through the window, stopping every few half-way, and measures after each."""

    def __init__(
        self,
        window: MainWindow,
        lesson_ids: list[str],
        runs: int,
        history: list[dict[str, float]],
        statuses: dict[str, int],
        process: psutil.Process,
        quiet: bool,
    ):
        from PySide6.QtCore import QTimer

        self._window = window
        self._lesson_ids = lesson_ids
        self._runs = runs
        self._history = history
        self._statuses = statuses
        self._process = process
        self._quiet = quiet
        self._index = -1
        self._last_record: RunRecord | None = None
        self.failure = ""
        self._stop_timer = QTimer(singleShot=True, interval=STOP_AFTER_MS, timeout=window.stop_run)
        self._deadline = QTimer(singleShot=True, interval=int(RUN_TIMEOUT * 1000), timeout=self._on_deadline_timeout)
        window.bridge.run_finished.connect(self._on_bridge_run_finished)

    def start_next(self) -> None:
        from desktop.lessons import catalog

        if self._index >= 0:  # measured here, after the loop has turned once: deferred deletes are done
            self._measure()
        self._index += 1
        if self._index >= self._runs:
            self._quit()
            return
        lesson_id = self._lesson_ids[self._index % len(self._lesson_ids)]
        self._window.select_lesson(lesson_id)
        if not self._window.start_run(dict(catalog.load(lesson_id).quick)):
            self.failure = f"run {self._index}: {lesson_id} did not start"
            self._quit()
            return
        self._deadline.start()
        if self._index % STOP_EVERY == STOP_EVERY - 1:
            self._stop_timer.start()

    def _measure(self) -> None:
        record, self._last_record = self._last_record, None
        status = record.status if record is not None else "timeout"
        self._statuses[status] = self._statuses.get(status, 0) + 1
        self._history.append(measure(self._process))
        if not self._quiet:
            h = self._history[-1]
            lesson_id = record.lesson if record is not None else "?"
            print(
                f"{self._index + 1:4d} {lesson_id:22s} {status:8s} fds {h['fds']:4.0f} threads {h['threads']:3.0f} "
                f"rss {h['rss_mb']:6.1f} MB",
                flush=True,
            )

    def _on_bridge_run_finished(self, record: RunRecord) -> None:
        from PySide6.QtCore import QTimer

        self._stop_timer.stop()
        self._deadline.stop()
        self._last_record = record
        QTimer.singleShot(0, self.start_next)

    def _on_deadline_timeout(self) -> None:
        self._window.stop_run()  # its run_finished then carries on with the next run

    def _quit(self) -> None:
        from PySide6.QtWidgets import QApplication

        self._stop_timer.stop()
        self._deadline.stop()
        QApplication.instance().quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--lessons", default="", help="comma-separated lesson ids (default: every lesson)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", action="store_true", help="use the real display instead of offscreen")
    args = parser.parse_args(argv)
    if not args.show:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.lessons import catalog
    from desktop.monitor.sampler import Sampler
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
    driver = SoakDriver(window, lesson_ids, args.runs, history, statuses, me, quiet=args.json)
    # Drive the runs from inside the event loop, as the app runs: Qt deletes objects
    # scheduled with deleteLater() only when control returns to a running loop, so a
    # soak that merely pumped processEvents() would count those as leaks.
    QTimer.singleShot(0, driver.start_next)
    app.exec()
    window.close()
    sampler.stop()
    app.processEvents()
    if driver.failure:
        print(driver.failure, file=sys.stderr)
        return 1

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
