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


def test_the_worker_column_names_a_worker_as_its_lane_does_the_full_name_and_pid_in_its_tooltip(qapp):
    model = EventLogModel()
    model.start(ORIGIN)
    model.add_events(
        [
            Event(ORIGIN + 0.1, 51, "SpawnPoolWorker-23:3", telemetry.STATE, State.RUNNING, "", None),
            Event(ORIGIN + 0.2, 50, "main/Thread-2 (worker)", telemetry.COUNT, "sold", 1, None),
            Event(ORIGIN + 0.3, 42, "buyer-2", telemetry.STATE, State.FINISHED, "", None),
        ]
    )
    worker = model.WORKER_COLUMN
    assert [row[worker] for row in _cells(model)] == ["worker 3", "main/thread 2", "buyer-2"]
    tips = [model.data(model.index(row, worker), Qt.ItemDataRole.ToolTipRole) for row in range(model.rowCount())]
    assert tips == ["SpawnPoolWorker-23:3 (pid 51)", "main/Thread-2 (worker) (pid 50)", "buyer-2 (pid 42)"]
    assert [model.worker_at(row) for row in range(3)] == ["SpawnPoolWorker-23:3", "main/Thread-2 (worker)", "buyer-2"]


def test_a_language_switch_rewords_the_worker_column_too(qapp):
    model = EventLogModel()
    model.start(ORIGIN)
    model.add_events([Event(ORIGIN + 0.1, 51, "SpawnPoolWorker-23:3", telemetry.STATE, State.RUNNING, "", None)])
    changed = []
    model.dataChanged.connect(lambda first, last: changed.append((first.column(), last.column())))
    model.retranslate()
    assert changed == [(model.WORKER_COLUMN, model.WHAT_COLUMN)]
