"""The "Soft vs hard" page and Attention 101's soft-to-hard control under AppTest."""

import numpy as np
import pytest
import streamlit as st

from attnviz.i18n import t
from attnviz.models.paths import pretrained_dir
from tests.page_elements import all_markdown, figures, html_text, values

PAGE = "app_pages/soft_vs_hard.py"
A101 = "app_pages/attention101.py"
NEEDED = ("dates.keras", "dates-hard.keras", "sentiment-additive.keras", "sentiment-kreader.keras")


def open_page(app, page=PAGE):
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


@pytest.fixture
def svh(app):
    missing = [name for name in NEEDED if not (pretrained_dir() / name).is_file()]
    if missing:
        pytest.skip(f"pretrained/{missing[0]} is absent")
    return open_page(app)


def z(figure):
    return values(figure["data"][0]["z"])


def test_page_shows_soft_and_one_hot_matrices(svh):
    charts = figures(svh)
    soft, hard = z(charts["svh_soft_alignment"]), z(charts["svh_hard_alignment"])
    assert soft.shape == hard.shape and soft.shape[0] == 10
    np.testing.assert_allclose(soft.sum(axis=1), 1.0, atol=1e-4)
    assert (soft > 0.001).sum() > 10  # continuous: many inputs get weight
    np.testing.assert_array_equal(hard.sum(axis=1), np.ones(10))
    assert set(np.unique(hard)) <= {0.0, 1.0}
    assert len(svh.latex) >= 4  # the explainer's formulas
    assert "Show, Attend and Tell" in all_markdown(svh)
    assert "svh_frequencies" not in charts  # nothing sampled yet


def test_step_slider_moves_both_highlights(svh):
    before = html_text(svh)
    svh.slider(key="svh_step").set_value(7).run()
    assert not svh.exception
    after = html_text(svh)
    assert before != after
    assert svh.query_params["step"] == "7"
    # The hard step's caption names the one input position it read.
    assert any(c.value.startswith(t("svh.hard.step").split("`")[0]) for c in svh.caption), [
        c.value for c in svh.caption
    ]


def test_sampling_counts_outputs_and_goes_into_the_link(svh):
    svh.number_input(key="svh_seed").set_value(7).run()
    svh.button(key="svh_sample_many").click().run()
    assert not svh.exception
    charts = figures(svh)
    shares = values(charts["svh_frequencies"]["data"][0]["y"])
    assert shares.sum() == pytest.approx(1.0)
    assert "**20** " in all_markdown(svh)
    assert svh.query_params["seed"] == "7" and svh.query_params["paths"] == "20"
    first = charts["svh_hard_alignment"]["data"][0]["z"]
    svh.button(key="svh_sample_one").click().run()
    assert svh.query_params["paths"] == "21"
    assert "**21** " in all_markdown(svh)
    # The same seed and count draw the same paths: reset and draw 20 again.
    svh.button(key="svh_sample_reset").click().run()
    assert "paths" not in svh.query_params
    svh.button(key="svh_sample_many").click().run()
    np.testing.assert_array_equal(values(figures(svh)["svh_frequencies"]["data"][0]["y"]), shares)
    assert figures(svh)["svh_hard_alignment"]["data"][0]["z"] == first
    svh.segmented_control(key="svh_hard_shown").set_value("argmax").run()
    assert not svh.exception


def test_link_restores_the_view(app):
    if not (pretrained_dir() / "dates-hard.keras").is_file():
        pytest.skip("pretrained/dates-hard.keras is absent")
    app.query_params.update(
        {"date": "4.7.1976", "seed": "12", "paths": "5", "step": "3", "k": "5", "lang": "zh"}
    )
    at = open_page(app)
    assert at.text_input(key="svh_date").value == "4.7.1976"
    assert at.number_input(key="svh_seed").value == 12
    assert at.slider(key="svh_step").value == 3
    assert at.slider(key="svh_k").value == 5
    assert at.title[0].value == t("svh.title", "zh")
    assert "**5**" in all_markdown(at)


@pytest.mark.parametrize(
    "params, seed, k, paths",
    [
        ({"seed": "-3", "paths": "9999999", "step": "99", "k": "0"}, 0, 1, 500),
        ({"seed": "x", "k": "2.5", "paths": "²"}, 0, 3, 0),
    ],
)
def test_bad_link_values_fall_back_with_a_note(app, params, seed, k, paths):
    if not (pretrained_dir() / "dates-hard.keras").is_file():
        pytest.skip("pretrained/dates-hard.keras is absent")
    app.query_params.update(params)
    at = open_page(app)
    assert at.number_input(key="svh_seed").value == seed
    assert at.slider(key="svh_k").value == k
    assert ("svh_frequencies" in figures(at)) == (paths > 0)
    notes = [c.value for c in at.caption if ":material/link_off:" in c.value]
    assert len(notes) >= 2


def test_k_slider_marks_k_words(svh):
    for k in (1, 5):
        svh.slider(key="svh_k").set_value(k).run()
        assert not svh.exception
        reviews = [h.value for h in svh.html if 'class="attnviz-text"' in h.value]
        assert len(reviews) == 2  # the k chosen words, then the soft highlight
        assert reviews[0].count('data-weight="1.000000"') == k
        assert 'data-weight="1.000000"' not in reviews[1]
        assert t("svh.kreader.who.hard", k=k) in all_markdown(svh)
    assert svh.query_params["k"] == "5"


def test_user_text_is_shown_as_text(svh):
    review = "<img src=x onerror=alert(1)> **great** movie, <b>awful</b> plot"
    svh.text_area(key="svh_review").set_value(review).run()
    svh.text_input(key="svh_date").set_value("<b>4 July</b> 1976").run()
    assert not svh.exception
    html = html_text(svh)
    assert "<img" not in html and "&lt;" in html  # the "<" is text; "img" is a word
    assert "<b>" not in html


def test_review_without_words_gets_a_message(svh):
    svh.text_area(key="svh_review").set_value("!!! ???").run()
    assert not svh.exception
    assert any(t("svh.kreader.no_words") in w.value for w in svh.warning)


def test_missing_models_show_an_error(app, tmp_path, monkeypatch):
    monkeypatch.setenv("ATTNVIZ_PRETRAINED", str(tmp_path))
    st.cache_resource.clear()
    try:
        at = open_page(app)
        messages = " ".join(e.value for e in at.error)
        assert "--attention hard" in messages or "python -m attnviz.train dates" in messages
        assert "kreader" in messages or "sentiment" in messages
        assert len(at.latex) >= 4  # the explainer still shows
    finally:
        st.cache_resource.clear()


def test_attention101_slider_from_soft_to_hard_and_sample(app):
    at = open_page(app, A101)
    soft = values(figures(at)["a101_hardness"]["data"][0]["y"])
    assert soft.sum() == pytest.approx(1.0, abs=1e-3) and soft.max() < 1.0
    at.select_slider(key="a101_hard_stop").set_value(0.0).run()
    hard = values(figures(at)["a101_hardness"]["data"][0]["y"])
    np.testing.assert_array_equal(hard, np.eye(len(hard))[np.argmax(soft)])
    at.select_slider(key="a101_hard_stop").set_value(5.0).run()
    flat = values(figures(at)["a101_hardness"]["data"][0]["y"])
    assert flat.max() < soft.max()
    for _ in range(3):
        at.button(key="a101_hard_sample").click().run()
    assert not at.exception
    sampled = values(figures(at)["a101_hardness"]["data"][0]["y"])
    assert sampled.sum() == 1.0 and set(np.unique(sampled)) <= {0.0, 1.0}
    assert any("3" in m for m in all_markdown(at).splitlines() if "×" in m)
