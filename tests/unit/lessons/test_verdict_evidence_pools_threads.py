"""A verdict never ignores evidence it has (chapters 4-6): fed a real run's outcome with one figure disagreeing.

As in test_verdict_evidence.py: a real quick run (``measured``), one piece of
evidence changed the way a different run would show it, and the lesson's
verdict called again; the text must follow the evidence.
"""

from __future__ import annotations


def test_pool_lifecycle_claims_replaced_workers_only_when_more_pids_than_the_pool_size(measured):
    run = measured("pool-lifecycle")
    workers = run.params.workers
    callbacks = run.outcome.result["callbacks"]
    assert run.verdict.figures["distinct_worker_pids"] > workers and "replaced" in run.verdict.text.en
    same_pids = run.judge(callbacks={**callbacks, "pids": callbacks["pids"][:workers]})
    assert same_pids.figures["distinct_worker_pids"] == workers
    assert "no worker was replaced" in same_pids.text.en and "没有工作进程被替换" in same_pids.text.zh


def test_pool_early_stop_says_nothing_was_dropped_when_every_submitted_block_ran(measured):
    run = measured("pool-early-stop")
    submitted = run.outcome.result["submitted"]
    all_ran = run.judge(tasks_run=submitted)
    assert all_ran.figures["run_share"] == 1.0
    assert "dropped the rest" not in all_ran.text.en and "nothing left to drop" in all_ran.text.en
    assert "丢弃。" not in all_ran.text.zh
    alive = run.judge(workers_alive_after=1)
    assert "something is wrong" in alive.text.en and "出问题了" in alive.text.zh


def test_crawler_never_calls_a_slower_pool_a_speedup(measured):
    run = measured("crawler")
    serial = run.outcome.result["serial_wall"]
    slower = run.judge(pool_wall=serial * 2)
    assert slower.figures["speedup"] == 0.5
    assert "speedup" not in slower.text.en and "2.0× slower than serial" in slower.text.en
    assert "加速" not in slower.text.zh and "慢 2.0 倍" in slower.text.zh


def test_dummy_pool_says_start_up_dominated_when_starting_the_processes_took_longer_than_the_work(measured):
    run = measured("dummy-pool")
    processes = run.outcome.result["processes"]
    slow_start = run.judge(processes={**processes, "start_s": processes["cpu_s"] * 3 + 0.1})
    assert slow_start.figures["startup_dominated"] == 1
    assert "start-up dominated" in slow_start.text.en and "启动开销占了主导" in slow_start.text.zh
    assert "the process pool wins" not in slow_start.text.en.split("IO-bound")[0]
    quick_start = run.judge(processes={**processes, "start_s": processes["cpu_s"] / 10})
    assert quick_start.figures["startup_dominated"] == 0 and "start-up dominated" not in quick_start.text.en


def test_thread_lock_balance_measures_the_plain_loop_and_names_the_call_that_shows_the_race(measured):
    run = measured("thread-lock-balance")
    trials = run.params.trials
    assert run.verdict.figures["nonzero_plain"] == sum(1 for f in run.outcome.result["plain"]["finals"] if f)
    wall = run.outcome.result["unlocked"]["wall_s"]
    raced = run.judge(unlocked={"finals": [5] + [0] * (trials - 1), "wall_s": wall}, plain={"finals": [0] * trials})
    assert "new_balance() is called between the read and the write" in raced.text.en
    assert "new_balance()" in raced.text.zh
    plain_raced = run.judge(plain={"finals": [8] + [0] * (trials - 1)})
    assert plain_raced.figures["nonzero_plain"] == 1 and "lost updates too in 1 of" in plain_raced.text.en


def test_threads_io_bound_says_the_threads_did_not_wait_together_when_they_took_as_long_as_in_turn(measured):
    run = measured("threads-io-bound")
    threads = run.outcome.result["threads"]
    assert "finished together" in run.verdict.text.en
    serial = run.judge(threads={**threads, "wall_s": threads["serial_s"]})
    assert serial.figures["speedup"] == 1.0
    assert "finished together" not in serial.text.en and "did not all wait at once" in serial.text.en
    assert "并没有全部同时等待" in serial.text.zh


def test_coroutines_do_not_claim_overlap_when_the_generators_took_as_long_as_their_sleeps(measured):
    run = measured("coroutines")
    generators = run.outcome.result["generators"]
    no_overlap = run.judge(generators={**generators, "wall": generators["slept"] + 0.01})
    assert "but finished in" not in no_overlap.text.en and "and took" in no_overlap.text.en
    assert "却在" not in no_overlap.text.zh
