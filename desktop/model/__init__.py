"""What a lesson, a parameter, a text, a verdict, a prediction, a comparison and a run record are.

The bottom floor, with the monitor beside it: Qt-free, importing nothing of the
app above it (import-linter's layers contract). Spawned workers import parts
of it, so it keeps its imports light: no dataclasses (see ``record_type``), no typing at run
time (``TYPE_CHECKING = False`` guards the imports annotations need; ``tests/unit/lessons/test_worker_imports.py``).
"""
