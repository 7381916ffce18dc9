"""Supervisor.kill_all ends the run's whole process group, even before the run process's hello was read.

Under load the collector thread may act on a Stop before it has read the run
process's hello, so the supervisor has not yet learnt the group the run process
leads. Killing only the processes it could see then missed any process of the
run that was not (or no longer) a descendant: rapid Run/Stop in the GUI left
such processes running with the run's scratch folder as their TMPDIR (issue 15 item 9).
"""

from __future__ import annotations

import sys
import time

import psutil
import pytest

from desktop.runtime import process_tree
from desktop.runtime.probe import Probe
from desktop.runtime.supervisor import Supervisor, spawn_context
from tests.integration.runtime import orphaned_grandchild


@pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")
def test_a_stop_before_the_hello_is_read_kills_the_group_s_re_parented_processes(tmp_path):
    supervisor = Supervisor(spawn_context())
    reader, writer = spawn_context().Pipe(duplex=False)
    supervisor.spawn(orphaned_grandchild.entry, {}, Probe(writer), str(tmp_path))
    writer.close()
    marker = tmp_path / orphaned_grandchild.MARKER
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and supervisor.is_alive():
        time.sleep(0.02)
    if not marker.exists():
        supervisor.kill_all()
        pytest.fail("the run never started its grandchild")
    grandchild = psutil.Process(int(marker.read_text()))
    try:
        assert grandchild.pid not in {p.pid for p in process_tree.descendants()}  # re-parented: not ours
        supervisor.kill_all()  # nobody has read the hello: the supervisor never adopted the run process
        assert process_tree.wait_dead([grandchild], timeout=5) == [], "a process of the run's group survived"
    finally:
        try:
            grandchild.kill()
        except psutil.Error:
            pass
        reader.close()
