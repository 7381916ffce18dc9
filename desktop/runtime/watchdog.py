"""The watchdog: a run that reports nothing for too long is stuck, and the error says who waited for what.

Any batch of events counts as progress, and so do bytes the run's processes
move (a long pipe transfer reports nothing until it ends). When neither has happened for the run
target's ``stall_timeout``, :class:`~desktop.runtime.run.Run` kills the tree
and records :func:`describe_stall`: each worker's last reported state, so a
deadlock reads as "worker-1 waiting for lock B; worker-2 waiting for lock A".
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping

from desktop.model.events import STATE, Event, State, state_detail
from desktop.model.text import CHINESE, Text
from desktop.runtime import child_exits

BYTES_CHECK_INTERVAL = 1.0  # seconds between looks at the bytes the run's processes moved


class Watchdog:
    """Measures the time since the run last made progress: events, or bytes its processes moved.

    A transfer of big messages through a pipe reports nothing until it is done,
    yet it is plainly alive: ``bytes_moved`` (the bytes the run's processes have
    read and written so far, pipes included, or None where the OS does not say)
    is looked at once a second (or a third of the timeout, if shorter), and any change counts as
    progress. A deadlocked run moves no bytes; the watchdog still ends it.
    """

    def __init__(self, stall_timeout: float, bytes_moved: Callable[[], int | None] | None = None):
        self.stall_timeout = stall_timeout
        self._bytes_moved = bytes_moved
        self._last_progress = time.perf_counter()
        self._last_bytes: int | None = None
        self._last_bytes_check = -math.inf  # the first look takes the baseline
        self._bytes_interval = min(BYTES_CHECK_INTERVAL, stall_timeout / 3)

    def progressed(self) -> None:
        """Events arrived: the run is alive."""
        self._last_progress = time.perf_counter()

    def stalled_for(self) -> float | None:
        """Seconds without progress if that is past the timeout, else None."""
        now = time.perf_counter()
        if self._bytes_moved is not None and now - self._last_bytes_check >= self._bytes_interval:
            self._last_bytes_check = now
            moved = self._bytes_moved()
            if moved is not None and self._last_bytes is not None and moved != self._last_bytes:
                self._last_progress = now
            self._last_bytes = moved
        stalled = now - self._last_progress
        return stalled if stalled > self.stall_timeout else None


# A state as the watchdog's Chinese message names it (the English one says the state's code name).
_STATE_ZH = {
    State.RUNNING: "运行中",
    State.WAITING_LOCK: "等待锁",
    State.WAITING_SEMAPHORE: "等待信号量",
    State.WAITING_EVENT: "等待事件或条件变量",
    State.WAITING_BARRIER: "在屏障处等待",
    State.WAITING_JOIN: "等待结束（join）",
    State.WAITING_GET: "等待取出",
    State.WAITING_PUT: "等待放入",
    State.WAITING_IO: "等待 IO",
    State.SLEEPING: "休眠中",
}


def describe_stall(stalled_for: float, events: Iterable[Event], exit_codes: Mapping[int, int]) -> Text:
    """Who was waiting for what when the watchdog fired: each worker's last state (and how it died, if it did).

    In every language: the Chinese names each state in Chinese and gives the
    lesson's Chinese detail (:func:`~desktop.model.events.state_detail`).
    """
    last_state: dict[str, Event] = {}
    for event in events:
        if event.kind == STATE:
            last_state[event.worker] = event
    waiting_en, waiting_zh = [], []
    for worker, event in sorted(last_state.items()):
        if event.name in (State.FINISHED, State.FAILED):
            continue
        en = f"{worker} (pid {event.pid}) {event.name}"
        zh = f"{worker}（pid {event.pid}）{_STATE_ZH.get(State.current(event.name), event.name)}"
        if event.value:
            en += f": {state_detail(event.value)}"
            zh += f"：{state_detail(event.value, CHINESE)}"
        if event.pid in exit_codes:
            code = child_exits.exitcode_text(exit_codes[event.pid])
            en += f" (then died with {code.en})"
            zh += f"（随后退出，{code.zh}）"
        waiting_en.append(en)
        waiting_zh.append(zh)
    return Text(
        f"no progress for {stalled_for:.0f} s (watchdog); " + ("; ".join(waiting_en) or "no worker reported a state"),
        f"{stalled_for:.0f} 秒没有任何进展（看门狗）；" + ("；".join(waiting_zh) or "没有工作者报告过状态"),
    )
