"""Concurrency Lab: a desktop app that teaches Python concurrency by running it.

This package's top level stays import-light: every spawned worker imports it.
"""

__version__ = "0.1.0"
APP_NAME = "Concurrency Lab"
APP_ID = "concurrency-lab"
ORGANIZATION = "Concurrency Lab"
