"""Compare script runs: two finished runs of a script (two versions of it) side by side.

A student runs a script, edits it, runs it again, and asks what changed. The
window shows the two runs' worker timelines on one time axis, a table of the
summary figures of both with the ratio B/A (:mod:`desktop.ui.compare_table`),
and the diff of the source from A to B. Nothing runs here: everything comes
from the two records (see :mod:`desktop.runtime.script.comparison`), so runs
opened from saved files compare as well as runs of this session. Which runs
to compare, and the message when they cannot be (a lesson's run), is up to
:mod:`desktop.ui.script_compare_action`. Esc closes the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QKeyEvent, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.model.run_record import RunRecord
from desktop.runtime import export
from desktop.runtime.script import comparison
from desktop.runtime.script.comparison import Row, SourceDiff
from desktop.ui import i18n, theme
from desktop.ui.compare_table import RATIO, A, B, FigureTable, TableRow, format_value
from desktop.ui.live_view import FinishedRun
from desktop.ui.run_list import when
from desktop.ui.scroll import scroll_area
from desktop.ui.timeline import TimelineView
from desktop.ui.verdict_panel import status_name
from desktop.ui.window_layout import fit_window, is_plain_escape

COMPARE_SIZE = (1000, 720)  # where the screen has room; it fits 1024x768 with the window's frame
TIMELINE_MINIMUM_HEIGHT = 90  # pixels of lanes each side keeps when the splitter is dragged
SPLIT = (2, 3)  # the runs above, the figures and the diff below: the table shows a dozen rows at 1024x768
SIDES = ("A", "B")
# Diff colours on the light and the dark window: added, removed, hunk header (each readable on its background).
DIFF_COLOURS = {False: ("#1b5e20", "#b71c1c", "#1565c0"), True: ("#81c784", "#ef9a9a", "#90caf9")}


class DiffHighlighter(QSyntaxHighlighter):
    """Added lines green, removed lines red, ``@@`` hunk headers blue, file headers bold (in the theme's shades)."""

    def highlightBlock(self, text: str) -> None:
        added, removed, hunk = DIFF_COLOURS[theme.current().dark]
        style = QTextCharFormat()
        if text.startswith(("+++", "---")):
            style.setFontWeight(QFont.Weight.Bold)
        elif text.startswith("+"):
            style.setForeground(QColor(added))
        elif text.startswith("-"):
            style.setForeground(QColor(removed))
        elif text.startswith("@@"):
            style.setForeground(QColor(hunk))
        else:
            return
        self.setFormat(0, len(text), style)


class ScriptCompareWindow(i18n.FollowsLanguage, QWidget):
    """Two finished script runs: their timelines, their figures with B/A, and what changed in the source."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("script-compare-window")
        self.records: tuple[RunRecord, RunRecord] | None = None
        self.rows: list[Row] = []
        self.diff: SourceDiff | None = None
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.boxes = {side: QGroupBox() for side in SIDES}
        self.side_labels = {side: QLabel() for side in SIDES}
        self.timelines = {side: TimelineView() for side in SIDES}
        for side in SIDES:
            self.side_labels[side].setWordWrap(True)
            self.side_labels[side].setTextFormat(Qt.TextFormat.PlainText)
            timeline = self.timelines[side]
            timeline.hint_label.hide()  # lanes still have their details on hover
            timeline.plot_widget.setMinimumHeight(TIMELINE_MINIMUM_HEIGHT)
            timeline.plot_item.setMouseEnabled(x=False, y=False)
        self.timelines["B"].plot_item.setXLink(self.timelines["A"].plot_item)  # one time axis for both
        self.figures_table = FigureTable()
        self.figures_table.setWordWrap(False)  # one line a figure: more of them in sight on a 768-px screen
        self.figures_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.figures_table.horizontalHeader()
        for column in (A, B, RATIO):  # the values take what they need, the figure's name the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.diff_note = QLabel()
        self.diff_note.setWordWrap(True)
        self.diff_view = QPlainTextEdit()
        self.diff_view.setReadOnly(True)
        self.diff_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.diff_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.highlighter = DiffHighlighter(self.diff_view.document())
        theme.appearance_changed.connect(self.highlighter.rehighlight)
        self._build_layout()
        self._retranslate()
        fit_window(self, *COMPARE_SIZE)

    def _build_layout(self) -> None:
        runs = QWidget()
        runs_row = QHBoxLayout(runs)
        runs_row.setContentsMargins(0, 0, 0, 0)
        for side in SIDES:
            box_layout = QVBoxLayout(self.boxes[side])
            box_layout.setContentsMargins(4, 4, 4, 4)
            box_layout.addWidget(self.side_labels[side])
            box_layout.addWidget(self.timelines[side], 1)
            runs_row.addWidget(self.boxes[side])
        source = QWidget()
        source_layout = QVBoxLayout(source)
        source_layout.setContentsMargins(0, 0, 0, 0)
        source_layout.addWidget(self.diff_note)
        source_layout.addWidget(self.diff_view, 1)
        self.bottom_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.bottom_splitter.setChildrenCollapsible(False)
        self.bottom_splitter.addWidget(self.figures_table)
        self.bottom_splitter.addWidget(source)
        self.bottom_splitter.setSizes([1, 1])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(runs)
        self.splitter.addWidget(self.bottom_splitter)
        for index, share in enumerate(SPLIT):
            self.splitter.setStretchFactor(index, share)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title_label)
        layout.addWidget(self.splitter, 1)
        # In a scroll area: in presenter mode on a 768-px screen the window scrolls rather than leave it.
        self.scroll_area = scroll_area(content, self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    # ------------------------------------------------------------------ showing
    def show_pair(self, a: RunRecord, b: RunRecord) -> None:
        """Show script runs ``a`` (the earlier version) and ``b`` side by side.

        Raises:
            NotAPair: one of them is not a run of a script.
        """
        comparison.pick_pair([a, b], [b, a])  # raises for a lesson's run: never shown as a pair
        self.records = (a, b)
        self.rows = comparison.rows(a, b)
        self.diff = comparison.source_diff(a, b)
        for side, record in zip(SIDES, self.records, strict=True):
            origin = export.run_origin(record)
            self.timelines[side].show_run(
                FinishedRun(record, origin, export.events_of(record), export.samples_of(record))
            )
        end = max(1.0, a.duration, b.duration)
        self.timelines["A"].plot_item.setXRange(0, end, padding=0.02)
        self.diff_view.setPlainText("\n".join(self.diff.lines))
        self._retranslate()

    def _fill(self) -> None:
        language = i18n.language()
        shown = []
        for row in self.rows:
            a, b = (status_name(v) if row.key == "status" and v else v for v in (row.a, row.b))
            title = row.title.get(language)
            tip = row.detail.get(language) or title
            shown.append(TableRow(row.key, title, format_value(a, row.unit), format_value(b, row.unit), row.ratio, tip))
        self.figures_table.set_rows(shown)
        if self.diff is not None:
            self.diff_note.setText(self.diff.note.get(language))
            self.diff_view.setVisible(bool(self.diff.lines))

    def _describe(self, record: RunRecord) -> str:
        return self.tr("{name}, run at {time}: {status}, {seconds:.2f} s").format(
            name=comparison.script_name(record),
            time=when(record.started_at),
            status=status_name(record.status),
            seconds=record.duration,
        )

    # ----------------------------------------------------------------- language
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compare script runs"))
        self.figures_table.set_headers(self.tr("Figure"), self.tr("B/A"))
        names = {"A": self.tr("A: the earlier run"), "B": self.tr("B: the later run")}
        for side in SIDES:
            self.boxes[side].setTitle(names[side])
        if self.records is None:
            self.title_label.setText(self.tr("Compare script runs"))
            return
        a, b = self.records
        if comparison.script_path(a) == comparison.script_path(b):
            title = self.tr("Two runs of {name}").format(name=comparison.script_name(b))
        else:
            title = self.tr("Two scripts: {a} and {b}").format(a=comparison.script_name(a), b=comparison.script_name(b))
        self.title_label.setText(title)
        for side, record in zip(SIDES, self.records, strict=True):
            self.side_labels[side].setText(self._describe(record))
            self.side_labels[side].setToolTip(comparison.script_path(record))
        self._fill()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes the window, as it closes a dialog."""
        if is_plain_escape(event):
            self.close()
            return
        super().keyPressEvent(event)
