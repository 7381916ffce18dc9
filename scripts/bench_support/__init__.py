"""Helpers for scripts/bench.py: bench-only lessons, the hello-world floor app, and measurements that run in
their own process (from source, or inside a frozen build through multiprocessing's ``-c`` entry)."""
