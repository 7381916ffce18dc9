"""QueueDepths: queue depth from put/got reports, in time order, within 0 and the declared maxsize."""

from __future__ import annotations

from desktop.runtime import telemetry
from desktop.runtime.telemetry import Event
from desktop.ui.depth_plot import QueueDepths


def event(t: float, kind: str, value: object = 1, queue: str = "queue") -> Event:
    return Event(t, 100, "w", kind, queue, value, None)


def test_depth_is_put_minus_got_in_time_order_even_when_reports_arrive_out_of_order():
    depths = QueueDepths()
    depths.add([event(3.0, telemetry.GOT), event(1.0, telemetry.PUT)], origin=0.0)
    depths.add([event(2.0, telemetry.PUT)], origin=0.0)
    assert depths.history["queue"] == [(1.0, 1), (2.0, 2), (3.0, 1)]


def test_a_declared_maxsize_caps_the_depth_and_a_get_stamped_first_cannot_make_it_negative():
    depths = QueueDepths()
    steps = [event(0.0, telemetry.QUEUE, 2)]
    steps += [event(t, telemetry.PUT) for t in (1.0, 2.0, 3.0)]  # the third put returned just before...
    steps += [event(3.1, telemetry.GOT), event(3.2, telemetry.GOT), event(3.3, telemetry.GOT)]  # ...this get
    steps += [event(4.0, telemetry.GOT, queue="other"), event(4.1, telemetry.PUT, queue="other")]
    depths.add(steps, origin=0.0)
    assert depths.maxsize("queue") == 2 and depths.maxsize("other") == 0
    assert [d for _, d in depths.history["queue"]] == [1, 2, 2, 2, 1, 0]
    assert [d for _, d in depths.history["other"]] == [0, 1]


def test_a_declared_queue_is_listed_before_its_first_put_and_cleared_with_the_rest():
    depths = QueueDepths()
    depths.add([event(0.0, telemetry.QUEUE, 0, queue="inbox")], origin=0.0)
    assert depths.names() == ["inbox"] and depths.history["inbox"] == []
    depths.clear()
    assert depths.names() == [] and depths.maxsize("inbox") == 0


def test_a_report_that_counts_many_items_moves_the_depth_by_all_of_them():
    depths = QueueDepths()
    # A script's process reports its calls together: up to the peak it saw, then down to where it ended.
    depths.add([event(1.0, telemetry.PUT, 500), event(1.5, telemetry.GOT, 120), event(2.0, telemetry.GOT, 380)], 0.0)
    assert depths.history["queue"] == [(1.0, 500), (1.5, 380), (2.0, 0)]
