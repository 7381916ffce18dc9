"""Measuring the machine (Qt-free): per-core CPU and the run's own processes, with psutil."""
