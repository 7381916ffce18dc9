"""Predict, then run: one question per lesson, asked before the run and checked against its verdict.

A guess written down before the run turns the verdict from a fact into a
surprise (or a confirmation), which is what makes it stick. Every lesson gets
one :class:`Prediction`: a question, the verdict figure that answers it, and
either a number (with a unit) or a few choices, each choice a predicate on the
verdict figures. :func:`assess` puts the answer next to what was measured.

Qt-free on purpose: the GUI shows these, tests check them against real runs,
and the texts are lesson texts (``Text(en, zh)``), not UI strings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from desktop.scenarios.lesson import Text

NUMBER, CHOICE = "number", "choice"
SAME_SPEED = 1.15  # within this factor, two speeds count as "about the same"

Figures = Mapping[str, float]
NO_UNIT = Text("", "")


@dataclasses.dataclass(frozen=True)
class Choice:
    """One possible answer and how to tell from the figures whether it came true."""

    label: Text
    holds: Callable[[Figures], bool]


@dataclasses.dataclass(frozen=True)
class Prediction:
    """The question a lesson asks before it runs.

    ``figure`` is the verdict figure the answer is checked against; ``also``
    lists other figures a choice's predicate reads (shown next to the result).
    Numbers are compared after multiplying the figure by ``scale`` (a share
    asked in %), and count as right within ``tolerance`` (relative) plus the
    rounding of ``decimals``. A choice answer is the index of the chosen choice.
    """

    question: Text
    figure: str
    kind: str = NUMBER
    unit: Text = NO_UNIT
    choices: tuple[Choice, ...] = ()
    also: tuple[str, ...] = ()
    decimals: int = 0
    minimum: float = 0.0
    maximum: float = 1_000_000.0
    scale: float = 1.0
    tolerance: float = 0.0

    @property
    def figures(self) -> tuple[str, ...]:
        """Every verdict figure this prediction reads."""
        return (self.figure, *self.also)

    def measured(self, figures: Figures) -> float | None:
        """The measured number (scaled), or None if the run has no such figure."""
        value = figures.get(self.figure)
        return None if value is None else float(value) * self.scale

    def measured_choice(self, figures: Figures) -> int | None:
        """Index of the first choice the figures make true; None without the figures or if none holds."""
        if any(name not in figures for name in self.figures):
            return None
        return next((index for index, choice in enumerate(self.choices) if choice.holds(figures)), None)

    def check(self, answer: float | int | None, figures: Figures) -> bool | None:
        """True if ``answer`` came true, False if not, None if there is no answer or nothing measured."""
        if answer is None:
            return None
        if self.kind == CHOICE:
            measured = self.measured_choice(figures)
            return None if measured is None else measured == int(answer)
        measured = self.measured(figures)
        if measured is None:
            return None
        slack = self.tolerance * abs(measured) + 0.5 * 10**-self.decimals
        return abs(float(answer) - measured) <= slack

    def format_answer(self, answer: float | int, language: str) -> str:
        if self.kind == CHOICE:
            return f"“{self.choices[int(answer)].label.get(language)}”"
        return _number(answer, self.decimals)


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _figure_list(prediction: Prediction, figures: Figures) -> str:
    return ", ".join(f"{name} = {float(figures[name]):g}" for name in prediction.figures)


def assess(prediction: Prediction, answer: float | int | None, figures: Figures) -> Text:
    """The answer next to the measurement, e.g. "You predicted 10; measured 13." / "你预测 10；实测 13。"."""
    right = prediction.check(answer, figures)
    if prediction.kind == CHOICE:
        index = prediction.measured_choice(figures)
        if index is None:
            measured_en = measured_zh = None
        else:
            label = prediction.choices[index].label
            details = _figure_list(prediction, figures)
            measured_en, measured_zh = f"“{label.en}” ({details})", f"“{label.zh}”（{details}）"
    else:
        value = prediction.measured(figures)
        measured_en = measured_zh = None if value is None else _number(value, prediction.decimals)
    if answer is None:
        if measured_en is None:
            return Text("No prediction, and nothing measured to show.", "没有预测，也没有可显示的实测值。")
        return Text(f"No prediction this time; measured {measured_en}.", f"这次没有预测；实测 {measured_zh}。")
    guess_en, guess_zh = prediction.format_answer(answer, "en"), prediction.format_answer(answer, "zh")
    if measured_en is None:
        return Text(
            f"You predicted {guess_en}; the run measured nothing to check it against.",
            f"你预测 {guess_zh}；这次运行没有可对照的实测值。",
        )
    text = Text(f"You predicted {guess_en}; measured {measured_en}.", f"你预测 {guess_zh}；实测 {measured_zh}。")
    if right:
        text = Text(text.en + " Right!", text.zh + "猜对了！")
    return text


def number(figure: str, en: str, zh: str, unit: tuple[str, str] = ("", ""), **options) -> Prediction:
    return Prediction(Text(en, zh), figure, NUMBER, Text(*unit), **options)


def choice(figure: str, en: str, zh: str, *choices: tuple[str, str, Callable[[Figures], bool]], **options):
    return Prediction(
        Text(en, zh), figure, CHOICE, choices=tuple(Choice(Text(e, z), p) for e, z, p in choices), **options
    )


def yes_no(figure: str, en: str, zh: str, yes: tuple[str, str], no: tuple[str, str]) -> Prediction:
    """A question whose answer is "the figure is above zero" or "it is zero"."""
    return choice(figure, en, zh, (*yes, lambda f: f[figure] > 0), (*no, lambda f: f[figure] <= 0))


def _faster(first: str, second: str) -> Callable[[Figures], bool]:
    return lambda f: f[first] > SAME_SPEED * f[second]


def _similar(first: str, second: str) -> Callable[[Figures], bool]:
    return lambda f: f[first] <= SAME_SPEED * f[second] and f[second] <= SAME_SPEED * f[first]


def _largest(names: tuple[str, ...], name: str) -> Callable[[Figures], bool]:
    return lambda f: max(names, key=lambda n: f[n]) == name


SOCKET_RATES = tuple(f"{m}_requests_per_s" for m in ("processes", "pool", "threads", "asyncio"))
IO_CPU = tuple(f"{m}_server_cpu_percent" for m in ("blocking", "polling", "selectors", "asyncio"))
TIMES = ("×", "倍")
SECONDS = ("s", "秒")
PERCENT = ("%", "%")

PREDICTIONS: dict[str, Prediction] = {
    "process-basics": choice(
        "order_differs",
        "The children nap for different lengths of time. Will they finish in the order they were started?",
        "子进程小睡的时长各不相同。它们会按启动的顺序结束吗？",
        ("Yes, in the same order", "会，顺序相同", lambda f: f["order_differs"] == 0),
        ("No, in a different order", "不会，顺序不同", lambda f: f["order_differs"] != 0),
    ),
    "join-parallel": number(
        "wall_all_then_join_s",
        "Start every child, then join them all: how many seconds will that take?",
        "先启动全部子进程，再逐个 join：一共要多少秒？",
        SECONDS,
        decimals=1,
        tolerance=0.2,
    ),
    "daemon": number(
        "daemon_steps_logged",
        "The daemon child plans many steps, but the parent's main code ends early. How many steps will it log?",
        "守护子进程计划走很多步，但父进程的主代码很早就结束了。它能记录几步？",
        ("steps", "步"),
    ),
    "main-guard": number(
        "bootstrap_errors",
        "How many children importing the unguarded script will fail with the bootstrapping RuntimeError?",
        "导入无保护脚本的子进程中，有几个会因引导阶段的 RuntimeError 而失败？",
        ("processes", "个"),
    ),
    "globals-not-shared": number(
        "parent_lines_after",
        "The parent writes one line into its GUESTBOOK list; every child appends lines to GUESTBOOK too. "
        "How many lines will the parent's list hold at the end?",
        "父进程往自己的 GUESTBOOK 列表写了一行；每个子进程也往 GUESTBOOK 追加几行。最后父进程的列表里有几行？",
        ("lines", "行"),
    ),
    "print-interleave": yes_no(
        "malformed_without_lock",
        "Several processes print their lines piece by piece without a lock. Will any line come out mixed up?",
        "多个进程不加锁、一段一段地打印各自的行。会有行被打乱吗？",
        ("Yes, some lines get mixed up", "会，有些行被打乱"),
        ("No, every line stays whole", "不会，每行都完整"),
    ),
    "process-states": number(
        "mean_cpu_share",
        "Each core gets several CPU-bound workers. What share of a core will each worker get on average?",
        "每个核心上有好几个 CPU 密集型进程。每个进程平均能得到一个核心的多少？",
        PERCENT,
        maximum=100.0,
        scale=100.0,
        tolerance=0.15,
    ),
    "ticket-lock": number("sold", "How many tickets will be sold?", "会卖出多少张票？", ("tickets", "张")),
    "semaphore-room": number(
        "peak_occupancy",
        "At most how many visitors will be in the room at the same time?",
        "房间里同时最多会有几位访客？",
        ("visitors", "位"),
    ),
    "event-traffic-light": number(
        "ambulances_on_red",
        "Cars wait for green with Event.wait(); ambulances wait only so long, then go. "
        "How many ambulances will cross on red?",
        "汽车用 Event.wait() 等绿灯；救护车只等一会儿就走。会有几辆救护车闯红灯？",
        ("ambulances", "辆"),
    ),
    "manager-counter": number(
        "final_count",
        "Together the workers take exactly as many off the shared counter as it starts with. "
        "What will it show at the end?",
        "所有工作进程一共减去的次数正好等于共享计数器的初值。最后计数器显示多少？",
    ),
    "shared-value-array": number(
        "lost_updates",
        "How many increments of the shared Value will be lost?",
        "共享 Value 的加一操作会丢失多少次？",
        ("increments", "次"),
    ),
    "deadlock": yes_no(
        "deadlock",
        "Will the workers end up in a deadlock?",
        "这些工作进程会陷入死锁吗？",
        ("Yes, they deadlock", "会，发生死锁"),
        ("No, every round completes", "不会，每一轮都能完成"),
    ),
    "queue-basics": yes_no(
        "empty_right_after_put",
        "Right after put('y'), what will empty() return?",
        "put('y') 之后立刻调用 empty()，会返回什么？",
        ("True: the queue still looks empty", "True：队列看起来还是空的"),
        ("False: the item is already there", "False：物品已经在队列里"),
    ),
    "producer-consumer": number(
        "max_depth",
        "At its fullest, how many items will the queue hold?",
        "队列最满时会积压多少个物品？",
        ("items", "个"),
    ),
    "joinable-queue": number(
        "task_done_at_join",
        "When a producer's join() returns, how many task_done() calls will have been made?",
        "生产者的 join() 返回时，task_done() 已经被调用了多少次？",
        ("calls", "次"),
    ),
    "pipe": number(
        "pipe_vs_queue",
        "How many times as fast as a Queue will a Pipe move the bulk messages?",
        "传送大量消息时，Pipe 的速度是 Queue 的几倍？",
        TIMES,
        decimals=1,
        tolerance=0.25,
    ),
    "manager-types": number(
        "nested_append_kept",
        "A list is stored in a managed Namespace and ns.tags.append(...) adds an item to it. "
        "How many items will the server's list have?",
        "一个列表存放在托管的 Namespace 中，再用 ns.tags.append(...) 向它添加一个元素。服务器上的列表有几个元素？",
        ("items", "个"),
    ),
    "pool-speedup": number(
        "speedup_apply",
        "How many times as fast as one process will a pool be when you call apply() in a loop?",
        "在循环里调用 apply() 时，进程池的速度是单个进程的几倍？",
        TIMES,
        decimals=1,
        tolerance=0.25,
    ),
    "pool-lifecycle": number(
        "distinct_worker_pids",
        "With maxtasksperchild set, how many different worker processes will run the tasks?",
        "设置了 maxtasksperchild 后，会有多少个不同的工作进程执行这些任务？",
        ("processes", "个"),
    ),
    "pool-early-stop": number(
        "run_share",
        "The PIN is found early in the search. What share of the submitted tasks will actually run?",
        "PIN 在搜索前段就被找到了。提交的任务中有多大比例真正运行了？",
        PERCENT,
        maximum=100.0,
        scale=100.0,
        tolerance=0.3,
    ),
    "crawler": number(
        "speedup",
        "How many times as fast as the serial crawl will the pool's crawl be?",
        "进程池爬取的速度是串行爬取的几倍？",
        TIMES,
        decimals=1,
        tolerance=0.25,
    ),
    "socket-server": choice(
        SOCKET_RATES[0],
        "Which server model will answer the most requests per second?",
        "哪种服务器模型每秒答复的请求最多？",
        ("A process per client", "每个客户端一个进程", _largest(SOCKET_RATES, SOCKET_RATES[0])),
        ("A process pool", "进程池", _largest(SOCKET_RATES, SOCKET_RATES[1])),
        ("A thread per client", "每个客户端一个线程", _largest(SOCKET_RATES, SOCKET_RATES[2])),
        ("asyncio", "asyncio", _largest(SOCKET_RATES, SOCKET_RATES[3])),
        also=SOCKET_RATES[1:],
    ),
    "gil-cpu-bound": choice(
        "speedup_threads",
        "The same CPU-bound work runs in threads and then in processes. Which will finish it faster?",
        "同样的 CPU 密集型工作先用线程、再用进程运行。哪一种更快完成？",
        ("Threads", "线程", _faster("speedup_threads", "speedup_processes")),
        ("Processes", "进程", _faster("speedup_processes", "speedup_threads")),
        ("About the same", "差不多", _similar("speedup_threads", "speedup_processes")),
        also=("speedup_processes",),
    ),
    "threads-io-bound": number(
        "thread_wall_s",
        "Many threads each wait the same time. How many seconds will all of them take together?",
        "许多线程各自等待相同的时间。它们全部完成一共要多少秒？",
        SECONDS,
        decimals=1,
        tolerance=0.25,
    ),
    "thread-lock-balance": number(
        "nonzero_unlocked",
        "Without a lock, in how many trials will the balance end wrong (not 0)?",
        "不加锁时，有多少次试验的余额最后不为 0？",
        ("trials", "次"),
    ),
    "thread-local": yes_no(
        "shared_foreign_reads",
        "Through a plain global shared by all threads, will a thread ever read another thread's user?",
        "通过所有线程共享的普通全局变量，线程会读到别的线程的用户吗？",
        ("Yes, sometimes", "会，有时会"),
        ("No, never", "不会"),
    ),
    "dummy-pool": choice(
        "cpu_process_speedup",
        "For the CPU-bound tasks, which pool will be faster: threads (multiprocessing.dummy) or processes?",
        "对 CPU 密集型任务，哪个池更快：线程池（multiprocessing.dummy）还是进程池？",
        ("The thread pool", "线程池", lambda f: f["cpu_process_speedup"] * SAME_SPEED < 1),
        ("The process pool", "进程池", lambda f: f["cpu_process_speedup"] > SAME_SPEED),
        ("About the same", "差不多", lambda f: 1 / SAME_SPEED <= f["cpu_process_speedup"] <= SAME_SPEED),
    ),
    "futures": choice(
        "map_in_submission_order",
        "The longest task is submitted first. In which order will executor.map() give you the results?",
        "最长的任务最先提交。executor.map() 按什么顺序给出结果？",
        ("In submission order", "按提交顺序", lambda f: f["map_in_submission_order"] == 1),
        ("In completion order", "按完成顺序", lambda f: f["map_in_submission_order"] != 1),
    ),
    "coroutines": number(
        "coroutine_threads",
        "How many operating-system threads will all the coroutines run on?",
        "所有协程一共运行在几个操作系统线程上？",
        ("threads", "个"),
    ),
    "io-models": choice(
        IO_CPU[0],
        "While the server waits for its clients, which IO model will burn the most CPU?",
        "服务器等待客户端时，哪种 IO 模型最耗 CPU？",
        ("Blocking sockets", "阻塞套接字", _largest(IO_CPU, IO_CPU[0])),
        ("Non-blocking polling", "非阻塞轮询", _largest(IO_CPU, IO_CPU[1])),
        ("selectors", "selectors", _largest(IO_CPU, IO_CPU[2])),
        ("asyncio", "asyncio", _largest(IO_CPU, IO_CPU[3])),
        also=IO_CPU[1:],
    ),
}


def for_lesson(lesson_id: str) -> Prediction | None:
    """The question ``lesson_id`` asks before it runs (None for a lesson without one)."""
    return PREDICTIONS.get(lesson_id)
