"""A classroom at once: 10 or 40 sessions on the real server, each with its own reviews and dates.

Starts `streamlit run app.py` on 127.0.0.1, loads the models with one visit, then opens
10 (in the default run, about a minute) or 40 (marked `load`) websocket sessions that speak Streamlit's protocol (tools/loadtest/streamlit_ws.py; a browser
per student would measure Chromium, not the app). Each submits 3 different reviews and
3 different dates. Every session must get its own, correct result (the label and date
the library computes for that input), no element may be an exception and the server log
must hold no traceback or error. The 40-session class is marked `load` and `slow` (off by
default: `pytest -m load`). The figures go to `$ATTNVIZ_LOAD_JSON` when set
(benchmarks/bench.py measures the same scenario itself).
"""

import asyncio
import json
import os
import re
import time

import pytest

from attnviz.i18n import t
from tests.conftest import require_model
from tools.loadtest.streamlit_ws import Server, Session, classroom, summarize

SESSIONS = 40
ROUNDS = 3
SMALL_CLASS = 10  # the version in the default test run
TIME_LIMIT_S = 900  # the whole classroom, after the models are loaded (a bound, not a goal)
# Lines that mean something went wrong on the server. (TensorFlow's own C++ log lines,
# e.g. "E0000 ... oneDNN supports DT_BOOL only ...", are informational and not matched.)
BAD_LOG_LINE = re.compile(r"Traceback|\b\w*(Error|Exception)\b|Uncaught app exception")


async def visit_every_page(url):
    """Load the models the way the first student would (not part of the figures)."""
    for page in ("sentiment", "dates"):
        async with Session(url, page) as tab:
            run = await tab.run()
            assert not run.exceptions, run.exceptions


async def step_through_a_date(url, steps=(2, 5, 3, 10, 1)):
    """Move the decoding slider of one converted date several times, as a student does.

    Each move reruns only the view's fragment; returns (status, caption) per move.
    """
    async with Session(url, "dates") as tab:
        await tab.run()
        run = await tab.run({"date_text": "Sat, the 4th of July '76"}, click="date_submit")
        [fragment] = run.fragment_ids
        moves = []
        for step in steps:
            run = await tab.run({"date_step": step}, fragment=fragment, timeout=60)
            captions = [line for line in run.markdown.splitlines() if "Step " in line]
            moves.append((run.status, captions))
        return moves


def bad_log_lines(text):
    return [line for line in text.splitlines() if BAD_LOG_LINE.search(line)]


def test_ten_sessions_get_their_own_results(tmp_path):
    """The default run's classroom: 10 students, 3 reviews and 3 dates each."""
    run_classroom(tmp_path, SMALL_CLASS, ROUNDS)


# About 1-2 min on a quiet 2-core machine (~60-80 ms of server CPU per page run, 320 runs
# plus loading), more on a shared one: off by default, run with `pytest -m load`.
@pytest.mark.load
@pytest.mark.slow
def test_forty_sessions_get_their_own_results(tmp_path):
    run_classroom(tmp_path, SESSIONS, ROUNDS)


def run_classroom(tmp_path, sessions, rounds):
    pytest.importorskip("websockets", reason="the websockets package (a streamlit dependency)")
    require_model("sentiment")
    require_model("dates")
    from attnviz import load_date_model, load_sentiment_model

    with Server(tmp_path / "server.log") as server:
        asyncio.run(visit_every_page(server.url))
        moves = asyncio.run(step_through_a_date(server.url))
        start, cpu = time.perf_counter(), server.cpu_seconds()
        problems, samples = asyncio.run(
            asyncio.wait_for(classroom(server.url, sessions, rounds), TIME_LIMIT_S)
        )
        seconds = time.perf_counter() - start
        # Script runs: every submit, plus each session's first view of its two pages.
        cpu_per_run = (server.cpu_seconds() - cpu) / (len(samples) + 2 * sessions)
        peak_rss_mb = server.peak_rss_mb()
    log = server.text()

    assert not problems, problems[:10]
    # Every slider move stays a fragment run (the whole page is not redrawn) and shows
    # its step of 1976-07-04 (the caption is Markdown, so "-" comes escaped).
    for (status, captions), (step, char) in zip(moves, [(2, "9"), (5, "\\-"), (3, "7"),
                                                        (10, "4"), (1, "1")]):  # fmt: skip
        assert status == "FINISHED_FRAGMENT_RUN_SUCCESSFULLY", moves
        assert captions == [t("dates.step.caption", step=step, total=10, char=char)], moves
    assert len(samples) == 2 * sessions * rounds
    sentiment, dates = load_sentiment_model(), load_date_model()
    wrong = []
    for kind, session, text, shown, run, _ in samples:
        if kind == "review":
            expected = t(f"sentiment.label.{sentiment.explain(text).label}")
            others = {f"Student {s} round" for s in range(sessions) if s != session}
            if any(other in run.text for other in others):
                wrong.append((session, text, "another session's review is shown"))
        else:
            expected = dates.convert(text).output
        if shown != expected:
            wrong.append((session, text, f"shown {shown!r}, expected {expected!r}"))
    assert not wrong, wrong[:10]
    assert not bad_log_lines(log), bad_log_lines(log)[:20]

    summary = summarize(samples, seconds, os.cpu_count())
    summary.update(
        sessions=sessions,
        rounds=rounds,
        peak_rss_mb=peak_rss_mb,
        cpu_ms_per_page_run=1000 * cpu_per_run,
        sessions_per_core_at_one_submit_per_30s=30 / cpu_per_run,
        load_average=os.getloadavg(),
    )
    print(f"\nload: {json.dumps(summary, indent=1)}")
    if os.environ.get("ATTNVIZ_LOAD_JSON"):
        with open(os.environ["ATTNVIZ_LOAD_JSON"], "w") as out:
            json.dump(summary, out, indent=2)
