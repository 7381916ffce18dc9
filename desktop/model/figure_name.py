"""Human names, in both languages, for the figures lessons' verdicts report, and the units their names do not say.

A figure's code name (``wall_s``, ``tickets_left``) is what the lesson's
verdict, its prediction and saved runs use; students read the name here, in
the verdict's figures table and in Compare. The table is keyed by the code
name, not by lesson: several lessons report ``timeout_s`` or ``exited_zero``,
and a name means the same everywhere. Names say what was counted or timed;
the unit follows the value: the suffix of the code name gives it (``_s``,
``_ms``, ``_per_s``... see :mod:`desktop.ui.figure_text`), or
:data:`FIGURE_UNITS` does. Figures in :data:`YES_NO` are 0 or 1 and read as
"no" / "yes".

Steps to add a figure: report it in the verdict and declare it in the lesson's
``figures``; add ``"code_name": Text(english, chinese)`` to :data:`FIGURE_NAMES`
(a figure named after a model or a style, such as ``threads_requests_per_s``,
goes into the family it belongs to, below); give it a unit in
:data:`FIGURE_UNITS` if its suffix says none and it has one; add it to
:data:`YES_NO` if it is a yes/no answer. ``tests/unit/model/test_figure_name.py``
fails on a declared figure without a name in both languages.
"""

from __future__ import annotations

from types import MappingProxyType

from desktop.model.figure_family import FAMILIES, TYPECODES
from desktop.model.text import Text

PATTERN_PART = "{n}"  # a number in a figure's name, as lessons declare it ("speedup_map_{n}_workers")


FIGURE_NAMES = MappingProxyType(
    {
        # Figures many lessons report.
        "wall_s": Text("Time measured inside the run", "运行内测得的时间"),
        "background_cores": Text("Cores used by other programs", "其他程序占用的核心"),
        "cores": Text("Logical cores", "逻辑核心"),
        "workers": Text("Workers", "工作者"),
        "children": Text("Child processes", "子进程"),
        "tasks": Text("Tasks", "任务"),
        "threads": Text("Threads", "线程"),
        "processes": Text("Processes", "进程"),
        "items": Text("Items", "项目"),
        "total": Text("Total", "总数"),
        "exitcode": Text("Exit code", "退出码"),
        "timeout_s": Text("Timeout", "超时时间"),
        "trials": Text("Trials", "试验次数"),
        "speedup": Text("Speed-up", "加速比"),
        "exited_zero": Text("Children that exited with code 0", "退出码为 0 的子进程"),
        "terminated_exitcode": Text("Exit code of the terminated child", "被终止的子进程的退出码"),
        "startup_dominated": Text("Start-up took longer than the work", "启动耗时超过了工作本身"),
        "join_returned_s": Text("join(timeout) returned after", "join(timeout) 返回用时"),
        "listening_left": Text("Sockets still listening", "仍在监听的套接字"),
        "messages_per_model": Text("Messages per model", "每种模型的消息数"),
        # 1. Processes
        "run_pid": Text("PID of the run process", "运行进程的 PID"),
        "ppid_matches": Text("Children whose getppid() is the run process", "getppid() 为运行进程的子进程"),
        "pid_matches": Text("Children whose getpid() matches Process.pid", "getpid() 与 Process.pid 一致的子进程"),
        "order_differs": Text("Finish order differs from start order", "结束顺序与启动顺序不同"),
        "longest_sleep_s": Text("Longest single sleep", "最长的一次睡眠"),
        "sum_sleep_s": Text("All sleeps added up", "所有睡眠时间之和"),
        "wall_all_then_join_s": Text("Start all, then join all", "先全部启动再逐个 join 的用时"),
        "wall_one_by_one_s": Text("Start and join one by one", "启动一个就 join 一个的用时"),
        "asleep_together_all_then_join": Text(
            "Most asleep at once (start all first)", "同时睡着的最多进程（先全部启动）"
        ),
        "asleep_together_one_by_one": Text("Most asleep at once (one by one)", "同时在睡的最多进程（逐个）"),
        "slowdown": Text("One by one is slower by", "逐个执行慢了"),
        "startup_per_child_s": Text("Start-up per child", "每个子进程的启动时间"),
        "alive_after_join": Text("Children alive after join(timeout)", "join(timeout) 之后仍存活的子进程"),
        "exitcode_none_after_join": Text("Children whose exitcode was None then", "此时 exitcode 为 None 的子进程"),
        "finished_work": Text("Children that finished their work", "完成了工作的子进程"),
        "terminated": Text("Children terminated", "被终止的子进程"),
        "alive_right_after_terminate": Text("Alive right after terminate()", "terminate() 之后立刻仍存活"),
        "ms_until_not_alive": Text("Until is_alive() said False", "直到 is_alive() 返回 False"),
        "daemon_steps_planned": Text("Daemon's steps planned", "守护进程计划的步数"),
        "daemon_steps_logged": Text("Daemon's steps done", "守护进程完成的步数"),
        "daemon_completed": Text("Daemon finished its work", "守护进程完成了工作"),
        "daemon_child_refused": Text("Daemon was refused a child", "守护进程创建子进程被拒绝"),
        "normal_steps_logged": Text("Normal child's steps done", "普通子进程完成的步数"),
        "normal_completed": Text("Normal child finished its work", "普通子进程完成了工作"),
        "parent_waited_for_normal_s": Text("Parent waited for the normal child", "父进程等待普通子进程的时间"),
        "parent_exitcode": Text("Parent's exit code", "父进程的退出码"),
        "unguarded_children": Text("Children importing the unguarded script", "导入无保护脚本的子进程"),
        "bootstrap_errors": Text("Errors while bootstrapping", "启动阶段的错误"),
        "guarded_clean": Text("Guarded children that ran cleanly", "有保护且正常运行的子进程"),
        "child_exitcodes_nonzero": Text("Children with a non-zero exit code", "退出码非零的子进程"),
        "appended_by_children": Text("Lines the children appended", "子进程追加的行数"),
        "parent_lines_before": Text("Parent's lines before the children", "子进程启动前父进程的行数"),
        "parent_lines_after": Text("Parent's lines after the children", "子进程结束后父进程的行数"),
        "parent_unchanged": Text("Parent's list unchanged", "父进程的列表未变"),
        "children_that_saw_parent_line": Text("Children that saw the parent's line", "看到父进程那一行的子进程"),
        "foreign_lines_in_children": Text("Other children's lines a child saw", "子进程看到的其他子进程的行"),
        "writers": Text("Writers", "写入者"),
        "lines_per_trial": Text("Lines per trial", "每次试验的行数"),
        "malformed_without_lock": Text("Malformed lines without the lock", "不加锁时损坏的行"),
        "malformed_with_lock": Text("Malformed lines with the lock", "加锁时损坏的行"),
        "malformed_rate_without_lock": Text("Share malformed, no lock (1 = all)", "不加锁时损坏的比例（1 = 全部）"),
        "garbled_trials_without_lock": Text("Trials garbled without the lock", "不加锁时输出错乱的试验"),
        "lines_read_with_lock": Text("Lines read back with the lock", "加锁时读回的行"),
        "cpu_workers": Text("CPU-bound workers", "CPU 密集型工作进程"),
        "io_workers": Text("IO-bound workers", "IO 密集型工作进程"),
        "mean_cpu_share": Text("Time on a core, average (1 = always)", "在核心上的时间比例，平均（1 = 一直）"),
        "min_cpu_share": Text("Time on a core, least (1 = always)", "在核心上的时间比例，最少（1 = 一直）"),
        "max_cpu_share": Text("Time on a core, most (1 = always)", "在核心上的时间比例，最多（1 = 一直）"),
        "fair_share": Text("Fair share of a core (cores ÷ workers)", "公平份额（核心数 ÷ 工作进程数）"),
        "mean_ready_share": Text("Time ready but waiting for a core, average", "就绪但等待核心的时间比例，平均"),
        "mean_io_share": Text("IO-bound workers' time on a core, average", "IO 密集型进程在核心上的时间比例，平均"),
        "io_replies": Text("IO replies", "IO 回复"),
        # 2. Synchronisation
        "inventory": Text("Tickets for sale", "可售门票"),
        "sold": Text("Tickets sold", "售出门票"),
        "oversold": Text("Oversold", "超卖"),
        "lost_sales": Text("Sales lost (overwritten)", "丢失的销售（被覆盖）"),
        "tickets_left": Text("Tickets left (database says)", "剩余门票（数据库记录）"),
        "depth": Text("Nesting levels tried", "尝试的嵌套层数"),
        "rlock": Text("RLock used", "使用了 RLock"),
        "levels_acquired": Text("Levels acquired", "获取到的层数"),
        "reentry_blocked": Text("Taking it again blocked", "再次获取被阻塞"),
        "blocked_s": Text("Blocked for", "阻塞时间"),
        "releases": Text("release() calls", "release() 调用次数"),
        "neighbour_waited_s": Text("Neighbour waited", "邻居等待的时间"),
        "neighbour_got_in_early": Text("Neighbour got in before the last release()", "邻居在最后的 release() 前进入"),
        "visitors": Text("Visitors", "访客"),
        "keys": Text("Keys (semaphore value)", "钥匙（信号量的值）"),
        "limit": Text("Limit", "上限"),
        "peak_occupancy": Text("Most in the room at once", "房间内同时最多人数"),
        "peak_occupancy_from_events": Text("Most in the room (from events)", "房间内最多人数（由事件算出）"),
        "final_occupancy": Text("In the room at the end", "结束时房间内人数"),
        "max_wait_s": Text("Longest wait", "最长等待"),
        "mean_wait_s": Text("Average wait", "平均等待"),
        "extra_release_raised": Text("The extra release() raised ValueError", "多余的 release() 抛出 ValueError"),
        "free_keys_after_bug": Text("Free keys after the extra release()", "多余 release() 之后的空闲钥匙"),
        "cars": Text("Cars", "汽车"),
        "cars_on_red": Text("Cars that crossed on red", "闯红灯的汽车"),
        "ambulances": Text("Ambulances", "救护车"),
        "ambulances_on_red": Text("Ambulances that crossed on red", "闯红灯的救护车"),
        "ambulances_late": Text("Ambulances woken late", "被迟唤醒的救护车"),
        "ambulance_max_wait_s": Text("Longest ambulance wait", "救护车最长等待"),
        "patience_s": Text("Ambulance's patience", "救护车的耐心"),
        "car_max_wait_s": Text("Longest car wait", "汽车最长等待"),
        "switches": Text("Light switches", "信号灯切换次数"),
        "waiters": Text("Waiting processes", "等待的进程"),
        "tickets": Text("Tickets put on the table", "放上桌的票"),
        "waiting_at_notify": Text("Waiting when notified", "通知时正在等待"),
        "woke": Text("Woken by the notify", "被通知唤醒"),
        "got_ticket": Text("Got a ticket", "拿到票"),
        "woke_without_ticket": Text("Woke to an empty table", "醒来却没有票"),
        "timed_out": Text("Gave up waiting (timeout)", "等待超时放弃"),
        "start": Text("Start value", "初始值"),
        "final_count": Text("Final count", "最终计数"),
        "lost_updates": Text("Lost updates", "丢失的更新"),
        "decrements": Text("Decrements", "减一次数"),
        "manager_servers": Text("Manager server processes", "管理器服务器进程"),
        "manager_servers_alive_after_shutdown": Text("Manager servers alive after shutdown", "关闭后仍存活的管理器"),
        "expected": Text("Expected total", "期望的总数"),
        "array_slots_total": Text("Array slots added up", "Array 各槽位之和"),
        **TYPECODES,
        **FAMILIES,
        "deadlock": Text("Deadlocked", "发生了死锁"),
        "detected_after_s": Text("Deadlock noticed after", "发现死锁用时"),
        "rounds_completed": Text("Rounds completed", "完成的轮数"),
        "lock_acquisitions": Text("Locks acquired", "获取锁的次数"),
        # 3. Message passing
        "steps": Text("Calls tried", "尝试的调用"),
        "put_timeout_raised_full": Text("put(timeout) raised Full", "put(timeout) 抛出 Full"),
        "put_timeout_blocked_s": Text("put(timeout) blocked for", "put(timeout) 阻塞时间"),
        "put_blocked_until_room_s": Text("put() blocked until there was room", "put() 阻塞到有空位的时间"),
        "get_nowait_raised_empty": Text("get_nowait() raised Empty", "get_nowait() 抛出 Empty"),
        "get_timeout_raised_empty": Text("get(timeout) raised Empty", "get(timeout) 抛出 Empty"),
        "get_timeout_blocked_s": Text("get(timeout) blocked for", "get(timeout) 阻塞时间"),
        "empty_right_after_put": Text("empty() was True right after put()", "put() 之后立刻 empty() 仍为 True"),
        "empty_after_put_tries": Text("Repeated tries of put(); empty()", "重复 put(); empty() 的次数"),
        "empty_after_put_true": Text(
            "Tries where empty() was True right after put()", "put() 之后立刻 empty() 为 True 的次数"
        ),
        "empty_after_put_true_percent": Text(
            "empty() True right after put(), share of tries", "put() 之后立刻 empty() 为 True 的比例"
        ),
        "raised": Text("Calls that raised", "抛出异常的调用"),
        "join_timed_out": Text("join(timeout) timed out", "join(timeout) 超时"),
        "final_join_s": Text("Last join() took", "最后一次 join() 用时"),
        "child_flush_s": Text("Child's feeder thread flushed in", "子进程的 feeder 线程写完用时"),
        "received": Text("Items received", "收到的项目"),
        "lost": Text("Items lost", "丢失的项目"),
        "produced": Text("Items produced", "生产的项目"),
        "consumed": Text("Items consumed", "消费的项目"),
        "duplicates": Text("Items consumed twice", "被消费两次的项目"),
        "missing": Text("Items never consumed", "从未被消费的项目"),
        "max_depth": Text("Most items in the queue", "队列中最多的项目数"),
        "throughput_per_s": Text("Throughput", "吞吐量"),
        "task_done_at_join": Text("task_done() calls when join() returned", "join() 返回时 task_done() 的次数"),
        "task_done_total": Text("task_done() calls in all", "task_done() 调用总数"),
        "consumers_alive_at_end": Text("Consumers still blocked at the end", "结束时仍在阻塞的消费者"),
        "round_trip_median_us": Text("Round trip, median", "往返时间（中位数）"),
        "round_trip_mean_us": Text("Round trip, average", "往返时间（平均）"),
        "pipe_msgs_per_s": Text("Messages through a Pipe", "经 Pipe 的消息"),
        "queue_msgs_per_s": Text("Messages through a Queue", "经 Queue 的消息"),
        "pipe_vs_queue": Text("Pipe speed ÷ Queue speed", "Pipe 速度 ÷ Queue 速度"),
        "send_on_receive_end_raised": Text("send() on the receiving end raised", "在接收端调用 send() 抛出异常"),
        "recv_on_send_end_raised": Text("recv() on the sending end raised", "在发送端调用 recv() 抛出异常"),
        "numbers": Text("Numbers added", "累加的数字"),
        "contents_correct": Text("Contents correct", "内容正确"),
        "list_ok": Text("list proxy correct", "list 代理正确"),
        "dict_ok": Text("dict proxy correct", "dict 代理正确"),
        "namespace_ok": Text("Namespace correct", "Namespace 正确"),
        "queue_ok": Text("Queue proxy correct", "Queue 代理正确"),
        "proxy_ops_per_s": Text("Operations through a proxy", "经代理的操作"),
        "value_ops_per_s": Text("Operations on a shared Value", "共享 Value 上的操作"),
        "value_vs_proxy": Text("Value speed ÷ proxy speed", "Value 速度 ÷ 代理速度"),
        "nested_append_kept": Text("Appends to a nested list kept", "嵌套列表中保留下来的追加"),
        "server_alive_after_shutdown": Text("Server alive after the with-block", "离开 with 块后服务器仍存活"),
        # 4. Pools
        "speedup_apply": Text("Speed-up with apply()", "apply() 的加速比"),
        "speedup_apply_async": Text("Speed-up with apply_async()", "apply_async() 的加速比"),
        "speedup_map": Text("Speed-up with map()", "map() 的加速比"),
        "efficiency_apply": Text("Efficiency of apply() (speed-up per worker)", "apply() 的效率（每进程加速比）"),
        "efficiency_apply_async": Text("Efficiency of apply_async()", "apply_async() 的效率"),
        "efficiency_map": Text("Efficiency of map()", "map() 的效率"),
        "speedup_map_{n}_workers": Text("Speed-up with map() and {n} workers", "{n} 个工作进程时 map() 的加速比"),
        "task_slowdown_apply_async": Text(
            "Task time with apply_async() ÷ with apply()", "apply_async() 下的任务用时 ÷ apply() 下的任务用时"
        ),
        "task_slowdown_map": Text("Task time with map() ÷ with apply()", "map() 下的任务用时 ÷ apply() 下的任务用时"),
        "sequential_s": Text("Time one after another", "依次执行的时间"),
        "pool_size": Text("Pool size", "进程池大小"),
        "distinct_worker_pids": Text("Different worker PIDs", "不同的工作进程 PID"),
        "succeeded": Text("Tasks that succeeded", "成功的任务"),
        "error_callbacks": Text("error_callback calls", "error_callback 调用次数"),
        "errors_with_traceback": Text("Errors with the worker's traceback", "带有工作进程回溯的错误"),
        "get_reraised": Text("get() calls that raised again", "再次抛出异常的 get() 调用"),
        "terminate_submitted": Text("Tasks submitted before terminate()", "terminate() 之前提交的任务"),
        "terminate_started": Text("Tasks started before terminate()", "terminate() 之前开始的任务"),
        "terminate_unrun": Text("Tasks that never ran", "从未运行的任务"),
        "terminate_finished": Text("Tasks finished before terminate()", "terminate() 之前完成的任务"),
        "found": Text("PIN found", "找到了 PIN"),
        "blocks_total": Text("Blocks to search", "待搜索的块"),
        "submitted": Text("Blocks submitted", "已提交的块"),
        "tasks_run": Text("Tasks that ran", "运行过的任务"),
        "run_share": Text("Share of submitted tasks that ran (1 = all)", "已提交任务中运行过的比例（1 = 全部）"),
        "search_s": Text("Search took", "搜索用时"),
        "found_to_gone_ms": Text("From found to no worker left", "从找到到工作进程全部退出"),
        "workers_alive_after": Text("Workers alive afterwards", "之后仍存活的工作进程"),
        "pages_serial": Text("Pages, serial crawl", "串行抓取的页面"),
        "pages_pool": Text("Pages, pool crawl", "进程池抓取的页面"),
        "same_pages": Text("Both crawls found the same pages", "两次抓取得到相同的页面"),
        "levels": Text("Link levels", "链接层数"),
        "serial_s": Text("Serial crawl took", "串行抓取用时"),
        "pool_s": Text("Pool crawl took", "进程池抓取用时"),
        "pool_start_s": Text("Pool start-up", "进程池启动用时"),
        "workers_used": Text("Workers that did work", "实际干活的工作进程"),
        "requests_served": Text("Requests served", "处理的请求"),
        "all_echoed": Text("Every message echoed", "每条消息都被回显"),
        # 5. Threads and the GIL
        "cpu_threads": Text("CPU-bound threads", "CPU 密集型线程"),
        "cpu_processes": Text("CPU-bound processes", "CPU 密集型进程"),
        "speedup_threads": Text("Speed-up with threads", "线程带来的加速"),
        "speedup_processes": Text("Speed-up with processes", "进程带来的加速"),
        "gil_enabled": Text("GIL enabled", "GIL 已启用"),
        "process_start_up_s": Text("Process start-up", "进程启动时间"),
        "process_slowdown": Text("A process's time side by side ÷ alone", "进程同时运行时的用时 ÷ 单独运行时的用时"),
        "cpu_task_slowdown": Text("A CPU task's time in the process pool ÷ alone", "进程池中 CPU 任务用时 ÷ 单独用时"),
        "wait_s": Text("Wait per task", "每个任务的等待"),
        "thread_wall_s": Text("Threads took", "线程用时"),
        "longest_task_s": Text("Longest task", "最长的任务"),
        "serial_sum_s": Text("One after another would take", "依次执行所需的时间"),
        "thread_start_ms": Text("Start-up per thread", "每个线程的启动时间"),
        "thread_memory_kb": Text("Memory per thread", "每个线程的内存"),
        "process_wall_s": Text("Processes took", "进程用时"),
        "process_start_ms": Text("Start-up per process", "每个进程的启动时间"),
        "process_memory_mb": Text("Memory per process", "每个进程的内存"),
        "nonzero_unlocked": Text("Trials off balance without the lock", "不加锁时余额不为零的试验"),
        "nonzero_locked": Text("Trials off balance with the lock", "加锁时余额不为零的试验"),
        "nonzero_plain": Text("Trials off balance, plain loop", "普通循环时余额不为零的试验"),
        "nonzero_unlocked_fraction": Text("Share off balance, no lock (1 = all)", "不加锁时余额非零的比例（1 = 全部）"),
        "worst_unlocked_balance": Text("Worst balance without the lock", "不加锁时最差的余额"),
        "unlocked_wall_s": Text("Time without the lock", "不加锁的用时"),
        "locked_wall_s": Text("Time with the lock", "加锁的用时"),
        "switch_interval_ms": Text("Thread switch interval", "线程切换间隔"),
        "reads": Text("Reads", "读取次数"),
        "threads_seeing_only_own": Text("Threads that saw only their own value", "只看到自己值的线程"),
        "local_foreign_reads": Text("Others' values read via threading.local", "经 threading.local 读到别人的值"),
        "shared_foreign_reads": Text("Others' values read via a shared global", "经共享全局变量读到别人的值"),
        "inherited_values": Text("Values a new thread inherited", "新线程继承到的值"),
        "main_value_kept": Text("Main thread's value kept", "主线程的值保持不变"),
        "thread_cpu_s": Text("CPU tasks, thread pool", "CPU 任务：线程池用时"),
        "process_cpu_s": Text("CPU tasks, process pool", "CPU 任务：进程池用时"),
        "thread_io_s": Text("IO tasks, thread pool", "IO 任务：线程池用时"),
        "process_io_s": Text("IO tasks, process pool", "IO 任务：进程池用时"),
        "thread_start_s": Text("Thread pool start-up", "线程池启动用时"),
        "process_start_s": Text("Process pool start-up", "进程池启动用时"),
        "thread_cpu_cores": Text("Cores used by the thread pool (CPU tasks)", "线程池使用的核心（CPU 任务）"),
        "process_cpu_cores": Text("Cores used by the process pool (CPU tasks)", "进程池使用的核心（CPU 任务）"),
        "cpu_process_speedup": Text("CPU tasks: process pool speed-up", "CPU 任务：进程池的加速比"),
        "io_process_speedup": Text("IO tasks: process pool speed-up", "IO 任务：进程池的加速比"),
        "results_match": Text("Both pools gave the same results", "两种池的结果相同"),
        "sum_s": Text("Tasks added up", "任务时长之和"),
        "longest_s": Text("Longest task", "最长的任务"),
        "start_s": Text("Executor start-up", "执行器启动用时"),
        "as_completed_matches_finish_order": Text("as_completed() kept finish order", "as_completed() 按完成顺序给出"),
        # 6. Coroutines and IO models
        "generators_wall_s": Text("Generators took", "生成器用时"),
        "generators_slept_s": Text("Naps added up", "小睡时间之和"),
        "coroutine_threads": Text("Threads the coroutines ran in", "协程所用的线程"),
        "thread_threads": Text("Threads the thread version used", "线程版本所用的线程"),
        "processes_startup_s": Text("Process start-up", "进程启动用时"),
        "all_completed": Text("Every wait completed", "所有等待都完成了"),
        "polling_empty_polls": Text("Empty polls", "空轮询次数"),
        "selectors_wakeups": Text("select() wake-ups", "select() 唤醒次数"),
        "all_served": Text("Every message served", "每条消息都得到处理"),
    }
)

_TIMES = Text("×", "×")
_CORES = Text("cores", "核")
FIGURE_UNITS = MappingProxyType(  # units the code name's suffix does not say
    {
        **{
            name: _TIMES
            for name in FIGURE_NAMES
            if "speedup" in name or "slowdown" in name or name in ("pipe_vs_queue", "value_vs_proxy")
        },
        **{name: _CORES for name in FIGURE_NAMES if name.startswith("background_cores") or name.endswith("_cpu_cores")},
        **{name: Text("bytes", "字节") for name in TYPECODES},
        **{name: Text("KB", "KB") for name in FIGURE_NAMES if name.endswith("_kb_per_wait")},
        **{name: Text("tries", "次") for name in ("empty_after_put_tries", "empty_after_put_true")},
    }
)

YES_NO = frozenset(  # 0 or 1: "no" or "yes"
    [
        "order_differs",
        "startup_dominated",
        "daemon_completed",
        "daemon_child_refused",
        "normal_completed",
        "parent_unchanged",
        "rlock",
        "reentry_blocked",
        "neighbour_got_in_early",
        "extra_release_raised",
        "deadlock",
        "put_timeout_raised_full",
        "get_nowait_raised_empty",
        "get_timeout_raised_empty",
        "empty_right_after_put",
        "join_timed_out",
        "send_on_receive_end_raised",
        "recv_on_send_end_raised",
        "contents_correct",
        "list_ok",
        "dict_ok",
        "namespace_ok",
        "queue_ok",
        "server_alive_after_shutdown",
        "found",
        "same_pages",
        "all_echoed",
        "gil_enabled",
        "main_value_kept",
        "results_match",
        "as_completed_matches_finish_order",
        "all_completed",
        "all_served",
    ]
    + [name for name in FIGURE_NAMES if name.endswith("_in_submission_order")]
)


def _declared(name: str) -> tuple[str, str]:
    """The declared name ``name`` is an instance of, and the number put in for ``{n}`` ("" if none)."""
    if name in FIGURE_NAMES:
        return name, ""
    for declared in FIGURE_NAMES:
        if PATTERN_PART in declared:
            head, tail = declared.split(PATTERN_PART, 1)
            middle = name[len(head) : len(name) - len(tail)] if len(name) > len(head) + len(tail) else ""
            if name.startswith(head) and name.endswith(tail) and middle.isdigit():
                return declared, middle
    return name, ""


def figure_name(name: str) -> Text | None:
    """``name`` (a code name; "speedup_map_4_workers" too) in words, or None for a figure no lesson declares."""
    declared, number = _declared(name)
    known = FIGURE_NAMES.get(declared)
    if known is None:
        return None
    return Text(known.en.replace(PATTERN_PART, number), known.zh.replace(PATTERN_PART, number)) if number else known


def figure_unit(name: str) -> Text | None:
    """The unit of ``name`` when its suffix does not say it ("×", "cores"), or None."""
    return FIGURE_UNITS.get(_declared(name)[0])


def is_yes_no(name: str) -> bool:
    """Whether ``name`` is a 0/1 answer read as "no"/"yes"."""
    return _declared(name)[0] in YES_NO
