"""The guard on a run started the way the window starts one: Run(target) first, then Guard(run)."""

from __future__ import annotations

from desktop.runtime.caps import Caps
from desktop.runtime.process_tree import descendants
from desktop.runtime.run import Run
from desktop.runtime.script.guard import Guard
from desktop.runtime.script.script_run import summarize
from desktop.runtime.script.target import ScriptTarget


def test_a_guard_added_after_start_stops_a_fork_bomb_naming_the_cap(tmp_path):
    path = tmp_path / "bomb.py"
    path.write_text(
        "import time\nfrom multiprocessing import Process\n"
        "if __name__ == '__main__':\n    while True:\n        Process(target=time.sleep, args=(60,)).start()\n",
        encoding="utf-8",
    )
    target = ScriptTarget(str(path))
    run = Run(target, target.params())
    run.start()
    guard = Guard(run, Caps(max_processes=4), timeout=120)
    guard.start()
    assert run.wait(120)
    summary = summarize(run.record, target.path, guard.stop_reason)
    assert summary["status"] == "stopped"
    assert "the cap is 4 processes" in summary["stopped_because"]
    assert summary["processes_started"] >= 4
    assert descendants() == []
