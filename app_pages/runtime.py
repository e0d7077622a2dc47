"""Process-wide set-up of the app server, in one place: `app.py` calls `set_up()` on every run.

- Model registry and background preloading (`MODELS`): every model the pages show is
  registered here with how to load it and what to compile; the first script run of the
  process starts one background thread that loads and compiles them all, in the order a
  class needs them, so pages find them ready. A page asks `MODELS.get(name)`: it returns
  the loaded model, or loads it right now (under the same per-model lock, so nothing loads
  twice) if the preloader has not got there yet. Adding a model is one `MODELS.register`
  call at the bottom of this file. The preloader gives way to students: it waits while any
  page run is in progress (`MODELS.page_run`, around every run in app.py) and for a moment
  after, so the first answers of a lesson do not share the CPU with loading the next model.
- Garbage-collector policy: once the models are loaded, `gc.collect(); gc.freeze()` moves
  the ~400k objects TensorFlow and Keras leave behind into the collector's permanent
  generation. Streamlit runs a full collection after every script run
  (`runner.postScriptGC`); with those objects frozen it costs a few ms instead of ~300 ms.
  `ATTNVIZ_GC=default` keeps Python's default (the baseline of benchmarks/bench.py).
- Keras-session policy: the app keeps one Keras session for the whole process
  (`keep_keras_session`), because every model is loaded once.
- Logging: attnviz logs to the "attnviz" logger (a broken model file, once per file,
  `attnviz.models.paths.report_model_error`; "models ready" once); Streamlit's handlers print it.

Not a page (app.py routes only the pages it lists) and no widgets: safe to call on
every script run.
"""

import atexit
import contextlib
import gc
import logging
import os
import sys
import threading
import time
from dataclasses import dataclass
from functools import partial

LOGGER = logging.getLogger("attnviz")
# "freeze" (default): freeze the collector's view of the loaded models; "default": don't.
GC_POLICY_ENV = "ATTNVIZ_GC"
# "1" (default): load every model in the background from the first run; "0": on first use.
PRELOAD_ENV = "ATTNVIZ_PRELOAD"
# The preloader gives way to students: before each step after the first model it waits
# until no page run is in progress and none ended in the last PAGE_QUIET_SECONDS (at most
# PAGE_WAIT_LIMIT seconds per step, so a busy room does not stop it; a page that needs a
# model meanwhile loads it).
PAGE_QUIET_SECONDS = 1.0
PAGE_WAIT_LIMIT = 5.0


def release_free_memory():
    """Hand memory the C allocator holds but no longer uses back to the system.

    Loading and compiling a model frees large temporary buffers that glibc keeps for
    reuse (`malloc_trim(0)` returns them). Called after each preload step; does nothing
    where there is no glibc. Returns True when it ran.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        trim = None
    if trim is None:
        return False
    trim(0)
    return True


# glibc's mallopt parameter for the number of malloc arenas (malloc.h).
M_ARENA_MAX = -8
MALLOC_ARENAS = 2


def limit_malloc_arenas(arenas=MALLOC_ARENAS):
    """Let glibc's allocator keep at most `arenas` heaps, however many threads allocate.

    By default each thread that allocates under contention may get a heap of its own (up
    to 8 per core), and every heap keeps freed memory for itself: the server runs each
    page in a new script thread and loads the models in another, so the process held
    memory in a dozen heaps. Called once at server start, before those threads exist.
    Returns False where there is no glibc.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(name).mallopt if name else None
    except (OSError, AttributeError):
        mallopt = None
    return bool(mallopt and mallopt(M_ARENA_MAX, arenas))


def clean_up_after_run():
    """Streamlit's after-run clean-up, without clearing the Keras session.

    Streamlit calls `keras.backend.clear_session()` after each run (for scripts that
    build a new model every run). Keras' clear_session also drops TensorFlow's kernel
    cache, so every run re-instantiated the attribution graphs: integrated gradients
    and occlusion of a 400-word review took 1.1-1.9 s per run instead of about 0.4 s.
    The app loads each model once per process (`st.cache_resource`), so there is no
    per-run state to clear. The rest of Streamlit's clean-up (closing matplotlib
    figures) is kept.
    """
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


def keep_keras_session():
    """Stop Streamlit (only Streamlit) from clearing the Keras session after every run.

    Replaces Streamlit's own after-run hook (`script_runner._clean_problem_modules`)
    by `clean_up_after_run`; `keras.backend.clear_session` itself stays Keras' own, so
    any code that calls it on purpose still clears the session. Works whether Keras is
    imported yet or not, so it holds from the first run. Idempotent.
    """
    from streamlit.runtime.scriptrunner import script_runner

    script_runner._clean_problem_modules = clean_up_after_run


def freeze_collector():
    """Collect once, then move every object alive now out of the collector's sight.

    What is frozen is never collected as a cycle again (reference counting still frees
    it): call it only when what is alive is meant to live as long as the process (loaded
    models, imported modules). Returns the number of objects frozen.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def gc_policy():
    return os.environ.get(GC_POLICY_ENV, "freeze")


@dataclass
class Entry:
    """A registered model: `load()` returns it ready to answer; `later(model, registry)`
    compiles more, calling `registry.give_way()` between its steps and stopping when
    `registry.stopping` is set."""

    name: str
    load: object
    later: object = None


class ModelRegistry:
    """Models by name, each loaded at most once per process (a lock per model).

    A failed load is not kept: the next `get` tries again, so a newly trained file is
    picked up without a restart. `preload()` loads every registered model in
    registration order, then runs their `later` steps, then applies the GC policy.
    """

    def __init__(self):
        self._entries = {}
        self._models = {}
        self._locks = {}
        self._lock = threading.Lock()
        self._thread = None
        self._stop = threading.Event()
        self.ready = threading.Event()  # set when preloading has finished
        self.ready_seconds = None
        self._last_page_run = float("-inf")
        self._running_pages = 0

    @contextlib.contextmanager
    def page_run(self):
        """Around one page run (app.py): while any runs, and for a moment after, the
        preloader waits (see PAGE_QUIET_SECONDS)."""
        with self._lock:
            self._running_pages += 1
            self._last_page_run = time.monotonic()
        try:
            yield
        finally:
            with self._lock:
                self._running_pages -= 1
                self._last_page_run = time.monotonic()

    @property
    def stopping(self):
        """True once the process is exiting: background work should return."""
        return self._stop.is_set()

    def give_way(self):
        """Wait while pages run (see PAGE_QUIET_SECONDS); returns the seconds waited."""
        start = time.monotonic()
        while not self._stop.is_set() and time.monotonic() - start < PAGE_WAIT_LIMIT:
            quiet = time.monotonic() - self._last_page_run >= PAGE_QUIET_SECONDS
            if quiet and not self._running_pages:
                break
            self._stop.wait(0.05)
        return time.monotonic() - start

    def register(self, name, load, later=None):
        """Add a model: `load()` -> the model; `later(model, registry)`: optional warm-up."""
        with self._lock:
            self._entries[name] = Entry(name, load, later)
            self._locks.setdefault(name, threading.Lock())

    @property
    def names(self):
        return tuple(self._entries)

    @staticmethod
    def _key(name):
        # Models are kept per folder they come from ($ATTNVIZ_PRETRAINED may change, in tests).
        from attnviz.models.paths import pretrained_dir

        return name, str(pretrained_dir())

    def is_loaded(self, name):
        return self._key(name) in self._models

    def get(self, name):
        """The model `name`, loaded now if nobody has yet (waits for a load in progress)."""
        key = self._key(name)
        model = self._models.get(key)
        if model is not None:
            return model
        entry = self._entries[name]
        with self._locks[name]:
            model = self._models.get(key)
            if model is None:
                model = entry.load()
                keep_keras_session()
                self._models[key] = model
        return model

    def start_preloading(self):
        """Start the background preloader once per process (later calls do nothing)."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(
                target=self.preload, name="attnviz-preload", daemon=True
            )
            self._thread.start()
        # A compile killed at interpreter exit aborts the process: let the current one finish.
        atexit.register(self._stop_preloading)

    def _stop_preloading(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=120)

    def preload(self):
        """Load every model, then compile what later clicks need, then freeze (see module)."""
        from attnviz.models.paths import ModelFileError, report_model_error

        start = time.perf_counter()
        loaded = []
        for number, name in enumerate(self.names):
            if number:  # the first model is the one the first page waits for anyway
                self.give_way()
            if self._stop.is_set():
                return
            try:
                loaded.append((name, self.get(name)))
                release_free_memory()
            except ModelFileError as exc:
                report_model_error(exc)  # logged once; the page shows it on every run
            except Exception:  # noqa: BLE001  (see _run_later: the page loads it on first use)
                LOGGER.warning("attnviz: preloading %s failed; it loads on first use", name)
        if gc_policy() == "freeze":
            freeze_collector()  # the models are what the process holds for good
        for name, model in loaded:
            later = self._entries[name].later
            if later is not None and not self._stop.is_set():
                self.give_way()
                self._run_later(name, later, model)
                release_free_memory()
        if gc_policy() == "freeze":
            frozen = freeze_collector()  # and what compiling the rest created
        else:
            frozen = 0
        self.ready_seconds = time.perf_counter() - start
        self.ready.set()
        LOGGER.info(
            "attnviz: %d models ready in %.1f s (gc policy %s, %d objects frozen)",
            len(loaded),
            self.ready_seconds,
            gc_policy(),
            frozen,
        )

    def _run_later(self, name, later, model, attempts=2):
        """Run a warm-up step; what it did not compile compiles on first use instead.

        Tracing a TensorFlow function while a page thread traces another one can fail
        (CPython 3.11's syntax-tree construction in TensorFlow's autograph is not
        thread-safe); a second attempt after the page's run usually succeeds.
        """
        for attempt in range(attempts):
            try:
                later(model, self)
                return
            except Exception as exc:  # noqa: BLE001  (a warm-up is optional; the page still works)
                if attempt + 1 == attempts:
                    LOGGER.warning(
                        "attnviz: warm-up of %s stopped early; the rest compiles on first use",
                        name,
                        exc_info=LOGGER.isEnabledFor(logging.DEBUG) and exc,
                    )
                else:
                    time.sleep(1.0)


# ------------------------------------------------------------------ the models


def _load_sentiment(variant):
    """A sentiment model ready to answer one text: its arrays, read without TensorFlow.

    A review runs in numpy (`attnviz.models.npforward`), so neither loading nor the first
    answer waits for TensorFlow or a compile. The Keras model loads when a batch (the class
    export) or the attributions first need it; its batches run as one plain TensorFlow
    graph (no XLA: no compiled programs held per review length).
    """
    from attnviz import load_sentiment_model

    return load_sentiment_model(variant=variant, jit_compile=False)


def _sentiment_later(model, registry):
    """The default model's attribution methods and the figures' first build.

    The attributions load the Keras model (and TensorFlow) and trace their graphs once;
    the other variants answer the mechanisms page in numpy and need nothing more.
    """
    from attnviz.viz.figure import warm_up as warm_figures

    if model.variant != "additive":
        return
    for step in (warm_figures, partial(model.attributions, "a fine film, well acted")):
        registry.give_way()  # the attribution graphs trace for seconds: students first
        if registry.stopping:
            return
        step()


def _load_converter(task):
    """A converter that answers in numpy: a text or the batch tab's lines never need
    TensorFlow (`Converter.numpy_rows`), so it needs no compile either."""
    from attnviz import load_date_model, load_time_model
    from attnviz.models.dates import BATCH_SIZE

    model = load_date_model() if task == "date" else load_time_model()
    model.numpy_rows = BATCH_SIZE  # convert_batch's chunks: every one in numpy
    model.convert("march 4th, 2021" if task == "date" else "quarter past three pm")
    return model


MODELS = ModelRegistry()
# In the order a class needs them: the sentiment page first, then dates, then the rest.
# Every model here loads in a fraction of a second (arrays read from its file, no
# TensorFlow); only the default sentiment model's attribution methods, warmed up after all
# of them, import TensorFlow.
MODELS.register("sentiment-additive", partial(_load_sentiment, "additive"), _sentiment_later)
for _variant in ("per_unit", "dot_product", "multi_head"):
    MODELS.register(f"sentiment-{_variant}", partial(_load_sentiment, _variant), _sentiment_later)
MODELS.register("date", partial(_load_converter, "date"))
MODELS.register("time", partial(_load_converter, "time"))


def sentiment_name(variant):
    """The registry name of a sentiment variant."""
    return f"sentiment-{variant}"


_set_up_once = threading.Lock()
_done = False


def welcome_lines():
    """What the server prints when it starts, in place of Streamlit's own banner.

    Streamlit's banner (`logger.hideWelcomeMessage` in .streamlit/config.toml) also looks
    up the machine's public address and, with no internet (a classroom network, a
    headless server), warns "Did not auto detect external IP", which a newcomer reads as
    an error. The app never uses that address: students join on the local network.
    """
    import streamlit as st

    from app_pages.components.join import server_base_url
    from attnviz.classroom.join import join_base_url

    scheme = "https" if st.get_option("server.sslCertFile") else "http"
    local = join_base_url(
        None,
        "localhost",
        st.get_option("server.port"),
        st.get_option("server.baseUrlPath") or "",
        scheme,
    )
    room = server_base_url(in_session=False)
    lines = ["", "  attnviz is running.", f"  On this computer:   {local}"]
    if room:
        lines.append(f"  For the class:      {room}   (the Join panel shows it as a QR code)")
    else:
        lines.append("  No network address found: only this computer can open the app.")
    lines += ["  The models load in the background; 'models ready' below says when.", ""]
    return lines


def quiet_logs():
    """Keep TensorFlow's start-up chatter out of the server log (before TensorFlow loads).

    Its C++ logging (oneDNN notices, CPU feature lines) is set by `TF_CPP_MIN_LOG_LEVEL`
    when the library loads; its Python logger warns about retracing when the preloader
    compiles several lengths on purpose. Errors still print. An explicit setting wins.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("ABSL_MIN_LOG_LEVEL", "2")
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    # attnviz's own lines (a broken model file, "models ready"), in Streamlit's log format.
    # Still propagated (no handler on the root logger in the server; pytest's caplog sees them).
    if not LOGGER.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("%(asctime)s.%(msecs)03d %(message)s", "%Y-%m-%d %H:%M:%S")
        )
        LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)


def single_thread_blas():
    """Run numpy's matrix products on one thread (the BLAS library's own threads off).

    The app's products are small (a review's BiLSTM, one step at a time) and the server
    runs many sessions at once. With its default of one thread per core, OpenBLAS's
    threads spin waiting for each other whenever the cores are busy: one 96 x 64 product
    took 16 ms instead of 0.08 with two other processes running. TensorFlow keeps its own
    thread pools.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def set_up():
    """Apply the process-wide policies (idempotent; cheap on every run)."""
    global _done
    keep_keras_session()
    if _done:
        return
    with _set_up_once:
        if _done:
            return
        _done = True
        quiet_logs()
        single_thread_blas()
        limit_malloc_arenas()
        if os.environ.get(PRELOAD_ENV, "1") != "0":
            MODELS.start_preloading()


@contextlib.asynccontextmanager
async def lifespan(_app):
    """The server's start-up hook (`st.App(lifespan=...)` in app.py): start preloading.

    Streamlit runs no app code before the first browser session; served as an st.App,
    the server calls this when it starts, so the models load and compile while the
    teacher is still opening the page.
    """
    set_up()
    print("\n".join(welcome_lines()), flush=True)
    yield None
