"""The cold-start floor: the smallest PySide6 + pyqtgraph app that paints a plot window.

It prints ``first-paint SECONDS CLOCK`` (launch to the first Paint event of its
window, timed as ``desktop gui --exit-after-paint`` times it: see
``desktop/launch_clock.py``, not imported here so the floor stays bare) and quits.
Run from source with the project's interpreter, or frozen from
``build/bench-floor/`` (``floor.spec``), to compare with the app built the same way.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time


def seconds_since_launch() -> tuple[float, str]:
    stamp = os.environ.get("CONCURRENCY_LAB_LAUNCHED_AT")
    if stamp:
        return time.perf_counter() - float(stamp), "launcher"
    import psutil

    return time.time() - psutil.Process().create_time(), "process-start"


def main() -> int:
    import pyqtgraph as pg
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        reported = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and not self.reported:
                self.reported = True
                seconds, clock = seconds_since_launch()
                print(f"first-paint {seconds:.3f} {clock}", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    app = QApplication(sys.argv)
    window = QMainWindow()
    plot = pg.PlotWidget(background="w")
    plot.plot([0, 1, 2, 3], [0, 1, 0, 1])
    window.setCentralWidget(plot)
    window.resize(800, 500)
    reporter = FirstPaint(window)
    # The plot covers the whole window, so the first paint may reach only its viewport.
    for widget in (window, plot.viewport()):
        widget.installEventFilter(reporter)
    window.show()
    return app.exec()


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
