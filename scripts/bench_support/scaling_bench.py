"""Pool speed-up efficiency (speed-up / workers) from the app's own ``pool-speedup`` lesson.

Default workers (one per core), tasks and task size; one timed round per run
(the lesson's best-of-rounds would hide the spread) and no worker sweep.
"""

from __future__ import annotations


def measure(options: dict) -> dict:
    from desktop.lessons import catalog
    from desktop.runtime.run import run_to_completion

    lesson = catalog.load("pool-speedup")
    params = lesson.parse_params({"rounds": 1, "sweep": False})
    rows = []
    for _ in range(options["repeat"]):
        record = run_to_completion(lesson, params)
        if record.status != "passed":
            raise RuntimeError(f"pool-speedup {record.status}: {record.error}")
        rows.append(record.figures)
    return {
        "workers": rows[0]["workers"],
        "cores": rows[0]["cores"],
        "task_seconds": params.task_seconds,
        "tasks": params.tasks,
        **{f"efficiency_{m}": [row[f"efficiency_{m}"] for row in rows] for m in ("apply", "apply_async", "map")},
    }
