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


async def first_visit(url, page, task=None):
    """Open `page` as a new visitor (optionally switching the dates page to `task`)."""
    from tools.loadtest.streamlit_ws import Session

    async with Session(url, page) as tab:
        run = await tab.run()
        if task is not None:
            [control] = [e.button_group for e in run.of_kind("button_group")]
            option = control.options[["date", "time"].index(task)].content
            run = await tab.run({"date_task": [option]})
        if run.exceptions or run.status != "FINISHED_SUCCESSFULLY":
            raise RuntimeError(f"{page}: {run.status} {run.exceptions}")
        return run


async def one_student_alone(url, rounds):
    """The naive baseline for the load figures: one session, nobody else on the server."""
    from tools.loadtest.streamlit_ws import classroom

    _, samples = await classroom(url, sessions=1, rounds=rounds)
    return samples


def bench_app(args):
    """`streamlit run app.py`: cold start, peak memory, and a classroom of sessions at once.

    Sessions speak Streamlit's websocket protocol (tools/loadtest/streamlit_ws.py); the page's own
    server-side timing is read from each result, the round trip is measured by the client.
    """
    from tools.loadtest.streamlit_ws import Server, classroom, percentile, summarize

    print("app (streamlit run app.py on 127.0.0.1)", flush=True)
    sessions, rounds = (40, 1) if args.quick else (40, 3)
    with tempfile.TemporaryDirectory() as folder:
        server = Server(Path(folder) / "server.log", env={"TF_CPP_MIN_LOG_LEVEL": "2"})
        with server:
            row("app: process start -> server answers", time.perf_counter() - server.started, "s")
            asyncio.run(first_visit(server.url, "sentiment"))
            row("app: process start -> sentiment model loaded, first page rendered",
                time.perf_counter() - server.started, "s", note="incl. compiling 5 lengths")  # fmt: skip
            for task in ("date", "time"):
                start = time.perf_counter()
                asyncio.run(first_visit(server.url, "dates", task))
                row(f"app: first {task} page (loads the {task} model)",
                    time.perf_counter() - start, "s")  # fmt: skip
            start = time.perf_counter()
            asyncio.run(first_visit(server.url, "mechanisms"))
            row("app: first mechanisms page (loads the 4 sentiment variants)",
                time.perf_counter() - start, "s")  # fmt: skip
            row("app: peak RSS with all models loaded", server.peak_rss_mb(), "MB",
                note="VmHWM of the streamlit process")  # fmt: skip
            alone = asyncio.run(one_student_alone(server.url, 5))
            start, cpu = time.perf_counter(), server.cpu_seconds()
            problems, samples = asyncio.run(classroom(server.url, sessions, rounds))
            summary = summarize(samples, time.perf_counter() - start, os.cpu_count())
            # Script runs: every submit, plus each session's first view of its two pages.
            cpu_per_run = (server.cpu_seconds() - cpu) / (len(samples) + 2 * sessions)
            row("app: peak RSS after the classroom", server.peak_rss_mb(), "MB")
        bad = [line for line in server.text().splitlines() if "Traceback" in line]
    note = f"{sessions} sessions x {rounds} reviews + {rounds} dates"
    if problems or bad:
        note += f"; {len(problems)} problems, {len(bad)} tracebacks"
    for kind in ("review", "date"):
        chosen = [s for s in alone if s[0] == kind]
        base_server = percentile([s[5] for s in chosen], 50)
        base_trip = percentile([1000 * s[4].seconds for s in chosen], 50)
        figures = summary[kind]
        row(f"load: {kind} server time p50", figures["server_ms_p50"], "ms", base_server,
            "baseline: same session alone on the server")  # fmt: skip
        row(f"load: {kind} server time p95", figures["server_ms_p95"], "ms", note=note)
        row(f"load: {kind} submit -> result p50 (client)", figures["round_trip_ms_p50"], "ms",
            base_trip)  # fmt: skip
        row(f"load: {kind} submit -> result p95 (client)", figures["round_trip_ms_p95"], "ms")
    for problem in problems[:5]:
        print(f"  problem: {problem[:200]}")
    per_core = summary["submits_per_second"] / summary["cores"]
    row("load: submits answered per second (wall clock)", summary["submits_per_second"], "/s",
        note=f"{summary['cores']} cores shared with other work; {per_core:.2f}/s per core")  # fmt: skip
    row("load: server CPU time per page run (a submit or a first view)", 1000 * cpu_per_run,
        "ms", note="user+system time of the streamlit process / runs; not skewed by other load")  # fmt: skip
    row("load: sessions per core, one submit per student every 30 s", 30 / cpu_per_run,
        "sessions", note="30 s / CPU time per page run (a core fully busy)")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", help="IMDB archive or folder: also time the 25k test set")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", help="also write the rows to this JSON file")
    parser.add_argument("--no-app", action="store_true", help="skip the app and load rows")
    parser.add_argument("--app-only", action="store_true", help="only the app and load rows")
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
