"""The verdict of the last run: its status, the sentence computed from measurements, the figures.

The verdict is computed by the lesson from what was measured (see
``desktop.runtime.run``); this panel only shows it, with the figures it was
computed from so a student can check the sentence against the numbers. The
sentence is shown in the UI's language (the record carries both).
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.model.run_record import FAILED, PASSED, STOPPED, RunRecord
from desktop.ui import i18n
from desktop.ui.figure_text import figure_name, figure_value

# The status says how the run went, never whether its story is good: a race that oversold ran to
# its end ("completed"), shown without the green of success. Red: the run failed; orange: stopped.
STATUS_COLOURS = {FAILED: "#b3261e", STOPPED: "#b26a00"}
STATUS_NAMES = {
    PASSED: QT_TRANSLATE_NOOP("VerdictPanel", "Completed"),
    FAILED: QT_TRANSLATE_NOOP("VerdictPanel", "Failed"),
    STOPPED: QT_TRANSLATE_NOOP("VerdictPanel", "Stopped"),
}


def status_name(status: str) -> str:
    """A run status ("passed", ...) as shown to the user, in the UI's language: completed, failed or stopped."""
    return QCoreApplication.translate("VerdictPanel", STATUS_NAMES[status]) if status in STATUS_NAMES else status


def verdict_text(record: RunRecord) -> str:
    """The record's verdict sentence in the UI's language (English if it has no Chinese one)."""
    return record.verdict.get(i18n.language()) or record.verdict.en


class VerdictPanel(i18n.FollowsLanguage, QWidget):
    """Shows a :class:`RunRecord`'s outcome; a hint while there is none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._record: RunRecord | None = None
        self._hint: str | Callable[[], str] | None = None
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        # Selectable by keyboard too: Tab reaches the verdict, and its scroll area follows the focus.
        self.verdict_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.verdict_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.figures_table = QTableWidget(0, 2)
        self.figures_table.verticalHeader().setVisible(False)
        self.figures_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.figures_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures_table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move between rows)
        self.error_text = QPlainTextEdit()
        self.error_text.setReadOnly(True)
        # Every row shows: the table is as tall as its rows, and the panel (in a scroll area) scrolls instead.
        self.figures_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.figures_table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.figures_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.error_text.setMinimumHeight(self.fontMetrics().height() * 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status_label)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.figures_table)
        layout.addWidget(self.error_text)
        layout.addStretch(1)
        self.clear()
        self._retranslate()

    def _retranslate(self) -> None:
        """Headers and the shown record or hint in the UI's language (a hint given as a string: its giver's to redo)."""
        self.figures_table.setHorizontalHeaderLabels([self.tr("Figure"), self.tr("Value")])
        if self._record is not None:
            self.show_record(self._record)
        elif self._hint is None or callable(self._hint):
            self.clear(self._hint)

    def clear(self, hint: str | Callable[[], str] | None = None) -> None:
        """Show ``hint`` (or the default hint) instead of a verdict; a function is asked again after a switch."""
        self._record, self._hint = None, hint
        self.status_label.setText("")
        shown = hint() if callable(hint) else hint
        self.verdict_label.setText(shown or self.tr("Run the lesson to see what really happens."))
        self.figures_table.setRowCount(0)
        self.figures_table.hide()
        self.error_text.clear()
        self.error_text.hide()

    def show_record(self, record: RunRecord) -> None:
        self._record, self._hint = record, None
        name = html.escape(status_name(record.status))
        colour = STATUS_COLOURS.get(record.status)
        shown = f"<b style='color:{colour}'>{name}</b>" if colour else f"<b>{name}</b>"
        # One duration, said for what it is: the whole run, processes starting included. The verdict's
        # own times (e.g. "Took 1.04 s") are measured inside the run and are another quantity.
        duration = self.tr("whole run: {seconds:.2f} s").format(seconds=record.duration)
        self.status_label.setText(f"{shown} &nbsp;·&nbsp; {html.escape(duration)}")
        self.status_label.setToolTip(
            self.tr(
                "How long the whole run took, from Run to the end, starting its processes included. "
                "Times in the verdict and the figures are measured inside the run."
            )
        )
        self.verdict_label.setText(verdict_text(record))
        self.figures_table.setRowCount(len(record.figures))
        for row, (figure, value) in enumerate(record.figures.items()):
            name_item = QTableWidgetItem(figure_name(figure))
            name_item.setToolTip(figure)  # the name in the lesson's code
            name_item.setData(Qt.ItemDataRole.UserRole, figure)
            self.figures_table.setItem(row, 0, name_item)
            self.figures_table.setItem(row, 1, QTableWidgetItem(figure_value(figure, value)))
        self.figures_table.setVisible(bool(record.figures))
        self.error_text.setPlainText(record.error_text.get(i18n.language()) if record.status == FAILED else "")
        self.error_text.setVisible(record.status == FAILED and bool(record.error))
