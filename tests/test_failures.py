"""A broken model file: the page says which file and how to rebuild it; the rest keeps working.

Each test copies the shipped files to a temporary folder, breaks one (missing, truncated,
written by a newer version, garbage model card), points `ATTNVIZ_PRETRAINED` at the folder
and drives the app under AppTest. `st.cache_resource` does not cache an exception, so a
broken model is retried on every run (a rebuilt file is picked up without a restart);
`attnviz.models.paths.report_model_error` keeps the log to one line per broken file.
"""

import json
import logging
import re
import shutil
import zipfile

import pytest
import streamlit as st

from attnviz.models.paths import PRETRAINED_DIR, REBUILD_COMMANDS
from tests.conftest import require_model

SENTIMENT = "app_pages/sentiment.py"
DATES = "app_pages/dates.py"
HOME = "app_pages/home.py"
FILES = {
    "sentiment": ["sentiment-additive.keras", "sentiment-additive.json", "sentiment-vocab.txt"],
    "dates": ["dates.keras", "dates.json"],
    "times": ["times.keras", "times.json"],
}
HOW = ["missing", "truncated", "wrong_version", "garbage_card"]


def newer_version(source, target):
    """`source` as if saved by a future version: a layer class this version does not know."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "metadata.json":
                data = json.dumps({**json.loads(data), "keras_version": "9.0.0"}).encode()
            elif item.filename == "config.json":
                data = data.replace(b'"class_name": "Embedding"', b'"class_name": "EmbeddingV9"')
            zout.writestr(item, data)


def break_file(folder, task, how):
    """Break `task`'s model in `folder` the way `how` says; the file that is now broken."""
    model = folder / FILES[task][0]
    card = folder / FILES[task][1]
    if how == "missing":
        model.unlink()
    elif how == "truncated":
        model.write_bytes(model.read_bytes()[: model.stat().st_size // 2])
    elif how == "wrong_version":
        newer_version(PRETRAINED_DIR / model.name, model)
    elif how == "garbage_card":
        card.write_bytes(b"\x00\xff{not json")
        return card
    elif how == "missing_vocabulary":
        model = folder / FILES[task][2]
        model.unlink()
    return model


@pytest.fixture
def models(tmp_path, monkeypatch):
    """Copies of the shipped models in a temporary folder the app reads from.

    Call it with (task, how) pairs to break; returns the files it broke.
    """
    for task in FILES:
        require_model(task)
    folder = tmp_path / "pretrained"
    folder.mkdir()
    for names in FILES.values():
        for name in names:
            shutil.copy(PRETRAINED_DIR / name, folder / name)
    monkeypatch.setenv("ATTNVIZ_PRETRAINED", str(folder))  # read by models.paths.pretrained_dir
    st.cache_resource.clear()  # models cached by earlier tests came from elsewhere

    def breaker(*broken):
        return [break_file(folder, task, how) for task, how in broken]

    yield breaker
    st.cache_resource.clear()


def open_page(app, page):
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def assert_clear_error(at, broken, task):
    """One error on the page naming the broken file and the command that rebuilds it."""
    assert not at.exception, at.exception
    assert len(at.error) == 1, [e.value for e in at.error]
    message = at.error[0].value
    assert broken.name in message
    assert REBUILD_COMMANDS[task] in message
    assert "Traceback" not in message


def convert_works(at, text="29.4.2013"):
    at.text_input(key="date_text").set_value(text)
    at.button(key="date_submit").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.get("plotly_chart"), "a working converter draws its alignment"


@pytest.mark.parametrize("how", [*HOW, "missing_vocabulary"])
def test_broken_sentiment_model_gets_a_clear_page(app, models, how):
    [broken] = models(("sentiment", how))
    at = open_page(app, SENTIMENT)
    assert_clear_error(at, broken, "sentiment")
    at.switch_page(DATES).run()  # the other models are untouched
    convert_works(at)
    at.switch_page(SENTIMENT).run()  # and the broken page still explains itself
    assert_clear_error(at, broken, "sentiment")


@pytest.mark.parametrize("how", HOW)
def test_broken_time_model_leaves_dates_working(app, models, how):
    [broken] = models(("times", how))
    at = open_page(app, DATES)
    convert_works(at)
    at.segmented_control(key="date_task").set_value("time").run()
    assert_clear_error(at, broken, "times")
    at.segmented_control(key="date_task").set_value("date").run()
    convert_works(at, "Sat, the 4th of July '76")


@pytest.mark.parametrize("how", HOW)
def test_broken_date_model_leaves_times_working(app, models, how):
    [broken] = models(("dates", how))
    at = open_page(app, DATES)
    assert_clear_error(at, broken, "dates")
    at.segmented_control(key="date_task").set_value("time").run()
    convert_works(at, "ten to six in the evening")


def test_sentiment_works_when_both_converters_are_broken(app, models):
    models(("dates", "missing"), ("times", "truncated"))
    at = open_page(app, DATES)
    assert "dates.keras" in at.error[0].value
    at.switch_page(SENTIMENT).run()
    assert not at.exception and not at.error
    at.text_area(key="review_text").set_value("A wonderful, moving film.")
    at.button(key="review_submit").click().run()
    assert not at.exception
    assert "attnviz-verdict" in "".join(h.value for h in at.html)
    at.switch_page(HOME).run()
    assert not at.exception and not at.error


def test_a_broken_model_is_logged_once(app, models, caplog):
    broken_sentiment, broken_times = models(("sentiment", "truncated"), ("times", "missing"))
    caplog.set_level(logging.ERROR, logger="attnviz")
    at = open_page(app, SENTIMENT)
    for _ in range(3):
        at.run()
        assert_clear_error(at, broken_sentiment, "sentiment")
    at.switch_page(DATES).run()
    for _ in range(2):
        at.segmented_control(key="date_task").set_value("time").run()
        assert_clear_error(at, broken_times, "times")
        at.segmented_control(key="date_task").set_value("date").run()
        assert not at.error
    logged = [r.getMessage() for r in caplog.records if r.name == "attnviz"]
    assert sum(str(broken_sentiment) in line for line in logged) == 1, logged
    assert sum(str(broken_times) in line for line in logged) == 1, logged
    assert len(logged) == 2, logged


def test_report_model_error_logs_each_problem_once(tmp_path, caplog):
    from attnviz.models.paths import ModelFileError, report_model_error

    caplog.set_level(logging.ERROR, logger="attnviz")
    first = ModelFileError(tmp_path / "a.keras", "Model file is missing", "dates")
    again = ModelFileError(tmp_path / "a.keras", "Model file is missing", "dates")
    other = ModelFileError(tmp_path / "a.keras", "Model card is missing", "dates")
    assert report_model_error(first) is True
    assert report_model_error(again) is False
    assert report_model_error(other) is True
    assert [r.levelname for r in caplog.records if r.name == "attnviz"] == ["ERROR", "ERROR"]


# ------------------------------------------------------------ unexpected errors

A101 = "app_pages/attention101.py"


def page_text(at):
    parts = [e.value for kind in (at.markdown, at.caption, at.error, at.warning, at.info)
             for e in kind]  # fmt: skip
    return "\n".join(parts + [h.value for h in at.html])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_an_unexpected_error_is_a_friendly_message_logged_once(app, monkeypatch, caplog, language):
    """A bug in a page: a translated message with a code, no traceback, one log entry."""
    from app_pages.components import errors
    from attnviz.classroom import toy_attention
    from attnviz.i18n import t

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail /srv/attnviz/internal.py")

    monkeypatch.setattr(toy_attention, "attend", broken)
    monkeypatch.setattr(errors, "_seen", set())
    caplog.set_level(logging.ERROR, logger="attnviz")
    app.session_state["lang"] = language
    at = open_page(app, A101)
    for _ in range(3):
        at.run()
        assert not at.exception, at.exception
        [message] = [e.value for e in at.error]
        code = re.search(r"\b[0-9a-f]{8}\b", message).group()
        assert message == t("common.unexpected", language, code=code)
        shown = page_text(at)
        assert "secret detail" not in shown and "/srv/" not in shown and "Traceback" not in shown
    logged = [r for r in caplog.records if r.name == "attnviz"]
    assert len(logged) == 1, [r.getMessage() for r in logged]
    assert code in logged[0].getMessage()
    assert "secret detail" in logged[0].exc_text  # the server log keeps the whole story
    at.switch_page(HOME).run()  # the session goes on
    assert not at.exception and not at.error


def test_streamlit_control_flow_passes_through():
    """st.stop and st.rerun are not errors: run_page lets them through."""
    from streamlit.runtime.scriptrunner_utils.exceptions import StopException

    from app_pages.components import errors

    class Page:
        def run(self):
            raise StopException()

    with pytest.raises(StopException):
        errors.run_page(Page())


def test_the_same_error_gets_the_same_code_and_another_a_new_one():
    from app_pages.components import errors

    def fail(message):
        try:
            raise ValueError(message)
        except ValueError as exc:
            return exc

    assert errors.error_code(fail("a")) == errors.error_code(fail("a"))
    assert errors.error_code(fail("a")) != errors.error_code(fail("b"))


def test_a_failing_fragment_shows_the_friendly_message_and_the_page_goes_on():
    """Fragments rerun outside run_page: `errors.friendly` gives them the same message."""
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from app_pages.components import errors

        @st.fragment
        @errors.friendly
        def part():
            raise RuntimeError("secret detail /srv/attnviz/internal.py")

        part()
        st.write("the rest of the page")

    at = AppTest.from_function(script).run()
    assert not at.exception, at.exception
    [message] = [e.value for e in at.error]
    assert re.search(r"\b[0-9a-f]{8}\b", message) and "secret" not in message
    assert [m.value for m in at.markdown] == ["the rest of the page"]


def test_friendly_lets_streamlit_control_flow_through():
    from streamlit.runtime.scriptrunner_utils.exceptions import StopException

    from app_pages.components import errors

    @errors.friendly
    def stops():
        raise StopException()

    with pytest.raises(StopException):
        stops()
