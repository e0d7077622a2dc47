"""Attributions beside attention, on tiny models built here (no training needed)."""

import keras
import numpy as np
import pytest

from attnviz.saliency import METHODS, probability_from_embeddings
from attnviz.sentiment import VARIANTS, SentimentModel, build_sentiment_model
from attnviz.text import Vocabulary

WORDS = ["good", "bad", "film", "plot", "great", "awful", "the", "a", "was", "it"]


def tiny_model(variant, seed=3):
    """A tiny sentiment model with random but large weights (so outputs vary)."""
    keras.utils.set_random_seed(seed)
    model = build_sentiment_model(len(WORDS) + 2, 4, 3, 3, variant=variant)
    rng = np.random.default_rng(seed)
    model.set_weights([w + rng.normal(0, 0.8, size=w.shape) for w in model.get_weights()])
    card = {"max_tokens": 40, "variant": variant}
    return SentimentModel(model, Vocabulary(WORDS), card, jit_compile=False)


@pytest.fixture(scope="module", params=VARIANTS)
def model(request):
    return tiny_model(request.param)


TEXT = "The film was good, the plot was awful and it was great"


def test_head_from_embeddings_matches_the_whole_model(model):
    ids = model.encode(TEXT)[1]
    embedded = model.model.get_layer("embedding").embeddings.numpy()[ids][None]
    mask = np.ones((1, len(ids)), dtype=bool)
    head = probability_from_embeddings(model.model, model.variant, embedded, mask)
    whole = model.model.predict(np.array([ids]), verbose=0)[0, 0]
    assert float(head[0]) == pytest.approx(float(whole), abs=1e-5)


def test_grad_x_input_matches_finite_differences(model):
    ids = model.encode(TEXT)[1]
    attributor = model.attributions(TEXT, methods=("grad_x_input",)) and model._attributor
    x = attributor.embeddings[ids].astype(np.float64)
    mask = np.ones((1, len(ids)), dtype=bool)
    _, grads = attributor.gradient_batch(x[None], mask)
    eps = 1e-3
    for t, d in [(0, 0), (3, 2), (len(ids) - 1, 1)]:
        plus, minus = x.copy(), x.copy()
        plus[t, d] += eps
        minus[t, d] -= eps
        f_plus, _ = attributor.gradient_batch(plus[None], mask)
        f_minus, _ = attributor.gradient_batch(minus[None], mask)
        numeric = (f_plus[0] - f_minus[0]) / (2 * eps)
        assert grads[0, t, d] == pytest.approx(numeric, abs=2e-4)
    scores = model.attributions(TEXT, methods=("grad_x_input",)).scores["grad_x_input"]
    np.testing.assert_allclose(scores, (grads[0] * x).sum(axis=1), rtol=1e-5, atol=1e-7)


def test_integrated_gradients_completeness(model):
    a = model.attributions(TEXT, methods=("integrated_gradients",))
    ig = a.scores["integrated_gradients"]
    change = a.probability - a.baseline_probability
    assert a.ig_steps >= 32
    assert abs(ig.sum() - change) == pytest.approx(a.ig_gap, abs=1e-6)
    assert a.ig_gap <= 0.05 * abs(change)


def test_occlusion_equals_difference_of_two_predict_proba_calls(model):
    a = model.attributions(TEXT, methods=("occlusion",))
    occlusion = a.scores["occlusion"]
    for t in (1, 3, 7):  # remove "film", "good", "awful" from the text itself
        start, end = a.spans[t]
        without = TEXT[:start] + TEXT[end:]
        p_with, p_without = model.predict_proba([TEXT, without])
        assert occlusion[t] == pytest.approx(p_with - p_without, abs=1e-5)


def test_all_methods_give_one_score_per_token(model):
    a = model.attributions(TEXT)
    assert set(a.scores) == set(METHODS)
    for scores in a.scores.values():
        assert scores.shape == (len(a.tokens),) and np.all(np.isfinite(scores))
    assert a.scores["attention"].sum() == pytest.approx(1.0, abs=1e-5)


def test_full_attention_tensor_shapes(model):
    e = model.explain(TEXT)
    n = len(e.tokens)
    expected = {
        "additive": (n,),
        "dot_product": (n,),
        "per_unit": (n, 6),
        "multi_head": (4, n, n),
    }[model.variant]
    assert e.attention.shape == expected
    if model.variant == "multi_head":
        np.testing.assert_allclose(e.attention.sum(axis=-1), 1.0, rtol=1e-5)


def test_multi_head_padding_gets_no_attention():
    m = tiny_model("multi_head")
    ids = m.encode("good film")[1]
    _, _, tensor = m.forward([ids], full=True)
    assert tensor.shape == (4, 2, 2)
    np.testing.assert_allclose(tensor.sum(axis=-1), 1.0, rtol=1e-5)  # no weight left on padding


def test_unknown_method_is_rejected():
    with pytest.raises(ValueError, match="unknown method"):
        tiny_model("additive").attributions("good", methods=("shap",))


def test_agreement_compares_attention_with_magnitudes():
    from attnviz.saliency import Attributions, agreement

    a = Attributions("", ["a", "b", "c"], [], [], False, 0.9, "positive")
    a.scores = {
        "attention": np.array([0.7, 0.2, 0.1]),
        "occlusion": np.array([-0.5, 0.1, 0.05]),  # same order by magnitude
        "grad_x_input": np.array([0.01, 0.02, 0.03]),  # reversed
    }
    rows = {r["method"]: r for r in agreement(a, k=1)}
    assert rows["occlusion"]["spearman"] == pytest.approx(1.0)
    assert rows["occlusion"]["top_k_overlap"] == 1.0
    assert rows["grad_x_input"]["spearman"] == pytest.approx(-1.0)
    assert rows["grad_x_input"]["top_k_overlap"] == 0.0
    assert "integrated_gradients" not in rows


def test_remove_token_keeps_the_rest_of_the_text():
    from attnviz.saliency import remove_token

    text = "I loved it, really loved it"
    assert remove_token(text, (2, 7)) == "I it, really loved it"
    assert remove_token(text, (0, 1)) == "loved it, really loved it"
    assert remove_token(text, (25, 27)) == "I loved it, really loved "
    with pytest.raises(ValueError, match="outside a text of 27 characters"):
        remove_token(text, (20, 40))
