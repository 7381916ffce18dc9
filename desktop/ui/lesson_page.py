"""The lesson page: everything right of the lesson list, and the live view of a run.

Top: the lesson's header, its parameter form with Run/Stop, and what a run
would start. Middle: the live plots on one shared time axis (CPU per core,
queue depth, worker timeline; see :mod:`desktop.ui.timeline_axis`). Bottom:
the event log, explanation and code tabs, and the verdict.

The page drives its live views (:attr:`LessonPage.live_views`) through one
protocol (:mod:`desktop.ui.live_view`): cleared when a lesson is picked,
following a live run, or showing a finished one whole. It keeps the
selected worker's current step highlighted in the code: selecting a worker
(its timeline lane, or a row of the event log) shows the source line of its
latest state report, and the highlight follows the worker as it reports more.
How the page's height is shared between the header, the plots and the bottom
is :mod:`desktop.ui.page_room`'s.
The :class:`~desktop.ui.main_window.MainWindow` owns the run and the actions.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.model.lesson import Lesson
from desktop.model.param import InvalidParams
from desktop.model.run_record import STOPPED, RunRecord
from desktop.runtime import export, telemetry
from desktop.ui import i18n, theme
from desktop.ui.busy_banner import BusyBanner
from desktop.ui.code_view import CodeView
from desktop.ui.counters_view import CountersView
from desktop.ui.cpu_plot import CpuPlot
from desktop.ui.depth_plot import DepthPlot
from desktop.ui.event_log import EventLogModel, EventLogView
from desktop.ui.explanation_view import ExplanationView
from desktop.ui.lesson_header import LessonHeader
from desktop.ui.live_view import FinishedRun, LiveView
from desktop.ui.message_label import MessageLabel, Render
from desktop.ui.page_room import BOTTOM_MINIMUM_HEIGHT, PageRoom
from desktop.ui.param_form import ParamForm, unit_text
from desktop.ui.phase_bands import PhaseBands
from desktop.ui.scroll import scroll_area
from desktop.ui.start_progress import StartProgress
from desktop.ui.timeline import TimelineView
from desktop.ui.timeline_axis import RunTimeAxis
from desktop.ui.verdict_panel import VerdictPanel
from desktop.ui.view_preparation import RecordEvents

BUTTON_MINIMUM_WIDTH = 72  # Run and Stop: big targets, yet the three buttons fit a 1024-px screen


class LessonPage(i18n.FollowsLanguage, QWidget):
    """The selected lesson's page; ``run_action``/``stop_action`` drive its Run and Stop buttons."""

    def __init__(self, core_count: int, run_action: QAction, stop_action: QAction, parent: QWidget | None = None):
        super().__init__(parent)
        self.lesson: Lesson | None = None
        self.running = False
        self.selected_worker: str | None = None
        self.compact = False
        self.room = PageRoom(self)  # the header, the plots and the bottom share the page's height
        self._build_controls(run_action, stop_action)
        self._build_live_view(core_count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.busy_banner = BusyBanner()  # other programs' load, before Run (fed the live samples only)
        layout.addWidget(self.busy_banner)
        layout.addWidget(self.live_splitter, 1)
        self.param_form.values_changed.connect(self.update_plan)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.timeline.worker_selected.connect(self._on_timeline_worker_selected)
        self.event_log.worker_selected.connect(self.select_worker)
        self.busy_banner.busy_changed.connect(self._on_busy_banner_busy_changed)
        theme.appearance_changed.connect(self._on_theme_appearance_changed)  # a page slot: gone with the page
        self.room.fit_bottom()
        self._retranslate()

    def _build_controls(self, run_action: QAction, stop_action: QAction) -> None:
        self.header = LessonHeader()
        self.param_form = ParamForm()
        self.run_button = QToolButton()
        self.run_button.setDefaultAction(run_action)
        self.stop_button = QToolButton()
        self.stop_button.setDefaultAction(stop_action)
        self.reset_button = QPushButton()
        for button in (self.run_button, self.stop_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumWidth(BUTTON_MINIMUM_WIDTH)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.error_label = MessageLabel()  # says its message again when the language changes
        # Run and Stop on a row of their own, Reset under them: the column stays narrow enough for a
        # 1024-px screen in presenter mode, and Run/Stop keep their place when a lesson changes.
        buttons = QGridLayout()
        buttons.addWidget(self.run_button, 0, 0)
        buttons.addWidget(self.stop_button, 0, 1)
        buttons.addWidget(self.reset_button, 1, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        buttons.setColumnStretch(2, 1)
        self.params_box = QGroupBox()
        params_layout = QVBoxLayout(self.params_box)
        # The editors scroll when they need more height than the screen has (presenter mode at 768 px):
        # the plan and Run/Stop under them stay in view.
        self.form_area = scroll_area(self.param_form)
        self.form_area.setSizeAdjustPolicy(QScrollArea.SizeAdjustPolicy.AdjustToContents)
        params_layout.addWidget(self.form_area, 1)
        params_layout.addWidget(self.plan_label)
        self.start_progress = StartProgress()  # "Started 23 of 64 processes…" under the plan, while they spawn
        params_layout.addWidget(self.start_progress)
        params_layout.addLayout(buttons)
        params_layout.addWidget(self.error_label)

    def _build_live_view(self, core_count: int) -> None:
        self.cpu_plot = CpuPlot(core_count)
        self.depth_plot = DepthPlot()
        self.depth_plot.hide()
        self.timeline = TimelineView()
        for plot in (self.cpu_plot, self.depth_plot):
            plot.share_time_axis()  # the timeline at the bottom names the shared axis
        # The timeline leads: the three plots share its x axis.
        plot_items = [self.timeline.plot_item, self.cpu_plot.plot_widget.getPlotItem()]
        self.time_axis = RunTimeAxis(plot_items, self)
        self.timeline.lane_axis_resized.connect(self.time_axis.set_left_width)  # lane names: every axis as wide
        self.depth_plot.plot_built.connect(self._on_depth_plot_plot_built)
        plots = self.plots_splitter = QSplitter(Qt.Orientation.Vertical)
        plots.setChildrenCollapsible(False)
        self.counters_view = CountersView()  # hidden for lessons that count nothing
        for plot in (self.cpu_plot, self.depth_plot, self.counters_view, self.timeline):
            plots.addWidget(plot)
        plots.setStretchFactor(plots.indexOf(self.counters_view), 0)
        plots.setSizes([140, 100, 60, 240])  # the timeline names the shared time axis: its lanes get most
        cpu_item = self.cpu_plot.plot_widget.getPlotItem()
        self.phase_bands = PhaseBands([cpu_item, self.timeline.plot_item], self.cpu_plot, self)

        self.event_log_model = EventLogModel(parent=self)
        self.event_log = EventLogView(self.event_log_model)
        self.live_views: tuple[LiveView, ...] = (
            self.cpu_plot,
            self.depth_plot,
            self.timeline,
            self.event_log,
            self.counters_view,
            self.phase_bands,
            self.start_progress,
        )
        self.verdict_panel = VerdictPanel()
        self.explanation_view = ExplanationView()
        self.code_view = CodeView()
        self.tabs = QTabWidget()
        for tab in (self.event_log, self.explanation_view, self.code_view):
            self.tabs.addTab(tab, "")
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideNone)  # titles whole: the tabs ask for the width
        self.tabs.tabBar().setUsesScrollButtons(False)
        self.verdict_box = QGroupBox()
        verdict_layout = QVBoxLayout(self.verdict_box)
        verdict_layout.setContentsMargins(2, 2, 2, 2)
        # A long verdict scrolls inside its box: the box never asks the window to grow.
        self.verdict_scroll = scroll_area(self.verdict_panel)
        verdict_layout.addWidget(self.verdict_scroll)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(self.tabs)
        bottom.addWidget(self.verdict_box)
        bottom.setSizes([400, 600])
        self.tabs.setMinimumHeight(BOTTOM_MINIMUM_HEIGHT)
        # The lesson's header on top: it scrolls rather than push the plots off-screen. (The parameters
        # box, ``params_box``, is placed by the window: beside the page, above the prediction.)
        self.top_area = scroll_area(self.header)
        self.live_splitter = QSplitter(Qt.Orientation.Vertical)
        self.live_splitter.setChildrenCollapsible(False)
        for part, stretch in ((self.top_area, 0), (plots, 3), (bottom, 1)):
            self.live_splitter.addWidget(part)
            self.live_splitter.setStretchFactor(self.live_splitter.indexOf(part), stretch)
        self.live_splitter.setSizes([120, 600, 200])  # the plots three times the event log and verdict

    # ------------------------------------------------------------------ room
    def set_compact(self, compact: bool) -> None:
        """Compact (presenter mode on a short screen, :func:`~desktop.ui.window_layout.is_crowded`): rows of large
        text go to the curves, lanes, event log and verdict; the header keeps less before it scrolls."""
        self.compact = compact
        for view in (self.header, self.cpu_plot, self.depth_plot, self.counters_view, self.timeline, self.busy_banner):
            view.set_compact(compact)
        self.layout().setSpacing(self.room.spacing())  # the banner's gap
        self.room.fit_bottom()
        if self.isVisible() and not self.running:
            self.room.fit_top()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # A new size wraps the header's text differently: give it the height it needs now (not during a
        # run, when nothing on the page may move; the window itself keeps its size then).
        if self.isVisible() and not self.running:
            self.room.fit_top()

    def _on_busy_banner_busy_changed(self, _busy: bool) -> None:
        self.room.fit_banner()

    def _on_theme_appearance_changed(self) -> None:
        self.room.fit_bottom()  # the event log's rows and the verdict's lines in the new font

    # ------------------------------------------------------------------ language
    # The page's texts keep the "MainWindow" translation context they had before the page moved out of the
    # window, so their translations still apply. Spelled out (not aliased) so that pyside6-lupdate finds them.
    def _retranslate(self) -> None:
        """The page's own texts (its widgets do theirs)."""
        self.reset_button.setText(QCoreApplication.translate("MainWindow", "Reset to defaults"))
        self.params_box.setTitle(QCoreApplication.translate("MainWindow", "Parameters"))
        self.verdict_box.setTitle(QCoreApplication.translate("MainWindow", "Verdict"))
        for tab, title in (
            (self.event_log, QCoreApplication.translate("MainWindow", "Events")),
            (self.explanation_view, QCoreApplication.translate("MainWindow", "Explanation")),
            (self.code_view, QCoreApplication.translate("MainWindow", "Code")),
        ):
            self.tabs.setTabText(self.tabs.indexOf(tab), title)
        if self.running:
            self.verdict_panel.clear(self._running_hint())
        self.update_plan()

    def _running_hint(self) -> str:
        return QCoreApplication.translate("MainWindow", "Running… the verdict appears when the run ends.")

    # ------------------------------------------------------------------ lesson
    def set_lesson(self, lesson: Lesson, saved_params: dict) -> None:
        """Show ``lesson`` (its form filled with ``saved_params``), with an empty live view."""
        self.lesson = lesson
        self.header.set_lesson(lesson)
        self.explanation_view.set_lesson(lesson)
        self.code_view.set_lesson(lesson)
        self.param_form.set_lesson(lesson, saved_params)
        self.depth_plot.setVisible("depth" in lesson.views)
        self.counters_view.set_lesson(lesson)
        for view in self.live_views:
            view.clear()
        self.time_axis.show_idle()
        self.selected_worker = None
        self.verdict_panel.clear()
        self.show_error("")
        self.room.fit_top()

    def show_error(self, render: Render | str) -> None:
        """Show ``render()`` under Run and Stop, in the UI's language now and after a switch ("" hides it)."""
        self.error_label.show_message(render)

    def update_plan(self) -> None:
        """Show what the run would start, estimated before anything starts."""
        if self.lesson is None:
            self.plan_label.clear()
            return
        try:
            params = self.param_form.parse()
        except (InvalidParams, RuntimeError):
            self.plan_label.clear()
            return
        plan = self.lesson.plan_for(params)
        processes = f"{plan.processes} {unit_text('processes', plan.processes)}"  # "1 process", "10 processes"
        threads = f"{plan.threads} {unit_text('threads', plan.threads)}"
        self.plan_label.setText(
            QCoreApplication.translate(
                "MainWindow", "This run: up to {processes} and {threads}, about {memory} MB."
            ).format(processes=processes, threads=threads, memory=f"{plan.memory_mb:,.0f}")
        )

    def _on_reset_button_clicked(self) -> None:
        self.param_form.reset_to_defaults()
        self.show_error("")

    # --------------------------------------------------------------------- a run
    def start_run(self, origin: float) -> None:
        """A run started at ``origin`` (perf_counter): every live view follows it from there."""
        self.running = True
        self.param_form.clear_messages()
        self.tabs.setCurrentWidget(self.event_log)
        self.start_progress.planned = self._planned_processes()
        for view in self.live_views:
            view.follow(origin)
        self.time_axis.start_run(origin)
        self.select_worker(None)
        self.verdict_panel.clear(self._running_hint())

    def add_events(self, events: list[telemetry.Event]) -> None:
        for view in self.live_views:
            view.add_events(events)
        worker = self.selected_worker
        if worker is not None and any(e.worker == worker and e.kind == telemetry.STATE for e in events):
            self._show_step()

    def add_samples(self, samples: list) -> None:
        """The machine's live samples (a replay's come whole through :meth:`show_run`)."""
        for view in self.live_views:
            view.add_samples(samples)
        self.busy_banner.add_samples(samples)

    def _planned_processes(self) -> int:
        """The reporting processes the run being started starts at most (its lesson's plan for the form's values)."""
        try:
            return self.lesson.plan_for(self.param_form.parse()).reporting if self.lesson is not None else 0
        except (InvalidParams, RuntimeError):
            return 0

    def finish_run(self, record: RunRecord) -> None:
        """The followed run ended: the views stop following, the verdict shows."""
        self.running = False
        for view in self.live_views:
            view.finish(record.duration)
        origin = self.phase_bands.origin
        if origin is not None:
            # The record's samples count every process (live ones, those that had said hello): the verdict's cores.
            run = FinishedRun(record, origin, RecordEvents(record.events), export.samples_of(record))
            self.phase_bands.show_run(run)
        self.counters_view.show_stopped(record.status == STOPPED)  # its counts are those at Stop, not final
        self.verdict_panel.show_record(record)
        self.time_axis.finish_run(self.timeline.now())

    def show_run(self, run: FinishedRun) -> None:
        """Show a finished run whole (a replay): every view, the verdict and the time axis."""
        self.running = False
        for view in self.live_views:
            view.show_run(run)
        self.time_axis.start_run(run.origin)
        self.select_worker(None)
        self.verdict_panel.show_record(run.record)
        self.time_axis.finish_run(self.timeline.now())

    # ------------------------------------------------------------ current step
    def select_worker(self, worker: str | None) -> None:
        """Select ``worker`` (None: nobody): its lane is highlighted, its current step in the code."""
        self.selected_worker = worker
        self.timeline.select_worker(worker)
        self._show_step()

    def _on_depth_plot_plot_built(self, widget: pg.PlotWidget) -> None:
        self.time_axis.add_plot(widget.getPlotItem())
        theme.style_plot(widget)  # the theme styled the plots that existed when it was applied

    def _on_timeline_worker_selected(self, worker: str) -> None:
        self.select_worker(worker)
        self.tabs.setCurrentWidget(self.code_view)

    def _show_step(self) -> None:
        """Highlight where the selected worker last reported its state, if that is in this lesson's code."""
        lane = self.timeline.model.lane(self.selected_worker) if self.selected_worker is not None else None
        where = lane.where if lane is not None else None
        in_lesson = where is not None and self.lesson is not None and where[0] == self.lesson.module_name
        self.code_view.show_step(where[1] if in_lesson else None)
