"""Running lessons (Qt-free): spawn context, telemetry, run supervision, stop and cleanup."""
