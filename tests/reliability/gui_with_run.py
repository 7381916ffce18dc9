"""A GUI process with a long run going, for the kill test: ``python -m tests.reliability.gui_with_run``.

Prints ``started <run process pid>`` once the run is launched, then runs the
event loop until it is killed.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from desktop.monitor.sampler import Sampler
from desktop.settings import Settings
from desktop.ui.main_window import MainWindow

LONG_RUN = {"buyers": 4, "delay": 5.0, "lock": True}  # the buyers take turns: about 20 s


def main() -> int:
    app = QApplication(sys.argv)
    sampler = Sampler()
    sampler.start()
    window = MainWindow(sampler, Settings())
    window.show()
    if not window.select_lesson("ticket-lock") or not window.start_run(LONG_RUN):
        print("could not start", flush=True)
        return 1
    print(f"started {window.bridge.run._conductor.pid}", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
