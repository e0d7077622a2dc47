"""Benchmark attnviz on this machine and print a Markdown table.

    python benchmarks/bench.py [--data ../shared/data/aclImdb_labeled.tar.gz] [--quick]

Every figure is measured in this run next to a naive baseline measured in the
same run (Keras `model.predict` per call), so ratios stay meaningful on a noisy,
shared machine. Timings are wall-clock after a warm-up call for the same shape
(the first call of a shape compiles it; cold-start rows measure that separately).
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

ROWS = []


def row(what, value, unit, baseline=None, note=""):
    ROWS.append({"what": what, "value": value, "unit": unit, "baseline": baseline, "note": note})
    shown = f"{value:,.1f}" if isinstance(value, float) else str(value)
    print(f"  {what}: {shown} {unit}" + (f" (baseline {baseline:,.1f})" if baseline else ""),
          flush=True)  # fmt: skip


def timings(call, repeat):
    call()  # warm-up: compiles the shape
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return np.percentile(samples, 50), np.percentile(samples, 95)


def synthetic_review(vocabulary, tokens, rng):
    words = vocabulary.words[2:2002]
    return " ".join(rng.choice(words) for _ in range(tokens))


def subprocess_seconds(code):
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT, check=True,
                   capture_output=True)  # fmt: skip
    return time.perf_counter() - start


def bench_cold_start():
    print("cold start", flush=True)
    row("`import attnviz`", subprocess_seconds("import attnviz") * 1000, "ms")
    row(
        "process start -> sentiment model loaded -> first explain()",
        subprocess_seconds(
            "import attnviz; m = attnviz.load_sentiment_model(); m.explain('a fine film')"
        ),
        "s",
    )


def bench_sentiment(args):
    from attnviz import load_sentiment_model

    print("sentiment", flush=True)
    model = load_sentiment_model()
    rng = np.random.default_rng(0)
    repeat = 10 if args.quick else 50
    for tokens in (20, 100, 400):
        text = synthetic_review(model.vocabulary, tokens, rng)
        p50, p95 = timings(lambda t=text: model.explain(t), repeat)
        ids = np.asarray([model.encode(text)[1]], dtype=np.int32)
        base50, _ = timings(lambda i=ids: model.model.predict(i, verbose=0), max(repeat // 5, 3))
        row(f"explain() {tokens} tokens, p50", p50, "ms", base50, "baseline: model.predict")
        row(f"explain() {tokens} tokens, p95", p95, "ms")
    reviews = [synthetic_review(model.vocabulary, int(n), rng)
               for n in rng.integers(20, 600, size=256 if args.quick else 1024)]  # fmt: skip
    for batch in (1, 32, 256):
        subset = reviews[: max(batch * 4, 64)] if batch == 1 else reviews
        model.predict_proba(subset, batch_size=batch)  # warm-up: compile shapes
        start = time.perf_counter()
        model.predict_proba(subset, batch_size=batch)
        rate = len(subset) / (time.perf_counter() - start)
        row(f"predict_proba batch {batch}", rate, "reviews/s")
    ids = [model.encode(r)[1] for r in reviews[:256]]
    from attnviz.models.batching import pad_batch

    padded = pad_batch(ids)
    start = time.perf_counter()
    model.model.predict(padded, batch_size=32, verbose=0)
    row("baseline model.predict batch 32 (padded to longest)",
        len(ids) / (time.perf_counter() - start), "reviews/s")  # fmt: skip
    if args.data:
        from attnviz.train.imdb import load_imdb

        test = load_imdb(args.data)["test"]
        model.predict_proba(test.texts[:2000])
        start = time.perf_counter()
        probabilities = model.predict_proba(test.texts)
        seconds = time.perf_counter() - start
        accuracy = float(np.mean((probabilities >= 0.5) == np.asarray(test.labels)))
        row("predict_proba on the 25,000 official test reviews", len(test.texts) / seconds,
            "reviews/s", note=f"accuracy {accuracy:.4f}")  # fmt: skip
    text = synthetic_review(model.vocabulary, 400, rng)
    ig = model.attributions(text, methods=("integrated_gradients",))
    notes = {
        "integrated_gradients": f"{ig.ig_steps} steps in one batch, completeness gap "
        f"{100 * ig.ig_relative_gap:.2f} % (target <= 150 ms)",
        "occlusion": f"{len(ig.tokens)} removals (target <= 300 ms)",
    }
    for method in ("integrated_gradients", "occlusion"):
        p50, _ = timings(lambda m=method: model.attributions(text, methods=(m,)), 5)
        row(f"{method} 400 tokens, p50", p50, "ms", note=notes[method])


def bench_converters(args):
    from attnviz import load_date_model, load_time_model

    examples = {
        "dates": ["Sat, the 4th of July '76", "march 4th, 2021", "12/25/1999", "2001-02-03"],
        "times": ["quarter past three pm", "15h15", "half past midnight", "7.05am"],
    }
    for task, load in (("dates", load_date_model), ("times", load_time_model)):
        print(task, flush=True)
        try:
            converter = load()
        except OSError as exc:
            print(f"  skipped: {exc}")
            continue
        repeat = 20 if args.quick else 100
        p50, p95 = timings(lambda c=converter, t=task: c.convert(examples[t][0]), repeat)
        from attnviz.models.dates import encode_inputs

        ids = encode_inputs(examples[task][:1], converter.input_table, converter.input_length)
        baseline, _ = timings(lambda c=converter, i=ids: c.model.predict(i, verbose=0), 5)
        row(f"{task} convert() p50", p50, "ms", baseline, "baseline: model.predict")
        row(f"{task} convert() p95", p95, "ms")
        batch = [examples[task][i % 4] for i in range(1000)]
        converter.convert_batch(batch)
        start = time.perf_counter()
        converter.convert_batch(batch)
        row(f"{task} convert_batch(1000)", time.perf_counter() - start, "s")


# ------------------------------------------------------------------ the app server
#
# Two configurations of the same code, each on its own `streamlit run app.py`:
# "after" is the app as shipped (models preloaded in the background, collector frozen once
# they are loaded, app_pages/runtime.py; no full collection after each run, config.toml);
# "baseline" is the same server with Streamlit's default full collection after every run
# (`--runner.postScriptGC true`), Python's default collector (ATTNVIZ_GC=default) and no
# preloading (ATTNVIZ_PRELOAD=0): what the app did before.
CONFIGS = {
    "after": {"env": {}, "flags": ()},
    "baseline": {
        "env": {"ATTNVIZ_GC": "default", "ATTNVIZ_PRELOAD": "0"},
        "flags": ("--runner.postScriptGC", "true"),
    },
    # Not in the table: frozen collector plus Streamlit's collection after each run.
    "after-gc": {"env": {}, "flags": ("--runner.postScriptGC", "true")},
}
QUIET_ENV = {"TF_CPP_MIN_LOG_LEVEL": "2"}
BAD_LOG_LINE = r"Traceback|\b\w*(Error|Exception)\b|Uncaught app exception"


def server_for(config, folder, name):
    from tools.loadtest.streamlit_ws import Server

    spec = CONFIGS[config]
    return Server(Path(folder) / f"{name}.log", env={**QUIET_ENV, **spec["env"]},
                  flags=spec["flags"], timeout=180)  # fmt: skip


def option_of(run, kind, index):
    [control] = [getattr(e, kind) for e in run.of_kind(kind)]
    return control.options[index].content if kind == "button_group" else control.options[index]


def check(run, what):
    if run.exceptions or run.status not in ("FINISHED_SUCCESSFULLY",
                                            "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"):  # fmt: skip
        raise RuntimeError(f"{what}: {run.status} {run.exceptions}")
    return run


async def per_run_cpu(server, page, prepare, action, runs):
    """Server CPU ms per page run of `action(tab, i)` (after `prepare(tab)`), and wall p50."""
    from tools.loadtest.streamlit_ws import Session

    async with Session(server.url, page) as tab:
        await prepare(tab)
        await action(tab, -1)  # warm: the first run of a new input shape
        walls = []
        cpu = server.cpu_seconds()
        for i in range(runs):
            start = time.perf_counter()
            check(await action(tab, i), page)
            walls.append(1000 * (time.perf_counter() - start))
        return 1000 * (server.cpu_seconds() - cpu) / runs, float(np.median(walls))


def page_scenarios():
    """(name, page, prepare, action, target ms): one kind of page run each."""
    from tools.loadtest.streamlit_ws import date_for, review_for

    async def nothing(tab):
        check(await tab.run(), "first view")

    async def submit_review(tab, i):
        return await tab.run(
            {"review_text": review_for(i % 40, i // 40 + 5)}, click="review_submit"
        )

    async def compare_ready(tab):
        run = check(await tab.run(), "sentiment")
        tab.compare = option_of(check(await tab.run({"review_text": review_for(0, 0)},
                                                   click="review_submit"), "review"),
                                "button_group", 4)  # fmt: skip
        tab.reviews = [review_for(s, 9) for s in range(4)]
        for review in tab.reviews:  # attributions computed once per review (cached)
            await tab.run({"review_text": review, "method": [tab.compare]}, click="review_submit")
        del run

    async def compare(tab, i):
        review = tab.reviews[i % len(tab.reviews)]
        return await tab.run(
            {"review_text": review, "method": [tab.compare]}, click="review_submit"
        )

    async def submit_date(tab, i):
        return await tab.run({"date_text": date_for(i % 40, i // 40 + 5)}, click="date_submit")

    async def mechanisms(tab, i):
        return await tab.run({"mech_text": review_for(i % 40, i // 40 + 5)}, click="mech_submit")

    async def home(tab, i):
        return await tab.run()

    async def step_ready(tab):
        check(await tab.run(), "dates")
        run = check(await tab.run({"date_text": "Sat, the 4th of July '76"}, click="date_submit"),
                    "date")  # fmt: skip
        [tab.fragment] = run.fragment_ids
        tab.steps = 10

    async def step(tab, i):
        return await tab.run({"date_step": 1 + (i + 1) % tab.steps}, fragment=tab.fragment)

    return [
        ("review submit", "sentiment", nothing, submit_review, 60),
        ("compare all (attributions cached)", "sentiment", compare_ready, compare, 100),
        ("date submit", "dates", nothing, submit_date, 50),
        ("mechanisms submit (4 models)", "mechanisms", nothing, mechanisms, 80),
        ("Home", "", nothing, home, 25),
        ("decoding step / Play frame (fragment)", "dates", step_ready, step, 20),
    ]


async def visit_all(url):
    """Open every model page once (loads what a page loads) and submit once."""
    from tools.loadtest.streamlit_ws import Session

    start = time.perf_counter()
    waits = {}
    for page, values, click in (
        ("sentiment", {"review_text": "A fine film, well acted."}, "review_submit"),
        ("dates", {"date_text": "march 4th, 2021"}, "date_submit"),
        ("mechanisms", {"mech_text": "A fine film, well acted."}, "mech_submit"),
    ):
        async with Session(url, page) as tab:
            begin = time.perf_counter()
            check(await tab.run(), page)
            check(await tab.run(values, click=click), page)
            waits[page] = time.perf_counter() - begin
    async with Session(url, "dates") as tab:  # the time converter
        run = check(await tab.run(), "dates")
        begin = time.perf_counter()
        check(await tab.run({"date_task": [option_of(run, "button_group", 1)]}), "times")
        waits["dates (time task)"] = time.perf_counter() - begin
    return waits, time.perf_counter() - start


async def first_answer(url):
    """From now: open the sentiment page and submit a review; seconds until the result."""
    from tools.loadtest.streamlit_ws import Session

    async with Session(url, "sentiment") as tab:
        check(await tab.run(), "sentiment")
        run = check(await tab.run({"review_text": "I loved it, a wonderful film."},
                                  click="review_submit"), "review")  # fmt: skip
        if "Positive" not in run.text and "positive" not in run.text.lower():
            raise RuntimeError("first answer: no verdict shown")


async def submits(url, count):
    """`count` review submits from one tab, each a different review (for memory growth)."""
    from tools.loadtest.streamlit_ws import Session, review_for

    async with Session(url, "sentiment") as tab:
        check(await tab.run(), "sentiment")
        for i in range(count):
            check(await tab.run({"review_text": review_for(i % 40, 100 + i // 40)},
                                click="review_submit"), "review")  # fmt: skip


async def burst(url, sessions):
    """`sessions` students at once, each submitting one review and one date (the figure)."""
    from tools.loadtest.streamlit_ws import classroom

    return await classroom(url, sessions=sessions, rounds=1, stagger=0.0)


def cold_start(config, folder):
    """A fresh server: seconds from process start to the first sentiment answer."""
    server = server_for(config, folder, f"cold-{config}")
    with server:
        asyncio.run(first_answer(server.url))
        return time.perf_counter() - server.started


def ready_at_20s(config, folder):
    """A fresh server left alone for 20 s, then every model page: how long each waited."""
    server = server_for(config, folder, f"ready-{config}")
    with server:
        asyncio.run(home_once(server.url))  # the teacher opens the app
        time.sleep(max(0.0, 20 - (time.perf_counter() - server.started)))
        waits, _ = asyncio.run(visit_all(server.url))
    return waits


async def home_once(url):
    from tools.loadtest.streamlit_ws import Session

    async with Session(url, "") as tab:
        check(await tab.run(), "home")


def bad_log_lines(text):
    import re

    return [line for line in text.splitlines() if re.search(BAD_LOG_LINE, line)]


def bench_server(config, folder, args, results):
    """Page-run CPU, memory and the burst on one server configuration."""
    from tools.loadtest.streamlit_ws import percentile, summarize

    figures = results.setdefault(config, {})
    figures["_load_before"] = os.getloadavg()[0]
    server = server_for(config, folder, f"main-{config}")
    with server:
        asyncio.run(home_once(server.url))
        waits, _ = asyncio.run(visit_all(server.url))  # loads every model (baseline: now)
        server.wait_idle()  # preloading done
        figures["peak RSS, every model loaded (MB)"] = server.peak_rss_mb()
        runs = 8 if args.quick else 25
        for name, page, prepare, action, target in page_scenarios():
            cpu, wall = asyncio.run(per_run_cpu(server, page, prepare, action, runs))
            figures[f"CPU per run: {name} (ms)"] = cpu
            figures.setdefault("_targets", {})[f"CPU per run: {name} (ms)"] = target
            print(f"  {config}: {name}: {cpu:.0f} ms CPU, {wall:.0f} ms wall", flush=True)
        count = args.submits if config == "after" else args.baseline_submits
        rss = server.rss_mb()
        asyncio.run(submits(server.url, count))
        figures[f"RSS growth over {count} submits (MB)"] = server.rss_mb() - rss
        figures["_rss_growth"] = (count, server.rss_mb() - rss)
        start, cpu = time.perf_counter(), server.cpu_seconds()
        problems, samples = asyncio.run(burst(server.url, args.sessions))
        seconds = time.perf_counter() - start
        burst_cpu = server.cpu_seconds() - cpu
        figures["peak RSS after everything (MB)"] = server.peak_rss_mb()
    summary = summarize(samples, seconds, os.cpu_count())
    wrong = [s for s in samples if s[3] is None]
    log_problems = bad_log_lines(server.text())
    for kind in ("review", "date"):
        figures[f"burst {args.sessions}: {kind} submit -> result p95 (ms)"] = summary[kind][
            "round_trip_ms_p95"
        ]
        figures[f"burst {args.sessions}: {kind} submit -> result p50 (ms)"] = summary[kind][
            "round_trip_ms_p50"
        ]
    both = [1000 * s[4].seconds for s in samples]
    figures[f"burst {args.sessions}: any submit -> result p95 (ms)"] = percentile(both, 95)
    figures[f"burst {args.sessions}: whole burst (s)"] = seconds
    per_run = burst_cpu / (len(samples) + 2 * args.sessions)
    figures["burst: server CPU per page run (ms)"] = 1000 * per_run
    figures["students per core (one submit each per 30 s)"] = 30 / per_run
    figures["_burst_notes"] = (
        f"{len(problems)} problems, {len(wrong)} answers missing, {len(log_problems)} bad log lines"
    )
    for line in (problems + log_problems)[:5]:
        print(f"  {config} problem: {line[:200]}")
    figures["_waits"] = waits


def bench_figures():
    """CPU to turn a page's figure into what `st.plotly_chart` sends (its own two steps)."""
    import plotly
    import plotly.graph_objects as go

    from attnviz.viz.alignment import alignment_heatmap, step_sharpness_figure
    from attnviz.viz.figure import sendable

    rng = np.random.default_rng(0)
    text, output = "Sat, the 4th of July '76", "1976-07-04"
    weights = rng.dirichlet(np.ones(len(text)), size=len(output))

    def sent(fig):  # what st.plotly_chart does with a figure
        spec = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
        return plotly.io.to_json(spec, validate=False)

    def before(fig):  # a go.Figure (unvalidated), written with Plotly's "auto" JSON engine
        spec = plotly.tools.return_figure_from_figure_or_data(
            go.Figure(fig.spec, _validate=False), validate_figure=True
        )
        return plotly.io.to_json(spec, validate=False, engine="auto")

    builders = {
        "alignment matrix (24 x 10)": lambda: alignment_heatmap(
            list(text), list(output), weights, highlight_row=3
        ),
        "step sharpness (10 steps)": lambda: step_sharpness_figure(
            list(output), weights[:, 0], weights[:, 1], len(text), highlight_step=3
        ),
    }
    for name, build in builders.items():
        after = process_ms(lambda build=build: sent(sendable(build())), 200)
        baseline = process_ms(lambda build=build: before(build()), 200)
        row(f"app: build and send one figure, {name}", after, "ms CPU", baseline,
            "baseline: the same spec as a go.Figure, Plotly's auto JSON engine")  # fmt: skip


def process_ms(call, repeat):
    """Mean process CPU (ms) per call, after one warm-up call."""
    call()
    start = time.process_time()
    for _ in range(repeat):
        call()
    return 1000 * (time.process_time() - start) / repeat


def bench_app(args):
    """`streamlit run app.py`, both configurations: per-run CPU, memory, burst, cold start."""
    print("app (streamlit run app.py on 127.0.0.1)", flush=True)
    bench_figures()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for config in ("after", "baseline"):
            print(f"  {config}: cold start", flush=True)
            results.setdefault(config, {})["cold start -> first sentiment answer (s)"] = cold_start(
                config, folder
            )
            waits = ready_at_20s(config, folder)
            results[config]["20 s after start: longest page wait (s)"] = max(waits.values())
            results[config]["_ready_waits"] = waits
            print(f"  {config}: waits at 20 s {waits}", flush=True)
            bench_server(config, folder, args, results)
    after, base = results["after"], results["baseline"]
    targets = after.get("_targets", {})
    targets.update({
        "cold start -> first sentiment answer (s)": 8,
        "20 s after start: longest page wait (s)": 1,
        "peak RSS, every model loaded (MB)": 900,
        f"burst {args.sessions}: any submit -> result p95 (ms)": 2500,
    })  # fmt: skip
    for name, value in after.items():
        if name.startswith("_"):
            continue
        note = f"target <= {targets[name]}" if name in targets else ""
        if name.startswith("burst"):
            note = "; ".join(filter(None, [note, after["_burst_notes"]]))
        baseline = base.get(name)
        if name.startswith("RSS growth"):
            count, growth = base["_rss_growth"]
            note = f"target <= 20 MB over 500; baseline: {growth:.1f} MB over {count} submits"
            baseline = None
        row(f"app: {name}", float(value), "", baseline, note)
    print(f"  after: page waits 20 s after start: {after['_ready_waits']}")
    print(f"  baseline: page waits 20 s after start: {base['_ready_waits']}")
    print(f"  baseline burst: {base['_burst_notes']}")
    print(f"  load average (1 min) before each server: after {after['_load_before']:.1f}, "
          f"baseline {base['_load_before']:.1f}")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", help="IMDB archive or folder: also time the 25k test set")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", help="also write the rows to this JSON file")
    parser.add_argument("--no-app", action="store_true", help="skip the app and load rows")
    parser.add_argument("--app-only", action="store_true", help="only the app and load rows")
    parser.add_argument("--sessions", type=int, default=40, help="students in the burst")
    parser.add_argument("--submits", type=int, default=500, help="submits for memory growth")
    parser.add_argument("--baseline-submits", type=int, default=100,
                        help="submits for memory growth on the (slow) baseline server")  # fmt: skip
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if not args.app_only:
        bench_cold_start()
        bench_sentiment(args)
        bench_converters(args)
    if not args.no_app:
        bench_app(args)
    print()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} CPU cores "
          f"(load average at the end: {load}).\n")  # fmt: skip
    print("| what | value | unit | naive baseline | note |")
    print("|---|---:|---|---:|---|")
    for r in ROWS:
        value = f"{r['value']:,.1f}" if isinstance(r["value"], float) else r["value"]
        base = f"{r['baseline']:,.1f}" if r["baseline"] else ""
        print(f"| {r['what']} | {value} | {r['unit']} | {base} | {r['note']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(ROWS, indent=2))


if __name__ == "__main__":
    main()
