"""The event log's cells: seconds since the run started, worker, pid and what happened, for the last rows only.

The model keeps the events and words each cell when a view asks for it, so
these read the cells as the table does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.runtime import named_resources, telemetry
from desktop.runtime.telemetry import Event, State
from desktop.ui.event_log import EventLogModel

ORIGIN = 100.0


def _cells(model: EventLogModel) -> list[list[str]]:
    return [
        [model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_last_rows_read_from_the_run_s_start_without_bookkeeping(qapp):
    model = EventLogModel(max_rows=3)
    model.start(ORIGIN)
    model.add_events([Event(ORIGIN + 0.5, 41, "buyer-1", telemetry.STATE, State.RUNNING, "", None)])
    model.add_events(
        [
            Event(ORIGIN + 1.25, 42, "buyer-2", telemetry.COUNT, "sold", 1, None),
            Event(ORIGIN + 1.5, 42, "buyer-2", named_resources.NAMED_RESOURCE, "sem", "/mp-x", None),
            Event(ORIGIN + 12.0, 43, "buyer-3", telemetry.STATE, State.FINISHED, "", None),
        ]
    )
    assert _cells(model) == [
        ["   0.500", "buyer-1", "41", "[running]"],
        ["   1.250", "buyer-2", "42", "tickets sold +1"],
        ["  12.000", "buyer-3", "43", "[finished]"],
    ]
    assert [model.worker_at(row) for row in range(4)] == ["buyer-1", "buyer-2", "buyer-3", None]
    model.add_events([Event(ORIGIN + 13.0, 41, "buyer-1", telemetry.COUNT, "sold", 1, None)])
    assert [row[0] for row in _cells(model)] == ["   1.250", "  12.000", "  13.000"]  # the oldest went
