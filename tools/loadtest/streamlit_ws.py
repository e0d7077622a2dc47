"""A minimal Streamlit client: starts `streamlit run app.py` and speaks its websocket protocol.

Used by the load test (tests/test_load.py) and the benchmark (benchmarks/bench.py) to
drive many sessions without a browser. The protocol is the one the Streamlit front end
speaks (Streamlit 1.67, `/_stcore/stream`): the client sends a `BackMsg` protobuf with
`rerun_script` (page name + widget states), the server answers with `ForwardMsg`s
(`new_session`, one `delta` per element, `script_finished`). A widget is addressed by
its id, which for a keyed widget ends with `-<key>`; a button click is a
`trigger_value`. We send no `cached_message_hashes`, so every element arrives in full.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
ALL_DONE = {"FINISHED_SUCCESSFULLY", "FINISHED_WITH_COMPILE_ERROR"}
FRAGMENT_DONE = {"FINISHED_FRAGMENT_RUN_SUCCESSFULLY"}
WIDGET_KINDS = (
    "text_area", "text_input", "button", "button_group", "selectbox", "radio", "slider",
)  # fmt: skip


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`streamlit run app.py` on 127.0.0.1 and a free port, output captured to `log`.

    Stopped (its own process group, by id) by `stop()`; use as a context manager.
    """

    def __init__(self, log, env=None, timeout=120, flags=()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(log)
        self.timeout = timeout
        # As in production: models preload in the background (tests turn that off for AppTest).
        self.env = {**os.environ, "ATTNVIZ_PRELOAD": "1", **(env or {})}
        self.flags = tuple(
            flags
        )  # more `streamlit run` options, e.g. ("--runner.postScriptGC", "false")
        self.process = None
        self.started = None

    def start(self):
        self.started = time.perf_counter()
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable, "-m", "streamlit", "run", "app.py",
                    "--server.headless", "true",
                    "--server.port", str(self.port),
                    "--server.address", "127.0.0.1",
                    "--server.fileWatcherType", "none",
                    "--browser.gatherUsageStats", "false",
                    *self.flags,
                ],
                cwd=PROJECT_DIR,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with {self.process.returncode}:\n{self.text()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not answer on {self.url}:\n{self.text()}")

    def peak_rss_mb(self):
        """Peak resident memory (VmHWM) of the server process, in MB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def rss_mb(self):
        """Resident memory (VmRSS) of the server process now, in MB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def wait_idle(self, quiet_seconds=3.0, threshold=0.05, timeout=300):
        """Wait until the server has used < `threshold` CPU-s over `quiet_seconds` (preloaded).

        Returns the seconds waited.
        """
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            before = self.cpu_seconds()
            time.sleep(quiet_seconds)
            if self.cpu_seconds() - before < threshold:
                break
        return time.perf_counter() - start

    def cpu_seconds(self):
        """User + system CPU time the server process has used so far (all its threads)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def text(self):
        return self.log.read_text(errors="replace") if self.log.is_file() else ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


@dataclass
class Run:
    """What one script run sent: its elements (in order), status and client-side time."""

    elements: list = field(default_factory=list)
    status: str = ""
    seconds: float = 0.0
    fragment_ids: set = field(default_factory=set)  # of the fragments drawn in this run

    def of_kind(self, kind):
        return [e for e in self.elements if e.WhichOneof("type") == kind]

    @property
    def html(self):
        return "\n".join(e.html.body for e in self.of_kind("html"))

    @property
    def text(self):
        """The text of the page's HTML elements, tags removed and entities decoded."""
        import html
        import re

        return html.unescape(re.sub(r"<[^>]+>", "", self.html))

    @property
    def markdown(self):
        return "\n".join(e.markdown.body for e in self.of_kind("markdown"))

    @property
    def alerts(self):
        return [e.alert.body for e in self.of_kind("alert")]

    @property
    def exceptions(self):
        return [f"{e.exception.type}: {e.exception.message}" for e in self.of_kind("exception")]


def shown_value(kind, control):
    """The value a widget element is drawn with (None: none to send), in `run`'s form."""
    if kind in ("text_area", "text_input"):
        if control.set_value:
            return control.value
        return control.default if control.HasField("default") else None
    if kind == "button_group":
        if control.set_value:
            return list(control.raw_values)
        return [control.options[i].content for i in control.default]
    if kind in ("selectbox", "radio"):
        if control.set_value:
            return control.raw_value
        return control.options[control.default] if control.HasField("default") else None
    if kind == "slider":
        values = control.value if control.set_value else control.default
        return float(values[0]) if len(values) == 1 else None
    return None


class Session:
    """One browser tab's worth of Streamlit session, on one page of the app."""

    def __init__(self, url, page):
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.page = page
        self.ws = None
        self.widget_ids = {}  # key -> widget id, learned from the elements sent
        # What the browser holds for each widget (id -> value): the value the page drew
        # it with, or the one this tab set since. Every rerun sends all of them, as the
        # browser does: a rerun's widget states replace the server's, so a widget left
        # out would read as unset (and a fragment that checks it reruns the whole page).
        self.values = {}

    async def __aenter__(self):
        import websockets

        self.ws = await websockets.connect(
            self.ws_url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=60,
            ping_interval=None,  # a browser does not ping either; a busy server may not pong
        )
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def run(self, values=None, click=None, timeout=180, fragment=None):
        """Rerun the page with widgets (by key) set to `values`; `click` a button key.

        Returns the `Run` once the script has finished (fragment-only runs are skipped).
        Values set by earlier runs of this tab are sent again, as a browser does.
        With `fragment` (an id from `Run.fragment_ids`), reruns only that fragment, as
        the browser does when a widget inside it changes or it runs every few seconds.
        """
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = BackMsg()
        state = message.rerun_script
        state.page_name = self.page
        if fragment:
            state.fragment_id = fragment
        for key, value in (values or {}).items():
            self.values[self.widget_ids.get(key, key)] = value
        for widget_id, value in self.values.items():
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            if isinstance(value, list):
                widget.string_array_value.data.extend(value)
            elif isinstance(value, int | float):  # a slider
                widget.double_array_value.data.append(value)
            else:
                widget.string_value = value
        if click:
            widget = state.widget_states.widgets.add()
            widget.id = self.widget_ids[click]
            widget.trigger_value = True
        run = Run()
        start = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        deadline = start + timeout
        while True:
            data = await asyncio.wait_for(self.ws.recv(), max(deadline - time.perf_counter(), 0.1))
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                run.elements.append(element)
                self._learn_widget(element)
                if forward.delta.fragment_id:
                    run.fragment_ids.add(forward.delta.fragment_id)
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(forward.script_finished)
                if status in ALL_DONE or (fragment and status in FRAGMENT_DONE):
                    run.status = status
                    run.seconds = time.perf_counter() - start
                    return run
                if status == "FINISHED_EARLY_FOR_RERUN":
                    run = Run()  # a rerun follows (e.g. an on_change callback)

    def _learn_widget(self, element):
        kind = element.WhichOneof("type")
        if kind in WIDGET_KINDS:
            control = getattr(element, kind)
            if "-" in control.id:
                self.widget_ids[control.id.rsplit("-", 1)[-1]] = control.id
            if kind != "button" and (control.id not in self.values or control.set_value):
                value = shown_value(kind, control)
                if value is not None:
                    self.values[control.id] = value


# ------------------------------------------------------------------ a classroom

POSITIVE = [
    "I loved every minute of it and the cast is wonderful.",
    "A moving, beautiful film with a terrific score.",
    "Funny, warm and clever; the best film I have seen this year.",
    "The acting is superb and the story kept me smiling.",
]
NEGATIVE = [
    "A dull, clumsy mess and a waste of two hours.",
    "The plot is predictable and the dialogue is awful.",
    "Boring from start to finish; I nearly fell asleep.",
    "Terrible acting, cheap effects and a stupid ending.",
]
MONTHS = ["jan", "feb", "march", "april", "may", "june", "july", "aug", "sept", "oct", "nov", "dec"]


def review_for(session, round_):
    """A different review for every (session, round): two sentences and a marker."""
    first = (POSITIVE + NEGATIVE)[(session + round_) % 8]
    second = (NEGATIVE + POSITIVE)[(3 * session + round_) % 8]
    return f"Student {session} round {round_} says: {first} {second}"


def date_for(session, round_):
    """A different messy date for every (session, round)."""
    day = 1 + (session * 7 + round_ * 3) % 28
    month = (session + 5 * round_) % 12
    year = 1950 + session + 40 * round_
    forms = [
        f"{day} {MONTHS[month]} {year}",
        f"{MONTHS[month]} {day}, {year}",
        f"{day}/{month + 1}/{year}",
        f"the {day}th of {MONTHS[month]} {year}",
    ]
    return forms[(session + round_) % 4]


def server_ms(run):
    """The page's own server-side timing (the "Timing" expander), or None."""
    import re

    match = re.search(r"\*\*(\d+) ms\*\*", run.markdown)
    return float(match.group(1)) if match else None


def shown_date(run):
    """The converted date as the page shows it (the first `attnviz-output` block)."""
    import re

    html = run.html
    start = html.find('class="attnviz-output"')
    if start < 0:
        return None
    block = html[start : html.find("</div>", start)]
    return "".join(re.findall(r'line-height:1.2">([^<]*)</span>', block))


def shown_label(run):
    import re

    match = re.search(r'class="attnviz-verdict"[^>]*>([^<]*)<', run.html)
    return match.group(1) if match else None


async def student(url, session, rounds, problems, samples):
    """One student's tab: `rounds` reviews on the sentiment page, `rounds` dates on dates."""
    async with Session(url, "sentiment") as tab:
        await tab.run()
        for round_ in range(rounds):
            review = review_for(session, round_)
            run = await tab.run({"review_text": review}, click="review_submit")
            problems.extend(f"session {session}: {e}" for e in run.exceptions)
            samples.append(("review", session, review, shown_label(run), run, server_ms(run)))
            # No cross-talk: this tab shows its own review and no other student's marker.
            if review not in run.text:
                problems.append(f"session {session} round {round_}: own review not shown")
    async with Session(url, "dates") as tab:
        await tab.run()
        for round_ in range(rounds):
            text = date_for(session, round_)
            run = await tab.run({"date_text": text}, click="date_submit")
            problems.extend(f"session {session}: {e}" for e in run.exceptions)
            samples.append(("date", session, text, shown_date(run), run, server_ms(run)))


async def classroom(url, sessions=40, rounds=3, stagger=0.05):
    """`sessions` students at once, each submitting `rounds` reviews and dates.

    Returns (problems, samples); a sample is (kind, session, input, shown, run, server_ms).
    """
    problems, samples = [], []

    async def one(session):
        await asyncio.sleep(session * stagger)
        try:
            await student(url, session, rounds, problems, samples)
        except Exception as exc:  # noqa: BLE001  (reported, not raised: count every failure)
            problems.append(f"session {session}: {type(exc).__name__}: {exc}")

    await asyncio.gather(*(one(s) for s in range(sessions)))
    return problems, samples


def percentile(values, q):
    values = sorted(v for v in values if v is not None)
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))
    return values[index]


def summarize(samples, seconds, cores):
    """p50/p95 server and round-trip times per kind, throughput and sessions per core."""
    summary = {"submits": len(samples), "seconds": seconds, "cores": cores}
    for kind in ("review", "date"):
        chosen = [s for s in samples if s[0] == kind]
        summary[kind] = {
            "server_ms_p50": percentile([s[5] for s in chosen], 50),
            "server_ms_p95": percentile([s[5] for s in chosen], 95),
            "round_trip_ms_p50": percentile([1000 * s[4].seconds for s in chosen], 50),
            "round_trip_ms_p95": percentile([1000 * s[4].seconds for s in chosen], 95),
        }
    summary["submits_per_second"] = len(samples) / seconds if seconds else float("nan")
    return summary
