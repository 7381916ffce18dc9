"""Selling tickets: a race on a shared "database" file, and the Lock that fixes it.

The database is a JSON file holding how many tickets are left. Every buyer is a
separate process that reads the count, waits for the (simulated) network, and
writes back one less. When buyers do this at the same time, several of them
read the same count, and every one of them believes it bought a ticket.

All buyers wait at a barrier and start together, like a sale opening at 10:00,
so the race shows up on every run instead of only on unlucky ones.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import tempfile
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, bool_param, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, plural
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")


def read_tickets(db_path: str) -> int:
    with open(db_path, encoding="utf-8") as db:
        return json.load(db)["tickets"]


def write_tickets(db_path: str, tickets: int) -> None:
    """Write the count atomically: a reader sees the old file or the new one, never a half-written one.

    Truncating and refilling the file in place is two steps, and a buyer reading between them got
    an empty file (JSONDecodeError) instead of the lost update this lesson is about. The new count
    goes to a private file that then replaces the database in one rename.
    """
    scratch = f"{db_path}.{os.getpid()}.tmp"
    with open(scratch, "w", encoding="utf-8") as db:
        json.dump({"tickets": tickets}, db)
    for _attempt in range(1000):  # Windows refuses to replace a file another buyer is reading: retry
        try:
            os.replace(scratch, db_path)
            return
        except PermissionError:
            time.sleep(0.001)
    os.replace(scratch, db_path)


def buy_one(probe: Probe, db_path: str, delay: float) -> None:
    """Read the count, pay over a slow network, write the count back."""
    probe.state(State.RUNNING, "reading the database", zh="读取数据库")
    left = read_tickets(db_path)
    probe.log(f"sees {left} ticket(s) left", zh=f"看到还剩 {left} 张票")
    if left <= 0:
        probe.log("sold out: leaves empty-handed", zh="售罄：空手离开")
        return
    probe.state(State.SLEEPING, "paying (network delay)", zh="付款中（网络延迟）")
    time.sleep(delay)
    probe.state(State.RUNNING, "writing the database", zh="写入数据库")
    write_tickets(db_path, left - 1)
    probe.count("sold")
    probe.log(f"bought a ticket, wrote {left - 1} left", zh=f"买到一张票，写回剩余 {left - 1} 张")


def buyer(probe: Probe, db_path: str, lock, sale_opens, delay: float) -> None:
    """One buyer process. ``lock`` is a ``ctx.Lock()`` or None."""
    probe.state(State.WAITING_BARRIER, "waiting for the sale to open", zh="等待开售")
    sale_opens.wait()
    if lock is None:
        buy_one(probe, db_path, delay)
    else:
        probe.state(State.WAITING_LOCK, "ticket lock", zh="票锁")
        with lock:
            buy_one(probe, db_path, delay)
    probe.state(State.FINISHED)


def main(params: Params, probe: Probe) -> dict:
    fd, db_path = tempfile.mkstemp(suffix=".json", prefix="tickets-")
    os.close(fd)
    write_tickets(db_path, params.inventory)
    lock = ctx.Lock() if params.lock else None
    sale_opens = ctx.Barrier(params.buyers + 1)
    buyers = [
        ctx.Process(target=buyer, args=(probe, db_path, lock, sale_opens, params.delay), name=f"buyer-{i + 1}")
        for i in range(params.buyers)
    ]
    for process in buyers:
        process.start()
    probe.state(State.WAITING_BARRIER, "waiting for every buyer to arrive", zh="等待所有买家到齐")
    sale_opens.wait()
    opened = time.perf_counter()
    probe.state(State.WAITING_JOIN, "joining the buyers", zh="等待买家结束")
    for process in buyers:
        process.join()
    wall = time.perf_counter() - opened
    left = read_tickets(db_path)
    os.remove(db_path)
    probe.state(State.FINISHED)
    return {"tickets_left": left, "wall": wall, "exitcodes": [p.exitcode for p in buyers]}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    sold = int(outcome.counter("sold"))
    inventory = params.inventory
    left = outcome.result["tickets_left"]
    wall = outcome.result["wall"]
    recorded = inventory - left  # sales the database kept
    lost = sold - recorded  # sales overwritten by a buyer who wrote back a stale count
    mode_en = "with the lock" if params.lock else "without a lock"
    mode_zh = "加锁" if params.lock else "不加锁"
    if lost > 0:
        oversold_en = f": oversold by {sold - inventory}, and" if sold > inventory else ", but"
        oversold_zh = f"超卖 {sold - inventory} 张，" if sold > inventory else ""
        en = (
            f"Sold {plural(sold, 'ticket')} out of {inventory} {mode_en}{oversold_en} the database recorded only "
            f"{plural(recorded, 'sale')} (it says {left} left): {plural(lost, 'sale')} "
            f"{'was' if lost == 1 else 'were'} overwritten by buyers who had read the same count, "
            "so the same ticket went to more than one buyer."
        )
        zh = (
            f"{mode_zh}：{inventory} 张票卖出了 {sold} 张，{oversold_zh}"
            f"数据库却只记下 {recorded} 笔（显示还剩 {left} 张）："
            f"有 {lost} 笔销售被读到同一余票数的买家覆盖，同一张票卖给了不止一位买家。"
        )
    elif lost < 0:
        en = (
            f"Sold {plural(sold, 'ticket')} out of {inventory} {mode_en}, yet the database recorded "
            f"{plural(recorded, 'sale')}: a buyer wrote without reporting the sale. Something is wrong."
        )
        zh = (
            f"{mode_zh}：{inventory} 张票卖出 {sold} 张，数据库却记下 {recorded} 笔："
            "有买家写了数据库却没有报告。出问题了。"
        )
    elif sold == min(inventory, params.buyers):
        en = (
            f"Sold {plural(sold, 'ticket')} out of {inventory} {mode_en}: no ticket was sold twice, "
            f"and the database agrees ({left} left)."
        )
        zh = f"{mode_zh}：{inventory} 张票卖出 {sold} 张，没有一张票被重复卖出，数据库也一致（还剩 {left} 张）。"
    else:
        missed = min(inventory, params.buyers) - sold
        en = (
            f"Sold {plural(sold, 'ticket')} out of {inventory} {mode_en} to {params.buyers} buyers: "
            f"{missed} fewer than the buyers and tickets allowed ({left} left)."
        )
        zh = (
            f"{mode_zh}：{params.buyers} 位买家只买到 {sold} 张（共 {inventory} 张），"
            f"比买家数和票数允许的少 {missed} 张（还剩 {left} 张）。"
        )
    en += f" Took {wall:.2f} s."
    zh += f"用时 {wall:.2f} 秒。"
    figures = {
        "inventory": inventory,
        "sold": sold,
        "oversold": max(0, sold - inventory),
        "lost_sales": max(0, lost),
        "tickets_left": left,
        "wall_s": round(wall, 3),
    }
    return Verdict(Text(en, zh), figures)


LESSON = Lesson(
    id="ticket-lock",
    chapter=Chapter.SYNCHRONISATION,
    exercise="lock_prints.py",
    title=Text("Selling tickets: a race and a Lock", "抢票：竞争条件与锁"),
    summary=Text(
        "Buyers in separate processes read a ticket count from a file, wait for the network, and write "
        "back one less. Without a lock several read the same count and the show is oversold.",
        "每位买家是一个独立进程：从文件读出余票数，等待网络，再写回减一后的数。"
        "不加锁时多个买家读到同一个数，票就被超卖了。",
    ),
    watch=Text(
        "Watch the 'sold' counter pass the inventory, then rerun with the lock and compare the wall time.",
        "观察“已售”计数超过库存；再勾选锁重新运行，比较用时。",
    ),
    explanation=Text(
        "Reading, deciding and writing are three steps. If another process runs between your read and your "
        "write, your write is based on stale data: a race condition. A multiprocessing.Lock makes the three "
        "steps one critical section that only one process at a time may enter. The price is that buyers now "
        "take turns, so the sale takes longer: correctness costs parallelism. (Each write replaces the file "
        "in one rename, so a buyer never reads a half-written file: the race you see is the lost update.)",
        "读取、判断、写回是三个步骤。如果在你读和写之间另一个进程插了进来，你写回的就是过时的数据，"
        "这就是竞争条件。multiprocessing.Lock 把这三步变成一个临界区，同一时刻只允许一个进程进入。"
        "代价是买家必须排队，整个售票过程变慢：正确性要用并行度来换。"
        "（每次写入都用一次重命名替换整个文件，买家不会读到写了一半的文件：你看到的竞争是更新丢失。）",
    ),
    params=(
        int_param("buyers", 10, 1, 64, Text("Buyers", "买家数"), "processes"),
        int_param("inventory", 5, 0, 1000, Text("Tickets for sale", "票的库存"), "tickets"),
        float_param("delay", 0.2, 0.0, 5.0, Text("Network delay", "网络延迟"), "s"),
        bool_param("lock", False, Text("Use a Lock", "使用锁")),
    ),
    main=main,
    verdict=verdict,
    quick={"buyers": 4, "inventory": 2, "delay": 0.1},
    concepts=("Lock", "race condition", "critical section", "Barrier", "锁", "竞争条件", "临界区"),
    prediction=prediction.number("sold", "How many tickets will be sold?", "会卖出多少张票？", ("tickets", "张")),
    comparison=comparison.switch(
        "lock", ("Without a lock", "不加锁"), ("With a Lock", "加锁"), ("sold", "lost_sales", "oversold", "wall_s")
    ),
    figures=("inventory", "sold", "oversold", "lost_sales", "tickets_left", "wall_s"),
)
