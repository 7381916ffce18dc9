"""A karaoke room with k keys: Semaphore(k) lets at most k processes in at once.

A Lock is a semaphore with one key. A Semaphore(k) hands out k keys: the first
k visitors walk in, the next one waits at the door until somebody leaves and
gives a key back. Every visitor here is a separate process.

Occupancy is measured twice, independently:

* a shared ``ctx.Value`` updated under its own lock when a visitor walks in or
  out, which also keeps the peak it has ever seen;
* ``probe.count("occupants", +1 / -1)`` events, from which the verdict rebuilds
  the occupancy curve over time.

The +1 is reported after a visitor holds a key and the -1 before it gives the
key back, so the curve can never show more people than were really inside.
"""

from __future__ import annotations

import multiprocessing
import random
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, bool_param, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, mean
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")


def walk_in(occupancy, peak) -> int:
    """Count one more person inside; remember the largest crowd ever seen."""
    with occupancy.get_lock():
        occupancy.value += 1
        inside = occupancy.value
        peak.value = max(peak.value, inside)
    return inside


def walk_out(occupancy) -> None:
    with occupancy.get_lock():
        occupancy.value -= 1


def visitor(probe: Probe, keys, occupancy, peak, doors_open, stay: float, seed: int) -> None:
    """One visitor: wait for a key (if there is a semaphore), sing for a while, leave."""
    rng = random.Random(seed)
    probe.state(State.WAITING_BARRIER, "waiting for the doors to open", zh="等待开门")
    doors_open.wait()
    arrived = time.perf_counter()
    if keys is not None:
        probe.state(State.WAITING_SEMAPHORE, "waiting for a key", zh="等待钥匙")
        keys.acquire()
    waited = time.perf_counter() - arrived
    try:
        inside = walk_in(occupancy, peak)
        probe.count("occupants", +1)
        probe.count("waited_ms", waited * 1000)
        probe.log(
            f"walks in after waiting {waited:.2f} s ({inside} inside)",
            zh=f"等了 {waited:.2f} 秒后进门（屋里 {inside} 人）",
        )
        probe.state(State.SLEEPING, "singing in the room", zh="在房间里唱歌")
        time.sleep(stay * rng.uniform(0.5, 1.5))
        walk_out(occupancy)
        probe.count("occupants", -1)
    finally:
        if keys is not None:
            keys.release()  # give the key back only after leaving
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    keys = ctx.Semaphore(params.room_keys) if params.semaphore else None
    occupancy = ctx.Value("i", 0)
    peak = ctx.Value("i", 0)
    doors_open = ctx.Barrier(params.visitors + 1)
    visitors = [
        ctx.Process(
            target=visitor,
            args=(probe, keys, occupancy, peak, doors_open, params.stay, index),
            name=f"visitor-{index + 1}",
        )
        for index in range(params.visitors)
    ]
    for process in visitors:
        process.start()
    probe.state(State.WAITING_BARRIER, "waiting for every visitor to queue up", zh="等待每位访客排好队")
    doors_open.wait()
    opened = time.perf_counter()
    probe.state(State.WAITING_JOIN, "joining the visitors", zh="等待访客结束")
    for process in visitors:
        process.join()
    probe.state(State.FINISHED)
    return {
        "peak_shared_value": peak.value,
        "final_occupancy": occupancy.value,
        "wall": time.perf_counter() - opened,
        "exitcodes": [p.exitcode for p in visitors],
    }


def occupancy_curve(outcome: Outcome) -> list[tuple[float, int]]:
    """(t, people inside) after every walk-in and walk-out, from the probe events."""
    inside = 0
    curve = []
    for event in outcome.events:
        if event.kind == "count" and event.name == "occupants":
            inside += int(event.value)
            curve.append((event.t, inside))
    return curve


def verdict(params: Params, outcome: Outcome) -> Verdict:
    curve = occupancy_curve(outcome)
    peak_events = max((inside for _, inside in curve), default=0)
    peak_value = outcome.result["peak_shared_value"]
    wall = outcome.result["wall"]
    waits = [e.value / 1000 for e in outcome.events if e.kind == "count" and e.name == "waited_ms"]
    limit = params.room_keys if params.semaphore else params.visitors
    if params.semaphore:
        en = f"Semaphore({params.room_keys}): at most {peak_value} of {params.visitors} visitors were inside at once"
        zh = f"Semaphore({params.room_keys})：{params.visitors} 位访客中同时在房间里的最多 {peak_value} 位"
        if peak_value <= params.room_keys and peak_events <= params.room_keys:
            en += " — the room never held more people than keys."
            zh += "，房间里的人数从未超过钥匙数。"
        else:
            en += f" — more than {params.room_keys}: the semaphore was broken!"
            zh += f"，超过了 {params.room_keys}：信号量失效了！"
    else:
        en = f"No semaphore: up to {peak_value} of {params.visitors} visitors crowded into the room at once."
        zh = f"没有信号量：{params.visitors} 位访客中最多 {peak_value} 位同时挤进房间。"
    final = outcome.result["final_occupancy"]
    if final:
        en += f" Yet {final} visitor(s) were still counted inside at the end: something is wrong."
        zh += f"可结束时仍有 {final} 位访客被算在房间里：出问题了。"
    en += f" Longest wait at the door {max(waits, default=0):.2f} s; took {wall:.2f} s."
    zh += f"门口最长等待 {max(waits, default=0):.2f} 秒；用时 {wall:.2f} 秒。"
    figures = {
        "visitors": params.visitors,
        "keys": params.room_keys if params.semaphore else 0,
        "limit": limit,
        "peak_occupancy": peak_value,
        "peak_occupancy_from_events": peak_events,
        "final_occupancy": outcome.result["final_occupancy"],
        "max_wait_s": round(max(waits, default=0.0), 3),
        "mean_wait_s": round(mean(waits), 3),
        "wall_s": round(wall, 3),
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="semaphore-room",
    chapter=Chapter.SYNCHRONISATION,
    exercise="semaphore.py",
    title=Text("A room with k keys: Semaphore", "只有 k 把钥匙的包间：信号量"),
    summary=Text(
        "Visitors (each a process) want to sing in a karaoke room that has only a few keys. "
        "Semaphore(k) lets k of them in and makes the others wait at the door.",
        "每位访客是一个进程，都想进同一间 KTV 包间，但包间只有几把钥匙。"
        "Semaphore(k) 只放 k 个人进去，其余的人在门口等。",
    ),
    watch=Text(
        "Watch the 'occupants' counter: it climbs to the number of keys and stays there while the rest wait. "
        "Untick the semaphore and everybody piles in.",
        "观察“occupants”计数：它升到钥匙数后就停住，其余访客在等待。取消信号量后，所有人一拥而入。",
    ),
    explanation=Text(
        "A semaphore is a counter that acquire() decrements and release() increments; acquire() blocks while "
        "the counter is zero. Semaphore(1) behaves like a Lock, Semaphore(k) caps how many processes may be "
        "in a section at once: database connections, downloads, a room. Release exactly once per acquire, "
        "preferably in a finally block; BoundedSemaphore raises if you release too often.",
        "信号量是一个计数器：acquire() 减一，release() 加一，计数为零时 acquire() 会阻塞。"
        "Semaphore(1) 相当于一把锁，Semaphore(k) 则限制同时进入某段代码的进程数：数据库连接、下载任务、一个房间。"
        "每次 acquire 必须恰好对应一次 release，最好写在 finally 中；release 过多时 BoundedSemaphore 会报错。",
    ),
    params=(
        int_param("visitors", 20, 1, 64, Text("Visitors", "访客数"), "processes"),
        int_param("room_keys", 4, 1, 64, Text("Keys (semaphore value)", "钥匙数（信号量初值）")),
        float_param("stay", 0.3, 0.0, 5.0, Text("Mean time in the room", "平均停留时间"), "s"),
        bool_param("semaphore", True, Text("Use a Semaphore", "使用信号量")),
    ),
    main=main,
    verdict=verdict,
    quick={"visitors": 6, "room_keys": 2, "stay": 0.1},
    concepts=("Semaphore", "BoundedSemaphore", "Value", "get_lock", "信号量", "并发上限"),
    prediction=prediction.number(
        "peak_occupancy",
        "At most how many visitors will be in the room at the same time?",
        "房间里同时最多会有几位访客？",
        ("visitors", "位"),
    ),
    comparison=comparison.switch(
        "semaphore",
        ("Without a semaphore", "不用信号量"),
        ("With a Semaphore", "使用信号量"),
        ("peak_occupancy", "max_wait_s", "wall_s"),
    ),
    figures=(
        "visitors",
        "keys",
        "limit",
        "peak_occupancy",
        "peak_occupancy_from_events",
        "final_occupancy",
        "max_wait_s",
        "mean_wait_s",
        "wall_s",
    ),
)
