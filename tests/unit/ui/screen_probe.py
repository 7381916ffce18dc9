"""Open the real app on a screen of a given size, run a lesson, and report what a student could see, as JSON.

Run by ``test_fits_the_room.py`` in a subprocess, because the screen's size is
chosen when Qt starts: ``QT_QPA_PLATFORM=offscreen:configfile=FILE`` gives
the offscreen platform one screen of that size, and the window is built as
on a fresh install (maximised where the design size does not fit).

Usage: ``python screen_probe.py WIDTH HEIGHT SETTINGS_DIR [--presenter] [--lesson ID] [--language en|zh]``
``[--toggle]``: no run; presenter mode toggled on (as F11 does) and off again, every lesson's parameter
editors and the CPU plot's legend checked in each mode.
``[--busy]``: a CPU hog (a real process spinning on a core, as a browser tab would) runs from before Run to the
end: the busy-machine banner is up, fed the monitor's measured load; what fits is reported during the run too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from PySide6.QtCore import QEventLoop, QRect, QTimer
from PySide6.QtWidgets import QApplication, QWidget

RUN_TIMEOUT_MS = 60_000
BUSY_TIMEOUT_MS = 20_000  # the banner's load is a mean over 2 s of samples: it comes up within this


def _visible(widget: QWidget, window: QWidget) -> dict:
    """Whether ``widget`` is shown, where it is in the window, and how much of it is not clipped away."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    area = QRect(top_left, widget.size())
    region = QRect(area)  # what is left of it inside every ancestor (scroll areas, splitters, docks)
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        region = region.intersected(QRect(parent.mapTo(window, parent.rect().topLeft()), parent.size()))
        parent = parent.parentWidget()
    region = region.intersected(window.rect())
    return {
        "shown": widget.isVisible(),
        "inside": window.rect().contains(area),
        "rect": [area.x(), area.y(), area.width(), area.height()],
        "visible_height": region.height(),
        "visible_width": region.width(),
        "height": widget.height(),
        "width": widget.width(),
    }


def _cut_labels(window: QWidget) -> list[str]:
    """The tab titles and timeline legend names shown cut (elided, behind scroll arrows, or clipped)."""
    from PySide6.QtWidgets import QTabBar

    page, cut = window.page, []
    for bar in [page.tabs.tabBar(), *(b for b in window.findChildren(QTabBar) if b.parent() is window)]:
        for index in range(bar.count() if bar.isVisible() else 0):
            rect = bar.tabRect(index)
            if rect.width() < bar.tabSizeHint(index).width() or not bar.rect().contains(rect):
                cut.append(bar.tabText(index))
    legend = page.timeline.legend
    for state in legend.shown_states():
        label = legend.labels[state]
        whole = label.width() >= label.fontMetrics().horizontalAdvance(label.text())
        if not (whole and _visible(label, window)["visible_height"] == label.height()):
            cut.append(label.text())
    return cut


def _room(window: QWidget) -> dict:
    """Pixels the curves, the lanes, the verdict and the event log get, and what is shown cut."""
    page = window.page
    log = page.event_log
    return {
        "compact": page.compact,
        "busy_banner": page.busy_banner.height() if page.busy_banner.isVisible() else 0,  # other programs' load
        "cpu_area": page.cpu_plot.plot_widget.getPlotItem().getViewBox().height(),
        "lanes_area": page.timeline.plot_item.getViewBox().height(),
        "lane_count": page.timeline.lane_count,
        "verdict_area": page.verdict_scroll.viewport().height(),
        "verdict_line": page.verdict_panel.fontMetrics().lineSpacing(),
        "event_log_area": log.viewport().height(),
        "event_row": log.verticalHeader().defaultSectionSize(),
        "legend_shown": [page.timeline.legend.labels[s].text() for s in page.timeline.legend.shown_states()],
        "cut": _cut_labels(window),
    }


def _header(window: QWidget) -> dict:
    """The lesson header's title label: its height against one line of its font, what it shows, its tooltip."""
    header = window.page.header
    label = header.title_label
    return {
        "height": label.height(),
        "visible_height": _visible(label, window)["visible_height"],
        "line": label.fontMetrics().height(),
        "text": label.text(),
        "tooltip": label.toolTip(),
        "full_title": header.full_title,
        "fits": label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width(),
    }


def _fit(window: QWidget) -> dict:
    """What the page asks for against what it has: the layout's least height, and where the timeline's time
    axis (its numbers) lies against the page and the tabs under it, in window pixels."""
    from PySide6.QtCore import QPoint

    page = window.page
    view = page.timeline.plot_widget
    axis_item = page.timeline.plot_item.getAxis("bottom")  # its own rectangle (its bounding one holds the grid)
    axis = axis_item.mapRectToScene(axis_item.rect()).toAlignedRect()  # the view shows the scene 1:1
    axis = QRect(view.viewport().mapTo(window, view.mapFromScene(axis.topLeft())), axis.size())
    tabs = QRect(page.tabs.mapTo(window, QPoint(0, 0)), page.tabs.size())
    banner = page.busy_banner
    return {
        "minimum": window.minimumSizeHint().height(),
        "page_minimum": page.minimumSizeHint().height(),
        "page": [
            page.mapTo(window, QPoint(0, 0)).x(),
            page.mapTo(window, QPoint(0, 0)).y(),
            page.width(),
            page.height(),
        ],
        "axis": [axis.x(), axis.y(), axis.width(), axis.height()],
        "tabs": [tabs.x(), tabs.y(), tabs.width(), tabs.height()],
        "timeline": _visible(page.timeline, window),
        "timeline_minimum": page.timeline.plot_widget.minimumHeight(),
        "banner": [banner.height(), banner.isVisible()],
        "banner_line": banner.fontMetrics().lineSpacing(),
        "banner_text": banner.text(),
        "banner_tooltip": banner.toolTip(),
        "banner_description": banner.accessibleDescription(),
    }


def _busy_hog(window, app: QApplication) -> subprocess.Popen:
    """A process spinning on a core, and the banner shown for the load the monitor measures while it spins."""
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    banner = window.page.busy_banner
    if not banner.busy:
        _wait(banner.busy_changed, BUSY_TIMEOUT_MS)
    app.processEvents()
    return hog


def _settle(app: QApplication) -> None:
    """Let the posted layout requests and zero-timers (the parameters' column refits) run."""
    for _ in range(6):
        app.processEvents()


def _form_seen(page, lesson) -> dict:
    """The lesson's parameter editors not whole inside the form's viewport, and how far the form scrolls."""
    viewport = page.form_area.viewport()
    cut = []
    for param in lesson.params:
        editor = page.param_form.editor(param.name)
        area = QRect(editor.mapTo(viewport, editor.rect().topLeft()), editor.size())
        if not viewport.rect().contains(area):
            cut.append(param.name)
    return {"cut": cut, "scroll": page.form_area.verticalScrollBar().maximum()}


def _editors_seen(window) -> dict:
    """Per lesson: its editors not whole and the form's scroll, as selected and once a run has ended.

    A run's end leaves the start-up line under the plan; its longest sentence is a stopped run's ("The run
    ended with 0 of 64 processes started.": two lines in English, and Chinese glyphs make a line taller).
    """
    app, page, seen = QApplication.instance(), window.page, {}
    progress = page.start_progress
    for lesson_id, lesson in window.picker.lessons.items():
        window.select_lesson(lesson_id)
        _settle(app)
        seen[lesson_id] = _form_seen(page, lesson)
        progress.planned = 64
        progress.follow(0.0)
        progress.finish()
        _settle(app)
        seen[f"{lesson_id} after a stopped run"] = _form_seen(page, lesson)
        progress.clear()
    return seen


def _legend_seen(window) -> dict:
    """Where the CPU plot's legend is, against its curves (the view box) and the plot widget, in view pixels."""
    widget = window.page.cpu_plot.plot_widget
    item = widget.getPlotItem()

    def rect(graphics_item) -> list:  # in the scene, which the plot widget shows at (0, 0), unscaled
        r = graphics_item.sceneBoundingRect()
        return [r.x(), r.y(), r.width(), r.height()]

    return {
        "legend": rect(item.legend),
        "curves": rect(item.getViewBox()),
        "widget": [0, 0, widget.viewport().width(), widget.viewport().height()],
        "entries": len(item.legend.items),
    }


def _toggled(window, report: dict) -> dict:
    """Presenter mode on (as F11 does) and off again: the editors and the legend in each mode."""
    from desktop.ui.look import LookController

    app = QApplication.instance()
    look = window.findChild(LookController, "look")
    for mode in ("presenter", "normal"):
        look.presenter_action.trigger()
        _settle(app)
        report[mode] = {
            "full_screen": window.isFullScreen(),
            "size": [window.width(), window.height()],
            "editors": _editors_seen(window),
            "legend": _legend_seen(window),
        }
    return report


def _wait(signal, timeout_ms: int) -> list:
    loop = QEventLoop()
    got: list = []

    def on_signal(*args) -> None:
        got.extend(args)
        loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(on_signal)
    return got


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("width", type=int)
    parser.add_argument("height", type=int)
    parser.add_argument("settings")
    parser.add_argument("--presenter", action="store_true")
    parser.add_argument("--lesson", default="producer-consumer")
    parser.add_argument("--language", default=None)
    parser.add_argument("--toggle", action="store_true")
    parser.add_argument("--busy", action="store_true")
    args = parser.parse_args()

    from desktop import settings as settings_module
    from desktop.monitor.sampler import Sampler
    from desktop.settings import Settings
    from desktop.ui import i18n
    from desktop.ui.app import build_window
    from desktop.ui.compare import CompareWindow
    from desktop.ui.predict import PredictPanel
    from tests.unit.ui import names_seen

    app = QApplication(sys.argv[:1])
    settings = Settings(args.settings)
    settings.set(settings_module.PRESENTER_MODE, args.presenter)
    if args.language:
        settings.set(settings_module.LANGUAGE, args.language)
    i18n.set_language(settings.language())
    sampler = Sampler()
    sampler.start()
    window = build_window(sampler, settings)
    report: dict = {}
    hog = None
    try:
        window.show()
        app.processEvents()
        assert window.select_lesson(args.lesson)
        window.page.param_form.set_values(window.picker.lessons[args.lesson].quick)
        app.processEvents()
        screen = window.screen().availableGeometry()
        report["screen"] = [screen.x(), screen.y(), screen.width(), screen.height()]
        frame = window.frameGeometry()
        report["frame"] = [frame.x(), frame.y(), frame.width(), frame.height()]
        report["maximized"] = window.isMaximized()
        report["full_screen"] = window.isFullScreen()
        if args.toggle:
            return _print(_toggled(window, report))
        if args.busy:
            hog = _busy_hog(window, app)
            report["fit_before"] = _fit(window)
        hint = window.minimumSizeHint()
        report["minimum"] = [hint.width(), hint.height()]
        from PySide6.QtWidgets import QDockWidget

        parts = {"picker": window.picker, "page": window.page, "central": window.centralWidget()}
        parts.update({dock.objectName(): dock for dock in window.findChildren(QDockWidget)})
        report["parts"] = {
            name: [w.minimumSizeHint().width(), w.minimumSizeHint().height()] for name, w in parts.items()
        }
        sizes = {(window.width(), window.height())}

        fits: list[dict] = []

        def note_size(*_args) -> None:
            sizes.add((window.width(), window.height()))
            if args.busy:
                fits.append(_fit(window))

        window.bridge.events_received.connect(note_size)
        window.bridge.samples_received.connect(note_size)
        if not window.start_run():
            report["error"] = window.page.error_label.text()
            return _print(report)
        record = _wait(window.bridge.run_finished, RUN_TIMEOUT_MS)
        app.processEvents()
        note_size()
        report["status"] = record[0].status if record else None
        report["sizes"] = sorted(sizes)
        if args.busy:
            report["fit_during"] = max(fits[:-1], key=lambda fit: fit["minimum"]) if len(fits) > 1 else None
            report["fit_after"] = fits[-1]
        page = window.page
        predict = window.findChild(PredictPanel)
        widgets = {
            "lesson list": window.picker,
            "parameters": page.params_box,
            "run": page.run_button,
            "stop": page.stop_button,
            "prediction": predict.question_label,
            "prediction answer": predict.number_editor,
            "cpu plot": page.cpu_plot,
            "timeline": page.timeline,
            "verdict box": page.verdict_box,
            "verdict": page.verdict_panel.verdict_label,
            "figures": page.verdict_panel.figures_table,
            "status bar": window.statusBar(),
        }
        report["widgets"] = {name: _visible(widget, window) for name, widget in widgets.items()}
        report["room"] = _room(window)
        report["lanes"] = names_seen.lanes(window)
        report["log_workers"] = names_seen.log_workers(window)
        report["header"] = _header(window)
        bar = page.verdict_scroll.verticalScrollBar()
        report["verdict_scrolls"] = bar.maximum() > 0
        table = page.verdict_panel.figures_table
        report["figures_rows"] = table.rowCount()
        report["figure_names"] = [table.item(row, 0).text() for row in range(table.rowCount())]
        report["status_text"] = page.verdict_panel.status_label.text()
        report["title_font"] = page.header.title_label.font().pointSizeF()
        report["app_font"] = app.font().pointSizeF()
        report["cpu_title"] = page.cpu_plot.plot_widget.getPlotItem().titleLabel.opts.get("size")
        assert window.select_lesson("semaphore-room")  # another lesson: the plots re-title themselves
        app.processEvents()
        report["cpu_title_after_lesson_change"] = page.cpu_plot.plot_widget.getPlotItem().titleLabel.opts.get("size")
        report["title_font_after_lesson_change"] = page.header.title_label.font().pointSizeF()
        compare = CompareWindow(sampler, window)
        compare.set_lesson(window.picker.lessons[args.lesson])
        compare.show()
        app.processEvents()
        hint = compare.minimumSizeHint()
        frame = compare.frameGeometry()
        report["compare"] = {
            "minimum": [hint.width(), hint.height()],
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        }
        compare.close()
    finally:
        if hog is not None:
            hog.kill()
            hog.wait()
        window.close()
        sampler.stop()
    return _print(report)


def _print(report: dict) -> int:
    print("PROBE " + json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
