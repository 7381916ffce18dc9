"""Render the README's screenshots from the real app, with real runs.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--show]

Builds the main window the way ``desktop.ui.app`` does (settings in a
temporary directory, so the user's are never touched; a running Sampler),
runs lessons for real through the window, as a student pressing Run would,
and grabs PNGs: the window mid-run and after the verdict, in Chinese, in
presenter mode and in the dark theme, plus the worker timeline and the run
comparison when those views exist; then, each in a fresh app on an offscreen
screen of that size, the window after a real run at 1366x768 and 1024x768 in
both languages and in presenter mode at 1024x768 (``screen-*.png``, see
:data:`WORKSHOP_SCREENS`). Every wait is on a signal or a condition,
bounded by a timeout; a missing view is skipped with a message. Files are
written atomically. Runs offscreen unless ``--show`` asks for the real display
(for example under ``xvfb-run``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUN_TIMEOUT_MS = 60_000
WINDOW_SIZE = (1400, 940)
TIMELINE_SIZE = (1100, 380)
IDLE_SAMPLES = 30  # ~3 s of the machine before the first run: the CPU plot shows the run rise from it
MID_RUN_SECONDS = 1.6  # the plots have a shape, the run (~2.5 s) is not over
MID_RUN_EVENTS = 40
QUIET_MESSAGES = ("This plugin does not support propagateSizeHints",)  # the offscreen platform, on every window


class ScreenshotError(RuntimeError):
    """A run or a view did not reach the state a picture needs."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="where the PNGs go")
    parser.add_argument("--show", action="store_true", help="use the real display instead of offscreen")
    parser.add_argument("--screen", help="WIDTHxHEIGHT: only the workshop pictures on a screen of this size")
    parser.add_argument("--language", default="en", help="with --screen: en or zh")
    parser.add_argument("--presenter", action="store_true", help="with --screen: in presenter mode")
    parser.add_argument("--no-screens", action="store_true", help="skip the workshop screens (1366x768, 1024x768)")
    args = parser.parse_args(argv)
    if args.screen:
        return shoot_on_screen(args)
    if not args.show:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    import pyqtgraph as pg
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    import desktop
    from desktop import settings as settings_module
    from desktop.monitor.sampler import Sampler
    from desktop.settings import Settings
    from desktop.ui import i18n
    from desktop.ui.app import build_window
    from desktop.ui.look import LookController

    default_handler = qInstallMessageHandler(None)

    def on_qt_message(kind, context, message: str) -> None:
        if not message.startswith(QUIET_MESSAGES):
            if default_handler is not None:
                default_handler(kind, context, message)
            else:
                print(message, file=sys.stderr)

    qInstallMessageHandler(on_qt_message)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(desktop.APP_NAME)
    app.setOrganizationName(desktop.ORGANIZATION)
    pg.setConfigOptions(antialias=False, background="w", foreground="#202020")  # as desktop.ui.app does
    with tempfile.TemporaryDirectory(prefix="concurrency-lab-screenshots-") as settings_directory:
        settings = Settings(settings_directory)
        settings.set(settings_module.LANGUAGE, settings_module.ENGLISH)
        i18n.set_language(settings_module.ENGLISH)
        sampler = Sampler()
        sampler.start()
        window = build_window(sampler, settings)  # the app's own composition: docks, menus, appearance
        try:
            appearance = window.findChild(LookController, "look")
            window.resize(*WINDOW_SIZE)
            window.show()
            shooter = Shooter(app, window, args.out)
            shooter.take_all(appearance)
        finally:
            window.close()  # stops a run left going
            sampler.stop()
    if not args.no_screens:
        for width, height, language, presenter in WORKSHOP_SCREENS:
            shoot_in_a_process(args.out, width, height, language, presenter)
    return 0


# The workshop's screens: the most common laptop and a classroom projector, in both languages, and
# presenter mode on the projector. Each is a fresh app on an offscreen screen of that size.
WORKSHOP_SCREENS = [
    (1366, 768, "en", False),
    (1024, 768, "en", False),
    (1366, 768, "zh", False),
    (1024, 768, "zh", False),
    (1024, 768, "en", True),
]


def screen_picture_name(width: int, height: int, language: str, presenter: bool) -> str:
    return f"screen-{width}x{height}-{language}{'-presenter' if presenter else ''}.png"


def shoot_in_a_process(out: Path, width: int, height: int, language: str, presenter: bool) -> None:
    """Run this script with ``--screen`` on an offscreen screen of ``width`` x ``height`` (chosen at Qt's start)."""
    import json
    import subprocess

    with tempfile.TemporaryDirectory(prefix="concurrency-lab-screen-") as directory:
        config = Path(directory) / "screen.json"
        screen = {"name": "workshop", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
        config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}), encoding="utf-8")
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
        command = [sys.executable, str(Path(__file__).resolve()), "--out", str(out), "--screen", f"{width}x{height}"]
        command += ["--language", language] + (["--presenter"] if presenter else [])
        done = subprocess.run(command, env=env, cwd=ROOT, check=False)
        if done.returncode != 0:
            raise ScreenshotError(f"the {width}x{height} {language} picture failed (exit code {done.returncode})")


def shoot_on_screen(args) -> int:
    """The main window on this (offscreen) screen, as a fresh install opens it, after a real run."""
    import pyqtgraph as pg
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    import desktop
    from desktop import settings as settings_module
    from desktop.monitor.sampler import Sampler
    from desktop.settings import Settings
    from desktop.ui import i18n
    from desktop.ui.app import build_window

    def on_qt_message(_kind, _context, message: str) -> None:
        if not message.startswith(QUIET_MESSAGES):
            print(message, file=sys.stderr)

    qInstallMessageHandler(on_qt_message)
    width, height = (int(part) for part in args.screen.split("x"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(desktop.APP_NAME)
    app.setOrganizationName(desktop.ORGANIZATION)
    pg.setConfigOptions(antialias=False, background="w", foreground="#202020")
    with tempfile.TemporaryDirectory(prefix="concurrency-lab-screenshots-") as settings_directory:
        settings = Settings(settings_directory)
        settings.set(settings_module.LANGUAGE, args.language)
        settings.set(settings_module.PRESENTER_MODE, args.presenter)
        i18n.set_language(args.language)
        sampler = Sampler()
        sampler.start()
        window = build_window(sampler, settings)
        try:
            window.show()
            shooter = Shooter(app, window, args.out)
            shooter.select("ticket-lock")
            wait_until(lambda: window.page.cpu_plot.sample_count >= IDLE_SAMPLES, RUN_TIMEOUT_MS, "idle CPU samples")
            shooter.run_to_end({"buyers": 6, "delay": 0.2})
            shooter.save(window, screen_picture_name(width, height, args.language, args.presenter))
        finally:
            window.close()
            sampler.stop()
    return 0


class Shooter:
    """Drives the window through the scenes and saves one PNG per scene."""

    def __init__(self, app, window, out: Path):
        self.app = app
        self.window = window
        self.out = out
        self.events: list = []  # every event of the last run, for a stand-alone timeline
        self.origin = 0.0
        window.bridge.events_received.connect(self.events.extend)
        window.bridge.run_started.connect(self._on_run_started)

    def _on_run_started(self, _lesson_id: str) -> None:
        self.events.clear()
        self.origin = self.window.bridge.run.started

    def take_all(self, appearance) -> None:
        from desktop.ui import i18n

        window = self.window
        self.select("producer-consumer")
        wait_until(lambda: window.page.cpu_plot.sample_count >= IDLE_SAMPLES, RUN_TIMEOUT_MS, "idle CPU samples")
        finished = Expectation(window.bridge.run_finished)
        with Expectation(window.bridge.run_started) as started:
            if not window.start_run():
                raise ScreenshotError("producer-consumer did not start")
        started.wait(RUN_TIMEOUT_MS)
        wait_until(
            lambda: (
                window.bridge.elapsed() >= MID_RUN_SECONDS and window.page.event_log_model.rowCount() >= MID_RUN_EVENTS
            ),
            RUN_TIMEOUT_MS,
            "producer-consumer to get going",
        )
        self.save(window, "main-running.png")
        record = finished.wait(RUN_TIMEOUT_MS)[0]
        print(f"producer-consumer: {record.status}: {record.verdict.en}")
        self.save(window, "main-verdict.png")
        self.save_timeline()

        window.set_language("zh")
        self.save(window, "chinese-ui.png")
        window.set_language("en")
        i18n.set_language("en")

        self.select("gil-cpu-bound")
        appearance.set_presenter_mode(True)
        self.run_to_end(window.picker.lessons["gil-cpu-bound"].quick)
        self.save(window, "presenter.png")
        appearance.set_presenter_mode(False)
        appearance.set_theme("dark")
        self.save(window, "dark.png")
        appearance.set_theme("system")
        self.save_compare()

    # ------------------------------------------------------------------ scenes
    def select(self, lesson_id: str) -> None:
        if not self.window.select_lesson(lesson_id):
            raise ScreenshotError(f"lesson {lesson_id} is not in the list")

    def run_to_end(self, overrides: dict) -> object:
        with Expectation(self.window.bridge.run_finished) as finished:
            if not self.window.start_run(overrides):
                raise ScreenshotError(f"the run did not start: {self.window.page.error_label.text()}")
        record = finished.wait(RUN_TIMEOUT_MS)[0]
        print(f"{record.lesson}: {record.status}: {record.verdict.en}")
        return record

    def save_timeline(self) -> None:
        """The worker timeline of the last run, on its own and larger than it is inside the window."""
        timeline = optional_module("desktop.ui.timeline", "timeline.png")
        if timeline is None:
            return
        view = timeline.TimelineView()
        view.resize(*TIMELINE_SIZE)
        view.follow(self.origin)
        view.add_events(list(self.events))
        view.finish()
        view.show()
        self.save(view, "timeline.png")
        view.close()
        view.deleteLater()

    def save_compare(self) -> None:
        """Run -> Compare variants on ticket-lock (lock off / on): both runs to the end, then the compare window."""
        from PySide6.QtGui import QAction

        compare = optional_module("desktop.ui.compare", "compare.png")
        if compare is None:
            return
        action = self.window.findChild(QAction, "compare-action") or compare.install_compare(self.window)
        self.select("ticket-lock")
        action.trigger()
        compare_window = self.window.findChild(compare.CompareWindow)
        if compare_window is None:
            raise ScreenshotError("Compare variants did not open its window")
        with Expectation(compare_window.comparison_finished) as finished:
            if not compare_window.run_both():
                raise ScreenshotError(f"the comparison did not start: {compare_window.error_label.text()}")
        finished.wait(RUN_TIMEOUT_MS)
        self.save(compare_window, "compare.png")
        compare_window.close()

    # ----------------------------------------------------------------- output
    def settle(self) -> None:
        """Deliver pending events and let every plot draw what it holds."""
        self.app.processEvents()
        for name in ("cpu_plot", "depth_plot"):
            plot = getattr(self.window.page, name, None)
            if plot is not None:
                plot.redraw()
        self.app.processEvents()

    def save(self, widget, name: str) -> None:
        from PySide6.QtCore import QBuffer, QIODevice

        from desktop import atomic

        if widget is self.window and not (widget.isMaximized() or widget.isFullScreen()):
            widget.resize(*WINDOW_SIZE)  # presenter mode may have grown it
        self.settle()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not widget.grab().save(buffer, "PNG"):
            raise ScreenshotError(f"could not encode {name}")
        atomic.write_bytes(self.out / name, bytes(buffer.data()))
        print(f"wrote {self.out / name}")


class Expectation:
    """Records a signal from before the action that causes it, then waits for it (bounded)."""

    def __init__(self, signal):
        self.signal = signal
        self.received: list[tuple] = []
        signal.connect(self._on_signal)

    def __enter__(self) -> Expectation:
        return self

    def __exit__(self, *_exc) -> None:
        pass

    def _on_signal(self, *args) -> None:
        self.received.append(args)

    def wait(self, timeout_ms: int) -> tuple:
        wait_until(lambda: bool(self.received), timeout_ms, f"signal {self.signal}")
        self.signal.disconnect(self._on_signal)
        return self.received[0]


def wait_until(condition: Callable[[], bool], timeout_ms: int, what: str, poll_ms: int = 20) -> None:
    """Run the event loop until ``condition()`` holds; ScreenshotError after ``timeout_ms``."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer

    if condition():
        return
    deadline = QDeadlineTimer(timeout_ms)
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(poll_ms)
    poll.timeout.connect(lambda: (condition() or deadline.hasExpired()) and loop.quit())
    poll.start()
    loop.exec()
    poll.stop()
    if not condition():
        raise ScreenshotError(f"timed out after {timeout_ms} ms waiting for {what}")


def optional_module(name: str, picture: str):
    """``name`` imported, or None (with a message) while that view does not exist yet."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        print(f"skipped {picture}: {name} does not exist yet")
        return None


if __name__ == "__main__":  # the guard spawn needs: run processes re-import this module
    sys.exit(main())
