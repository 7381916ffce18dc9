"""Figures named after a model or a style, and the typecode sizes: their names, built in both languages.

socket-server and io-models serve the same clients with one echo server per
model and report each measure per model (``threads_requests_per_s``); futures
reports per calling style, coroutines per kind of waiter, shared-value-array
the size of each typecode; lessons that compare CPU-bound phases, the load
other programs put on the machine during each phase they judge. The names are built here from the model's name and
the measure's, and :mod:`desktop.model.figure_name` puts them into its table.
"""

from __future__ import annotations

from desktop.model.text import Text


def family(models: dict[str, Text], measures: dict[str, Text]) -> dict[str, Text]:
    """``{model}{suffix}`` -> the measure's name with the model's name put in, for every model and measure."""
    return {
        model + suffix: Text(text.en.format(model=name.en), text.zh.format(model=name.zh))
        for model, name in models.items()
        for suffix, text in measures.items()
    }


ECHO = {  # socket-server and io-models: one echo server per model, the same clients
    "_correct": Text("Echoes right ({model})", "正确的回显（{model}）"),
    "_requests_per_s": Text("Requests ({model})", "请求数（{model}）"),
}
SERVERS = family(
    {
        "processes": Text("a process per client", "每个连接一个进程"),
        "pool": Text("process pool", "进程池"),
        "threads": Text("a thread per client", "每个连接一个线程"),
        "asyncio": Text("asyncio", "asyncio 协程"),
    },
    {
        **ECHO,
        "_processes_created": Text("Processes created ({model})", "新建的进程（{model}）"),
        "_handler_threads": Text("Handler threads ({model})", "处理线程（{model}）"),
    },
)
IO_MODELS = family(
    {
        "blocking": Text("blocking", "阻塞"),
        "polling": Text("polling", "轮询"),
        "selectors": Text("selectors", "selectors 多路复用"),
        "asyncio": Text("asyncio", "asyncio 协程"),
    },
    {
        **ECHO,
        "_server_cpu_s": Text("Server CPU time ({model})", "服务器 CPU 时间（{model}）"),
        "_server_cpu_percent": Text("Server CPU use ({model})", "服务器 CPU 占用（{model}）"),
    },
)
FUTURES = family(
    {
        "submit_result": Text("submit() then result()", "submit() 后立即 result()"),
        "as_completed": Text("as_completed()", "as_completed()"),
        "callbacks": Text("callbacks", "回调"),
        "map": Text("map()", "map()"),
    },
    {
        "_wall_s": Text("All results ({model})", "全部结果用时（{model}）"),
        "_first_result_s": Text("First result ({model})", "第一个结果用时（{model}）"),
        "_in_submission_order": Text("In submission order ({model})", "按提交顺序（{model}）"),
    },
)
WAITERS = family(  # coroutines: many waits as coroutines, threads and processes
    {
        "coroutines": Text("coroutines", "协程"),
        "threads": Text("threads", "线程"),
        "processes": Text("processes", "进程"),
    },
    {
        "_waits": Text("Waits started ({model})", "发起的等待（{model}）"),
        "_completed": Text("Waits completed ({model})", "完成的等待（{model}）"),
        "_wall_s": Text("Time taken ({model})", "用时（{model}）"),
        "_memory_mb": Text("Memory ({model})", "内存（{model}）"),
        "_kb_per_wait": Text("Memory per wait ({model})", "每个等待的内存（{model}）"),
    },
)
TYPECODES = {  # shared-value-array: the size of one item of each typecode
    f"bytes_{code}": Text(f"Size of typecode '{code}' ({en})", f"类型码 '{code}'（{zh}）的大小")
    for code, en, zh in (
        ("b", "signed char", "有符号字符"),
        ("h", "short", "短整型"),
        ("i", "int", "整型"),
        ("l", "long", "长整型"),
        ("q", "long long", "长长整型"),
        ("f", "float", "单精度浮点"),
        ("d", "double", "双精度浮点"),
    )
}

PHASE_LOADS = {  # cores other programs used during one phase a verdict judged (Outcome.phase_background)
    f"background_cores_{phase}": Text(f"Cores used by other programs ({en})", f"其他程序占用的核心（{zh}）")
    for phase, en, zh in (
        ("apply", "apply()'s fastest round", "apply() 最快的一轮"),
        ("apply_async", "apply_async()'s fastest round", "apply_async() 最快的一轮"),
        ("map", "map()'s fastest round", "map() 最快的一轮"),
        ("threads", "threads phase", "线程阶段"),
        ("processes", "processes phase", "进程阶段"),
        ("pool", "pool phase", "进程池阶段"),
        ("polling", "polling phase", "轮询阶段"),
        ("thread_cpu", "thread pool's CPU batch", "线程池的 CPU 任务"),
        ("process_cpu", "process pool's CPU batch", "进程池的 CPU 任务"),
        ("all_then_join", "start all, then join", "先全部启动再 join"),
        ("one_by_one", "start and join one by one", "逐个启动并 join"),
        ("adding", "while the workers added", "工作进程累加期间"),
        ("competing", "while the workers competed for the cores", "工作进程争抢核心期间"),
    )
}

FAMILIES = {**SERVERS, **IO_MODELS, **FUTURES, **WAITERS, **PHASE_LOADS}
