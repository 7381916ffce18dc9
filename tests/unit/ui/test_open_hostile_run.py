"""Opening any saved run through the window's own path (File > Open's ``open_from``) never crashes or warns.

Issue 15 item 5: property-based tests over the GUI path, not only the loader.
A hostile value goes into one place of a real saved run (a field, a figure,
an event's time or value, a sample's CPU), sometimes behind a byte order mark;
the window must either replay the run and paint it, or say in the history
panel what is wrong. Qt warnings fail the test (``qt_log_level_fail``), and
so does an exception raised in any slot or paint method (pytest-qt).
"""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.model.run_record import RunRecord
from desktop.model.text import Text
from desktop.runtime import run_file
from desktop.ui.history import install_history


def saved_run() -> dict:
    record = RunRecord(
        lesson="ticket-lock",
        status="passed",
        params={"buyers": 2, "inventory": 1, "delay": 0.0, "lock": True},
        start_method="spawn",
        interpreter="CPython 3.11.7",
        started_at="2024-01-01T10:00:00+08:00",
        duration=0.5,
        verdict=Text("ok", "好"),
        figures={"sold": 2, "oversold": 0},
        events=[
            [1.0, 10, "main", "hello", "", {"ppid": 1}, None],
            [1.1, 11, "buyer-1", "state", "running", "reading the database", ["desktop.lessons.ticket_lock", 40]],
            [1.2, 11, "buyer-1", "count", "sold", 1, None],
            [1.3, 11, "buyer-1", "log", "", "bought a ticket", None],
        ],
        samples=[[1.0, [10.0, 20.0], 5.0, 1e6], [1.1, [30.0, 40.0], 50.0, 2e6]],
    )
    return {"format": run_file.FORMAT, "version": run_file.VERSION, "record": record.to_json_dict()}


# Where a hostile value goes: a path of keys and indexes into the document's record.
PLACES = [
    ("verdict",),
    ("verdict_zh",),
    ("lesson",),
    ("error",),
    ("duration",),
    ("first_event_latency",),
    ("background_cores",),
    ("figures", "sold"),
    ("params", "buyers"),
    ("events", 1, 0),
    ("events", 1, 2),
    ("events", 1, 5),
    ("events", 2, 5),
    ("events", 1, 6),
    ("samples", 1, 0),
    ("samples", 1, 1),
    ("samples", 0, 2),
]

EXTREMES = [10**400, -(10**400), 1e308, -1e308, math.inf, -math.inf, math.nan, 2**63, -1, 0, 1e-308]
HOSTILE = st.one_of(
    st.integers(min_value=0, max_value=1_100_000).map(lambda n: "x" * n),
    st.integers(min_value=0, max_value=20_000).map(lambda n: "中" * n),
    st.sampled_from(EXTREMES),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
        max_leaves=12,
    ),
)


def place(document: dict, where: tuple, value) -> None:
    target = document["record"]
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(PLACES), value=HOSTILE, bom=st.booleans())
# The cases the issue found, always tried: a crash in the verdict panel, an OverflowError, a plot range.
@example(where=("figures", "sold"), value=math.inf, bom=False)
@example(where=("duration",), value=10**400, bom=False)
@example(where=("events", 1, 0), value=1e308, bom=False)
@example(where=("events", 1, 0), value=-1e308, bom=True)
@example(where=("verdict",), value="x" * 1_000_000, bom=False)
@example(where=("lesson",), value="x" * 1_000_000, bom=False)
def test_any_hostile_saved_run_opens_and_paints_or_is_refused_with_a_message(
    qtbot, window, tmp_path, where, value, bom
):
    panel = getattr(window, "_hostile_panel", None) or install_history(window)
    window._hostile_panel = panel
    document = saved_run()
    place(document, where, value)
    path = tmp_path / "hostile.json"
    text = json.dumps(document, ensure_ascii=False, allow_nan=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    with qtbot.waitSignal(panel.files.open_ended, timeout=30_000) as ended:  # loaded on a thread of its own
        assert panel.files.open_from(path)
    opened = ended.args[0]
    window.grab()  # paint everything now: the verdict, the plots and the timeline of what was opened
    if opened:
        assert panel.selected_record() is not None
    else:  # refused: the history panel says why, naming the file, in a few lines at most
        message = panel.message_label.text()
        assert "hostile.json" in message and len(message) < 1_000, message


def test_a_saved_run_with_a_byte_order_mark_opens_in_the_window(qtbot, window, tmp_path):
    panel = install_history(window)
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(saved_run(), ensure_ascii=False).encode("utf-8"))
    with qtbot.waitSignal(panel.files.open_ended, timeout=30_000) as ended:
        assert panel.files.open_from(path)
    assert ended.args == [True]
    window.grab()
