"""The Mechanisms page under AppTest: one review through every attention variant.

One AppTest session serves the whole module (each model loads and compiles once).
It reads from a temporary models folder holding copies of the shipped sentiment
variants. The multi-head model starts missing (the page must say how to train it
while the others render); `with_multi_head` then adds it (the shipped one, or an
untrained stand-in of the same architecture when it has not been trained yet) and
the page picks it up on its next run. Any test may run alone or first.
"""

import functools
import json
import shutil

import numpy as np
import pytest
import streamlit as st

from attnviz.explain import measures
from attnviz.i18n import t
from attnviz.models.paths import PRETRAINED_DIR
from attnviz.models.sentiment import VARIANTS, model_stem
from attnviz.viz import render
from tests.conftest import APP_FILE, require_model
from tests.page_elements import chart_title, figures, html_text, values

PAGE = "app_pages/mechanisms.py"
REVIEW = "The plot was THIN, but I loved it -- the two leads are wonderful together!"
# Shipped variants the page must show (multi_head is handled by `with_multi_head`).
SHIPPED = [v for v in VARIANTS if (PRETRAINED_DIR / f"{model_stem(v)}.keras").is_file()]
UNTRAINED_ACCURACY = 0.5


def markdown_text(at):
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for kind in (at.warning, at.info, at.error):
        parts += [element.value for element in kind]
    return "\n".join(parts)


def variant_blocks(at):
    """The per-variant number blocks (accuracy, prediction, entropy, top-5), in page order."""
    return [m.value for m in at.markdown if m.value.startswith(t("mechanisms.accuracy")[:14])]


def percent(value):
    return f"{100 * value:.2f} %"


def summary(at):
    """The summary table as shown: translated column names, formatted values (strings)."""
    [table] = [element.value for element in at.table]
    return table.reset_index(drop=True)


def write_untrained_multi_head(folder):
    """An untrained multi-head model of the shipped architecture (small sizes), with a card."""
    from attnviz.models.sentiment import build_sentiment_model
    from attnviz.models.text import Vocabulary

    vocabulary = Vocabulary.load(folder / "sentiment-vocab.txt")
    model = build_sentiment_model(
        len(vocabulary), embedding_dim=8, lstm_units=8, attention_units=8, variant="multi_head"
    )
    model.save(folder / "sentiment-multi_head.keras")
    card = {
        "name": "sentiment-multi_head",
        "task": "sentiment",
        "variant": "multi_head",
        "description": "untrained stand-in for tests",
        "vocabulary_file": "sentiment-vocab.txt",
        "max_tokens": 800,
        "test_accuracy": UNTRAINED_ACCURACY,
        "test_reviews": 25000,
    }
    (folder / "sentiment-multi_head.json").write_text(json.dumps(card), encoding="utf-8")


@pytest.fixture(scope="module")
def models_folder(tmp_path_factory):
    require_model("sentiment")
    folder = tmp_path_factory.mktemp("pretrained")
    shutil.copy(PRETRAINED_DIR / "sentiment-vocab.txt", folder)
    for variant in SHIPPED:
        if variant != "multi_head":
            for suffix in (".keras", ".json"):
                shutil.copy(PRETRAINED_DIR / f"{model_stem(variant)}{suffix}", folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ATTNVIZ_PRETRAINED", str(folder))
        st.cache_resource.clear()  # models cached by other tests came from elsewhere
        yield folder
        st.cache_resource.clear()


@pytest.fixture(scope="module")
def session(models_folder):
    """One AppTest session on the Mechanisms page, shared by the tests of this module."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP_FILE, default_timeout=300)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def submit(at, text):
    at.text_area(key="mech_text").set_value(text)
    at.button(key="mech_submit").click().run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def page(session, models_folder):
    """The shared session with the multi-head model in the folder, on English."""
    if not (models_folder / "sentiment-multi_head.keras").is_file():
        if "multi_head" in SHIPPED:
            for suffix in (".keras", ".json"):
                shutil.copy(PRETRAINED_DIR / f"sentiment-multi_head{suffix}", models_folder)
        else:
            write_untrained_multi_head(models_folder)
    if session.session_state["lang"] != "en":
        session.radio(key="lang").set_value("en").run()
    return session


@functools.cache
def reference_model(folder, variant):
    from attnviz import load_sentiment_model

    return load_sentiment_model(folder, variant=variant)


def expected(models_folder, variant, text):
    """The model from the folder the page reads, and its explanation of `text`."""
    model = reference_model(models_folder, variant)
    return model, model.explain(text)


def test_missing_variant_says_how_to_train_it_and_the_others_render(session, models_folder):
    present = [models_folder / f"sentiment-multi_head{s}" for s in (".keras", ".json")]
    if any(path.is_file() for path in present):  # run after a test that added it
        for path in present:
            path.unlink(missing_ok=True)
        st.cache_resource.clear()
    at = submit(session, REVIEW)
    assert not at.error, [e.value for e in at.error]
    [info] = [i.value for i in at.info]
    assert "sentiment-multi_head.keras" in info
    assert "python -m attnviz.train sentiment --data " in info
    assert info.rstrip().endswith("--variant multi_head`; it appears here on the next run.")
    shown = [v for v in SHIPPED if v != "multi_head"]
    assert len(variant_blocks(at)) == len(shown)
    assert html_text(at).count('class="attnviz-text"') == len(shown)
    table = summary(at)
    assert list(table[t("mechanisms.col.variant")]) == [t(f"mechanisms.variant.{v}") for v in shown]
    assert "mech_head_heatmap" not in figures(at)


def test_every_variant_shows_its_card_accuracy_and_its_own_numbers(page, models_folder):
    at = submit(page, REVIEW)
    assert not at.info and not at.error
    blocks = variant_blocks(at)
    assert len(blocks) == len(VARIANTS)
    table = summary(at)
    reference = expected(models_folder, "additive", REVIEW)[1]
    spearman = t("mechanisms.col.spearman", reference=t("mechanisms.variant.additive"))
    for block, (row, variant) in zip(blocks, enumerate(VARIANTS)):
        model, explanation = expected(models_folder, variant, REVIEW)
        accuracy = model.card["test_accuracy"]
        if variant == "multi_head" and "multi_head" not in SHIPPED:
            assert accuracy == UNTRAINED_ACCURACY
        assert f"**{percent(accuracy)}**" in block  # e.g. 90.77 %
        assert f"P(positive) = **{explanation.probability:.3f}**" in block
        label = t(f"sentiment.label.{explanation.label}")
        assert f"**{label}**" in block
        bits = measures.entropy_bits(explanation.weights)
        normalized = measures.normalized_entropy(explanation.weights)
        assert f"**{bits:.2f} bits** (normalized {normalized:.2f})" in block
        assert f"**{percent(measures.top_share(explanation.weights, 5))}**" in block
        assert table[t("mechanisms.col.accuracy")][row] == percent(accuracy)
        assert table[t("mechanisms.col.probability")][row] == f"{explanation.probability:.3f}"
        assert table[t("mechanisms.col.entropy")][row] == render.weight_text(bits)
        rho = measures.spearman(explanation.weights, reference.weights)
        assert table[spearman][row] == f"{rho:.2f}"
        words = [REVIEW[a:b] for a, b in explanation.spans]
        top = np.argsort(-explanation.weights, kind="stable")[:5]
        assert table[t("mechanisms.col.top_words", k=5)][row].split(", ")[0] == words[top[0]]
    assert table[spearman][0] == "1.00"
    assert html_text(at).count('class="attnviz-text"') == len(VARIANTS)
    assert at.query_params["text"] == REVIEW


def test_per_unit_heatmap_shows_each_unit_and_the_mean(page, models_folder):
    at = submit(page, REVIEW)
    _, explanation = expected(models_folder, "per_unit", REVIEW)
    charts = figures(at)
    heatmap = charts["mech_unit_heatmap"]["data"][0]
    z = values(heatmap["z"])
    assert z.shape == (explanation.attention.shape[1], len(explanation.tokens))  # (units, words)
    np.testing.assert_allclose(z, explanation.attention.T, atol=1e-6)
    assert heatmap["colorbar"]["title"]["text"] == (
        "attention weight (softmax over time, per unit)"
    )
    mean = values(charts["mech_unit_mean"]["data"][0]["y"])
    np.testing.assert_allclose(mean, z.mean(axis=0), atol=1e-6)
    np.testing.assert_allclose(mean, explanation.weights, atol=1e-6)


def test_head_selector_changes_the_self_attention_map(page, models_folder):
    at = submit(page, REVIEW)
    _, explanation = expected(models_folder, "multi_head", REVIEW)
    heads = explanation.attention.shape[0]
    assert at.segmented_control(key="mech_head").value == "average"
    per_head = []
    for head in range(1, heads + 1):
        at.segmented_control(key="mech_head").set_value(head).run()
        assert not at.exception, at.exception
        chart = figures(at)["mech_head_heatmap"]
        assert chart_title(
            t(
                "mechanisms.multi_head.heatmap.title",
                head=t("mechanisms.multi_head.head", number=head),
            ),
            at,
        )
        z = values(chart["data"][0]["z"])
        np.testing.assert_allclose(z, explanation.attention[head - 1], atol=1e-6)
        per_head.append(z)
    assert not np.allclose(per_head[0], per_head[1])  # the selector really switches heads
    at.segmented_control(key="mech_head").set_value("average").run()
    average = values(figures(at)["mech_head_heatmap"]["data"][0]["z"])
    np.testing.assert_allclose(average, np.mean(per_head, axis=0), atol=1e-6)
    pooling = values(figures(at)["mech_pooling"]["data"][0]["y"])
    np.testing.assert_allclose(pooling, explanation.weights, atol=1e-6)


def test_long_review_heatmaps_show_the_first_words(page):
    review = " ".join(["a fine and moving film with a great cast"] * 9)  # 81 words
    at = submit(page, review)
    charts = figures(at)
    assert values(charts["mech_unit_heatmap"]["data"][0]["z"]).shape[1] == 60
    assert values(charts["mech_head_heatmap"]["data"][0]["z"]).shape == (60, 60)
    assert t("mechanisms.detail.capped", shown=60, total=81) in markdown_text(at)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script> great", "&lt;/"),
        ("**bold** [x](javascript:alert(1)) :red[red]", "](<span"),
    ],
)
def test_review_text_is_shown_as_text(page, text, shown):
    at = submit(page, text)
    assert "<script" not in html_text(at).lower() and "<a " not in html_text(at)
    assert shown in html_text(at)  # the user's characters, escaped, between the word spans
    assert text not in markdown_text(at)
    assert len(variant_blocks(at)) == len(VARIANTS)


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [("   ", "info", "common.empty"), ("🙂 🎬 !!", "warning", "sentiment.error.no_words")],
)
def test_empty_or_wordless_input_gets_a_message(page, text, kind, message):
    at = submit(page, text)
    assert [e.value for e in getattr(at, kind)] == [t(message)]
    assert not variant_blocks(at) and not figures(at)
    at = submit(at, REVIEW)  # and the page keeps working
    assert len(variant_blocks(at)) == len(VARIANTS)


def test_chinese_interface(page, models_folder):
    at = submit(page, REVIEW)
    at.radio(key="lang").set_value("zh").run()
    assert not at.exception, at.exception
    assert at.title[0].value == t("mechanisms.title", "zh")
    assert at.text_area(key="mech_text").value == REVIEW
    _, explanation = expected(models_folder, "dot_product", REVIEW)
    assert f"P(正面) = **{explanation.probability:.3f}**" in markdown_text(at)
    assert chart_title(t("mechanisms.multi_head.pooling.title", "zh"), at)
    assert at.segmented_control(key="mech_head").label == t("mechanisms.multi_head.select", "zh")
    at.radio(key="lang").set_value("en").run()


def test_same_scale_for_all_shades_every_model_against_the_largest_weight(page, models_folder):
    """Off: each model's top word is fully shaded. On: only the largest weight of any model."""
    at = submit(page, REVIEW)
    darkest = f"background-color:{render.shade(1.0, 'Blues')};"
    assert html_text(at).count(darkest) == len(VARIANTS)  # one top word per model
    at.toggle(key="mech_same_scale").set_value(True).run()
    assert not at.exception, at.exception
    largest = max(float(expected(models_folder, v, REVIEW)[1].weights.max()) for v in VARIANTS)
    assert html_text(at).count(darkest) == 1
    assert render.escape(render.weight_text(largest)) in html_text(at)  # named in the legend
    assert at.query_params["same"] == "1"
    at.toggle(key="mech_same_scale").set_value(False).run()
    assert html_text(at).count(darkest) == len(VARIANTS)
    assert "same" not in at.query_params
