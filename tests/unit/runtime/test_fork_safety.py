"""fork_safety calls each registered object's hook in a forked child, and only there."""

from __future__ import annotations

import os
import sys

import pytest

from desktop.runtime import fork_safety

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")


class Marker:
    def __init__(self):
        self.reinitialised = 0

    def _after_fork_in_child(self):
        self.reinitialised += 1


def test_a_registered_object_is_reinitialised_in_the_child_only():
    marker = Marker()
    fork_safety.reinit_after_fork(marker)
    pid = os.fork()
    if pid == 0:  # the child: report through the exit code, run nothing of pytest's
        os._exit(10 + marker.reinitialised)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 11
    assert marker.reinitialised == 0


def test_registration_is_weak():
    marker = Marker()
    fork_safety.reinit_after_fork(marker)
    count = len(fork_safety._registered)
    del marker
    assert len(fork_safety._registered) == count - 1
