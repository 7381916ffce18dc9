"""Compare: run two variants of the selected lesson and set their outcomes side by side.

The window starts from the lesson's default pair (lock off / on, 1 worker /
every core, ... see :mod:`desktop.model.comparison`; each lesson declares its own ``comparison``), editable in two
parameter forms. "Run both" runs A then B, or both at once where that still
shows the difference. Each side has its own :class:`RunBridge`, so nothing here
waits for a run: the bridges' timers deliver samples and records. The result is
two CPU curves on shared axes, both verdicts, and a table of the pair's key
figures with the ratio B/A (:mod:`desktop.ui.compare_table`).

Each side (:mod:`desktop.ui.compare_side`) plots only its own run's CPU.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.model.comparison import ComparePair, Variant, ratio_b_over_a
from desktop.model.lesson import Lesson
from desktop.model.param import InvalidParams, Params
from desktop.model.text import Text
from desktop.monitor.sampler import Sampler
from desktop.ui import i18n, theme
from desktop.ui.compare_side import CompareSide
from desktop.ui.compare_table import FigureTable, TableRow, format_value
from desktop.ui.figure_text import figure_name, figure_unit
from desktop.ui.message_label import MessageLabel, Render
from desktop.ui.scroll import scroll_area
from desktop.ui.window_layout import bring_to_front, fit_window, is_plain_escape

CLOCK_INTERVAL_MS = 200
COMPARE_SIZE = (1100, 860)  # where the screen has room; less on a laptop or projector
DURATION_ROW = "duration_s"  # the run's duration, shown under the pair's figures


class CompareWindow(i18n.FollowsLanguage, QWidget):
    """Two variants of one lesson, run and shown side by side.

    Signals:
        comparison_finished: both runs have ended (or the second never started).
    """

    comparison_finished = Signal()

    def __init__(self, sampler: Sampler, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compare-window")
        self._lesson: Lesson | None = None
        self._pair: ComparePair | None = None
        self._pending: list[tuple[CompareSide, Params]] = []
        self.side_a = CompareSide("A", sampler, self)
        self.side_b = CompareSide("B", sampler, self)
        self.side_b.plot_widget.setXLink(self.side_a.plot_widget)
        self.side_b.plot_widget.setYLink(self.side_a.plot_widget)
        self.sides = (self.side_a, self.side_b)
        for side in self.sides:
            side.finished.connect(self._on_side_finished)
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.simultaneous_box = QCheckBox()
        self.run_button = QPushButton()
        self.run_button.clicked.connect(self.run_both)
        self.stop_button = QPushButton()
        self.stop_button.clicked.connect(self.stop)
        self.progress = QProgressBar()
        self.progress.setRange(0, 2)
        self.progress.setMinimumWidth(160)  # room for "2 of 2 runs done" in either language
        self.status_label = QLabel()
        self.error_label = MessageLabel()  # says its message again when the language changes
        self.figures_table = FigureTable()
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_INTERVAL_MS)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._build_layout()
        self._update_controls()
        self._retranslate()
        fit_window(self, *COMPARE_SIZE)

    def _build_layout(self) -> None:
        controls = QHBoxLayout()
        for widget in (self.simultaneous_box, self.run_button, self.stop_button, self.progress):
            controls.addWidget(widget)
        controls.addWidget(self.status_label, 1)
        grid = QGridLayout()
        for column, side in enumerate(self.sides):
            grid.addWidget(side.box, 0, column)
            grid.addWidget(side.plots, 1, column)
            grid.addWidget(side.verdict_panel, 2, column)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(2, 2)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title_label)
        layout.addLayout(controls)
        layout.addWidget(self.error_label)
        layout.addLayout(grid, 3)
        layout.addWidget(self.figures_table, 1)
        # In a scroll area: in presenter mode on a 768-px screen the window scrolls rather than leave it.
        self.scroll_area = scroll_area(content, self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    # ------------------------------------------------------------------ state
    @property
    def lesson(self) -> Lesson | None:
        return self._lesson

    @property
    def pair(self) -> ComparePair | None:
        return self._pair

    @property
    def running(self) -> bool:
        return any(side.running for side in self.sides) or bool(self._pending)

    def set_lesson(self, lesson: Lesson, values: Mapping[str, Any] | None = None) -> bool:
        """Show ``lesson``'s default pair over ``values`` (e.g. the main form's); False while running."""
        if self.running:
            return False
        self._lesson = lesson
        self._pair = lesson.comparison or ComparePair(Variant(Text("A", "A"), {}), Variant(Text("B", "B"), {}), ())
        for side, variant in zip(self.sides, (self._pair.a, self._pair.b), strict=True):
            side.variant = variant
            side.form.set_lesson(lesson, {**(values or {}), **variant.overrides})
            side.reset(lambda: self.tr("Press Run both to see this variant's verdict."))
        self.simultaneous_box.setChecked(False)
        self.figures_table.setRowCount(0)
        self.progress.setValue(0)
        self.status_label.clear()
        self._show_error("")
        self._update_controls()
        self._retranslate()
        return True

    def run_both(self) -> bool:
        """Validate both forms and start A (and B at once, if chosen); False if nothing started."""
        if self._lesson is None or self.running:
            return False
        try:
            params = [side.form.parse() for side in self.sides]
        except InvalidParams as error:
            self._show_error(lambda refused=error: "\n".join(refused.in_language(i18n.language())))
            return False
        self._show_error("")
        self.figures_table.setRowCount(0)
        self.progress.setValue(0)
        for side in self.sides:
            side.reset(lambda: self.tr("Waiting for its turn…"))
        together = self.simultaneous_box.isChecked() and self.simultaneous_box.isEnabled()
        queue = list(zip(self.sides, params, strict=True))
        self._pending = [] if together else queue[1:]
        for side, side_params in queue if together else queue[:1]:
            if not self._start(side, side_params):
                break
        self._update_controls()
        if self.running:
            self._clock.start()
            self._on_clock_timeout()
            return True
        return False

    def stop(self) -> None:
        """Stop both runs (and do not start a waiting one); returns at once."""
        self._pending.clear()
        for side in self.sides:
            side.bridge.stop()
        self._update_controls()

    def shutdown(self) -> None:
        """Stop both runs and wait for them a bounded time (the app or its window is closing)."""
        self._pending.clear()
        self._clock.stop()
        for side in self.sides:
            side.bridge.shutdown()

    def _start(self, side: CompareSide, params: Params) -> bool:
        try:
            side.start(self._lesson, params)
        except InvalidParams as error:
            self._pending.clear()
            self._show_error(
                lambda name=side.name, refused=error: f"{name}: " + "\n".join(refused.in_language(i18n.language()))
            )
            side.verdict_panel.clear(lambda: self.tr("Not started."))
            return False
        except OSError as error:
            self._pending.clear()
            self._show_error(
                lambda name=side.name, reason=str(error): self.tr("{side} could not start: {error}").format(
                    side=name, error=reason
                )
            )
            side.verdict_panel.clear(lambda: self.tr("Not started."))
            return False
        side.verdict_panel.clear(lambda: self.tr("Running… the verdict appears when the run ends."))
        return True

    def _show_error(self, render: Render | str) -> None:
        """Show ``render()`` over the table, in the UI's language now and after a switch ("" hides it)."""
        self.error_label.show_message(render)

    def _update_controls(self) -> None:
        running = self.running
        ready = self._lesson is not None
        self.run_button.setEnabled(ready and not running)
        self.stop_button.setEnabled(running)
        self.simultaneous_box.setEnabled(ready and not running and bool(self._pair and self._pair.simultaneous))
        for side in self.sides:
            side.form.setEnabled(not running)

    # ------------------------------------------------------------------ slots
    def _on_side_finished(self, _side: CompareSide) -> None:
        self.progress.setValue(sum(s.record is not None for s in self.sides))
        if self._pending:
            next_side, params = self._pending.pop(0)
            self._start(next_side, params)
        self._update_controls()
        self._fill_table()
        if not self.running:
            self._clock.stop()
            self._on_clock_timeout()
            self.comparison_finished.emit()

    def _on_clock_timeout(self) -> None:
        """Keep the two curves on one time axis, and say what is running."""
        end = max(1.0, *(side.last_time() for side in self.sides))
        self.side_a.plot_widget.setXRange(0, end, padding=0.02)
        running = [side.name for side in self.sides if side.running]
        if running:
            seconds = max(side.bridge.elapsed() for side in self.sides if side.running)
            self.status_label.setText(
                self.tr("Running {sides}… {seconds:.1f} s").format(sides=" + ".join(running), seconds=seconds)
            )
        elif self.progress.value():
            self.status_label.setText(self.tr("Done."))

    def _fill_table(self) -> None:
        """The pair's key figures for A and B, and the ratio B/A; then the run durations."""
        a, b = self.side_a.record, self.side_b.record
        rows = []
        for name in [*(self._pair.figures if self._pair else ()), DURATION_ROW]:
            values = []
            for record in (a, b):
                if record is None:
                    values.append(None)
                elif name == DURATION_ROW:
                    values.append(record.duration)
                else:
                    values.append(record.figures.get(name))
            ratio = ratio_b_over_a(*values)
            if name == DURATION_ROW:
                title, shown = self.tr("whole run, from Run to the end"), [format_value(v, "s") for v in values]
            else:
                title, shown = figure_name(name), [format_value(v, figure_unit(name)) for v in values]
            rows.append(TableRow(name, title, *shown, ratio, name))  # the tooltip: the name in the lesson's code
        self.figures_table.set_rows(rows)

    def ratio_cell(self, figure: str) -> QTableWidgetItem | None:
        """The B/A cell of ``figure``'s row (its ratio as a float under ``RATIO_ROLE``), or None."""
        return self.figures_table.ratio_cell(figure)

    # ----------------------------------------------------------------- language
    def _retranslate(self) -> None:
        language = i18n.language()
        title = self._lesson.title.get(language) if self._lesson else ""
        self.setWindowTitle(self.tr("Compare variants — {lesson}").format(lesson=title))
        self.title_label.setText(self.tr("Compare variants of: {lesson}").format(lesson=title))
        self.run_button.setText(self.tr("Run both"))
        self.stop_button.setText(self.tr("Stop"))
        self.simultaneous_box.setText(self.tr("At the same time"))
        if self._pair is None or self._pair.simultaneous:
            tip = self.tr(
                "Run A and B together instead of one after the other. Each then gets about half of the cores, "
                "so their times are not comparable with a run on its own."
            )
        else:
            tip = self.tr(
                "This lesson measures speed or CPU share: two runs at once would share the cores, "
                "so A and B take turns."
            )
        self.simultaneous_box.setToolTip(tip)
        self.progress.setFormat(self.tr("%v of %m runs done"))
        for side in self.sides:
            label = side.variant.label.get(language) if side.variant else ""
            side.box.setTitle(f"{side.name}: {label}")
            theme.set_plot_title(
                side.plot_widget.getPlotItem(),
                self.tr("{side}: CPU of this run (coloured) and of the whole machine (grey), %").format(side=side.name),
                size="9pt",
            )
            side.plot_widget.getPlotItem().setLabel("bottom", self.tr("seconds since the run started"))
        self.figures_table.set_headers(self.tr("Figure"), self.tr("B/A"))
        if self.side_a.record is not None or self.side_b.record is not None:
            self._fill_table()
        if self.running or self.progress.value():
            self._on_clock_timeout()  # "Done." or what is running, in the new language

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes the window, as it closes a dialog (closing stops the variants' runs)."""
        if is_plain_escape(event):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing asks running variants to stop; their records still arrive if the window is reopened."""
        self.stop()
        super().closeEvent(event)


class _CompareInstaller(QObject):
    """Keeps the action's text in the UI's language and the window's runs tied to the main window's life."""

    def __init__(self, window: QWidget, action: QAction):
        super().__init__(window)
        self._window = window
        self.action = action
        self.compare_window: CompareWindow | None = None
        action.triggered.connect(self.open)
        window.installEventFilter(self)
        self._retranslate()

    def open(self) -> CompareWindow | None:
        """Show the compare window for the main window's current lesson (kept as is while it runs)."""
        lesson = self._window.page.lesson
        if lesson is None:
            return None
        if self.compare_window is None:
            self.compare_window = CompareWindow(self._window.bridge.sampler, self._window)
        if not self.compare_window.running and self.compare_window.lesson is not lesson:
            self.compare_window.set_lesson(lesson, self._window.page.param_form.values())
        bring_to_front(self.compare_window)
        return self.compare_window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window:
            if event.type() == QEvent.Type.LanguageChange:
                self._retranslate()
            elif event.type() == QEvent.Type.Close and self.compare_window is not None:
                self.compare_window.shutdown()
                self.compare_window.close()
        return False

    def _retranslate(self) -> None:
        self.action.setText(self.tr("&Compare variants…"))
        self.action.setToolTip(self.tr("Run two variants of this lesson and compare them side by side (Ctrl+K)"))


def install_compare(window) -> QAction:
    """Add Run → Compare variants… (Ctrl+K) to ``window`` (a MainWindow); returns the action."""
    action = QAction(window)
    action.setObjectName("compare-action")
    action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_K))
    window.addAction(action)
    window.menus.run.addAction(action)
    _CompareInstaller(window, action)
    return action
