"""A run target that moves big messages through a Pipe for a while and reports nothing meanwhile.

Its stall timeout (1.5 s) is far shorter than the transfer, as in ``pipe``
with a million one-megabyte messages: the watchdog must see the bytes moving.
"""

from __future__ import annotations

import multiprocessing
import time

from desktop.model.lesson import Plan
from desktop.model.text import Text
from desktop.model.verdict import Verdict

id = "quiet-transfer"
module_name = __name__
stall_timeout = 1.5
entry = f"{__name__}:main"
SECONDS = 5.0
PAYLOAD = b"x" * (1 << 20)

ctx = multiprocessing.get_context("spawn")


def plan_for(_params):
    return Plan(processes=1, threads=0)


def verdict(_params, outcome):
    return Verdict(Text("moved", "moved"), {"messages": outcome.result["messages"]})


def sender(send_end, seconds: float) -> None:
    """Send one-megabyte messages until ``seconds`` have passed (no probe: nothing reported)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        send_end.send_bytes(PAYLOAD)
    send_end.send_bytes(b"")


def main(_params, probe):
    probe.log("transfer starts")
    probe.flush()
    receive_end, send_end = ctx.Pipe(duplex=False)
    child = ctx.Process(target=sender, args=(send_end, SECONDS), name="sender")
    child.start()
    send_end.close()
    messages = 0
    while receive_end.recv_bytes():
        messages += 1
    child.join()
    return {"messages": messages}
