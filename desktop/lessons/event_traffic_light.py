"""A traffic light made of one Event: set() is green, clear() is red.

The light is a process that toggles a shared ``ctx.Event`` every few tenths of
a second and writes down *when* it switched. Cars are processes that call
``green.wait()`` and cross when it returns. Ambulances call
``green.wait(timeout=patience)``: if the light is still red after that, they
cross anyway (``wait`` returns False, so they know they ran the red light).

The verdict checks every crossing against the light's own log. The light
stamps a green phase *before* calling set() and a red phase *after* calling
clear(), so its green windows contain every moment the Event was set. A car
stamps just before calling wait() and just after it returned; if that interval
overlaps no green window, the car really crossed on red.
"""

from __future__ import annotations

import multiprocessing
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson, Plan
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, plural
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

LATE_TOLERANCE = 0.1  # s an ambulance may overrun its patience (process wake-up, a busy machine)


def traffic_light(probe: Probe, green, stop, switch_every: float, switches) -> None:
    """Toggle the light until told to stop; send back the log of switch times."""
    log = [("red", time.perf_counter())]  # a new Event starts clear: red
    probe.state(State.SLEEPING, "showing red", zh="亮红灯")
    is_green = False
    while not stop.wait(switch_every):  # sleeps, but wakes at once when main says stop
        if is_green:
            green.clear()
            log.append(("red", time.perf_counter()))  # stamped after clear(): red from here on
            probe.state(State.SLEEPING, "showing red", zh="亮红灯")
        else:
            log.append(("green", time.perf_counter()))  # stamped before set(): green not before this
            green.set()
            probe.state(State.SLEEPING, "showing green", zh="亮绿灯")
        is_green = not is_green
        probe.count("switches")
    switches.put(log)
    probe.state(State.FINISHED)


def vehicle(probe: Probe, green, crossings, arrive_after: float, patience: float | None) -> None:
    """A car (patience None: waits for green however long) or an ambulance (waits at most ``patience``)."""
    time.sleep(arrive_after)
    probe.state(
        State.WAITING_EVENT,
        "waiting for green" if patience is None else f"waiting ≤ {patience:g} s",
        zh="等待绿灯" if patience is None else f"最多等待 {patience:g} 秒",
    )
    called = time.perf_counter()
    saw_green = green.wait() if patience is None else green.wait(timeout=patience)
    crossed = time.perf_counter()
    probe.state(State.RUNNING, "crossing", zh="过马路")
    probe.log(
        f"crossed after {crossed - called:.3f} s ({'green' if saw_green else 'gave up waiting: red'})",
        zh=f"{crossed - called:.3f} 秒后通过（{'绿灯' if saw_green else '不再等待：红灯'}）",
    )
    crossings.put((multiprocessing.current_process().name, patience is not None, called, crossed, saw_green))
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    green, stop = ctx.Event(), ctx.Event()
    switches, crossings = ctx.Queue(), ctx.Queue()
    light = ctx.Process(
        target=traffic_light, args=(probe, green, stop, params.switch_every, switches), name="traffic-light"
    )
    light.start()
    # Spread the ambulances among the cars, then let them arrive evenly over the arrival window.
    kinds = sorted(
        [((i + 0.5) / params.cars, "car") for i in range(params.cars)]
        + [((i + 0.5) / params.ambulances, "ambulance") for i in range(params.ambulances)]
    )
    vehicles, numbers = [], {"car": 0, "ambulance": 0}
    for index, (_, kind) in enumerate(kinds):
        numbers[kind] += 1
        arrive_after = params.arrivals * index / len(kinds)
        patience = params.patience if kind == "ambulance" else None
        vehicles.append(
            ctx.Process(
                target=vehicle,
                args=(probe, green, crossings, arrive_after, patience),
                name=f"{kind}-{numbers[kind]}",
            )
        )
    for process in vehicles:
        process.start()
    probe.state(State.WAITING_GET, "collecting the crossings", zh="收集过马路的记录")
    crossed = [crossings.get() for _ in vehicles]  # read before join: a child with queued data cannot exit
    for process in vehicles:
        process.join()
    stop.set()
    log = switches.get()
    light.join()
    probe.state(State.FINISHED)
    return {"switches": log, "crossings": crossed, "ended": time.perf_counter()}


def green_windows(switches: list, ended: float) -> list[tuple[float, float]]:
    """[(start, end)] of every green phase in the light's log; the last one may run to the end."""
    windows, start = [], None
    for colour, t in switches:
        if colour == "green":
            start = t
        elif start is not None:
            windows.append((start, t))
            start = None
    if start is not None:
        windows.append((start, ended))
    return windows


def crossed_on_red(called: float, crossed: float, windows: list[tuple[float, float]]) -> bool:
    """True when the whole wait [called, crossed] lies outside every green window."""
    return not any(start <= crossed and called <= end for start, end in windows)


def verdict(params: Params, outcome: Outcome) -> Verdict:
    windows = green_windows(outcome.result["switches"], outcome.result["ended"])
    cars = [c for c in outcome.result["crossings"] if not c[1]]
    ambulances = [c for c in outcome.result["crossings"] if c[1]]
    cars_on_red = [c for c in cars if crossed_on_red(c[2], c[3], windows)]
    ambulances_on_red = [c for c in ambulances if crossed_on_red(c[2], c[3], windows)]
    ambulance_waits = [c[3] - c[2] for c in ambulances]
    worst_ambulance = max(ambulance_waits, default=0.0)
    late = [w for w in ambulance_waits if w > params.patience + LATE_TOLERANCE]
    switches = len(outcome.result["switches"]) - 1  # the first entry is the initial red
    longest_car_wait = max((c[3] - c[2] for c in cars), default=0.0)
    en = (
        f"{len(cars)} cars crossed, {len(cars_on_red)} of them on red (checked against the light's own log of "
        f"{plural(switches, 'switch', 'switches')}); the longest car wait was {longest_car_wait:.2f} s."
    )
    if cars_on_red:
        en += " A car waits in wait() with no timeout, so one crossing on red means something is wrong."
    zh = (
        f"{len(cars)} 辆车通过，其中 {len(cars_on_red)} 辆闯红灯（对照信号灯自己记录的 {switches} 次切换）；"
        f"车辆最长等待 {longest_car_wait:.2f} 秒。"
    )
    if cars_on_red:
        zh += "车辆在没有超时的 wait() 里等待，有车闯红灯说明出问题了。"
    if ambulances:
        en += (
            f" {len(ambulances)} ambulances waited at most {worst_ambulance:.2f} s (patience {params.patience:g} s); "
            f"{len(ambulances_on_red)} went through on red after wait(timeout) returned False."
        )
        zh += (
            f"{len(ambulances)} 辆救护车最多等了 {worst_ambulance:.2f} 秒（耐心 {params.patience:g} 秒）；"
            f"其中 {len(ambulances_on_red)} 辆在 wait(timeout) 返回 False 后闯红灯通过。"
        )
        if late:
            en += f" {len(late)} overran their patience by over {LATE_TOLERANCE:g} s: a busy machine woke them late."
            zh += f"有 {len(late)} 辆超出耐心 {LATE_TOLERANCE:g} 秒以上：机器太忙，唤醒迟了。"
    figures = {
        "cars": len(cars),
        "cars_on_red": len(cars_on_red),
        "ambulances": len(ambulances),
        "ambulances_on_red": len(ambulances_on_red),
        "ambulances_late": len(late),
        "ambulance_max_wait_s": round(worst_ambulance, 3),
        "patience_s": params.patience,
        "car_max_wait_s": round(longest_car_wait, 3),
        "switches": switches,
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="event-traffic-light",
    chapter=Chapter.SYNCHRONISATION,
    exercise="event.py",
    title=Text("A traffic light: Event", "红绿灯：Event 事件"),
    summary=Text(
        "A light process switches an Event on (green) and off (red). Car processes wait() for green; "
        "ambulances wait(timeout) and go through on red when their patience runs out.",
        "信号灯进程把一个 Event 置位（绿灯）或清除（红灯）。汽车进程用 wait() 等绿灯；"
        "救护车用 wait(timeout)，耐心耗尽就闯红灯通过。",
    ),
    watch=Text(
        "On the timeline, cars wait exactly while the light is red and all leave together when it turns green. "
        "Ambulances never wait longer than their patience.",
        "在时间线上，汽车恰好在红灯期间等待，绿灯一亮便一起出发；救护车的等待从不超过它的耐心。",
    ),
    explanation=Text(
        "An Event is a shared flag: set() raises it and wakes every waiter, clear() lowers it, is_set() reads it, "
        "wait() blocks until it is raised. wait(timeout) returns the flag, so False means 'timed out, still "
        "clear' and the caller decides what to do. Unlike a Lock, an Event does not let one process in at a "
        "time: set() releases everybody at once, which makes it the tool for 'start now' and 'stop now' signals.",
        "Event 是一个共享标志：set() 置位并唤醒所有等待者，clear() 清除，is_set() 读取，"
        "wait() 阻塞直到它被置位。wait(timeout) 返回标志的值，False 表示“超时了，仍未置位”，由调用者决定怎么办。"
        "与锁不同，Event 不是一次放一个进程：set() 会一下子放行所有人，所以它适合“现在开始”“现在停止”这类信号。",
    ),
    plan=lambda p: Plan(processes=p.cars + p.ambulances + 1, threads=0),  # + 1: the traffic light
    params=(
        int_param("cars", 4, 0, 32, Text("Cars", "汽车数"), "processes"),
        int_param("ambulances", 2, 0, 32, Text("Ambulances", "救护车数"), "processes"),
        float_param("switch_every", 0.8, 0.1, 5.0, Text("Light switches every", "信号灯切换间隔"), "s"),
        float_param("patience", 0.5, 0.05, 5.0, Text("Ambulance patience", "救护车最长等待"), "s"),
        float_param("arrivals", 3.0, 0.0, 10.0, Text("Vehicles arrive over", "车辆到达时间跨度"), "s"),
    ),
    main=main,
    verdict=verdict,
    quick={"cars": 3, "ambulances": 2, "switch_every": 0.4, "patience": 0.25, "arrivals": 1.0},
    concepts=("Event", "set", "clear", "wait", "is_set", "timeout", "事件", "超时"),
    prediction=prediction.number(
        "ambulances_on_red",
        "Cars wait for green with Event.wait(); ambulances wait only so long, then go. "
        "How many ambulances will cross on red?",
        "汽车用 Event.wait() 等绿灯；救护车只等一会儿就走。会有几辆救护车闯红灯？",
        ("ambulances", "辆"),
    ),
    comparison=comparison.vary(
        "patience",
        0.1,
        2.0,
        "Ambulances wait {} s",
        "救护车等待 {} 秒",
        ("ambulances_on_red", "ambulance_max_wait_s"),
    ),
    figures=(
        "cars",
        "cars_on_red",
        "ambulances",
        "ambulances_on_red",
        "ambulances_late",
        "ambulance_max_wait_s",
        "patience_s",
        "car_max_wait_s",
        "switches",
    ),
)
