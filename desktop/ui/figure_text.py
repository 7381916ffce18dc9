"""A verdict figure as a student reads it: a human name and the value with its unit, in the UI's language.

Lessons name their figures for code (``wall_s``, ``tickets_left``,
``throughput_per_s``). :func:`figure_name` shows the name in words:
:data:`NAMES` holds the figures of the lessons a workshop shows most, in
English and Chinese; any other figure is spelled out from its code name
("tickets_left" -> "Tickets left"), with the code name as the tooltip so a
student can still match it to the lesson's source. :func:`figure_value`
adds the unit the name's suffix declares (``_s`` seconds, ``_ms``, ``_us``,
``_mb``, ``_kb``, ``_per_s``, ``_percent``).
"""

from __future__ import annotations

from desktop.model.text import Text
from desktop.ui import i18n

# code name -> (English, Chinese). Units are not part of the name: figure_value adds them.
NAMES: dict[str, Text] = {
    "wall_s": Text("Time measured inside the run", "运行内测得的时间"),
    "inventory": Text("Tickets for sale", "可售门票"),
    "sold": Text("Tickets sold", "售出门票"),
    "oversold": Text("Oversold", "超卖"),
    "lost_sales": Text("Sales lost (overwritten)", "丢失的销售（被覆盖）"),
    "tickets_left": Text("Tickets left (database says)", "剩余门票（数据库记录）"),
    "produced": Text("Items produced", "生产的项目"),
    "consumed": Text("Items consumed", "消费的项目"),
    "duplicates": Text("Items consumed twice", "被消费两次的项目"),
    "missing": Text("Items never consumed", "从未被消费的项目"),
    "max_depth": Text("Most items in the queue", "队列中最多的项目数"),
    "throughput_per_s": Text("Throughput", "吞吐量"),
    "visitors": Text("Visitors", "访客"),
    "keys": Text("Keys (semaphore value)", "钥匙（信号量的值）"),
    "limit": Text("Limit", "上限"),
    "peak_occupancy": Text("Most in the room at once", "房间内同时最多人数"),
    "peak_occupancy_from_events": Text("Most in the room (from events)", "房间内最多人数（由事件算出）"),
    "final_occupancy": Text("In the room at the end", "结束时房间内人数"),
    "max_wait_s": Text("Longest wait", "最长等待"),
    "mean_wait_s": Text("Average wait", "平均等待"),
    "cpu_threads": Text("CPU-bound threads", "CPU 密集型线程"),
    "cpu_processes": Text("CPU-bound processes", "CPU 密集型进程"),
    "speedup_threads": Text("Speed-up with threads", "线程带来的加速"),
    "speedup_processes": Text("Speed-up with processes", "进程带来的加速"),
    "cores": Text("Logical cores", "逻辑核心"),
    "gil_enabled": Text("GIL enabled (1 = yes)", "GIL 已启用（1 = 是）"),
    "background_cores": Text("Cores used by other programs", "其他程序占用的核心"),
    "process_start_up_s": Text("Process start-up", "进程启动时间"),
    "workers": Text("Workers", "工作者"),
    "sequential_s": Text("Time one after another", "依次执行的时间"),
    "speedup": Text("Speed-up", "加速比"),
    "start": Text("Start value", "初始值"),
    "final_count": Text("Final count", "最终计数"),
    "lost_updates": Text("Lost updates", "丢失的更新"),
    "decrements": Text("Decrements", "减一次数"),
    "children": Text("Child processes", "子进程"),
    "exitcode": Text("Exit code", "退出码"),
    "tasks": Text("Tasks", "任务"),
    "threads": Text("Threads", "线程"),
    "processes": Text("Processes", "进程"),
    "items": Text("Items", "项目"),
    "total": Text("Total", "总数"),
}

# suffix -> unit shown after the value (the same in both languages), longest first.
UNITS = (
    ("_per_s", "/s"),
    ("_percent", "%"),
    ("_ms", "ms"),
    ("_us", "µs"),
    ("_mb", "MB"),
    ("_kb", "KB"),
    ("_s", "s"),
)


def figure_name(name: str) -> str:
    """``name`` (a figure's code name) in words, in the UI's language."""
    known = NAMES.get(name)
    if known is not None:
        return known.get(i18n.language())
    words = name
    for suffix, _ in UNITS:
        if words.endswith(suffix) and len(words) > len(suffix):
            words = words[: -len(suffix)]
            break
    words = words.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def figure_unit(name: str) -> str:
    """The unit ``name``'s suffix declares ("s", "ms", "/s", ...), or "" for a count or a ratio."""
    return next((unit for suffix, unit in UNITS if name.endswith(suffix)), "")


def format_number(value: object) -> str:
    """A figure's number as people write it: at most three decimals, no trailing zeros."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"
    return str(value)


def figure_value(name: str, value: object) -> str:
    """``value`` with the unit ``name`` declares: "1.04 s", "36.7 /s", "10"."""
    unit = figure_unit(name)
    number = format_number(value)
    if not unit or not isinstance(value, (int, float)):
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"
