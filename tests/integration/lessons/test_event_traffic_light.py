"""event-traffic-light with a real light process: no car on red, ambulances bounded by their patience."""

from __future__ import annotations

from desktop.lessons.event_traffic_light import crossed_on_red, green_windows

MARGIN = 0.5  # s: generous slack for a loaded 2-core machine waking a process late


def test_no_car_crosses_on_red_and_every_ambulance_is_bounded_by_its_patience(run_lesson):
    record = run_lesson("event-traffic-light", cars=3, ambulances=2, switch_every=0.5, patience=0.3, arrivals=1.5)
    assert record.status == "passed", record.error
    assert record.figures["cars"] == 3 and record.figures["ambulances"] == 2
    assert record.figures["switches"] >= 1
    assert record.figures["cars_on_red"] == 0
    assert record.figures["ambulance_max_wait_s"] <= 0.3 + MARGIN
    assert record.leftovers == 0


def test_the_red_light_check_flags_a_wait_that_overlaps_no_green_window():
    log = [("red", 0.0), ("green", 1.0), ("red", 2.0), ("green", 3.0)]
    windows = green_windows(log, ended=4.0)
    assert windows == [(1.0, 2.0), (3.0, 4.0)]
    assert crossed_on_red(2.1, 2.6, windows)  # an ambulance that gave up during the second red
    assert not crossed_on_red(0.2, 1.01, windows)  # a car that waited through the first red
    assert not crossed_on_red(1.5, 1.5, windows)  # a car that found the light green
