"""Verdicts that compare CPU-bound phases judge each against the load during that phase, not the run's mean.

Each test builds an outcome without processes: phase marks, one sample every
0.1 s on a 2-core machine, and other programs busy during one phase only, so
that the run's mean stays under the busy threshold (what made CI red: a
burst inside pool-speedup's apply_async phase, with a quiet mean). The
verdict must name the load of that phase, with its figure, in both languages,
instead of drawing the lesson's conclusion from the spoiled figures.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.lessons import catalog, check
from desktop.model.events import PHASE, STATE, Event, State
from desktop.model.outcome import Outcome
from desktop.model.verdict import BUSY_CORES, Verdict
from desktop.monitor.sampler import Sample


def machine(result: dict, phases: list[tuple[str, float]], ended: float, busy: dict[str, float], events=()) -> Outcome:
    """``phases`` (name, start) up to ``ended``; other programs use ``busy[phase]`` cores during that phase, else 0."""
    starts = [start for _, start in phases] + [ended]
    samples = []
    for index in range(1, round(ended * 10) + 1):
        middle = 0.1 * index - 0.05  # the sample at t measured (t - 0.1, t]
        phase = next(name for (name, _), end in zip(phases, starts[1:], strict=True) if middle < end)
        cores = busy.get(phase, 0.0)
        samples.append(Sample(round(0.1 * index, 6), (cores * 50, cores * 50), {}))
    marks = [Event(start, 1, "main", PHASE, name, None, None) for name, start in phases]
    return Outcome(result, sorted([*marks, *events]), samples, 0.0, ended)


def judge(lesson_id: str, outcome: Outcome, **params: object) -> Verdict:
    lesson = catalog.load(lesson_id)
    verdict = lesson.verdict(lesson.parse_params(params), outcome)
    assert check.chinese_problems(verdict.text.zh) == [], verdict.text.zh
    assert verdict.figures.get("background_cores", 0.0) < BUSY_CORES  # the run's mean alone would name nothing
    return verdict


def state(t: float, worker: str, name: str) -> Event:
    return Event(t, 2, worker, STATE, name, None, None)


POOL = {"sequential": 1.0, "seconds": {"apply": 1.0, "apply_async": 0.9, "map": 0.95}, "sweep": {}, "cores": 2}
POOL_PHASES = [("warm-up", 0.0), ("sequential x2 #1", 6.0), ("apply x2 #1", 6.5), ("apply_async x2 #1", 7.0)]
POOL_PHASES += [("map x2 #1", 7.4), ("apply_async x2 #2", 7.8), ("map x2 #2", 8.2)]


def judge_pool_with_busy_first_rounds(counted_round: int):
    """pool-speedup whose apply_async and map were busy in round 1 (1.6 and 1.4 cores), their counted round given."""
    fastest = {"sequential": 1, "apply": 1, "apply_async": counted_round, "map": counted_round}
    outcome = machine(
        {**POOL, "fastest_round": fastest}, POOL_PHASES, 9.0, {"apply_async x2 #1": 1.6, "map x2 #1": 1.4}
    )
    return judge("pool-speedup", outcome, workers=2, rounds=2, sweep=False)


def test_pool_speedup_names_the_load_of_the_fastest_rounds_instead_of_saying_apply_async_lost():
    verdict = judge_pool_with_busy_first_rounds(counted_round=1)
    assert verdict.figures["background_cores_apply_async"] == 1.6 and verdict.figures["background_cores_map"] == 1.4
    assert "kept several workers busy at once" not in verdict.text.en and "同时忙碌" not in verdict.text.zh
    assert "Other programs used 1.4 of 2 cores during map's fastest round, so" in verdict.text.en
    assert "where other programs used 1.6)" in verdict.text.en and "could not pull ahead of apply" in verdict.text.en
    assert "map 最快的一轮期间，其他程序占用了 2 个核心中的 1.4 个，因此" in verdict.text.zh


def test_pool_speedup_judges_a_method_by_the_round_that_counted_not_a_discarded_busy_one():
    # apply_async's busy first round was slower and discarded: its counted second round was quiet.
    verdict = judge_pool_with_busy_first_rounds(counted_round=2)
    assert verdict.figures["background_cores_apply_async"] == 0.0 and verdict.figures["background_cores_map"] == 0.0
    assert "no cause was measured" in verdict.text.en and "没有测到原因" in verdict.text.zh
    assert "Other programs used" not in verdict.text.en


def test_pool_speedup_without_the_fastest_round_recorded_takes_each_methods_least_loaded_round():
    outcome = machine(POOL, POOL_PHASES, 9.0, {"apply_async x2 #1": 1.6, "apply_async x2 #2": 1.2, "map x2 #1": 0.9})
    verdict = judge("pool-speedup", outcome, workers=2, rounds=2, sweep=False)
    assert verdict.figures["background_cores_apply_async"] == 1.2 and verdict.figures["background_cores_map"] == 0.0


def test_gil_cpu_bound_names_a_busy_processes_phase_instead_of_saying_the_processes_ran_together():
    result = {"sequential": 2.0, "threads": 2.0, "processes": 1.9, "gil_enabled": True, "python": "3.11", "cores": 2}
    workers = [
        state(6.1, "main/thread-1", State.RUNNING),
        state(7.9, "main/thread-1", State.FINISHED),
        state(8.1, "process-1", State.RUNNING),
        state(8.9, "process-1", State.FINISHED),
    ]
    phases = [("sequential", 0.0), ("threads", 6.0), ("processes", 8.0)]
    verdict = judge("gil-cpu-bound", machine(result, phases, 9.0, {"processes": 1.5}, workers), workers=2)
    assert verdict.figures["background_cores_processes"] == 1.5 and verdict.figures["background_cores_threads"] == 0.0
    assert "ran at the same time" not in verdict.text.en and "同时在多个核心上运行" not in verdict.text.zh
    assert "Other programs used 1.5 of 2 cores during the processes phase, so" in verdict.text.en
    assert "could not pull ahead of the threads" in verdict.text.en
    assert "进程阶段期间，其他程序占用了 2 个核心中的 1.5 个" in verdict.text.zh


def batches(cpu_s: float, window: tuple[float, float]) -> dict:
    return {
        "start_s": 0.1,
        "cpu_s": cpu_s,
        "io_s": 0.2,
        "cpu_cores": 1.0,
        "cpu_results": [(0, 1)],
        "io_results": [(0, 0)],
        "cpu_window": window,
    }


def test_dummy_pool_names_the_load_during_the_process_pools_cpu_batch():
    result = {"threads": batches(0.4, (0.6, 1.0)), "processes": batches(0.38, (6.2, 6.6)), "iterations": 1}
    outcome = machine(result, [("thread pool", 0.0), ("process pool", 1.5)], 8.0, {})
    busy_batch = [replace(s, per_core=(80.0, 80.0)) if 6.2 < s.t <= 6.6 else s for s in outcome.samples]
    verdict = judge("dummy-pool", outcome.replace(samples=busy_batch), workers=2, cpu_tasks=1, io_tasks=1)
    assert (
        verdict.figures["background_cores_process_cpu"] == 1.6 and verdict.figures["background_cores_thread_cpu"] == 0
    )
    assert "the process pool wins" not in verdict.text.en
    assert "Other programs used 1.6 of 2 cores during the process pool's CPU batch, so" in verdict.text.en
    assert "进程池的 CPU 任务期间，其他程序占用了 2 个核心中的 1.6 个" in verdict.text.zh


def test_join_parallel_names_the_load_of_its_busier_phase():
    result = {"sleeps": [0.4, 1.0], "wall_all_then_join": 1.6, "wall_one_by_one": 1.8}
    phases = [("start-up", 0.0), ("all-then-join", 8.0), ("one-by-one", 9.6)]
    outcome = machine(result, phases, 11.4, {"all-then-join": 1.5})
    verdict = judge("join-parallel", outcome, children=2, shortest=0.4, longest=1.0)
    assert verdict.figures["background_cores_all_then_join"] == 1.5
    assert "Other programs used 1.5 of 2 cores during the start-all-then-join phase, so" in verdict.text.en
    assert "先全部启动再 join 阶段期间，其他程序占用了 2 个核心中的 1.5 个" in verdict.text.zh


def test_shared_value_array_blames_a_busy_adding_phase_for_no_collision():
    sizes = {"b": 1, "h": 2, "i": 4, "l": 8, "q": 8, "f": 4, "d": 8}
    result = {"total": 200, "own_counts": [100.0, 100.0], "wall": 0.3, "lock_type": "RLock", "sizes": sizes}
    outcome = machine(result, [("start-up", 0.0), ("adding", 4.0)], 4.3, {"adding": 1.7})
    verdict = judge("shared-value-array", outcome, workers=2, increments=100, lock=False)
    assert verdict.figures["background_cores_adding"] == 1.7
    assert "Other programs used 1.7 of 2 cores during the adding phase, so the workers seldom ran" in verdict.text.en
    assert "累加阶段期间，其他程序占用了 2 个核心中的 1.7 个" in verdict.text.zh


def test_process_states_judges_the_share_against_the_load_while_the_workers_competed():
    workers = [{"kind": "cpu", "name": f"cpu-{n}", "cpu_s": 0.25, "wall_s": 0.5} for n in (1, 2)]
    result = {"cores": 2, "cpu_workers": 2, "io_workers": 0, "workers": workers}
    phases = [("start-up", 0.0), ("competing for the cores", 4.0)]
    busy = judge("process-states", machine(result, phases, 4.5, {"competing for the cores": 1.2}))
    assert busy.figures["background_cores_competing"] == 1.2
    assert "during the competition for the cores, so the workers got less than a fair split" in busy.text.en
    assert "争抢核心阶段期间，其他程序占用了 2 个核心中的 1.2 个" in busy.text.zh
    # The other way round: others busy only while the workers started, quiet while they competed.
    quiet = judge("process-states", machine(result, phases, 4.5, {"start-up": 0.2}))
    assert "measured other programs using only 0.0 of 2 cores during the competition for the cores" in quiet.text.en


def echo_report(wall: float, **more: object) -> dict:
    return {"sent": 40, "correct": 40, "failures": [], "wall": wall, **more}


IO_MODELS = {
    model: echo_report(wall, cpu=cpu, polls=polls, left_listening=False)
    for model, wall, cpu, polls in (
        ("blocking", 4.0, 0.02, 0),
        ("polling", 0.9, 0.5, 9000),
        ("selectors", 0.9, 0.02, 40),
        ("asyncio", 0.9, 0.03, 0),
    )
}
IO_PHASES = [("blocking", 0.0), ("polling", 5.0), ("selectors", 6.0), ("asyncio", 7.0)]


def test_io_models_names_the_load_during_the_polling_phase():
    outcome = machine({"models": IO_MODELS, "server_exitcode": 0}, IO_PHASES, 10.0, {"polling": 1.4})
    verdict = judge("io-models", outcome, clients=4, messages=10)
    assert verdict.figures["background_cores_polling"] == 1.4
    assert "Other programs used 1.4 of 2 cores during the polling phase, so the polling server" in verdict.text.en
    assert "its CPU share and rate are lower than on a quiet machine" in verdict.text.en
    assert "轮询阶段期间，其他程序占用了 2 个核心中的 1.4 个，因此需要一整个核心的轮询服务器" in verdict.text.zh


def test_io_models_does_not_blame_load_while_a_server_slept_in_its_wait():
    # Busy only while the blocking server waited in recv(): no server needed a core then.
    outcome = machine({"models": IO_MODELS, "server_exitcode": 0}, IO_PHASES, 10.0, {"blocking": 0.4})
    verdict = judge("io-models", outcome, clients=4, messages=10)
    assert verdict.figures["background_cores_polling"] == 0.0
    assert "Other programs used" not in verdict.text.en and "其他程序占用" not in verdict.text.zh


SOCKET_MODELS = {"processes": echo_report(1.2), "pool": echo_report(0.9)}
SOCKET_MODELS |= {"threads": echo_report(0.5), "asyncio": echo_report(0.5)}
SOCKET_PHASES = [("processes", 0.0), ("pool", 1.0), ("threads", 2.0), ("asyncio", 3.0), ("done", 4.0)]


def test_socket_server_names_the_load_of_its_busier_spawning_phase():
    result = {"models": SOCKET_MODELS, "hosts": [], "ports": [], "listening_left": 0}
    outcome = machine(result, SOCKET_PHASES, 10.0, {"processes": 1.5, "pool": 0.5})
    verdict = judge("socket-server", outcome, clients=4, messages=10)
    assert verdict.figures["background_cores_processes"] == 1.5 and verdict.figures["background_cores_pool"] == 0.5
    assert "Other programs used 1.5 of 2 cores during the processes phase, so starting" in verdict.text.en
    assert "its rate is lower than on a quiet machine" in verdict.text.en
    assert "“每个连接一个进程”阶段期间，其他程序占用了 2 个核心中的 1.5 个，因此该阶段启动服务器进程" in verdict.text.zh
    # The pool's phase the busier one: that is the phase named.
    outcome = machine(result, SOCKET_PHASES, 10.0, {"pool": 1.2})
    verdict = judge("socket-server", outcome, clients=4, messages=10)
    assert "Other programs used 1.2 of 2 cores during the pool phase, so" in verdict.text.en
    assert "进程池阶段期间，其他程序占用了 2 个核心中的 1.2 个" in verdict.text.zh
