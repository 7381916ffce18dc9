"""Work for workers to do: pure-Python CPU burning of a known size.

Shared by every lesson that needs CPU-bound tasks, so their timings are
comparable. The loop holds the GIL the whole time (no C call releases it),
which is exactly what the GIL lessons need to show.
"""

from __future__ import annotations

import time


def burn(iterations: int) -> int:
    """Spin the CPU for ``iterations`` steps of integer arithmetic; return a checksum."""
    total = 0
    for i in range(iterations):
        total = (total + i * i) % 1_000_003
    return total


def iterations_for(seconds: float, sample: int = 200_000) -> int:
    """How many ``burn`` iterations take about ``seconds`` on this machine, right now."""
    started = time.perf_counter()
    burn(sample)
    elapsed = max(time.perf_counter() - started, 1e-6)
    return max(1, int(sample * seconds / elapsed))
