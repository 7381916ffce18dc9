"""Turn bench results into rows with budgets, a Markdown table, and README.md's Performance section."""

from __future__ import annotations

import statistics
from pathlib import Path

from bench_support import observer_bench

START_MARKER = "<!-- performance:start -->"
END_MARKER = "<!-- performance:end -->"


def row(figure: str, build: str, unit: str, values: list[float], budget: str = "", ok: bool | None = None) -> dict:
    return {
        "figure": figure,
        "build": build,
        "unit": unit,
        "min": min(values),
        "median": statistics.median(values),
        "max": max(values),
        "n": len(values),
        "budget": budget,
        "ok": ok,
    }


def ratio_row(figure: str, build: str, app: list[float], floor: list[float], limit: float) -> dict:
    """Ratio app / floor: per repetition when paired (alternating runs), the budget on the median."""
    ratios = (
        [a / f for a, f in zip(app, floor, strict=True)]
        if len(app) == len(floor)
        else [statistics.median(app) / statistics.median(floor)]
    )
    median = statistics.median(ratios)
    return row(figure, build, "×", ratios, f"≤ {limit}", median <= limit)


def at_most(figure: str, build: str, unit: str, values: list[float], limit: float) -> dict:
    return row(figure, build, unit, values, f"≤ {limit:g}", statistics.median(values) <= limit)


def at_least(figure: str, build: str, unit: str, values: list[float], limit: float) -> dict:
    return row(figure, build, unit, values, f"≥ {limit:g}", statistics.median(values) >= limit)


def ms(values: list[float]) -> list[float]:
    return [v * 1000 for v in values]


def figures(results: dict) -> list[dict]:
    rows = []
    for build in ("source", "frozen"):
        cold = results.get(f"cold_start_{build}")
        if cold:
            rows.append(row("cold start to first paint: app", build, "s", cold["app"]))
            rows.append(row("cold start: hello-world floor", build, "s", cold["floor"]))
            limit = 1.3 if build == "frozen" else None
            ratio = ratio_row("cold start ÷ floor", build, cold["app"], cold["floor"], limit or 1.3)
            if limit is None:
                ratio.update(budget="", ok=None)  # the budget is on the frozen build
            rows.append(ratio)
    for build in ("source", "frozen"):
        spawn = results.get(f"spawn_{build}")
        if not spawn:
            continue
        app, floor = spawn["app_1"], spawn["floor_1"]
        rows.append(row("spawn → run process's first event", build, "ms", ms(app["run_process_s"])))
        rows.append(row("bare spawn → first message (floor)", build, "ms", ms(floor["run_process_s"])))
        rows.append(ratio_row("run process ÷ floor", build, app["run_process_s"], floor["run_process_s"], 1.2))
        for workers in (1, 2, 8):
            app, floor = spawn[f"app_{workers}"], spawn[f"floor_{workers}"]
            label = f"start() → all {workers} workers' first event" if workers > 1 else "start() → worker's first event"
            rows.append(row(label, build, "ms", ms(app["all_workers_s"])))
            rows.append(row(f"  floor, {workers} empty worker(s)", build, "ms", ms(floor["all_workers_s"])))
            rows.append(
                ratio_row(f"  {workers} worker(s) ÷ floor", build, app["all_workers_s"], floor["all_workers_s"], 1.2)
            )
        app_rss, floor_rss = spawn["app_rss"], spawn["floor_rss"]
        rows.append(row("worker RSS", build, "MB", app_rss["worker_rss_mb"]))
        rows.append(row("empty spawned child RSS (floor)", build, "MB", floor_rss["worker_rss_mb"]))
        rows.append(ratio_row("worker RSS ÷ floor", build, app_rss["worker_rss_mb"], floor_rss["worker_rss_mb"], 1.2))
        rows.append(row("run process RSS", build, "MB", app_rss["run_process_rss_mb"]))
        qt = any(value for key, data in spawn.items() if key.startswith("app_") for value in data.get("qt_loaded", []))
        rows.append(row("workers that loaded Qt", build, "count", [int(qt)], "0", not qt))
    runtime = results.get("runtime")
    if runtime:
        telemetry = runtime["telemetry"]
        rows.append(
            at_least(
                f"telemetry, {telemetry['workers']} workers → GUI",
                "source",
                "events/s",
                telemetry["events_per_s"],
                1_000_000,
            )
        )
        emit = [p["emit_us"] for p in runtime["per_event"]]
        receive = [p["receive_us"] for p in runtime["per_event"]]
        rows.append(row("  CPU per event: probe (worker)", "source", "µs", emit))
        rows.append(row("  CPU per event: assembler (GUI)", "source", "µs", receive))
        cores = results["machine"]["cores"]
        ceiling = [cores / ((e + r) * 1e-6) for e, r in zip(emit, receive, strict=True)]
        rows.append(row(f"  CPU ceiling on {cores} idle cores", "source", "events/s", ceiling))
        if "stop_s" in runtime:
            rows.append(row("Stop → run ended, 10 workers starting", "source", "ms", ms(runtime["stop_s"])))
        for children, values in runtime["sampler"].items():
            rows.append(
                at_most(
                    f"sampler CPU at 10 Hz, {children} processes",
                    "source",
                    "% of a core",
                    [v * 100 for v in values],
                    1.0,
                )
            )
            floor = runtime.get("proc_read_floor", {}).get(children)
            if floor:
                label = f"  floor: only reading /proc/<pid>/stat × {children}, 10 Hz"
                rows.append(row(label, "source", "% of a core", [v * 100 for v in floor]))
    gui = results.get("gui")
    if gui:
        lag = gui["lag"]
        rows.append(row("GUI lag p50 at 100 000 events/s", "source", "ms", [r["p50_ms"] for r in lag]))
        rows.append(at_most("GUI lag p99 at 100 000 events/s", "source", "ms", [r["p99_ms"] for r in lag], 33))
        wrap_up = [r["wrap_up_max_ms"] for r in lag]
        rows.append(row("GUI lag, worst tick while the run wraps up", "source", "ms", wrap_up))
        for cores, values in gui["cpu_plot_ms"].items():
            label = f"CPU plot frame, {cores} cores × 60 s"
            rows.append(
                at_most(label, "source", "ms", values, 5) if cores == "64" else row(label, "source", "ms", values)
            )
        for lanes, values in gui["timeline_ms"].items():
            rows.append(at_most(f"timeline frame, {lanes} lanes", "source", "ms", values, 8))
        opened = gui.get("open")
        if opened:
            label = "open a saved run of 200 000 events (off the GUI thread)"
            rows.append(row(label, "source", "s", [r["load_s"] for r in opened]))
            rows.append(
                row("  GUI stall while it loads, worst tick", "source", "ms", [r["max_stall_ms"] for r in opened])
            )
        shown = gui.get("show")
        if shown:
            label = "open a saved run of 200 000 events until every view shows it"
            rows.append(row(label, "source", "s", [r["shown_s"] for r in shown]))
            stalls = [r["max_stall_ms"] for r in shown]
            rows.append(row("  GUI stall while it loads, prepares and shows, worst tick", "source", "ms", stalls))
    scaling = results.get("scaling")
    if scaling:
        where = f"{scaling['workers']} workers"
        for method in ("apply_async", "map"):
            rows.append(
                at_least(
                    f"pool efficiency {method}, {where}", "source", "÷ ideal 1.0", scaling[f"efficiency_{method}"], 0.9
                )
            )
        rows.append(
            row(
                f"pool efficiency apply (serial by design), {where}",
                "source",
                "÷ ideal 1.0",
                scaling["efficiency_apply"],
            )
        )
    rows.extend(observer_rows(results.get("observer")))
    rows.extend(script_rows(results.get("scripts"), results.get("frozen_onedir_mb")))
    return rows


SCRIPT_OVERHEAD_BUDGETS = {  # issue 16: instrumented ÷ bare, per script of bench_support/script_bench.py
    "cpu_pool": ("CPU-bound Pool(2).map", 1.05),
    "lock_heavy": ("a million mp.Lock acquire/release, 2 processes", 2.0),
    "queue_heavy": ("100 000 items through an mp.Queue", 1.5),
}
ONEDIR_BUDGET_MB = 150


def script_rows(scripts: dict | None, onedir_mb: float | None) -> list[dict]:
    """Students' scripts: instrumented ÷ bare per script, first lane against a lesson's, the onedir size."""
    rows = []
    for name, (label, limit) in SCRIPT_OVERHEAD_BUDGETS.items():
        pairs = (scripts or {}).get("overhead", {}).get(name)
        if pairs:
            rows.append(row(f"script, bare: {label}", "source", "s", pairs["bare"]))
            rows.append(
                ratio_row(f"  instrumented ÷ bare: {label}", "source", pairs["instrumented"], pairs["bare"], limit)
            )
    lanes = (scripts or {}).get("first_lane")
    if lanes:
        rows.append(row("start() → first lane drawn: script", "source", "ms", ms(lanes["script"])))
        rows.append(row("start() → first lane drawn: lesson", "source", "ms", ms(lanes["lesson"])))
        rows.append(ratio_row("  script ÷ lesson, first lane", "source", lanes["script"], lanes["lesson"], 1.2))
        if "script_child" in lanes:
            rows.append(row("start() → first child's lane: script", "source", "ms", ms(lanes["script_child"])))
            rows.append(row("start() → first worker's lane: lesson", "source", "ms", ms(lanes["lesson_child"])))
    if onedir_mb is not None:
        rows.append(at_most("onedir size, whole standard library", "frozen", "MiB", [onedir_mb], ONEDIR_BUDGET_MB))
    return rows


def observer_rows(observer: dict | None) -> list[dict]:
    """Per lesson figure: lesson ÷ bare script (goal 0.9-1.1), then the load other programs put on the machine."""
    if not observer:
        return []
    rows, loads = [], []
    for lesson, entry in observer["lessons"].items():
        loads.extend(entry["background"])
        for figure in entry["figures"]:
            pooled = figure in observer.get("pooled", ())
            values = observer_bench.ratios(entry, figure, pooled)
            if not values:
                continue
            label = f"observer effect: {lesson}, {figure}" + (" per calibrated iteration" if "work" in entry else "")
            if pooled:  # one ratio of two rates: its 95 % interval says what the tries can tell apart
                low, high, runs, tries = observer_bench.pooled_interval(entry, figure)
                label += f" (rate over all {tries} tries of {runs} runs a side; 95 % interval {low:.2f}–{high:.2f})"
            elif (interval := observer_bench.median_interval(values)) is not None:  # what the pairs can tell apart
                label += f" (median of {len(values)} pairs; 95 % interval {interval[0]:.2f}–{interval[1]:.2f})"
            median = statistics.median(values)
            rows.append(row(label, "source", "lesson ÷ bare", values, "0.9–1.1", 0.9 <= median <= 1.1))
    if loads:
        rows.append(row("  other programs' load during those lesson runs", "source", "cores", loads))
    return rows


def _number(value: float) -> str:
    if abs(value) >= 10_000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"


def _load_range(load: dict) -> str:
    """A section's load averages when it started and when it ended, lower first: "0.8–2.0"."""
    low, high = sorted((load["before"], load["after"]))
    return f"{low:.1f}–{high:.1f}"


def markdown(results: dict) -> str:
    machine = results["machine"]
    alone = results.get("measured_alone") or {}
    together = [v for name, v in results["load"].items() if name not in alone] or list(results["load"].values())
    loads = [v["before"] for v in together] + [v["after"] for v in together]
    lines = [
        f"Measured by `python scripts/dev.py bench` on {machine['cores']} cores, {machine['platform']}, "
        f"Python {machine['python']}; min / median / max of {results['repeat']} repetitions; budgets apply to the "
        f"median. Load average during the run: {min(loads):.1f}–{max(loads):.1f} (the bench's own processes included), "
        f"whole run {results['total_seconds']:.0f} s. Raw numbers: `bench-results.json`."
        + "".join(
            f" Measured alone later (`--only {name}`): {repeat} repetitions, load average "
            f"{_load_range(results['load'][name])}."
            for name, repeat in alone.items()
            if name in results["load"]
        ),
        "",
        "Cold start runs from the bench's `perf_counter()` just before it starts the process to the window's "
        "first Paint event (see `desktop/launch_clock.py`: the OS's process start time on Linux is only good "
        "to a second). Spawn times run from `start()` to the worker's first event's timestamp. Before timing "
        "from source the bench writes the bytecode caches, as a checkout has them once it has run.",
        "",
        "| figure | build | unit | min | median | max | budget | met |",
        "|---|---|---|---:|---:|---:|---|---|",
    ]
    for r in results["figures"]:
        met = {True: "yes", False: "**no**", None: ""}[r["ok"]]
        lines.append(
            f"| {r['figure']} | {r['build']} | {r['unit']} | {_number(r['min'])} | {_number(r['median'])} "
            f"| {_number(r['max'])} | {r['budget']} | {met} |"
        )
    return "\n".join(lines) + "\n"


# Why a budget can be missed on a given machine: shown under the table for each missed figure.
EXPLANATIONS = {
    "run process ÷ floor": (
        "the run process imports the probe and the runtime before it reports; psutil and the lesson model "
        "are already deferred until after its first event. From source those are .py imports the empty "
        "function does not pay; frozen they come from the PYZ archive."
    ),
    "worker(s) ÷ floor": (
        "a worker must import its lesson module (and with it the lesson model, `desktop.lessons.lesson`, and "
        "the probe) before it can run at all, where the floor's empty function imports only the bench module. "
        "Those imports are kept light (no dataclasses or random on that path: about 13 ms from source), so a "
        "miss here points at a new heavy import on the worker path (`python -X importtime`)."
    ),
    "cold start": (
        "the app imports its runtime and UI modules and builds a window with three plots, docks and a lesson "
        "page, where the floor builds one plot. A frozen build lists the lessons from its catalog index and "
        "imports only the first lesson; a miss points at new work before the first paint."
    ),
    "telemetry": (
        "every event costs the probe (worker) plus the assembler (GUI process) CPU time shown in the rows "
        "below, and the flood lesson's own loop comes on top; on 2 cores the workers and the GUI process "
        "share the same two cores, so the measured rate is what is left of the ceiling row."
    ),
    "sampler CPU": (
        "each watched process costs one read of /proc/<pid>/stat per sample (on Linux the sampler reads CPU "
        "time and RSS from that one file); the floor row shows that the bare reads alone for that many "
        "processes at 10 Hz already cost about the budget, so 1 % with 64 processes needs a lower "
        "per-process rate (e.g. processes at 2 Hz, cores at 10 Hz)."
    ),
    "GUI lag p99": (
        "the bridge hands ~3 300 events to the window per 30 Hz tick and the event log formats them on the GUI "
        "thread, while the run's collector thread competes for the GIL; a shared 2-core machine adds "
        "scheduling delays (compare the load average)."
    ),
    "pool efficiency": (
        "efficiency on 2 cores can only reach 0.9 when both cores stay free for the pool; the app's own "
        "sampler, telemetry collector and the pool's result-handler threads share those two cores, and the "
        "spread between repetitions (see min and max) shows how much other activity on the machine costs."
    ),
    "observer effect": (
        "each ratio compares single runs taken one after the other; with other programs using the cores (see "
        "the load row under the ratios) the two runs of a pair rarely get the same share of the CPU, and "
        "figures that include process start-up or CPU-bound work move the most. On a quiet machine a ratio "
        "outside 0.9–1.1 points at instrumentation inside the timed part of that lesson (probe calls per "
        "task, a measurement taken between two timestamps)."
    ),
    "instrumented ÷ bare: CPU-bound": (
        "the workers' CPU-bound tasks make no blocking call the instrumentation wraps; what the instrumented "
        "run adds is each pool worker's start (the probe and the instrumentation's own modules, some 6 ms of "
        "CPU inside the timed part: asyncio, concurrent.futures and managers are patched only in a process "
        "that imports them) and the app's side (its sampler at 10 Hz, the telemetry collector) on the same 2 "
        "cores; the spread between pairs (min and max) shows how much other programs' load moves single pairs."
    ),
    "instrumented ÷ bare: 100 000 items": (
        "each put and get is counted in the script's process (a clock read and a lock; the counts go to the "
        "app a few dozen times a second, not once per item), and each get notes when it started, for the "
        "probe's flusher to show a long one waiting; on 2 busy cores the app competes with the script."
    ),
    "first lane": (
        "a script's run process imports the instrumentation (and patches threading and what multiprocessing "
        "it has loaded) before its first event, where a lesson's run process imports the probe and the lesson."
    ),
    "CPU plot frame": "the frame includes a full software render of the plot (offscreen platform).",
    "timeline frame": "the frame includes a full software render of the plot (offscreen platform).",
}


def notes(results: dict) -> str:
    """One line per missed budget, saying why (see :data:`EXPLANATIONS`)."""
    lines = []
    seen = set()
    for r in results["figures"]:
        if r["ok"] is not False:
            continue
        key = next((k for k in EXPLANATIONS if k in r["figure"]), None)
        if key is None or key in seen:
            continue
        seen.add(key)
        lines.append(f"- **{r['figure'].strip()}** ({r['build']}): {EXPLANATIONS[key]}")
    return ("\nWhy budgets are missed here:\n\n" + "\n".join(lines) + "\n") if lines else ""


def update_readme(readme: Path, table: str, notes: str = "") -> None:
    """Replace the text between the performance markers (appended at the end the first time)."""
    text = readme.read_text(encoding="utf-8")
    block = f"{START_MARKER}\n## Performance\n\n{table}{notes}{END_MARKER}"
    if START_MARKER in text and END_MARKER in text:
        head, rest = text.split(START_MARKER, 1)
        tail = rest.split(END_MARKER, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")
