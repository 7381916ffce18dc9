"""Two versions of a script, really run, compare with the figures each run measured and the diff of their sources."""

from __future__ import annotations

from desktop.runtime import run_file
from desktop.runtime.script import comparison

VERSION_A = """
import multiprocessing as mp

WORKERS = 2


def work(jobs):
    while jobs.get() is not None:
        pass


if __name__ == "__main__":
    jobs = mp.Queue()
    for n in range(3 * WORKERS):
        jobs.put(n)
    for _ in range(WORKERS):
        jobs.put(None)
    workers = [mp.Process(target=work, args=(jobs,)) for _ in range(WORKERS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("done")
"""
# The student's edit: a third worker, and a bug that kills the worker that takes job 0.
VERSION_B = VERSION_A.replace("WORKERS = 2", "WORKERS = 3").replace(
    "    while jobs.get() is not None:\n        pass\n",
    '    while (job := jobs.get()) is not None:\n        if job == 0:\n            raise ValueError("job 0 is bad")\n',
)


def test_two_versions_compare_with_their_measured_figures_and_the_diff(run_text, tmp_path):
    a, _ = run_text(VERSION_A, name="jobs.py")
    b, _ = run_text(VERSION_B, name="jobs.py")  # the same file, edited between the runs
    assert (a.status, b.status) == ("passed", "failed")
    assert (a.source, b.source) == (VERSION_A, VERSION_B)  # what each run ran, kept in its record
    assert comparison.pick_pair([b], [b, a]) == (a, b)  # one selected: the run of the same script before it
    rows = {row.key: row for row in comparison.rows(a, b)}
    assert (rows["processes_started"].a, rows["processes_started"].b, rows["processes_started"].ratio) == (2, 3, 1.5)
    # Every job and sentinel is put before any worker starts: the peak is all of them.
    assert (rows["queue:jobs"].a, rows["queue:jobs"].b, rows["queue:jobs"].ratio) == (8, 12, 1.5)
    assert (rows["exit_codes"].a, rows["exit_codes"].b) == ("0 ×3", "0 ×3, 1 ×1")
    assert (rows["errors"].a, rows["errors"].b, rows["errors"].ratio) == (0, 1, None)  # B/A of 0 means nothing
    assert "ValueError: job 0 is bad" in rows["errors"].detail.en
    assert (rows["status"].a, rows["status"].b) == ("passed", "failed")
    assert rows["wall_s"].ratio == rows["wall_s"].b / rows["wall_s"].a
    assert rows["stdout_lines"].a == rows["stdout_lines"].b == 1
    diff = comparison.source_diff(a, b)
    assert (diff.added, diff.removed) == (4, 3)
    assert "-WORKERS = 2" in diff.lines and "+WORKERS = 3" in diff.lines
    assert '+            raise ValueError("job 0 is bad")' in diff.lines
    assert diff.note.en == "From A to B: 4 lines added, 3 removed."

    # Saved and opened again, the runs keep their source: the diff is the same.
    run_file.save(a, tmp_path / "a.json")
    opened = run_file.load(tmp_path / "a.json")
    assert opened.source == a.source
    assert comparison.source_diff(opened, b).lines == diff.lines
