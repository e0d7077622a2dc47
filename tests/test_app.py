"""The Streamlit app under AppTest: every page from app.py, driven through its widgets by key."""

import json
import re
from pathlib import Path

import numpy as np
import pytest
import streamlit as st

from attnviz.i18n import STRINGS, t
from tests.conftest import PROJECT_DIR, require_model
from tests.page_elements import all_markdown, chart_title, figures, html_text, values

INJECTIONS = [
    "<script>alert(1)</script> what a film",
    "<img src=x onerror=alert(1)> great acting",
    "**bold** [link](javascript:alert(1)) :red[red] $x^2$ # heading",
]
SENTIMENT = "app_pages/sentiment.py"
DATES = "app_pages/dates.py"


def assert_no_raw_html(at, text):
    """User text never reaches the page unescaped, as HTML or as markdown."""
    assert "<script" not in html_text(at).lower()
    assert "<img" not in html_text(at).lower()
    assert text not in all_markdown(at)


def open_page(app, page):
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


# ---------------------------------------------------------------- app shell


def test_home_page_links_every_page(app):
    app.run()
    assert not app.exception
    assert app.title[0].value == t("home.title")
    links = [link.proto.page for link in app.get("page_link")]
    assert links == [
        "attention-101",
        "sentiment",
        "mechanisms",
        "dates",
        "soft-vs-hard",
        "model-cards",
    ]


def test_every_translation_key_used_exists():
    """Each literal t("...") key in the app exists in English; f-string keys expand."""
    sources = [PROJECT_DIR / "app.py", *sorted((PROJECT_DIR / "app_pages").glob("*.py"))]
    used = set()
    for source in sources:
        used |= set(re.findall(r'\bt\(\s*"([a-z_.]+)"', Path(source).read_text()))
    missing = sorted(key for key in used if key not in STRINGS["en"])
    assert not missing
    for prefix in ("sentiment.label.", "dates.task.", "dates.invalid.", "dates.input.", "a101."):
        assert {k for k in STRINGS["en"] if k.startswith(prefix)}, prefix


def test_missing_model_shows_error_and_other_pages_work(app, tmp_path, monkeypatch):
    import attnviz.models.dates
    import attnviz.models.sentiment

    # Models load from $ATTNVIZ_PRETRAINED (or a module's PRETRAINED_DIR, in older code).
    monkeypatch.setenv("ATTNVIZ_PRETRAINED", str(tmp_path))
    monkeypatch.setattr(attnviz.models.sentiment, "PRETRAINED_DIR", tmp_path, raising=False)
    monkeypatch.setattr(attnviz.models.dates, "PRETRAINED_DIR", tmp_path, raising=False)
    st.cache_resource.clear()
    try:
        open_page(app, SENTIMENT)
        assert app.error, "a missing model must be reported on the page"
        assert "sentiment-additive" in app.error[0].value
        assert "python -m attnviz.train sentiment" in app.error[0].value
        app.switch_page(DATES).run()
        assert not app.exception
        assert "python -m attnviz.train dates" in app.error[0].value
        app.switch_page("app_pages/home.py").run()
        assert not app.exception and not app.error
    finally:
        st.cache_resource.clear()


# ---------------------------------------------------------------- sentiment


@pytest.fixture
def sentiment_page(app):
    require_model("sentiment")
    return open_page(app, SENTIMENT)


def explain(at, text):
    at.text_area(key="review_text").set_value(text)
    at.button(key="review_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_sentiment_explains_a_review(sentiment_page):
    from attnviz import load_sentiment_model

    review = "The plot was THIN, but I loved it -- really loved it!"
    at = explain(sentiment_page, review)
    expected = load_sentiment_model().explain(review)
    assert t(f"sentiment.label.{expected.label}") in html_text(at)
    charts = figures(at)
    assert set(charts) == {"sentiment_probability", "sentiment_weights", "sentiment_top_words"}
    bars = values(charts["sentiment_weights"]["data"][0]["y"])
    assert bars.shape == (len(expected.tokens),)
    np.testing.assert_allclose(bars, expected.weights, atol=1e-6)
    top = values(charts["sentiment_top_words"]["data"][0]["x"])
    assert top.shape == (min(10, len(expected.tokens)),)
    assert charts["sentiment_probability"]["data"][0]["value"] == pytest.approx(
        expected.probability, abs=1e-6
    )
    page = html_text(at)
    # The user's own words, case and punctuation, one highlighted span per token.
    assert page.count('class="attnviz-token') == len(expected.tokens)
    assert ">THIN</span>," in page
    assert "really loved it!" not in page  # the words are spans, the "!" is kept outside
    assert "</span>!" in page
    assert at.download_button(key="review_download")
    # Speed is measured by benchmarks/bench.py on the real server, not here.
    assert at.session_state["sentiment_timing_ms"]["total"] > 0


def test_sentiment_example_fills_the_text_area(sentiment_page):
    at = sentiment_page
    example = at.selectbox(key="review_example").options[1]
    at.selectbox(key="review_example").set_value(example).run()
    assert at.text_area(key="review_text").value == example
    assert figures(at)


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_sentiment_empty_input_asks_for_text(sentiment_page, text):
    at = explain(sentiment_page, text)
    assert at.info[0].value == t("common.empty")
    assert not figures(at)


@pytest.mark.parametrize("text", ["😀🎬🍿", "?!... --- !!!", "<>&\"'"])
def test_sentiment_text_without_words_gets_a_message(sentiment_page, text):
    at = explain(sentiment_page, text)
    assert at.warning[0].value == t("sentiment.error.no_words")
    assert not figures(at)


@pytest.mark.parametrize("text", INJECTIONS)
def test_sentiment_shows_injection_as_text(sentiment_page, text):
    at = explain(sentiment_page, text)
    assert_no_raw_html(at, text)
    page = html_text(at)
    if "<" in text:
        assert "&lt;" in page
    if "**" in text:
        assert "**" in page  # markdown syntax in a review stays visible, as typed


def test_sentiment_marks_oov_and_unread_text(sentiment_page):
    from attnviz import load_sentiment_model

    model = load_sentiment_model()
    review = "zqxjv " + " ".join(["good"] * (model.max_tokens + 5)) + " THE END"
    at = explain(sentiment_page, review)
    expected = model.explain(review)
    page = html_text(at)
    assert "attnviz-oov" in page
    assert 'class="attnviz-unread"' in page and "THE END</span>" in page
    captions = " ".join(c.value for c in at.caption)
    assert t("sentiment.note.truncated", limit=model.max_tokens) in captions
    assert t("sentiment.note.oov", count=sum(expected.oov)) in captions
    assert values(figures(at)["sentiment_weights"]["data"][0]["y"]).shape == (model.max_tokens,)


# ------------------------------------------------ sentiment: methods and removal

METHOD_REVIEW = "Not a great film. The acting is wooden, yet the music is lovely."


@pytest.fixture(scope="module")
def shipped_attributions():
    """The shipped model's four methods on `METHOD_REVIEW`, computed outside the app."""
    require_model("sentiment")
    from attnviz import load_sentiment_model

    model = load_sentiment_model()
    return model, model.attributions(METHOD_REVIEW)


def token_weights(at):
    """The data-weight of every highlighted token on the page, in order."""
    return np.array([float(w) for w in re.findall(r'data-weight="([-0-9.e]+)"', html_text(at))])


@pytest.mark.parametrize("method", ["grad_x_input", "integrated_gradients", "occlusion"])
def test_sentiment_method_selector_shows_the_methods_scores(
    sentiment_page, shipped_attributions, method
):
    from attnviz.viz.render import DIVERGING_COLORSCALE, shade

    _, expected = shipped_attributions
    at = explain(sentiment_page, METHOD_REVIEW)
    at.segmented_control(key="method").set_value(method).run()
    assert not at.exception, at.exception
    scores = expected.scores[method]
    bars = figures(at)["sentiment_weights"]["data"][0]
    np.testing.assert_allclose(values(bars["y"]), scores, atol=1e-5)
    np.testing.assert_allclose(token_weights(at), scores, atol=1e-5)
    # One diverging scale: the most negative word is the darkest orange, the most
    # positive the darkest blue, whatever the palette.
    strongest = np.abs(scores).max()
    low, high = int(np.argmin(scores)), int(np.argmax(scores))
    if scores[low] == -strongest:
        assert bars["marker"]["color"][low] == shade(0.0, DIVERGING_COLORSCALE)
    if scores[high] == strongest:
        assert bars["marker"]["color"][high] == shade(1.0, DIVERGING_COLORSCALE)
    assert at.query_params["method"] == method
    markdown = all_markdown(at)
    assert t(f"sentiment.about.{method}", steps=expected.ig_steps) in markdown
    from attnviz.explain.saliency import METHOD_PAPERS

    assert METHOD_PAPERS[method] in markdown
    if method == "integrated_gradients":
        assert expected.ig_relative_gap < 0.05
        gap = t(
            "sentiment.ig.gap",
            steps=expected.ig_steps,
            baseline=expected.baseline_probability,
            total=float(scores.sum()),
            change=expected.probability - expected.baseline_probability,
            gap=expected.ig_relative_gap,
        )
        assert gap in markdown


def test_sentiment_attention_view_reports_sharpness(sentiment_page, shipped_attributions):
    from attnviz.explain import measures

    _, expected = shipped_attributions
    at = explain(sentiment_page, METHOD_REVIEW)
    weights = expected.scores["attention"]
    line = t(
        "sentiment.sharpness",
        entropy=measures.entropy_bits(weights),
        maximum=float(np.log2(len(weights))),
        count=len(weights),
        top=measures.top_share(weights, 5),
    )
    assert line in all_markdown(at)
    assert "method" not in at.query_params  # the default is left out of the link


def test_sentiment_sharpness_of_a_short_review_names_the_top_word(sentiment_page):
    """Four words: "the top 5 words take 100 %" says nothing, so the caption gives the
    most attended word's share instead."""
    from attnviz import load_sentiment_model
    from attnviz.explain import measures

    review = "Not bad at all."
    weights = load_sentiment_model().explain(review).weights
    assert len(weights) == 4
    at = explain(sentiment_page, review)
    line = t(
        "sentiment.sharpness.few",
        entropy=measures.entropy_bits(weights),
        maximum=2.0,
        count=4,
        top=float(np.max(weights)),
    )
    assert line in all_markdown(at)
    assert "top 5" not in all_markdown(at)


def test_sentiment_compare_view_rows_and_agreement(sentiment_page, shipped_attributions):
    from attnviz.explain import saliency

    _, expected = shipped_attributions
    at = explain(sentiment_page, METHOD_REVIEW)
    at.segmented_control(key="method").set_value("compare").run()
    assert not at.exception, at.exception
    n = len(expected.tokens)
    weights = token_weights(at)
    # Four rows of the review (attention, then the three signed methods), then the
    # removal section's nothing (no word picked yet).
    assert weights.shape == (4 * n,)
    for row, method in enumerate(saliency.METHODS):
        np.testing.assert_allclose(
            weights[row * n : (row + 1) * n], expected.scores[method], atol=1e-5
        )
    table = at.dataframe[0].value
    rows = saliency.agreement(expected)
    assert list(table.iloc[:, 1]) == [round(r["spearman"], 3) for r in rows]
    assert list(table.iloc[:, 2]) == [f"{round(r['top_k_overlap'] * 5)}/5" for r in rows]
    assert all(0 <= round(r["top_k_overlap"] * 5) <= 5 for r in rows)
    assert at.query_params["method"] == "compare"


def test_sentiment_remove_a_word_and_rerun(sentiment_page, shipped_attributions):
    from attnviz.explain.saliency import remove_token

    model, expected = shipped_attributions
    at = explain(sentiment_page, METHOD_REVIEW)
    picker = at.selectbox(key="remove_word")
    assert picker.value is None
    index = expected.tokens.index("lovely")
    picker.set_value(index).run()
    assert not at.exception, at.exception
    shorter = remove_token(METHOD_REVIEW, expected.spans[index])
    assert shorter == "Not a great film. The acting is wooden, yet the music is."
    after = model.explain(shorter)
    before_metric, after_metric = at.metric
    assert before_metric.value == f"{expected.probability:.3f}"
    assert after_metric.value == f"{after.probability:.3f}"
    assert after_metric.delta == f"{after.probability - expected.probability:+.3f}"
    assert "lovely" in after_metric.label
    # Old and new attention beside each other: the main view, then before, then after.
    weights = token_weights(at)
    np.testing.assert_allclose(weights[-len(after.tokens) :], after.weights, atol=1e-6)
    occlusion = t("sentiment.remove.occlusion", score=expected.probability - after.probability)
    assert occlusion in all_markdown(at)
    # The occlusion method scores exactly this deletion.
    assert expected.scores["occlusion"][index] == pytest.approx(
        expected.probability - after.probability, abs=1e-5
    )
    at.button(key="remove_keep").click().run()
    assert at.text_area(key="review_text").value == shorter
    assert at.selectbox(key="remove_word").value is None


def test_the_app_keeps_the_keras_session_between_runs(sentiment_page):
    """Streamlit's clear_session after every run would drop TF's kernel cache (slow reruns).

    Checked by its effect: Keras' name counters (reset by clear_session) keep counting
    across whole script runs, while keras.backend.clear_session, called on purpose,
    still clears them (the policy is scoped to Streamlit's after-run hook).
    """
    import keras

    probe = "attnviz_session_probe"
    first = keras.backend.get_uid(probe)
    for _ in range(2):
        sentiment_page.run()  # each run ends with Streamlit's clean-up
        assert not sentiment_page.exception
    assert keras.backend.get_uid(probe) == first + 1
    keras.backend.clear_session()
    assert keras.backend.get_uid(probe) == 1


def test_sentiment_removing_the_only_word_gets_a_message(sentiment_page):
    at = explain(sentiment_page, "Wonderful!")
    at.selectbox(key="remove_word").set_value(0).run()
    assert not at.exception
    assert t("sentiment.remove.empty") in all_markdown(at)


def test_sentiment_link_restores_the_method(app):
    require_model("sentiment")
    app.query_params.update({"text": "Dull and far too long.", "method": "occlusion"})
    at = open_page(app, SENTIMENT)
    assert at.segmented_control(key="method").value == "occlusion"
    assert chart_title(
        t("sentiment.chart.scores.title", method=t("sentiment.method.occlusion")), at
    )


def test_sentiment_compare_view_in_chinese_escapes_user_text(app):
    require_model("sentiment")
    app.session_state["lang"] = "zh"
    app.query_params.update({"method": "compare"})
    review = "<img src=x onerror=alert(1)> a **great** cast"
    app.query_params["text"] = review
    at = open_page(app, SENTIMENT)
    assert at.segmented_control(key="method").format_func("compare") == "全部比较"
    assert t("sentiment.compare.agreement", "zh") in all_markdown(at)
    assert_no_raw_html(at, review)
    at.selectbox(key="remove_word").set_value(0).run()  # "img"
    assert not at.exception
    assert_no_raw_html(at, review)


# ----------------------------------------------------------- sentiment batch


def batch(at, source):
    at.tabs  # noqa: B018  (tabs render all their content; widgets are reachable by key)
    at.radio(key="batch_source").set_value(source).run()
    assert not at.exception
    return at


def batch_frame(at, column="top_words"):
    """The results table (found by one of its columns), or None."""
    frames = [d.value for d in at.dataframe if column in d.value.columns]
    return frames[0] if frames else None


def test_sentiment_batch_from_pasted_lines(sentiment_page):
    at = batch(sentiment_page, "paste")
    reviews = ["Loved it, a wonderful film.", "", "Boring and awful.", "=1+2 great <b>x</b>"]
    at.text_area(key="batch_text").set_value("\n".join(reviews))
    at.button(key="batch_submit").click().run()
    assert not at.exception
    frame = batch_frame(at)
    assert list(frame.columns) == ["text", "label", "probability", "top_words"]
    assert len(frame) == 3
    assert frame["probability"].between(0, 1).all()
    assert all(len(words.split(", ")) <= 3 for words in frame["top_words"])
    assert at.download_button(key="batch_download")


def test_sentiment_batch_caps_rows(sentiment_page):
    at = batch(sentiment_page, "paste")
    at.text_area(key="batch_text").set_value("\n".join(["a fine film"] * 520)).run()
    assert t("common.batch.rows_cap", cap=500, total=520) in [w.value for w in at.warning]
    assert len(batch_frame(at)) == 500


def upload(at, content, name="reviews.csv"):
    at = batch(at, "upload")
    at.file_uploader(key="batch_file").set_value((name, content, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_sentiment_batch_csv_with_column_choice(sentiment_page):
    csv = b'id,review\n1,"A moving, beautiful film"\n2,Dull and far too long.\n'
    at = upload(sentiment_page, csv)
    assert at.selectbox(key="batch_column").value == "review"
    assert len(batch_frame(at)) == 2
    # The wrong column: numbers only, no words -> a message, no table.
    at.selectbox(key="batch_column").set_value("id").run()
    assert not at.exception
    assert batch_frame(at) is None
    assert "id" in at.error[0].value


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"text\n", "no rows"),
        ("text\nCaf\u00e9 tr\u00e8s bien\n".encode("latin-1"), "not UTF-8"),
        (b"\xff\xfe\x00\x00garbage", "not UTF-8"),
    ],
)
def test_sentiment_batch_bad_csv_gets_a_message(sentiment_page, content, message):
    at = upload(sentiment_page, content)
    assert batch_frame(at) is None
    assert message in " ".join(e.value for e in at.error)


# ---------------------------------------------------------------- dates


@pytest.fixture
def dates_page(app):
    require_model("dates")
    return open_page(app, DATES)


def convert(at, text):
    at.text_input(key="date_text").set_value(text)
    at.button(key="date_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_dates_converts_and_draws_alignment(dates_page):
    from attnviz import load_date_model

    text = "Sat, the 4th of July '76"
    at = convert(dates_page, text)
    expected = load_date_model().convert(text)
    page = html_text(at)
    # The output once, in large type, the step shown outlined (beside the matrix).
    assert page.count('class="attnviz-out"') == len(expected.output_chars)
    assert page.count("3px solid #f59e0b") == 1
    heatmap = figures(at)["date_alignment"]
    z = values(heatmap["data"][0]["z"])
    assert heatmap["data"][0]["type"] == "heatmap"
    assert z.shape == (len(expected.output_chars), len(expected.input_chars))
    np.testing.assert_allclose(z, expected.alignment, atol=1e-6)
    assert heatmap["layout"]["xaxis"]["ticktext"][4] == "\u2423"  # "sat, " -> visible space
    assert "attention weight" in heatmap["data"][0]["colorbar"]["title"]["text"]
    assert expected.valid == (not at.warning)
    assert at.session_state["dates_timing_ms"]["total"] > 0


def test_dates_step_slider_moves_the_highlight(dates_page):
    at = convert(dates_page, "29.4.2013")
    at.slider(key="date_step").set_value(3).run()
    assert not at.exception
    shapes = figures(at)["date_alignment"]["layout"]["shapes"]
    assert shapes[0]["y0"] == pytest.approx(1.5)  # row index 2 outlined
    captions = " ".join(c.value for c in at.caption)
    assert t("dates.step.caption", step=3, total=10, char="x")[:12] in captions


def test_dates_steps_reuse_the_conversion_and_a_new_text_runs_the_model(dates_page, monkeypatch):
    from app_pages import runtime

    model = runtime.MODELS.get("date")
    calls = []
    convert_once = model.convert
    monkeypatch.setattr(model, "convert", lambda text: calls.append(text) or convert_once(text))
    at = convert(dates_page, "29.4.2013")
    for step in (3, 7, 10):
        at.slider(key="date_step").set_value(step).run()
        assert not at.exception
    assert calls.count("29.4.2013") == 1  # the steps redraw the kept result
    assert figures(at)["date_alignment"]["layout"]["shapes"][0]["y0"] == pytest.approx(8.5)
    at = convert(at, "3 march 1999")
    assert calls[-1] == "3 march 1999"
    assert at.session_state["date_converted"][2].output == "1999-03-03"


def test_dates_play_advances_one_step_per_run(dates_page):
    at = convert(dates_page, "29.4.2013")
    at.button(key="date_play").click().run()
    assert not at.exception
    assert at.session_state["date_playing"] is True
    first = at.slider(key="date_step").value
    at.run()
    assert at.slider(key="date_step").value == first + 1


def test_dates_switch_to_times(app):
    """The time model works on its own (even where the date model is missing)."""
    require_model("times")
    from attnviz import load_time_model

    at = open_page(app, DATES)
    at.segmented_control(key="date_task").set_value("time").run()
    assert not at.exception
    assert not at.error
    assert at.text_input(key="date_text").value == "quarter past seven in the evening"
    heatmap = figures(at)["date_alignment"]
    assert values(heatmap["data"][0]["z"]).shape == (5, len("quarter past seven in the evening"))
    at = convert(at, "ten to six in the evening")
    shown = re.findall(r'line-height:1.2">([^<])</span>', html_text(at))
    assert "".join(shown[:5]) == load_time_model().convert("ten to six in the evening").output
    assert at.session_state["dates_timing_ms"]["total"] > 0


@pytest.mark.parametrize("text", ["", "    "])
def test_dates_empty_input(dates_page, text):
    at = convert(dates_page, text)
    assert not figures(at)
    assert t("common.empty") in [i.value for i in at.info] + [w.value for w in at.warning]


@pytest.mark.parametrize(
    "text",
    ["🎂🎉", "?!.,;:", "x" * 500, "4th of july 1976 " * 30, *INJECTIONS],
)
def test_dates_odd_input_is_handled(dates_page, text):
    at = convert(dates_page, text)
    assert_no_raw_html(at, text)
    charts = figures(at)
    if charts:
        assert values(charts["date_alignment"]["data"][0]["z"]).shape[1] <= 64


def test_dates_long_input_is_truncated_with_a_note(dates_page):
    at = convert(dates_page, "4th of july 1976 " * 30)
    assert any("first 64 characters" in c.value for c in at.caption)


def test_dates_batch(dates_page):
    at = dates_page
    lines = ["Sat, the 4th of July '76", "", "29.4.2013", "🎂", "=cmd|' /C calc'!A0"]
    at.text_area(key="date_batch_text").set_value("\n".join(lines))
    at.button(key="date_batch_submit").click().run()
    assert not at.exception
    frame = batch_frame(at, column="valid")
    assert list(frame.columns) == ["input", "output", "valid", "reason", "confidence"]
    assert len(frame) == 4
    assert frame["valid"].dtype == bool
    assert (frame["reason"] == "").tolist() == frame["valid"].tolist()  # a reason when flagged
    reasons = {t(f"dates.reason.short.{k}", "en") for k in ("not_a_date", "impossible_date",
                                                            "out_of_range", "unsure")}  # fmt: skip
    assert set(frame["reason"][~frame["valid"]]) <= reasons and (~frame["valid"]).any()
    assert at.download_button(key="date_batch_download")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_dates_flagged_input_says_why_and_keeps_the_alignment(app, language):
    from attnviz import load_date_model

    require_model("dates")
    model = load_date_model()
    if "rejection" not in model.card:
        pytest.skip("pretrained/dates.keras predates rejection: retrain it")
    at = open_page(app, DATES)
    if language == "zh":
        at.radio(key="lang").set_value("zh").run()
    at = convert(at, "banana")
    expected = model.convert("banana")
    assert not expected.valid and expected.reason == "not a date"
    reason = t("dates.reason.short.not_a_date", language)
    assert [w.value for w in at.warning] == [t("dates.invalid.date", language, reason=reason)]
    why = t("dates.reason.not_a_date", language)  # the whole sentence under it
    assert any(why in c.value for c in at.caption)
    heatmap = figures(at)["date_alignment"]
    assert values(heatmap["data"][0]["z"]).shape == (10, len("banana"))


# ---------------------------------------------------------------- classroom settings

A101 = "app_pages/attention101.py"
CARDS = "app_pages/model_cards.py"


def test_language_switch_changes_the_labels(app):
    require_model("sentiment")
    at = open_page(app, SENTIMENT)
    assert at.title[0].value == t("sentiment.title")
    assert at.text_area(key="review_text").label == t("sentiment.input")
    at.radio(key="lang").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == t("sentiment.title", "zh")
    assert at.text_area(key="review_text").label == t("sentiment.input", "zh")
    assert at.button(key="review_submit").label == t("common.submit", "zh")
    assert t("sentiment.label.positive", "zh") in html_text(at) or t(
        "sentiment.label.negative", "zh"
    ) in html_text(at)
    assert at.query_params["lang"] == "zh"
    assert chart_title(t("sentiment.chart.weights.title", "zh"), at)


def test_language_comes_from_the_link(app):
    app.query_params["lang"] = "zh"
    app.run()
    assert not app.exception
    assert app.title[0].value == t("home.title", "zh")
    assert app.radio(key="lang").value == "zh"


def page_css(at):
    return "\n".join(h.value for h in at.html if h.value.startswith("<style>"))


def test_presenter_mode_sets_the_font_size_and_hides_controls(app):
    require_model("sentiment")
    from attnviz.classroom import settings

    at = open_page(app, SENTIMENT)
    assert f"font-size: {settings.font_size_px(False)}px" in page_css(at)
    normal = figures(at)["sentiment_weights"]["layout"]["font"]["size"]
    assert at.tabs and at.download_button(key="review_download")
    at.toggle(key="presenter").set_value(True).run()
    assert not at.exception
    assert f"font-size: {settings.font_size_px(True)}px" in page_css(at)
    assert settings.font_size_px(True) > settings.font_size_px(False)
    assert figures(at)["sentiment_weights"]["layout"]["font"]["size"] > normal
    assert not at.tabs  # no batch tab
    assert not at.get("download_button")  # no downloads
    assert at.query_params["presenter"] == "1"


def test_palette_applies_to_figures_and_highlight(app):
    require_model("dates")
    from attnviz.classroom import settings
    from attnviz.viz import render

    at = open_page(app, DATES)
    at.selectbox(key="palette").set_value("cividis").run()
    assert not at.exception
    scale = figures(at)["date_alignment"]["data"][0]["colorscale"]
    assert scale == [list(stop) for stop in settings.PALETTES["cividis"]]
    # Every shaded input character has the cividis colour of its own weight.
    shaded = re.findall(
        r'class="attnviz-char" style="[^"]*background-color:(rgb\([^)]*\));[^>]*'
        r'data-weight="([0-9.]+)"',
        html_text(at),
    )
    assert len(shaded) >= 5
    for color, weight in shaded:
        assert color == render.shade(float(weight), settings.PALETTES["cividis"])
    assert any(
        color != render.shade(float(weight), settings.PALETTES["blues"]) for color, weight in shaded
    )


# ---------------------------------------------------------------- shareable links


def test_sentiment_link_restores_the_review(app):
    require_model("sentiment")
    review = "A <b>bold</b> and lovely film & a great cast"
    app.query_params["text"] = review
    at = open_page(app, SENTIMENT)
    assert at.text_area(key="review_text").value == review
    assert "&lt;" in html_text(at) and "<b>" not in html_text(at)
    at = explain(at, "Dull and far too long.")
    assert at.query_params["text"] == "Dull and far too long."


def test_sentiment_link_text_is_capped(app):
    require_model("sentiment")
    from attnviz.classroom import settings

    app.query_params["text"] = "good " * 1000
    at = open_page(app, SENTIMENT)
    assert len(at.text_area(key="review_text").value) == settings.MAX_LINK_TEXT
    assert len(at.query_params["text"]) <= settings.MAX_LINK_TEXT


def test_dates_link_restores_task_text_and_step(app):
    require_model("times")
    app.query_params.update({"task": "time", "text": "ten to six in the evening", "step": "3"})
    at = open_page(app, DATES)
    assert at.segmented_control(key="date_task").value == "time"
    assert at.text_input(key="date_text").value == "ten to six in the evening"
    assert at.slider(key="date_step").value == 3
    assert figures(at)["date_alignment"]["layout"]["shapes"][0]["y0"] == pytest.approx(1.5)
    at.slider(key="date_step").set_value(4).run()
    assert at.query_params["step"] == "4" and at.query_params["task"] == "time"


# ---------------------------------------------------------------- quiz, exports


def test_quiz_hides_the_highlight_until_revealed(app):
    require_model("sentiment")
    at = open_page(app, SENTIMENT)
    at.toggle(key="quiz").set_value(True).run()
    assert not at.exception
    assert "attnviz-token" not in html_text(at) and "attnviz-plain" in html_text(at)
    assert "attnviz-verdict" not in html_text(at)
    assert not figures(at)
    at.button(key="quiz_reveal").click().run()
    assert not at.exception
    assert "attnviz-token" in html_text(at) and "attnviz-verdict" in html_text(at)
    assert "sentiment_weights" in figures(at)
    assert at.query_params["quiz"] == "1"
    assert at.segmented_control(key="method").value == "attention"
    at = explain(at, "A new review hides the answer again.")
    assert "attnviz-token" not in html_text(at)


@pytest.fixture
def captured_packs(monkeypatch):
    """Every lesson pack a page builds, as {file name: bytes} (README decoded)."""
    import io
    import zipfile

    import attnviz.classroom.lesson

    packs = []
    build = attnviz.classroom.lesson.build_lesson_pack

    def capture(*args, **kwargs):
        data = build(*args, **kwargs)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            packs.append({name: archive.read(name) for name in archive.namelist()})
        return data

    monkeypatch.setattr(attnviz.classroom.lesson, "build_lesson_pack", capture)

    # The pages hand the ZIP to st.download_button as a callable that Streamlit runs
    # only when the button is clicked; AppTest never clicks, so run it here.
    from streamlit.delta_generator import DeltaGenerator

    real_download_button = DeltaGenerator.download_button

    def download_button(self, *args, data=None, **kwargs):
        if callable(data):
            data()
        return real_download_button(self, *args, data=data, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", download_button)
    return packs


def test_sentiment_exports_and_lesson_pack(app, captured_packs):
    require_model("sentiment")
    from attnviz.classroom.lesson import listed_files

    at = explain(open_page(app, SENTIMENT), "A gentle, funny film.")
    assert at.download_button(key="review_download_json")
    assert at.download_button(key="review_lesson_pack")
    files = captured_packs[-1]
    readme = files["README.txt"].decode("utf-8")
    assert sorted(listed_files(readme)) == sorted(files)
    assert json.loads(files["inputs.json"])["text"] == "A gentle, funny film."
    result = json.loads(files["result.json"])
    assert [row["word"] for row in result["tokens"]] == ["A", "gentle", "funny", "film"]
    assert files["words_and_weights.csv"].startswith(b"position,word")
    assert json.loads(files["figure_weights.json"])["data"][0]["type"] == "bar"


def test_dates_lesson_pack(app, captured_packs):
    require_model("dates")
    from attnviz.classroom.lesson import listed_files

    at = convert(open_page(app, DATES), "29.4.2013")
    assert at.download_button(key="date_download") and at.download_button(key="date_lesson_pack")
    files = captured_packs[-1]
    assert sorted(listed_files(files["README.txt"].decode("utf-8"))) == sorted(files)
    result = json.loads(files["result.json"])
    assert result["output"] == "2013-04-29"
    assert np.asarray(result["alignment"]).shape == (10, len("29.4.2013"))
    assert files["alignment.csv"].startswith(b"output_step,output_char")


# ---------------------------------------------------------------- Attention 101


def test_attention101_steps_follow_the_controls(app):
    at = open_page(app, A101)
    charts = figures(at)
    assert {"a101_scores", "a101_weights", "a101_sum", "a101_heads"} <= set(charts)
    assert len(at.latex) >= 4
    weights = values(charts["a101_weights"]["data"][0]["y"])
    assert weights.sum() == pytest.approx(1.0, abs=1e-6)
    assert np.argmax(weights) == 3  # the default query points at the last token
    # A low temperature sharpens the softmax; the scores stay the same.
    scores = values(charts["a101_scores"]["data"][0]["y"])
    at.slider(key="a101_temperature").set_value(0.2).run()
    sharp = values(figures(at)["a101_weights"]["data"][0]["y"])
    assert sharp.max() > weights.max()
    np.testing.assert_allclose(values(figures(at)["a101_scores"]["data"][0]["y"]), scores)
    # Other scoring functions change the scores.
    for scoring in ("dot", "additive"):
        at.segmented_control(key="a101_scoring").set_value(scoring).run()
        assert not at.exception
        new = values(figures(at)["a101_scores"]["data"][0]["y"])
        assert not np.allclose(new, scores)
    # Point the query the other way: another token wins.
    at.segmented_control(key="a101_scoring").set_value("dot").run()
    at.slider(key="a101_q0").set_value(-2.0)
    at.slider(key="a101_q1").set_value(-2.0).run()
    assert np.argmax(values(figures(at)["a101_weights"]["data"][0]["y"])) != 3
    assert at.query_params["scoring"] == "dot" and at.query_params["q"] == "-2.0,-2.0"


def test_attention101_more_tokens_and_dimensions(app):
    at = open_page(app, A101)
    at.text_input(key="a101_tokens").set_value("I did not like it at all").run()
    at.segmented_control(key="a101_dim").set_value(4).run()
    assert not at.exception
    assert len(values(figures(at)["a101_weights"]["data"][0]["y"])) == 6
    assert len(at.slider) >= 5  # temperature + 4 query sliders
    assert figures(at)["a101_sum"]["data"][0]["x"] == ["d1", "d2", "d3", "d4"]


def test_attention101_says_when_it_cannot_use_the_typed_words(app):
    """Two words are too few: a warning says so and names the example shown instead."""
    from attnviz.classroom import toy_attention

    at = open_page(app, A101)
    at.text_input(key="a101_tokens").set_value("great film").run()
    assert not at.exception
    [warning] = [w.value for w in at.warning]
    assert warning.startswith("You typed 2 words; attention needs at least 3")
    assert len(values(figures(at)["a101_weights"]["data"][0]["y"])) == len(
        toy_attention.DEFAULT_TOKENS
    )
    at.text_input(key="a101_tokens").set_value("one").run()
    assert [w.value for w in at.warning][0].startswith("You typed 1 word;")  # singular
    at.text_input(key="a101_tokens").set_value("a b c d e f g h").run()
    assert any(
        i.value.startswith("You typed 8 words; this example uses the first 6") for i in at.info
    )
    assert len(values(figures(at)["a101_weights"]["data"][0]["y"])) == 6
    at.text_input(key="a101_tokens").set_value("red green blue").run()
    notes = [n.value for n in (*at.warning, *at.info)]
    assert not [n for n in notes if n.startswith("You typed")]


def test_attention101_link_restores_the_example(app):
    app.query_params.update(
        {"tokens": "red green blue", "scoring": "additive", "temperature": "0.5", "q": "1.0,-1.0"}
    )
    at = open_page(app, A101)
    assert at.text_input(key="a101_tokens").value == "red green blue"
    assert at.segmented_control(key="a101_scoring").value == "additive"
    assert at.slider(key="a101_temperature").value == pytest.approx(0.5)
    assert at.slider(key="a101_q1").value == pytest.approx(-1.0)
    assert figures(at)["a101_weights"]["layout"]["xaxis"]["ticktext"] == ["red", "green", "blue"]


def test_attention101_feature_demo_finds_the_column(app):
    at = open_page(app, A101)
    assert "fa_attention" not in figures(at)
    at.selectbox(key="fa_column").set_value(5).run()
    at.button(key="fa_train").click().run()
    assert not at.exception
    attention = values(figures(at)["fa_attention"]["data"][0]["y"])
    assert int(np.argmax(attention)) == 5
    assert at.session_state["fa_result"]["top"] == 5


# ---------------------------------------------------------------- model cards


def test_model_cards_list_every_card_and_draw_each(app):
    from attnviz.models.cards import list_cards

    shipped = list_cards()
    if not shipped:
        pytest.skip("no model cards in pretrained/")
    at = open_page(app, CARDS)
    control = at.segmented_control(key="card_model")
    assert sorted(control.options) == sorted(shipped)
    for name in shipped:
        at.segmented_control(key="card_model").set_value(name).run()
        assert not at.exception, name
        charts = figures(at)
        assert {"card_accuracy", "card_loss"} <= set(charts), name
        headers = [h.value for h in at.subheader]
        assert t("cards.limitations") in headers and t("cards.architecture") in headers
        if name == "sentiment-kreader":  # accuracy per k instead of one confusion matrix
            bars = charts["card_by_k"]["data"][0]
            assert len(values(bars["x"])) == 5
        elif name.startswith("sentiment"):
            z = values(charts["card_confusion"]["data"][0]["z"])
            assert z.shape == (2, 2)
        else:
            assert "card_families" in charts
        assert at.query_params["model"] == name


def test_model_cards_show_the_accuracy_after_each_sentiment_stage(app, tmp_path, monkeypatch):
    """A card from `sentiment-interpolate` (stage 3) shows all three stages' IMDB figures.
    No shipped model has a stage 3 now, so the card is the shipped per-unit one with a
    weight average added, in a copy of pretrained/."""
    name = "sentiment-per_unit"
    shipped = PROJECT_DIR / "pretrained"
    for path in shipped.iterdir():
        if path.is_file() and path.name != f"{name}.json":
            (tmp_path / path.name).symlink_to(path)
    card = json.loads((shipped / f"{name}.json").read_text())
    if "stage_1" not in card:
        pytest.skip("the shipped per-unit card has no stages")
    card["weight_interpolation"] = {"alpha": 0.8, "stage_2_test_accuracy": 0.9012}
    (tmp_path / f"{name}.json").write_text(json.dumps(card))
    monkeypatch.setenv("ATTNVIZ_PRETRAINED", str(tmp_path))
    app.query_params["model"] = name
    at = open_page(app, CARDS)
    expected = t(
        "cards.stages",
        stage1=f"{100 * card['stage_1']['test_accuracy']:.2f}",
        stage2="90.12",
        share="80",
        stage3=f"{100 * card['test_accuracy']:.2f}",
    )
    assert expected in [m.value for m in at.markdown]
    assert "90.61 %" in expected and "90.12 %, then" in expected and "(80 % of stage 2" in expected


def test_model_cards_draw_the_short_text_stage_and_name_the_kept_weights(app):
    name = "sentiment-dot_product"
    card = json.loads((PROJECT_DIR / "pretrained" / f"{name}.json").read_text())
    if "short_text_stage" not in card:
        pytest.skip("the shipped dot-product card has no short-text stage")
    app.query_params["model"] = name
    at = open_page(app, CARDS)
    assert not at.exception
    lines = {trace["name"]: trace for trace in figures(at)["card_short_stage"]["data"]}
    stage = card["short_text_stage"]
    raw = [r for r in stage["epochs"] if r["epoch"] >= 1 and r.get("weights", "raw") == "raw"]
    reviews = lines[t("cards.curve.val_reviews")]
    assert list(values(reviews["x"])) == [r["epoch"] for r in raw]
    assert list(values(reviews["y"])) == [r["val_reviews"] for r in raw]
    assert list(values(lines[t("cards.curve.dev")]["y"])) == [
        r["dev_one_liners"]["all"] for r in raw
    ]
    weights = t(f"cards.weights.{stage['best_weights']}")
    kept = t("cards.short_stage.kept", epoch=stage["best_epoch"], weights=weights)
    assert kept in [c.value for c in at.caption]


def test_model_cards_show_the_stages_and_the_holdout_one_liners(app):
    name = "sentiment-per_unit"
    card = json.loads((PROJECT_DIR / "pretrained" / f"{name}.json").read_text())
    if "holdout_one_liners" not in card or "stage_1" not in card:
        pytest.skip("the shipped per-unit card has no stages or hold-out set")
    app.query_params["model"] = name
    at = open_page(app, CARDS)
    shown = [m.value for m in at.markdown]
    holdout = card["holdout_one_liners"]
    assert (
        t(
            "cards.holdout_one_liners",
            accuracy=f"{100 * holdout['accuracy']['all']:.1f}",
            total=holdout["sentences"],
        )
        in shown
    )
    stage1, final = card["stage_1"]["test_accuracy"], card["test_accuracy"]
    two = t("cards.stages_two", stage1=f"{100 * stage1:.2f}", stage2=f"{100 * final:.2f}")
    if "weight_interpolation" in card:
        assert two not in shown  # the three-stage line instead (the test above)
    else:
        assert two in shown and f"**{100 * final:.2f} %**" in two


def test_model_cards_mark_the_cards_own_english_text_in_chinese(app):
    require_model("sentiment")
    card = json.loads((PROJECT_DIR / "pretrained" / "sentiment-additive.json").read_text())
    app.query_params["lang"] = "zh"
    app.query_params["model"] = "sentiment-additive"
    at = open_page(app, CARDS)
    captions = [c.value for c in at.caption]
    assert t("cards.card_text", "zh", text=card["description"]) in captions
    assert t("cards.card_text", "zh", text=card["description"]).startswith("模型卡原文")
    assert t("cards.card_text", "en", text="x") == "x"  # English shows the card as it is


def test_model_cards_link_and_layer_table(app):
    require_model("times")
    app.query_params["model"] = "times"
    at = open_page(app, CARDS)
    assert at.segmented_control(key="card_model").value == "times"
    at.toggle(key="card_layers").set_value(True).run()
    assert not at.exception
    layers = [d.value for d in at.dataframe if t("cards.col.layer") in d.value.columns][0]
    assert "attention" in list(layers[t("cards.col.layer")])
    assert (
        layers[t("cards.col.parameters")].sum()
        == json.loads((PROJECT_DIR / "pretrained" / "times.json").read_text())["parameters"]
    )


def test_attention101_repeated_tokens_keep_their_own_columns(app):
    """ "good good bad good": four columns in every chart, each head's row sums to 1."""
    app.query_params["tokens"] = "good good bad good"
    at = open_page(app, A101)
    charts = figures(at)
    heads = charts["a101_heads"]["data"][0]
    z = values(heads["z"])
    assert z.shape == (2, 4)
    assert len(set(heads["x"])) == 4
    np.testing.assert_allclose(z.sum(axis=1), [1.0, 1.0], atol=1e-6)
    assert [label.replace("\u200b", "") for label in heads["x"]] == ["good", "good", "bad", "good"]
    assert len(values(charts["a101_weights"]["data"][0]["y"])) == 4


# ---------------------------------------------------------------- classroom


def test_join_panel_links_students_to_this_view_on_the_servers_address(app):
    """The Join panel's link uses the server's network address, carries the input and
    the language, never presenter mode, and comes with a QR code."""
    require_model("sentiment")
    from urllib.parse import parse_qs, urlsplit

    from attnviz.classroom import join

    app.query_params.update({"presenter": "1", "lang": "zh"})
    at = open_page(app, SENTIMENT)
    assert not at.get("image") and not at.code  # closed until the teacher opens it
    at = explain(at, "A gentle, funny film.")
    at.toggle(key="review_join").set_value(True).run()
    assert not at.exception
    lan = join.lan_address()
    if lan is None:  # a machine without a network: the panel says so
        assert t("join.no_network", "zh")[:10] in all_markdown(at)
        return
    [link] = [code.value for code in at.code]
    parts = urlsplit(link)
    assert parts.hostname == lan and parts.path == "/sentiment"
    query = parse_qs(parts.query)
    assert query["text"] == ["A gentle, funny film."] and query["lang"] == ["zh"]
    assert "presenter" not in query
    assert len(at.get("image")) == 1  # the QR code
    assert at.query_params["presenter"] == "1"  # the teacher's own view is unchanged


def test_dates_join_panel_carries_task_text_and_step(app):
    require_model("times")
    from urllib.parse import parse_qs, urlsplit

    from attnviz.classroom import join

    app.query_params.update({"task": "time", "text": "ten to six pm", "step": "3"})
    at = open_page(app, DATES)
    at.toggle(key="date_join").set_value(True).run()
    assert not at.exception
    if join.lan_address() is None:
        return
    [link] = [code.value for code in at.code]
    query = parse_qs(urlsplit(link).query)
    assert query == {"task": ["time"], "text": ["ten to six pm"], "step": ["3"]}
