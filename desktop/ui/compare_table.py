"""The table under both compare windows: one row per figure, its value in A and in B, and the ratio B/A.

Compare variants (:mod:`desktop.ui.compare`) fills it with a lesson's pair
figures; Compare script runs (:mod:`desktop.ui.script_compare`) with a
script's summary figures. Each row keeps its figure's code name under
``FIGURE_ROLE`` and the ratio cell its float under ``RATIO_ROLE``, so tests
and tooltips read the numbers, not the text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desktop.model.record_type import Record
from desktop.ui.figure_text import format_number

RATIO_ROLE = Qt.ItemDataRole.UserRole
FIGURE_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's figure by its code name
NAME, A, B, RATIO = range(4)


class TableRow(Record):
    """One row as shown: its code name, title, A and B as text, the ratio B/A (None: "—"), and a tooltip."""

    __slots__ = ("key", "title", "a", "b", "ratio", "tip")
    key: str
    title: str
    a: str
    b: str
    ratio: float | None
    tip: str


def format_value(value: float | str | None, unit: str = "") -> str:
    """A figure as shown in a cell: a number with its unit, a text as it is, "—" when missing."""
    if value is None:
        return "—"
    number = value if isinstance(value, str) else format_number(float(value))
    return f"{number} {unit}" if unit else number


def ratio_text(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.3g}×"


class FigureTable(QTableWidget):
    """Figure | A | B | B/A, read-only, columns sharing the width."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 4, parent)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def set_headers(self, figure: str, ratio: str) -> None:
        """The column titles in the UI's language (A and B stay as they are)."""
        self.setHorizontalHeaderLabels([figure, "A", "B", ratio])

    def set_rows(self, rows: Sequence[TableRow]) -> None:
        """Show ``rows``, replacing what was there."""
        self.setRowCount(len(rows))
        for index, row in enumerate(rows):
            for column, text in enumerate((row.title, row.a, row.b, ratio_text(row.ratio))):
                item = QTableWidgetItem(text)
                item.setToolTip(row.tip or text)
                if column == NAME:
                    item.setData(FIGURE_ROLE, row.key)
                if column == RATIO:
                    item.setData(RATIO_ROLE, row.ratio)
                self.setItem(index, column, item)

    def row_of(self, key: str) -> int | None:
        """The index of ``key``'s row, or None."""
        for row in range(self.rowCount()):
            if self.item(row, NAME).data(FIGURE_ROLE) == key:
                return row
        return None

    def cell(self, key: str, column: int) -> QTableWidgetItem | None:
        """The cell of ``key``'s row in ``column`` (``A``, ``B`` or ``RATIO``), or None."""
        row = self.row_of(key)
        return None if row is None else self.item(row, column)

    def ratio_cell(self, key: str) -> QTableWidgetItem | None:
        """The B/A cell of ``key``'s row (its ratio as a float under ``RATIO_ROLE``), or None."""
        return self.cell(key, RATIO)
