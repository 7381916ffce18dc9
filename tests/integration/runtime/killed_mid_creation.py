"""A run target killed in the windows where a name exists in /dev/shm but nobody was told.

Its ``main`` leaves the state a kill inside those windows leaves: a semaphore
opened under the run's prefix but never registered (``SemLock`` opens, then
registers), a heap file ``pym-<pid>-*`` never unlinked (multiprocessing's
heap makes it, then unlinks it), a shared-memory segment opened and sized
but never registered (``SharedMemory`` opens, sizes, maps, then registers),
and a semaphore registered with the app's resource tracker but never
reported (the probe reports right after registering). Then it waits to be stopped.
"""

from __future__ import annotations

import _multiprocessing
import _posixshmem
import os
import tempfile
import time
from multiprocessing import resource_tracker, shared_memory, synchronize

from desktop.model.lesson import Plan
from desktop.model.text import Text
from desktop.model.verdict import Verdict

id = "killed-mid-creation"
module_name = __name__
stall_timeout = 60.0
entry = f"{__name__}:main"


def plan_for(_params):
    return Plan(processes=0, threads=0)


def verdict(_params, _outcome):
    return Verdict(Text("stopped", "stopped"), {})


def main(_params, probe):
    name = synchronize.SemLock._make_name()  # "<the run's semprefix>-<random>"
    _multiprocessing.SemLock(synchronize.SEMAPHORE, 1, 1, name, False)  # opened, not registered
    _fd, heap = tempfile.mkstemp(prefix=f"pym-{os.getpid()}-", dir="/dev/shm")  # not unlinked
    registered = synchronize.SemLock._make_name()
    _multiprocessing.SemLock(synchronize.SEMAPHORE, 1, 1, registered, False)
    resource_tracker._resource_tracker.register(registered, "semaphore")  # the tracker's own: nothing reported
    segment = shared_memory._make_filename()  # "/psm_<the run's tail>_<random>" (see named_resources)
    os.ftruncate(_posixshmem.shm_open(segment, os.O_CREAT | os.O_EXCL | os.O_RDWR, mode=0o600), 5)
    probe.log(f"leaked {name} {heap} {registered} {segment}")
    probe.flush()
    time.sleep(600)
    return {}
