"""The app's process-wide runtime: model registry, background preloading, GC policy, and the
private Streamlit switch it relies on (pinned here for the pinned Streamlit version)."""

import gc
import inspect
import threading
import time

import pytest

from app_pages import runtime
from attnviz.models.paths import ModelFileError


def counting_loader(calls, value, delay=0.0, fail=None):
    def load():
        calls.append(value)
        time.sleep(delay)
        if fail is not None and fail():
            raise ModelFileError("missing.keras", "Model file is missing", "sentiment")
        return value

    return load


def test_a_model_loads_once_even_when_pages_ask_at_the_same_time():
    registry = runtime.ModelRegistry()
    calls = []
    registry.register("m", counting_loader(calls, {"name": "m"}, delay=0.2))
    results = []
    threads = [threading.Thread(target=lambda: results.append(registry.get("m"))) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [{"name": "m"}]
    assert len(results) == 5 and all(r is results[0] for r in results)
    assert registry.is_loaded("m")


def test_a_failed_load_is_not_kept_so_a_rebuilt_file_is_picked_up():
    registry = runtime.ModelRegistry()
    calls, broken = [], [True]
    registry.register("m", counting_loader(calls, "model", fail=lambda: broken[0]))
    with pytest.raises(ModelFileError):
        registry.get("m")
    assert not registry.is_loaded("m")
    broken[0] = False
    assert registry.get("m") == "model"
    assert len(calls) == 2


def test_models_are_kept_per_folder(tmp_path, monkeypatch):
    registry = runtime.ModelRegistry()
    calls = []
    registry.register("m", lambda: calls.append(1) or len(calls))
    assert registry.get("m") == 1
    monkeypatch.setenv("ATTNVIZ_PRETRAINED", str(tmp_path))
    assert registry.get("m") == 2  # another folder: another model
    monkeypatch.delenv("ATTNVIZ_PRETRAINED")
    assert registry.get("m") == 1


def test_preload_loads_in_order_then_runs_later_steps_and_freezes(monkeypatch, caplog):
    registry = runtime.ModelRegistry()
    events = []
    registry.register(
        "a", lambda: events.append("load a") or "A", lambda m, registry: events.append(f"later {m}")
    )
    registry.register("broken", counting_loader([], None, fail=lambda: True))
    registry.register("b", lambda: events.append("load b") or "B")
    monkeypatch.setenv(runtime.GC_POLICY_ENV, "freeze")
    caplog.set_level("INFO", logger="attnviz")
    try:
        registry.preload()
        assert gc.get_freeze_count() > 0  # what the models hold is out of the collector's sight
    finally:
        gc.unfreeze()
    assert events == ["load a", "load b", "later A"]  # every model first, then the rest
    assert registry.ready.is_set() and registry.ready_seconds >= 0
    assert "2 models ready" in caplog.text
    assert "Model file is missing" in caplog.text  # the broken one is reported, the rest load


def test_sentiment_warm_up_gives_way_to_the_registry_that_runs_it(monkeypatch):
    """Each warm-up step waits on the pages of the registry running it (not the app's)."""
    from attnviz.viz import figure

    class Model:
        def __init__(self, variant):
            self.variant, self.attributed = variant, []

        def attributions(self, text):
            self.attributed.append(text)

    class Registry:
        def __init__(self, stop_at):
            self.stopping, self.waits, self.stop_at = False, 0, stop_at

        def give_way(self):
            self.waits += 1
            self.stopping = self.waits == self.stop_at  # the process exits during this wait
            return 0.0

    figures = []
    monkeypatch.setattr(figure, "warm_up", lambda: figures.append(1))
    model, registry = Model("additive"), Registry(stop_at=2)
    runtime._sentiment_later(model, registry)
    assert figures == [1] and model.attributed == []  # exit stops before the attributions
    assert registry.waits == 2 and runtime.MODELS.stopping is False
    model, registry = Model("additive"), Registry(stop_at=0)
    runtime._sentiment_later(model, registry)
    assert model.attributed == ["a fine film, well acted"] and registry.waits == 2
    other, registry = Model("per_unit"), Registry(stop_at=0)
    runtime._sentiment_later(other, registry)  # answers in numpy: nothing to warm up
    assert other.attributed == [] and registry.waits == 0


def test_default_gc_policy_does_not_freeze(monkeypatch):
    registry = runtime.ModelRegistry()
    registry.register("a", lambda: "A")
    monkeypatch.setenv(runtime.GC_POLICY_ENV, "default")
    gc.unfreeze()
    registry.preload()
    assert gc.get_freeze_count() == 0


def test_the_shipped_registry_lists_every_model_the_pages_show():
    from attnviz.models.sentiment import VARIANTS

    names = set(runtime.MODELS.names)
    assert {runtime.sentiment_name(v) for v in VARIANTS} <= names
    assert {"date", "time"} <= names
    assert runtime.MODELS.names[0] == "sentiment-additive"  # the first page a class opens
    # the sentiment models load without TensorFlow: all of them before the converters
    assert runtime.MODELS.names.index("date") == len(VARIANTS)


def test_post_script_gc_switch_is_pinned():
    """`runner.postScriptGC` is a hidden Streamlit option (not in the documented config).

    Streamlit runs `gc.collect(2)` after every script run while it is on (~300 ms once
    TensorFlow is loaded); .streamlit/config.toml turns it off and app_pages/runtime.py
    freezes the loaded models out of the collector's sight. Pinned for the Streamlit in requirements.txt: if an upgrade
    renames or drops the option, or stops collecting after a run, this fails - then re-measure
    with benchmarks/bench.py and update config.toml and runtime.py.
    """
    from streamlit import config
    from streamlit.runtime.scriptrunner import script_runner

    config.get_option("runner.postScriptGC")  # loads the options (raises if unknown)
    option = config._config_options["runner.postScriptGC"]
    assert option.default_val is True and option.visibility == "hidden"
    source = inspect.getsource(script_runner)
    assert 'config.get_option("runner.postScriptGC")' in source
    assert "gc.collect(2)" in source
    import tomllib

    from attnviz.models.paths import PROJECT_DIR

    settings = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text())
    assert settings["runner"]["postScriptGC"] is False


def test_a_failing_warm_up_is_retried_then_left_to_first_use(monkeypatch, caplog):
    monkeypatch.setenv(runtime.GC_POLICY_ENV, "default")
    monkeypatch.setattr(runtime.time, "sleep", lambda seconds: None)
    caplog.set_level("INFO", logger="attnviz")
    attempts = {"flaky": 0, "broken": 0}

    def flaky(model, stop):
        attempts["flaky"] += 1
        if attempts["flaky"] == 1:
            raise ValueError("traced at the same time as a page")

    def broken(model, stop):
        attempts["broken"] += 1
        raise ValueError("always")

    registry = runtime.ModelRegistry()
    registry.register("flaky", lambda: "F", flaky)
    registry.register("broken", lambda: "B", broken)
    registry.register("unloadable", lambda: 1 / 0)
    registry.preload()
    assert attempts == {"flaky": 2, "broken": 2}
    assert registry.ready.is_set() and registry.is_loaded("flaky")
    assert "warm-up of broken stopped early" in caplog.text
    assert "preloading unloadable failed" in caplog.text
    assert "warm-up of flaky" not in caplog.text


def test_a_new_shape_is_traced_by_one_thread_at_a_time_and_a_known_one_runs_freely():
    """CompiledByShape: first calls of a shape are serialised; later calls are not."""
    import threading
    import time

    import numpy as np

    from attnviz.models.batching import CompiledByShape

    inside, most = [0], {}
    count_lock = threading.Lock()

    def slow(batch):
        with count_lock:
            inside[0] += 1
            key = batch.shape
            most[key] = max(most.get(key, 0), inside[0])
        time.sleep(0.05)
        with count_lock:
            inside[0] -= 1
        return batch.sum()

    compiled = CompiledByShape(slow)

    def call_all(shape):
        threads = [threading.Thread(target=compiled, args=(np.ones(shape),)) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    call_all((2, 3))  # a new shape: six threads, one at a time until it is known
    assert most[(2, 3)] == 1
    most.clear()
    call_all((2, 3))  # known now: no lock
    assert most[(2, 3)] > 1
    pair = CompiledByShape(lambda inputs: inputs[0].sum() + inputs[1].sum())
    assert pair([np.ones((1, 2)), np.ones((3,))]) == 5.0  # list inputs (hard, k-reader)
    assert pair([np.ones((1, 2)), np.ones((3,))]) == 5.0


def test_the_server_prints_its_own_addresses_instead_of_streamlits_banner(monkeypatch):
    """config.toml turns Streamlit's banner off (offline it warns "Did not auto detect
    external IP"); `welcome_lines` prints the local and the class address instead.
    Pinned: the option must exist and gate the banner (and its external-IP lookup)."""
    import tomllib

    from streamlit import config
    from streamlit.web import bootstrap

    from app_pages.components import join as join_panel
    from attnviz.classroom import join
    from attnviz.models.paths import PROJECT_DIR

    settings = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text())
    assert settings["logger"]["hideWelcomeMessage"] is True
    config.get_option("logger.hideWelcomeMessage")  # raises if an upgrade drops it
    source = inspect.getsource(bootstrap._print_url)
    assert source.index('"logger.hideWelcomeMessage"') < source.index("get_external_ip")

    options = {"server.port": 8765, "server.baseUrlPath": "", "server.sslCertFile": None,
               "server.address": None, "browser.serverAddress": "localhost"}  # fmt: skip
    monkeypatch.setattr(join_panel.st, "get_option", options.get)
    monkeypatch.setattr(join, "lan_address", lambda: "192.168.1.20")
    lines = runtime.welcome_lines()
    assert "  On this computer:   http://localhost:8765" in lines
    assert any(line.startswith("  For the class:      http://192.168.1.20:8765") for line in lines)
    monkeypatch.setattr(join, "lan_address", lambda: None)
    assert "  No network address found: only this computer can open the app." in (
        runtime.welcome_lines()
    )


def test_release_free_memory_returns_freed_heap():
    """glibc's malloc_trim gives back what a freed buffer left behind (Linux)."""
    before = runtime_rss_kb()
    blocks = [bytearray(64 * 1024) for _ in range(4000)]  # ~256 MB in small heap blocks
    del blocks[:-1]  # all but the last: the heap top stays in use, so free() keeps it
    assert runtime.release_free_memory() is True
    assert runtime_rss_kb() - before < 64 * 1024  # most of the 256 MB went back


def runtime_rss_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_preloader_gives_way_while_pages_run(monkeypatch):
    monkeypatch.setattr(runtime, "PAGE_QUIET_SECONDS", 0.2)
    monkeypatch.setattr(runtime, "PAGE_WAIT_LIMIT", 0.6)
    registry = runtime.ModelRegistry()
    assert registry.give_way() < 0.05  # no page has run: straight on
    with registry.page_run():
        pass
    waited = registry.give_way()
    assert 0.15 <= waited < 0.5  # until the last run ended 0.2 s ago
    with registry.page_run():  # a long page run (waiting for a model): no preloading beside it
        assert 0.55 <= registry.give_way() < 1.0  # gives up waiting after PAGE_WAIT_LIMIT
    with pytest.raises(RuntimeError), registry.page_run():  # st.stop / rerun end runs too
        raise RuntimeError
    assert registry._running_pages == 0


def test_preloader_waits_for_a_quiet_moment_before_the_next_model(monkeypatch):
    monkeypatch.setattr(runtime, "PAGE_QUIET_SECONDS", 0.3)
    monkeypatch.setenv(runtime.GC_POLICY_ENV, "default")
    registry = runtime.ModelRegistry()
    times = {}

    def first():
        with registry.page_run():  # a page runs while the first model loads
            return "A"

    registry.register("first", first)
    registry.register("second", lambda: times.setdefault("second", time.monotonic()) and "B")
    start = time.monotonic()
    registry.preload()
    assert times["second"] - start >= 0.28  # loaded only once the page had been quiet


def test_malloc_arenas_are_limited_where_glibc_is():
    import ctypes.util

    assert runtime.limit_malloc_arenas() is (ctypes.util.find_library("c") is not None)
