"""The load other programs put on the machine during one phase, not the run's mean.

A lesson that compares CPU-bound phases judges each against the load during
that phase (``Outcome.phase_background``): another program's burst inside one
short phase spoils that phase's figure while the run's mean stays low. At
10 Hz a short phase holds few samples or none: each sample counts for the part
of its interval inside the phase, and a phase inside one interval is judged by
the sample covering it.
"""

from __future__ import annotations

import pytest

from desktop.model.events import PHASE, Event
from desktop.model.outcome import Outcome
from desktop.monitor.sampler import Sample


def load(cores: float, t: float) -> Sample:
    """A sample at ``t`` on a 2-core machine where other programs used ``cores`` (the run nothing)."""
    return Sample(round(t, 6), (cores * 50, cores * 50), {})


def mark(name: str, t: float) -> Event:
    return Event(t, 1, "main", PHASE, name, None, None)


def run(phases: list[tuple[str, float]], ended: float, loads: list[float]) -> Outcome:
    """A run with ``phases`` (name, start) and one sample every 0.1 s carrying ``loads`` in turn."""
    samples = [load(cores, 0.1 * (index + 1)) for index, cores in enumerate(loads)]
    return Outcome({}, [mark(name, t) for name, t in phases], samples, 0.0, ended)


def test_phase_windows_run_from_each_mark_to_the_next_or_the_runs_end():
    outcome = run([("a", 0.0), ("b", 1.0), ("a", 2.0)], 3.0, [])
    assert outcome.phase_windows() == [("a", 0.0, 1.0), ("b", 1.0, 2.0), ("a", 2.0, 3.0)]
    assert outcome.phase_window("a") == (0.0, 1.0)  # the first phase of that name
    with pytest.raises(KeyError):
        outcome.phase_window("c")


def test_a_burst_inside_one_short_phase_is_that_phases_load_while_the_runs_mean_stays_quiet():
    # 4 s quiet, then a 0.3 s phase during which other programs took 1.5 cores, then 0.7 s quiet.
    loads = [0.0] * 40 + [1.5] * 3 + [0.0] * 7
    outcome = run([("before", 0.0), ("apply_async", 4.0), ("after", 4.3)], 5.0, loads)
    assert outcome.background_cores() == pytest.approx(0.09)  # the run's mean: under any threshold
    assert outcome.phase_background("apply_async") == pytest.approx(1.5)
    assert outcome.phase_background("before") == pytest.approx(0.0)


def test_a_phase_shorter_than_one_interval_is_judged_by_the_sample_covering_it():
    # No sample lands inside 0.43-0.47: the sample at 0.5 measured 0.4-0.5, which holds the phase.
    outcome = run([("a", 0.0), ("short", 0.43), ("b", 0.47)], 1.0, [0.0] * 4 + [1.2] + [0.0] * 5)
    assert outcome.phase_background("short") == pytest.approx(1.2)


def test_samples_straddling_a_phases_ends_count_for_their_share_inside_it():
    # Phase 0.35-0.6: half of 0.3-0.4 (load 2.0), all of 0.4-0.5 and 0.5-0.6 (load 0.0).
    outcome = run([("a", 0.0), ("b", 0.35), ("c", 0.6)], 1.0, [0.0, 0.0, 0.0, 2.0] + [0.0] * 6)
    assert outcome.phase_background("b") == pytest.approx(2.0 * 0.05 / 0.25)


def test_a_phase_after_the_last_sample_takes_the_last_sample_and_no_samples_give_zero():
    outcome = run([("a", 0.0), ("late", 0.55)], 0.6, [0.0] * 4 + [0.8])  # last sample at 0.5
    assert outcome.phase_background("late") == pytest.approx(0.8)
    assert run([("a", 0.0)], 1.0, []).phase_background("a") == 0.0


def test_a_worker_computing_to_its_end_between_two_readings_is_the_runs_load_not_others():
    # A worker read at 1.0 s using a whole core, its last event at 1.08 s, gone at the 1.1 s reading:
    # the machine counted its 0.08 s of CPU in 1.0-1.1, which no reading of the worker did.
    worker = Event(1.08, 7, "process-1", PHASE, "end", None, None)
    samples = [
        Sample(0.9, (100.0, 0.0), {7: (100.0, 0)}),
        Sample(1.0, (100.0, 0.0), {7: (100.0, 0)}),
        Sample(1.1, (80.0, 0.0), {}),
    ]
    outcome = Outcome({}, [worker], samples, 0.0, 1.1)
    assert outcome.background_cores(1.0, 1.1) == pytest.approx(0.0)
    assert outcome.replace(events=[]).background_cores(1.0, 1.1) == pytest.approx(0.8)  # no last event: unknown
