"""A counter's running sum, peak and fall as the strip shows them: deltas summed in the order they happened.

:class:`~desktop.ui.counters_view.Deltas` takes deltas in batches that arrive
out of order (workers report every 50 ms) and folds the running sum forward
from its last answer; every answer must equal the sum over the deltas sorted by
time, made again from scratch.
"""

from __future__ import annotations

import itertools
import random

from desktop.ui.counters_view import Deltas


def _from_scratch(deltas: list[tuple[float, float]], until: float) -> tuple[float, float, bool]:
    shown = [delta for t, delta in sorted(deltas) if t <= until]
    sums = list(itertools.accumulate(shown))
    return (sums[-1], max(sums), any(delta < 0 for delta in shown)) if sums else (0.0, 0.0, False)


def test_no_delta_reads_zero():
    assert Deltas().sums(float("inf")) == (0.0, 0.0, False)
    deltas = Deltas()
    deltas.extend([2.0], [1.0])
    assert deltas.sums(1.0) == (0.0, 0.0, False)


def test_batches_out_of_order_read_as_if_summed_in_time_order():
    rng = random.Random(7)
    for _ in range(50):
        deltas, seen, now = Deltas(), [], 0.0
        for _ in range(30):
            now += rng.uniform(0.0, 0.1)
            # Several workers' reports: each in time order, the batch not, some older than the last answer.
            size = rng.randint(0, 20)
            batch = [(now - rng.uniform(0.0, 0.6), rng.choice((1.0, 1.0, -1.0, 2.5))) for _ in range(size)]
            deltas.extend([t for t, _ in batch], [delta for _, delta in batch])
            seen += batch
            until = now - rng.choice((0.25, 0.25, 0.05, 0.7))  # now and then an earlier moment than the last
            assert deltas.sums(until) == _from_scratch(seen, until)
        assert deltas.sums(float("inf")) == _from_scratch(seen, float("inf"))


def test_a_late_delta_behind_the_last_answer_counts():
    deltas = Deltas()
    deltas.extend([1.0, 2.0, 3.0], [1.0, 1.0, 1.0])
    assert deltas.sums(2.5) == (2.0, 2.0, False)
    deltas.add(0.5, -5.0)  # arrived after the strip had shown 2
    assert deltas.sums(2.5) == (-3.0, -3.0, True)
    assert deltas.sums(float("inf")) == (-2.0, -2.0, True)


def test_the_peak_is_the_highest_running_sum_over_every_answer():
    deltas = Deltas()
    deltas.extend([1.0, 2.0], [3.0, -2.0])
    assert deltas.sums(1.5) == (3.0, 3.0, False)
    assert deltas.sums(2.5) == (1.0, 3.0, True)
    deltas.extend([3.0, 4.0], [1.0, 4.0])
    assert deltas.sums(3.5) == (2.0, 3.0, True)
    assert deltas.sums(float("inf")) == (6.0, 6.0, True)
