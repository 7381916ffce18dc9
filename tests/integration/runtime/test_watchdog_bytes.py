"""The watchdog counts bytes moving as progress: a long quiet transfer is not a stall (issue 15 item 14)."""

from __future__ import annotations

import sys

import pytest

from desktop.model.param import Params
from desktop.runtime.run import run_to_completion
from tests.integration.runtime import quiet_transfer


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS does not count a process's bytes read and written")
def test_a_transfer_that_reports_nothing_for_longer_than_the_stall_timeout_is_not_stopped():
    record = run_to_completion(quiet_transfer, Params({}))
    assert record.status == "passed", record.error
    assert "watchdog" not in record.error
    assert record.figures["messages"] > 0
