"""How long ago this process was launched: the cold-start figure of ``gui --exit-after-paint``.

A launcher (``scripts/bench.py``, the frozen tests) sets
:data:`LAUNCHED_AT_VARIABLE` to its ``time.perf_counter()`` just before it
starts the app. ``perf_counter`` is one system-wide monotonic clock on Linux,
macOS and Windows (the telemetry relies on that too), so the difference is
exact.

Without the variable the OS's process creation time is used, which is coarse:
on Linux psutil derives it from the boot time that ``/proc/stat`` gives in
whole seconds, so it can be off by up to a second. Measured on the CI machine:
0.49 s too early, which the first benchmarks counted as start-up time.
"""

from __future__ import annotations

import os
import time

LAUNCHED_AT_VARIABLE = "CONCURRENCY_LAB_LAUNCHED_AT"


def launch_environment(environment: dict[str, str] | None = None) -> dict[str, str]:
    """``environment`` (default: this process's) plus the launch stamp; call right before starting the app."""
    return {**(os.environ if environment is None else environment), LAUNCHED_AT_VARIABLE: repr(time.perf_counter())}


def seconds_since_launch() -> tuple[float, str]:
    """Seconds since launch, and how they were measured: "launcher" (exact) or "process-start" (coarse)."""
    stamp = os.environ.get(LAUNCHED_AT_VARIABLE)
    if stamp:
        try:
            return time.perf_counter() - float(stamp), "launcher"
        except ValueError:
            pass  # not ours to trust: fall back
    import psutil

    return time.time() - psutil.Process().create_time(), "process-start"
