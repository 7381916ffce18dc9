"""Writers that share one output garble each other's lines; a Lock keeps every line whole.

Several processes write lines to the same file, the way several processes
print to the same terminal. A line is written in pieces, as ``print`` does
when it writes its arguments and then the newline: one ``write`` per piece,
unbuffered, in append mode, with a tiny pause between pieces (a line that is
built slowly). When two writers are between the pieces of their lines at the
same time, their pieces end up mixed on one line.

With a shared ``ctx.Lock`` held around a whole line, only one writer at a time
may be in the middle of a line, so every line comes out whole.

Each trial runs both ways, without and then with the lock, all writers
starting together at a barrier. Afterwards the parent reads the files back
and counts the malformed lines.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import tempfile
import time

from desktop.model import comparison, prediction
from desktop.model.lesson import Chapter, Lesson
from desktop.model.param import Params, float_param, int_param
from desktop.model.text import Text
from desktop.model.verdict import Verdict, ratio, rounded
from desktop.runtime.probe import Probe, State

TYPE_CHECKING = False  # typing's own constant without importing typing: every worker imports this module
if TYPE_CHECKING:
    from desktop.model.outcome import Outcome  # the verdict's annotation: a worker never needs it

ctx = multiprocessing.get_context("spawn")

PIECE = re.compile(r"<(\d+)\.(\d+)\.(\d+)>")


def piece(writer: int, line: int, part: int) -> str:
    """One piece of a line: who wrote it, which line, which part."""
    return f"<{writer}.{line}.{part}>"


def whole_line(writer: int, line: int, pieces: int) -> str:
    return "".join(piece(writer, line, part) for part in range(pieces))


def write_line(out, writer: int, line: int, pieces: int, pause: float) -> None:
    for part in range(pieces):
        out.write(piece(writer, line, part).encode())
        time.sleep(pause)  # building the next piece takes a moment...
    out.write(b"\n")


def writer_process(probe: Probe, rounds: list[tuple[str, bool]], lock, barrier, index: int, params: Params) -> None:
    """Write ``params.lines`` lines into each round's file; hold ``lock`` per line when the round says so."""
    pause = params.pause_ms / 1000
    for path, locked in rounds:
        probe.state(State.WAITING_BARRIER, "waiting for the other writers", zh="等待其他写入者")
        barrier.wait()
        with open(path, "ab", buffering=0) as out:  # unbuffered: every write() goes straight to the file
            for line in range(params.lines):
                if locked:
                    probe.state(State.WAITING_LOCK, "print lock", zh="打印锁")
                    with lock:
                        probe.state(State.RUNNING, "writing a line (holding the lock)", zh="写一行（持有锁）")
                        write_line(out, index, line, params.pieces, pause)
                else:
                    probe.state(State.RUNNING, "writing a line", zh="写一行")
                    write_line(out, index, line, params.pieces, pause)
                probe.count("lines_written")
    probe.state(State.FINISHED)


def malformed_lines(text: str, pieces: int) -> tuple[int, int, str]:
    """(malformed, total, shortest line mixing writers) for the lines in ``text``."""
    bad, total, example = 0, 0, ""
    for line in text.splitlines():
        total += 1
        first = PIECE.match(line)
        if first and line == whole_line(int(first.group(1)), int(first.group(2)), pieces):
            continue
        bad += 1
        mixed = len({match.group(1) for match in PIECE.finditer(line)}) > 1
        if mixed and (not example or len(line) < len(example)):
            example = line  # the shortest line mixing two writers is the easiest to read
    return bad, total, example


def main(params: Params, probe: Probe) -> dict:
    scratch = tempfile.mkdtemp(prefix="print-interleave-")
    rounds = []
    for trial in range(1, params.trials + 1):
        for locked in (False, True):
            rounds.append((os.path.join(scratch, f"trial{trial}-{'lock' if locked else 'nolock'}.txt"), locked))
    for path, _ in rounds:
        open(path, "wb").close()
    lock = ctx.Lock()
    barrier = ctx.Barrier(params.writers + 1)  # the parent joins in, to mark each round's start
    writers = [
        ctx.Process(
            target=writer_process, args=(probe, rounds, lock, barrier, index + 1, params), name=f"writer-{index + 1}"
        )
        for index in range(params.writers)
    ]
    for writer in writers:
        writer.start()
    for trial_round, (_, locked) in enumerate(rounds):
        probe.state(State.WAITING_BARRIER, "waiting for the writers", zh="等待写入者")
        barrier.wait()
        probe.phase(
            f"trial {trial_round // 2 + 1}: {'with' if locked else 'without'} lock",
            zh=f"第 {trial_round // 2 + 1} 次试验：{'加锁' if locked else '不加锁'}",
        )
    probe.state(State.WAITING_JOIN, "joining the writers", zh="等待写入者结束")
    for writer in writers:
        writer.join()
    probe.state(State.RUNNING, "reading the files back", zh="读回文件")
    results = []
    for trial_round, (path, locked) in enumerate(rounds):
        with open(path, encoding="ascii", errors="replace") as written:
            bad, total, example = malformed_lines(written.read(), params.pieces)
        os.remove(path)
        results.append(
            {"trial": trial_round // 2 + 1, "locked": locked, "malformed": bad, "lines": total, "example": example}
        )
        probe.log(
            f"trial {trial_round // 2 + 1} {'with' if locked else 'without'} lock: {bad} of {total} lines malformed",
            zh=f"第 {trial_round // 2 + 1} 次试验（{'加锁' if locked else '不加锁'}）：{total} 行中 {bad} 行损坏",
        )
    os.rmdir(scratch)
    probe.state(State.FINISHED)
    return {"rounds": results, "expected_lines": params.writers * params.lines}


def verdict(params: Params, outcome: Outcome) -> Verdict:
    rounds = outcome.result["rounds"]
    expected = outcome.result["expected_lines"]
    unlocked = [r for r in rounds if not r["locked"]]
    locked = [r for r in rounds if r["locked"]]
    bad_unlocked = [r["malformed"] for r in unlocked]
    bad_locked = sum(r["malformed"] for r in locked)
    lines_unlocked = sum(r["lines"] for r in unlocked)
    garbled_trials = sum(1 for count in bad_unlocked if count)
    rate = ratio(sum(bad_unlocked), lines_unlocked)
    example = next((r["example"] for r in unlocked if r["example"]), "")
    per_trial = ", ".join(str(count) for count in bad_unlocked)
    en = (
        f"{params.writers} writers, {expected} lines per trial. Without a lock: {per_trial} malformed lines in "
        f"{len(unlocked)} trial(s) ({rate:.0%} of all lines; garbled in {garbled_trials} of {len(unlocked)} trials)"
    )
    zh = (
        f"{params.writers} 个写入者，每次试验共 {expected} 行。"
        f"不加锁：{len(unlocked)} 次试验中损坏的行数分别为 {per_trial}"
        f"（占全部行的 {rate:.0%}；{len(unlocked)} 次中有 {garbled_trials} 次出现错乱）"
    )
    if example:
        shown = example if len(example) <= 90 else example[:87] + "..."
        en += f", e.g. {shown}"
        zh += f"，例如 `{example if len(example) <= 90 else example[:87] + '……'}`"
    elif not garbled_trials:
        en += ": this time the writers happened not to collide; try more writers or a longer pause"
        zh += "：这一次写入者碰巧没有撞在一起，可以增加写入者或加长停顿再试"
    en += f". With the Lock: {bad_locked} malformed lines in {len(locked)} trial(s)"
    zh += f"。加锁：{len(locked)} 次试验中损坏的行共 {bad_locked} 行"
    if bad_locked:
        en += ": the lock did not keep the lines whole, something is wrong."
        zh += "：锁没能保住整行，出问题了。"
    else:
        en += "."
        zh += "。"
    figures = {
        "writers": params.writers,
        "trials": len(unlocked),
        "lines_per_trial": expected,
        "malformed_without_lock": sum(bad_unlocked),
        "malformed_with_lock": bad_locked,
        "malformed_rate_without_lock": rate,
        "garbled_trials_without_lock": garbled_trials,
        "lines_read_with_lock": sum(r["lines"] for r in locked),
    }
    return Verdict(Text(en, zh), rounded(figures))


LESSON = Lesson(
    id="print-interleave",
    chapter=Chapter.PROCESSES,
    exercise="lock_prints.py",
    title=Text("Garbled output, and a Lock that fixes it", "输出错乱，以及用锁来修复"),
    summary=Text(
        "Several processes write lines, piece by piece, into one shared file. Without a lock their pieces mix "
        "into malformed lines; with a Lock held per line, every line comes out whole.",
        "多个进程把一行行文字分成几段写进同一个文件。不加锁时，各进程的片段混在一起，出现残缺错乱的行；"
        "每写一行都持有锁时，每一行都完整无缺。",
    ),
    watch=Text(
        "Compare the log lines for each trial: malformed lines without the lock, zero with it. On the "
        "timeline, the locked rounds show writers queuing for the print lock.",
        "对比每次试验的日志：不加锁时有损坏的行，加锁后为零。在时间线上，加锁的轮次里写入者在排队等待打印锁。",
    ),
    explanation=Text(
        "Writing a line is rarely one operation: print() writes its text and then the newline, and a program "
        "may build a line from several writes. Each small write usually lands in one piece, but between two "
        "writes of one process, another process may write too. Whether that happens depends on timing, so garbling is "
        "probabilistic: frequent here because every line is written slowly, rare in a quick program, but never "
        "impossible. A multiprocessing.Lock around the whole line makes it a critical section: the output is "
        "always well formed, and writers take turns.",
        "写一行文字很少是一次完成的：print() 先写内容再写换行，程序也可能用好几次写入拼出一行。"
        "每一次小的写入通常会完整落盘，但在同一进程的两次写入之间，别的进程也可能插进来写。"
        "是否发生取决于时机，所以错乱是概率性的：这里每行都写得很慢，所以很常见；在快速的程序里少见，但绝非不可能。"
        "在整行外面加一把 multiprocessing.Lock，就把它变成临界区：输出总是完整的，代价是写入者要轮流来。",
    ),
    params=(
        int_param("writers", 4, 2, 16, Text("Writers", "写入者"), "processes"),
        int_param("lines", 20, 1, 1000, Text("Lines per writer", "每个写入者的行数"), "lines"),
        int_param("pieces", 4, 2, 20, Text("Pieces per line", "每行分几段写"), "pieces"),
        float_param("pause_ms", 0.2, 0.0, 50.0, Text("Pause between pieces", "片段之间的停顿"), "ms"),
        int_param("trials", 3, 1, 10, Text("Trials", "试验次数"), "trials"),
    ),
    main=main,
    verdict=verdict,
    quick={"writers": 3, "lines": 10, "pieces": 3, "trials": 1},
    concepts=("print", "Lock", "interleaving", "stdout", "critical section", "输出", "交错", "锁"),
    prediction=prediction.yes_no(
        "malformed_without_lock",
        "Several processes print their lines piece by piece without a lock. Will any line come out mixed up?",
        "多个进程不加锁、一段一段地打印各自的行。会有行被打乱吗？",
        ("Yes, some lines get mixed up", "会，有些行被打乱"),
        ("No, every line stays whole", "不会，每行都完整"),
    ),
    comparison=comparison.vary(
        "writers", 2, 8, "{} writers", "{} 个写入者", ("malformed_without_lock", "malformed_rate_without_lock")
    ),
    figures=(
        "writers",
        "trials",
        "lines_per_trial",
        "malformed_without_lock",
        "malformed_with_lock",
        "malformed_rate_without_lock",
        "garbled_trials_without_lock",
        "lines_read_with_lock",
    ),
)
