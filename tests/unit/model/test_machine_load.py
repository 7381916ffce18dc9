"""How a verdict measures and names the load other programs put on the machine."""

from __future__ import annotations

import types

from desktop.model.outcome import Outcome
from desktop.model.text import Text
from desktop.model.verdict import BUSY_CORES, cores_left, is_busy, load_figure, load_note
from desktop.monitor.sampler import Sample


def outcome_of(*samples: Sample) -> Outcome:
    return Outcome({}, [], list(samples), 0.0, 10.0)


def test_background_is_the_machine_minus_the_run_and_the_app():
    # 2 cores at 90 % and 70 % = 1.6 cores; the run used 0.5 and the app 0.1: others 1.0.
    sample = Sample(1.0, (90.0, 70.0), {11: (30.0, 0), 12: (20.0, 0)}, 10.0)
    assert abs(sample.background_cores - 1.0) < 1e-9
    assert abs(outcome_of(sample).background_cores() - 1.0) < 1e-9


def test_background_is_a_mean_over_the_samples_and_never_negative():
    quiet = Sample(1.0, (50.0, 0.0), {11: (60.0, 0)})  # the run read a little more than the cores: -0.1
    busy = Sample(2.0, (100.0, 100.0), {11: (80.0, 0)})  # 1.2 cores for others
    outcome = outcome_of(quiet, busy)
    assert quiet.background_cores == 0.0  # one sample's figure is clamped...
    assert abs(outcome.background_cores() - 0.55) < 1e-9  # ...the mean is not: reading noise cancels out
    assert abs(outcome.background_cores(1.5, 2.5) - 1.2) < 1e-9  # only the samples in the window
    assert outcome_of(quiet).background_cores() == 0.0  # the mean is clamped
    assert outcome_of().background_cores() == 0.0


def test_start_up_cpu_the_sampler_did_not_see_is_the_runs_not_others():
    # Four samples 0.1 s apart (a 0.4 s span), the machine at 1.5 cores and the run's readings at 1.0:
    # 0.5 cores seemingly for others. But workers had used 0.08 s of CPU before they were watched.
    samples = [Sample(0.1 * i, (75.0, 75.0), {11: (100.0, 0)}, 0.0, 0.08 if i == 2 else 0.0) for i in range(1, 5)]
    assert abs(outcome_of(*samples).background_cores() - (0.5 - 0.08 / 0.4)) < 1e-9


def test_samples_without_an_app_reading_still_count():
    saved = types.SimpleNamespace(t=1.0, per_core=(100.0, 40.0), processes={1: (40.0, 0)})  # no app_cpu field
    assert abs(outcome_of(saved).background_cores() - 1.0) < 1e-9


def test_a_quiet_machine_is_not_named():
    assert not is_busy(BUSY_CORES - 0.01)
    assert load_note(0.1, 2) == Text("", "")
    assert load_note(0.1, 2, Text("x", "x")) == Text("", "")


def test_a_busy_machine_is_named_with_its_figure_in_both_languages():
    note = load_note(1.23, 2, Text("the processes had about 0.8 cores", "进程只剩约 0.8 个核心"))
    assert note.en == " Other programs used 1.2 of 2 cores during this run, so the processes had about 0.8 cores."
    assert note.zh == "本次运行期间，其他程序占用了 2 个核心中的 1.2 个，因此进程只剩约 0.8 个核心。"
    assert is_busy(BUSY_CORES)


def test_the_figure_alone_and_without_a_consequence():
    assert load_figure(0.5, 1) == Text("0.5 of 1 core", "1 个核心中的 0.5 个")
    assert load_note(0.1, 2, always=True).en == " Other programs used 0.1 of 2 cores during this run."
    assert load_note(0.1, 2, always=True).zh == "本次运行期间，其他程序占用了 2 个核心中的 0.1 个。"


def test_cores_left():
    assert cores_left(0.5, 2) == 1.5
    assert cores_left(3.0, 2) == 0.0
