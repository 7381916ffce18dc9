"""Exports of a run record: samples as CSV and the timeline as a Chrome trace (Perfetto)."""

from __future__ import annotations

import csv
import io
import itertools
import json

import pytest

from desktop.model.run_record import PASSED, RunRecord
from desktop.runtime import export, run_file

T0 = 1000.0  # perf_counter() of the run's start in the hand-made record


def _record() -> RunRecord:
    """A small run with two processes, one of them with a thread, and every kind of event."""
    events = [
        [T0 + 0.01, 10, "main", "hello", "", {"ppid": 1}, None],
        [T0 + 0.02, 10, "main", "state", "running", "starting", ["lesson", 5]],
        [T0 + 0.10, 11, "worker-1", "hello", "", {"ppid": 10}, None],
        [T0 + 0.11, 11, "worker-1", "state", "running", "making", ["lesson", 9]],
        [T0 + 0.12, 11, "worker-1/helper", "state", "sleeping", "nap", ["lesson", 12]],
        [T0 + 0.20, 11, "worker-1", "put", "queue", None, None],
        [T0 + 0.21, 11, "worker-1", "count", "produced", 1, None],
        [T0 + 0.25, 10, "main", "state", "waiting-queue", "get", ["lesson", 6]],
        [T0 + 0.30, 10, "main", "got", "queue", None, None],
        [T0 + 0.31, 10, "main", "log", "", "got item 0\nsecond line", None],
        [T0 + 0.32, 11, "worker-1", "error", "ValueError", "Traceback...\nValueError: x", None],
        [T0 + 0.33, 11, "worker-1", "state", "failed", "", ["lesson", 14]],
        [T0 + 0.40, 10, "main", "phase", "done", None, None],
        [T0 + 0.45, 10, "main", "state", "finished", "", ["lesson", 7]],
    ]
    samples = [[T0 + 0.1 * index, [10.0 * index, 50.0], 40.0 + index, 30_000_000] for index in range(1, 5)]
    return RunRecord(
        lesson="producer-consumer",
        status=PASSED,
        params={"producers": 1},
        start_method="spawn",
        interpreter="CPython 3.x",
        started_at="2024-01-01T10:00:00+00:00",
        duration=0.5,
        first_event_latency=0.01,
        events=events,
        samples=samples,
    )


def _slices_by_thread(trace: dict) -> dict[tuple[int, int], list[dict]]:
    lanes: dict[tuple[int, int], list[dict]] = {}
    for event in trace["traceEvents"]:
        if event["ph"] == "X":
            lanes.setdefault((event["pid"], event["tid"]), []).append(event)
    return lanes


def test_samples_csv_has_a_header_and_one_row_per_sample():
    record = _record()
    rows = list(csv.reader(io.StringIO(export.samples_csv(record))))
    assert rows[0] == ["t_s", "machine_percent", "run_cpu_percent", "run_rss_mb", "core0", "core1"]
    assert len(rows) == 1 + len(record.samples)
    first = [float(cell) for cell in rows[1]]
    assert first == pytest.approx([0.1, 30.0, 41.0, 30.0, 10.0, 50.0])  # t is counted from the run's start


def test_run_origin_is_the_start_of_the_run_not_its_first_event():
    assert export.run_origin(_record()) == pytest.approx(T0)
    bare = _record()
    bare.first_event_latency = 0.0
    assert export.run_origin(bare) == pytest.approx(T0 + 0.01)


def test_trace_names_every_worker_and_process():
    record = _record()
    trace = json.loads(json.dumps(export.chrome_trace(record)))  # strict JSON round trip
    assert trace["displayTimeUnit"] == "ms"
    thread_names = {(e["pid"], e["args"]["name"]) for e in trace["traceEvents"] if e["name"] == "thread_name"}
    workers = {(event[1], event[2]) for event in record.events}
    assert thread_names == workers
    process_names = {e["pid"] for e in trace["traceEvents"] if e["name"] == "process_name"}
    assert process_names == {10, 11}


def test_trace_slices_cover_every_state_change_without_overlapping():
    record = _record()
    trace = export.chrome_trace(record)
    slices = [e for e in trace["traceEvents"] if e["ph"] == "X"]
    changes = [e for e in record.events if e[3] == "state"]
    assert sorted((s["pid"], s["name"], round(s["ts"])) for s in slices) == sorted(
        (e[1], e[4], round((e[0] - T0) * 1e6)) for e in changes
    )
    for lane in _slices_by_thread(trace).values():
        lane.sort(key=lambda s: s["ts"])
        for before, after in itertools.pairwise(lane):
            assert before["ts"] + before["dur"] <= after["ts"] + 1e-3
    main_lane = next(lane for (pid, _), lane in _slices_by_thread(trace).items() if pid == 10)
    assert main_lane[0]["args"] == {"detail": "starting", "where": "lesson:5"}
    assert main_lane[0]["dur"] == pytest.approx(0.23e6)  # until the next state change


def test_trace_marks_logs_and_errors_and_counts_counters_and_queues():
    trace = export.chrome_trace(_record())
    instants = {e["cat"]: e for e in trace["traceEvents"] if e["ph"] == "i"}
    assert instants["log"]["name"] == "got item 0"
    assert instants["log"]["args"]["text"] == "got item 0\nsecond line"
    assert instants["error"]["name"] == "error: ValueError"
    counters = [(e["name"], e["args"]) for e in trace["traceEvents"] if e["ph"] == "C" and e["cat"] == "counter"]
    assert ("produced", {"value": 1}) in counters
    assert [args for name, args in counters if name == "queue queue"] == [{"depth": 1}, {"depth": 0}]
    assert len([name for name, _ in counters if name == "CPU %"]) == 4


def test_writers_write_files_that_parse(tmp_path):
    record = _record()
    export.write_samples_csv(record, tmp_path / "samples.csv")
    export.write_chrome_trace(record, tmp_path / "trace.json")
    assert len(list(csv.reader((tmp_path / "samples.csv").open(newline="")))) == 1 + len(record.samples)
    assert json.loads((tmp_path / "trace.json").read_text("utf-8"))["traceEvents"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["samples.csv", "trace.json"]  # no temp file left


def test_a_real_run_exports_its_events_and_samples(tmp_path, run_lesson):
    params = {"producers": 1, "consumers": 2, "per_producer": 8, "produce_interval": 0.0, "consume_interval": 0.0}
    record = run_lesson("producer-consumer", **params)
    assert record.status == PASSED, record.error
    run_file.save(record, tmp_path / "run.json")
    loaded = run_file.load(tmp_path / "run.json")  # what a saved run exports, lists instead of tuples
    for source in (record, loaded):
        trace = json.loads(json.dumps(export.chrome_trace(source)))
        queue = [e["args"]["depth"] for e in trace["traceEvents"] if e["ph"] == "C" and e["name"] == "queue queue"]
        puts = sum(1 for e in source.events if e[3] == "put")
        gets = sum(1 for e in source.events if e[3] == "got")
        assert len(queue) == puts + gets == 2 * (8 + 2)  # items plus one sentinel per consumer
        assert queue[-1] == 0
        totals = {}
        for event in trace["traceEvents"]:
            if event["ph"] == "C" and event["cat"] == "counter" and "value" in event["args"]:
                totals[event["name"]] = event["args"]["value"]
        assert totals["produced"] == totals["consumed"] == record.figures["produced"] == 8
        states = sum(1 for e in source.events if e[3] == "state")
        assert sum(1 for e in trace["traceEvents"] if e["ph"] == "X") == states
        rows = list(csv.reader(io.StringIO(export.samples_csv(source))))
        assert len(rows) == 1 + len(source.samples)
