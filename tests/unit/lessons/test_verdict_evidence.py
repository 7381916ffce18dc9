"""A verdict never ignores evidence it has (chapters 1-3): fed a real run's outcome with one figure disagreeing.

Each test takes the outcome of a real quick run (``measured``), changes one
piece of evidence the way a failing or racing run would show it, and calls the
lesson's verdict again: the text must follow the evidence, not the lesson's
usual story.
"""

from __future__ import annotations

from desktop.model.param import Params


def test_ticket_lock_reports_sales_the_database_lost_even_when_none_was_oversold(measured):
    run = measured("ticket-lock", buyers=5, inventory=5, lock=True)
    assert run.verdict.figures["sold"] == 5 and run.verdict.figures["lost_sales"] == 0
    assert "no ticket was sold twice" in run.verdict.text.en and "database agrees" in run.verdict.text.en
    # The run without a lock: five buyers paid, the database says 4 left.
    verdict = run.judge(tickets_left=4)
    assert verdict.figures["lost_sales"] == 4 and verdict.figures["oversold"] == 0
    assert "no ticket was sold twice" not in verdict.text.en
    assert "recorded only 1 sale" in verdict.text.en and "4 sales were overwritten" in verdict.text.en
    assert "有 4 笔销售被" in verdict.text.zh and "没有一张票被重复卖出" not in verdict.text.zh


def test_ticket_lock_reports_both_overselling_and_lost_sales(measured):
    run = measured("ticket-lock", buyers=5, inventory=5, lock=True)
    verdict = run.judge(Params({**run.params, "inventory": 3}), tickets_left=2)
    assert verdict.figures["oversold"] == 2 and verdict.figures["lost_sales"] == 4
    assert "oversold by 2, and the database recorded only 1 sale" in verdict.text.en and "超卖 2 张" in verdict.text.zh


def test_manager_counter_counts_lost_updates_from_the_decrements_that_ran(measured):
    run = measured("manager-counter", lock=True)
    start = run.outcome.result["start"]
    assert run.verdict.figures["decrements"] == start and run.verdict.figures["lost_updates"] == 0
    lost = run.judge(final=3)
    assert lost.figures["lost_updates"] == 3 and "3 of them" in lost.text.en
    # Fewer decrements ran than planned: what is left on the counter was never taken off, not lost.
    short = run.judge(start=start + 5, final=5)
    assert short.figures["lost_updates"] == 0
    assert "were lost" not in short.text.en and "Something is wrong" in short.text.en
    assert "出问题了" in short.text.zh


def test_shared_value_array_counts_lost_increments_against_the_increments_done(measured):
    run = measured("shared-value-array", lock=True)
    own = run.outcome.result["own_counts"]
    expected = run.verdict.figures["expected"]
    lost = run.judge(total=expected - 7)
    assert lost.figures["lost_updates"] == 7 and "7 increments" in lost.text.en
    # A worker that stopped early: the slots say fewer increments were done; the Value agrees with them.
    fewer = [count - 1 for count in own]
    short = run.judge(own_counts=fewer, total=round(sum(fewer)))
    assert short.figures["lost_updates"] == 0
    assert "exactly" not in short.text.en and "Only" in short.text.en and "出问题了" in short.text.zh


def test_globals_not_shared_does_not_credit_spawn_when_a_child_saw_the_parents_line(measured):
    run = measured("globals-not-shared")
    assert "None of the" in run.verdict.text.en and run.verdict.figures["children_that_saw_parent_line"] == 0
    copies = {name: dict(copy) for name, copy in run.outcome.result["copies"].items()}
    first = sorted(copies)[0]
    copies[first]["seen_at_start"] = ["the parent was here"]
    verdict = run.judge(copies=copies)
    assert verdict.figures["children_that_saw_parent_line"] == 1
    assert "gives each a fresh import" not in verdict.text.en and "not fresh imports" in verdict.text.en
    assert "重新导入模块" not in verdict.text.zh


def test_print_interleave_says_something_is_wrong_when_lines_broke_under_the_lock(measured):
    run = measured("print-interleave")
    assert "something is wrong" not in run.verdict.text.en
    rounds = [dict(r, malformed=2) if r["locked"] else r for r in run.outcome.result["rounds"]]
    verdict = run.judge(rounds=rounds)
    assert verdict.figures["malformed_with_lock"] > 0
    assert "something is wrong" in verdict.text.en and "出问题了" in verdict.text.zh


def test_join_parallel_says_start_up_dominated_instead_of_drawing_the_lesson(measured):
    run = measured("join-parallel")
    sleeps = run.outcome.result["sleeps"]
    total, count = sum(sleeps), len(sleeps)
    slow_start = run.judge(wall_all_then_join=max(sleeps) + 0.5, wall_one_by_one=total + count * 0.5)
    assert slow_start.figures["startup_dominated"] == 1
    assert "nearer the longest sleep" not in slow_start.text.en and "cannot show" in slow_start.text.en
    assert "启动" in slow_start.text.zh and "更接近" not in slow_start.text.zh
    quick_start = run.judge(wall_all_then_join=max(sleeps) + 0.01, wall_one_by_one=total + count * 0.01)
    assert quick_start.figures["startup_dominated"] == 0 and "nearer the longest sleep" in quick_start.text.en
    # The real run says one or the other, from its own figures.
    dominated = run.verdict.figures["startup_per_child_s"] > total / count
    assert run.verdict.figures["startup_dominated"] == int(dominated)
    assert ("cannot show" in run.verdict.text.en) == dominated


def test_semaphore_room_flags_visitors_still_counted_inside_at_the_end(measured):
    run = measured("semaphore-room")
    assert run.verdict.figures["final_occupancy"] == 0 and "something is wrong" not in run.verdict.text.en
    verdict = run.judge(final_occupancy=2)
    assert verdict.figures["final_occupancy"] == 2
    assert "2 visitor(s) were still counted inside" in verdict.text.en and "出问题了" in verdict.text.zh


def test_event_traffic_light_flags_a_car_that_crossed_on_red(measured):
    run = measured("event-traffic-light")
    assert run.verdict.figures["cars_on_red"] == 0 and "something is wrong" not in run.verdict.text.en
    switches = run.outcome.result["switches"]  # (colour, t), starting red
    red_until = switches[1][1] if len(switches) > 1 else run.outcome.result["ended"]
    during_red = (switches[0][1] + red_until) / 2
    crossings = [list(c) for c in run.outcome.result["crossings"]]
    car = next(c for c in crossings if not c[1])
    car[2] = car[3] = during_red  # a car that arrived and crossed while the light was red
    verdict = run.judge(crossings=crossings)
    assert verdict.figures["cars_on_red"] == 1
    assert "something is wrong" in verdict.text.en and "出问题了" in verdict.text.zh


def test_producer_consumer_judges_the_backlog_from_the_measured_depth_not_the_parameters(measured):
    run = measured("producer-consumer", maxsize=0, produce_interval=0.01, consume_interval=0.0)
    # Consumers faster by the parameters; a queue that nonetheless held many items is reported as a backlog.
    events = list(run.outcome.events)
    first = events[0]
    burst = [first._replace(kind="put", name="queue", t=first.t + i * 1e-6) for i in range(20)]
    verdict = run.lesson.verdict(run.params, run.outcome.replace(events=burst + events))
    assert verdict.figures["max_depth"] >= 20
    assert "consumers kept up" not in verdict.text.en and "fell behind" in verdict.text.en
    assert "跟不上" in verdict.text.zh


def test_process_states_does_not_say_each_kept_a_core_when_the_shares_say_otherwise(measured):
    run = measured("process-states", workers_per_core=1)
    workers = [
        dict(w, cpu_s=w["wall_s"] * 0.4) if w["name"].startswith("cpu-") else w for w in run.outcome.result["workers"]
    ]
    verdict = run.judge(workers=workers)
    assert verdict.figures["mean_cpu_share"] == 0.4
    assert "each could mostly keep a core to itself" not in verdict.text.en and "but did not" in verdict.text.en
    assert "实际却没有" in verdict.text.zh


def test_deadlock_never_says_all_rounds_completed_when_some_did_not(measured):
    run = measured("deadlock", variant=3)
    assert run.verdict.figures["deadlock"] == 0 and run.verdict.figures["rounds_completed"] == 2 * run.params.rounds
    first_round = next(e for e in run.outcome.events if e.kind == "count" and e.name == "rounds")
    events = [e for e in run.outcome.events if e is not first_round]
    verdict = run.lesson.verdict(run.params, run.outcome.replace(events=events))
    assert verdict.figures["rounds_completed"] == 2 * run.params.rounds - 1
    assert "rounds completed, no deadlock" not in verdict.text.en and "Something is wrong" in verdict.text.en
    assert "出问题了" in verdict.text.zh


def test_manager_types_says_when_the_proxy_was_not_slower_and_when_the_server_outlived_shutdown(measured):
    run = measured("manager-types")
    proxy_ops = run.outcome.result["proxy_ops"]
    faster = run.judge(value_ops=proxy_ops / 2)
    assert faster.figures["value_vs_proxy"] == 0.5
    assert "× slower" not in faster.text.en and "not the slower one" in faster.text.en
    alive = run.judge(server_alive_after_shutdown=True)
    assert "something is wrong" in alive.text.en and "出问题了" in alive.text.zh
