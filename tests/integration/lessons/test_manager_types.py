"""manager-types with real spawned workers and a real manager server process."""

from __future__ import annotations


def test_every_shared_structure_ends_with_the_right_contents(run_lesson):
    record = run_lesson("manager-types", workers=3, per_worker=8, bench_ops=200)
    assert record.status == "passed", record.error
    figures = record.figures
    assert figures["numbers"] == 24
    assert figures["list_ok"] == figures["dict_ok"] == figures["namespace_ok"] == figures["queue_ok"] == 1
    assert figures["contents_correct"] == 1
    assert "arrived exactly once" in record.verdict.en
    assert record.leftovers == 0


def test_the_manager_server_stops_and_nested_mutation_is_measured(run_lesson):
    record = run_lesson("manager-types", workers=1, per_worker=1, bench_ops=100)
    assert record.status == "passed", record.error
    assert record.figures["server_alive_after_shutdown"] == 0
    # appending to a list fetched from a Namespace changes a local copy only
    assert record.figures["nested_append_kept"] == 0
    assert record.figures["proxy_ops_per_s"] > 0 and record.figures["value_ops_per_s"] > 0


def test_the_inbox_depth_is_counted_with_put_and_got(run_lesson):
    record = run_lesson("manager-types", workers=2, per_worker=5, bench_ops=100)
    puts = sum(1 for e in record.events if e[3] == "put" and e[4] == "inbox")
    gots = sum(1 for e in record.events if e[3] == "got" and e[4] == "inbox")
    assert puts == gots == 10
