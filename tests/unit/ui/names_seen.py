"""What names the window shows for a run's workers: the timeline's lane labels and the event log's Worker cells.

Used by ``screen_probe.py`` (run by ``test_fits_the_room.py``) after a real run, so
the test can check that both say a worker's short readable name
(:mod:`desktop.ui.worker_name`), whole, the full name and PID in the hover text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QWidget

from desktop.ui.worker_name import readable_worker


def lanes(window: QWidget) -> dict:
    """Every lane's label on the timeline's axis (scrolled through), its worker's short name, and the axes' widths."""
    timeline = window.page.timeline
    bar, labels = timeline.lane_scroll_bar, {}
    for value in range(bar.maximum() + 1):
        bar.setValue(value)
        axis = timeline.plot_item.getAxis("left")
        labels.update({int(position): label for position, label in axis._tickLevels[0]})  # at lane + 0.5
    bar.setValue(0)
    metrics = timeline.fontMetrics()
    return {
        "labels": [labels.get(index) for index in range(timeline.lane_count)],
        "names": [readable_worker(worker) for worker in timeline.workers()],
        "widest": max((metrics.horizontalAdvance(label or "") for label in labels.values()), default=0),
        "axis_width": timeline.plot_item.getAxis("left").width(),
        "cpu_axis_width": window.page.cpu_plot.plot_widget.getPlotItem().getAxis("left").width(),
        "timeline_width": timeline.width(),
    }


def log_workers(window: QWidget) -> list[dict]:
    """The event log's Worker cells, one per worker: the worker's full name and PID, what the cell shows, its
    tooltip, and whether the text fits the column whole (the table cuts a wider one: "SpawnPo…")."""
    log, model = window.page.event_log, window.page.event_log_model
    column = model.WORKER_COLUMN
    margin = 2 * (log.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, log) + 1)
    room = log.columnWidth(column) - margin  # what the cell's text has, as Qt's item delegate draws it
    metrics = QFontMetrics(log.font())
    cells: dict[str, dict] = {}
    for row in range(model.rowCount()):
        worker, index = model.worker_at(row), model.index(row, column)
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        cells.setdefault(
            worker,
            {
                "worker": worker,
                "pid": model.data(model.index(row, 2), Qt.ItemDataRole.DisplayRole),
                "text": text,
                "tooltip": model.data(index, Qt.ItemDataRole.ToolTipRole),
                "fits": metrics.horizontalAdvance(text) <= room,
            },
        )
    return list(cells.values())
