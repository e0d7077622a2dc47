"""Attributions beside attention, on tiny models built here (no training needed)."""

import keras
import numpy as np
import pytest

from attnviz.explain.saliency import (
    METHODS,
    Attributor,
    bilstm,
    encoder_weights,
    probability_from_embeddings,
)
from attnviz.models.sentiment import VARIANTS, SentimentModel, build_sentiment_model
from attnviz.models.text import Vocabulary

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
    from attnviz.explain.saliency import Attributions, agreement

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
    from attnviz.explain.saliency import remove_token

    text = "I loved it, really loved it"
    assert remove_token(text, (2, 7)) == "I it, really loved it"
    assert remove_token(text, (0, 1)) == "loved it, really loved it"
    assert remove_token(text, (25, 27)) == "I loved it, really loved"
    assert remove_token(text, (8, 10)) == "I loved, really loved it"  # the space before goes
    with pytest.raises(ValueError, match="outside a text of 27 characters"):
        remove_token(text, (20, 40))


# The fast paths (the encoder's own LSTM loops) against the masked Keras model.

EDGE_TEXTS = ["good", "bad film", "the plot was awful", TEXT, " ".join([TEXT] * 3)]


def attributor_of(model):
    """The model's own `Attributor` (its compiled graphs are shared between tests)."""
    if model._attributor is None:
        model._attributor = Attributor(model)
    return model._attributor


@pytest.mark.parametrize("chunk", [1, 3, 128])
def test_fast_occlusion_equals_masked_occlusion(model, chunk, monkeypatch):
    attributor = attributor_of(model)
    # small chunks: many of them, in mirrored pairs and (odd counts) a middle one alone
    monkeypatch.setattr(attributor, "OCCLUSION_CHUNK", chunk)
    uses_fast_path = model.variant != "multi_head"
    assert (attributor._encode_one is not None) == uses_fast_path
    for text in EDGE_TEXTS:
        ids = model.encode(text)[1]
        fast = attributor.occlusion(ids)
        masked = attributor.masked_occlusion(ids)
        assert fast.shape == (len(ids),)
        np.testing.assert_allclose(fast, masked, rtol=0, atol=1e-5)


def test_fast_occlusion_of_first_last_and_only_token(model):
    attributor = attributor_of(model)
    for text in ["good", "bad film", TEXT]:
        ids = model.encode(text)[1]
        scores = attributor.occlusion(ids)
        for t in {0, len(ids) - 1}:
            rows = [ids, ids[:t] + ids[t + 1 :]]
            p_with = model.forward([rows[0]])[0][0]
            # an empty review is all padding: what the model says with nothing to read
            p_without = model.forward([rows[1] or [0]])[0][0]
            assert scores[t] == pytest.approx(p_with - p_without, abs=1e-5)


def test_bilstm_matches_the_keras_encoder(model):
    import tensorflow as tf

    weights = encoder_weights(model.model)
    assert weights is not None
    rng = np.random.default_rng(0)
    embedded = rng.normal(0, 1, size=(3, 7, 4)).astype(np.float32)
    keras_states = model.model.get_layer("encoder")(embedded, training=False)
    states = bilstm(tf.constant(embedded), weights)
    np.testing.assert_allclose(states.numpy(), keras_states.numpy(), rtol=0, atol=1e-6)


def test_fast_gradients_equal_padded_masked_gradients(model):
    """The unpadded, hand-back-propagated gradients are the Keras model's own."""
    attributor = attributor_of(model)
    ids = model.encode(TEXT)[1]
    n = len(ids)
    x = attributor.embeddings[ids].astype(np.float64)
    embedded = np.linspace(0.0, 1.0, 5)[:, None, None] * x[None]
    padded = np.zeros((5, n + 6, x.shape[1]))
    padded[:, :n] = embedded
    mask = np.zeros((5, n + 6), dtype=bool)
    mask[:, :n] = True
    p_fast, g_fast = attributor.gradient_batch(embedded)
    p_masked, g_masked = attributor.gradient_batch(padded, mask)
    np.testing.assert_allclose(p_fast, p_masked, rtol=0, atol=1e-6)
    np.testing.assert_allclose(g_fast, g_masked[:, :n], rtol=0, atol=1e-6)
    assert np.all(g_masked[:, n:] == 0)


@pytest.mark.parametrize("text", ["good", "bad film", TEXT])
def test_integrated_gradients_equal_the_padded_masked_computation(model, text):
    """Golden check against IG computed the old way: padded batch, masked Keras encoder."""
    attributor = attributor_of(model)
    ids = model.encode(text)[1]
    n, steps = len(ids), 32
    scores, fx, fb, used, gap, grad_x_input = attributor.integrated_gradients(ids)
    x = attributor.embeddings[ids].astype(np.float64)
    alphas = np.concatenate([[1.0, 0.0], (np.arange(steps) + 0.5) / steps])
    width = 16
    padded = np.zeros((len(alphas), width, x.shape[1]))
    padded[:, :n] = alphas[:, None, None] * x[None]
    mask = np.zeros((len(alphas), width), dtype=bool)
    mask[:, :n] = True
    probability, grads = attributor.gradient_batch(padded, mask)
    assert used == steps  # these texts meet the completeness tolerance at 32 steps
    assert fx == pytest.approx(probability[0], abs=1e-6)
    assert fb == pytest.approx(probability[1], abs=1e-6)
    np.testing.assert_allclose(scores, (x * grads[2:, :n].mean(axis=0)).sum(axis=1), atol=1e-6)
    np.testing.assert_allclose(grad_x_input, (x * grads[0, :n]).sum(axis=1), atol=1e-6)


def test_encoders_other_than_the_plain_bilstm_use_the_keras_layers():
    """An LSTM the fast loops do not reimplement (relu here) falls back to the Keras path."""
    from attnviz.models import layers

    keras.utils.set_random_seed(5)
    tokens = keras.Input(shape=(None,), dtype="int32")
    x = keras.layers.Embedding(len(WORDS) + 2, 4, mask_zero=True, name="embedding")(tokens)
    states = keras.layers.Bidirectional(
        keras.layers.LSTM(3, activation="relu", return_sequences=True), name="encoder"
    )(x)
    context, _ = layers.AdditiveAttention(3, name="attention")(states)
    probability = keras.layers.Dense(1, activation="sigmoid", name="probability")(context)
    model = keras.Model(tokens, probability)
    assert encoder_weights(model) is None
    sentiment = SentimentModel(model, Vocabulary(WORDS), {"max_tokens": 40}, jit_compile=False)
    attributor = Attributor(sentiment)
    ids = sentiment.encode(TEXT)[1]
    np.testing.assert_allclose(
        attributor.occlusion(ids), attributor.masked_occlusion(ids), rtol=0, atol=1e-6
    )
    a = sentiment.attributions(TEXT, methods=("integrated_gradients",))
    assert a.ig_gap <= 0.05 * abs(a.probability - a.baseline_probability)


@pytest.mark.parametrize("cells", [2, 40])
def test_integrated_gradients_in_small_batches_are_the_same(model, cells, monkeypatch):
    """Long reviews run the path in batches of `IG_CELLS` (rows x tokens): same numbers."""
    from attnviz.explain import saliency

    attributor = attributor_of(model)
    ids = model.encode(TEXT)[1]
    whole = attributor.integrated_gradients(ids)
    monkeypatch.setattr(saliency, "IG_CELLS", cells)  # 2 rows (the least), or a few
    batched = attributor.integrated_gradients(ids)
    assert batched[3] == whole[3]  # the same number of path points
    for one, other in zip(whole, batched):
        np.testing.assert_allclose(one, other, rtol=0, atol=1e-6)
