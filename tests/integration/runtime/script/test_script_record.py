"""A script run's record works with the rest of the lab: saved, opened again, summarised again, exported."""

from __future__ import annotations

import json

from desktop.runtime import export, run_file
from desktop.runtime.script.script_run import summarize
from desktop.runtime.telemetry import STATE


def test_a_saved_script_run_opens_with_the_same_summary_and_exports(run_text, tmp_path):
    record, summary = run_text(
        """
        import multiprocessing as mp

        def work(q):
            q.put("done")

        if __name__ == "__main__":
            q = mp.Queue()
            p = mp.Process(target=work, args=(q,))
            p.start()
            print(q.get())
            p.join()
        """
    )
    saved = tmp_path / "run.json"
    run_file.save(record, saved)
    opened = run_file.load(saved)
    assert opened.lesson == "script"
    again = summarize(opened, summary["path"])
    for key in ("processes_started", "threads_started", "max_running_processes", "queues", "exit_codes"):
        assert again[key] == summary[key], key
    trace = export.chrome_trace(opened)
    lanes = {e["args"]["name"] for e in trace["traceEvents"] if e.get("ph") == "M" and "args" in e}
    assert {"MainProcess", "Process-1"} <= lanes
    assert any(e.kind == STATE for e in export.events_of(opened))
    assert export.samples_csv(opened).splitlines()[0]
    json.dumps(trace)  # serialisable as the file it is written to
