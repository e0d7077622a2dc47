import keras
import numpy as np
import pytest

from attnviz.models.layers import (
    AdditiveAttention,
    LearnedQueryAttention,
    PerUnitAttention,
    masked_softmax,
)

TANH1 = 0.7615941559557649  # tanh(1)


def hand_made_layer():
    """W = identity, b = 0, v = (1, 1): score_t = tanh(h_t1) + tanh(h_t2)."""
    layer = AdditiveAttention(units=2)
    layer.build((None, 3, 2))
    layer.set_weights([np.eye(2), np.zeros(2), np.ones((2, 1))])
    return layer


STATES = np.array([[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]], dtype="float32")


def test_additive_attention_golden_values():
    context, weights = hand_made_layer()(STATES)
    # scores = (tanh 1, tanh 1, 2 tanh 1) -> softmax = (1, 1, e^tanh1) / (2 + e^tanh1)
    expected = np.array([[0.24144746685807114, 0.24144746685807114, 0.5171050662838578]])
    np.testing.assert_allclose(weights, expected, rtol=1e-6)
    np.testing.assert_allclose(context, [[0.7585525331419289, 0.7585525331419289]], rtol=1e-6)


def test_padded_positions_get_exactly_zero():
    mask = np.array([[True, True, False]])
    context, weights = hand_made_layer()(STATES, mask=mask)
    assert np.asarray(weights)[0, 2] == 0.0
    np.testing.assert_allclose(weights, [[0.5, 0.5, 0.0]], rtol=1e-6)
    np.testing.assert_allclose(context, [[0.5, 0.5]], rtol=1e-6)


def test_weights_sum_to_one_with_embedding_mask():
    ids = np.array([[5, 3, 9, 0, 0], [1, 2, 3, 4, 7]], dtype="int32")
    inputs = keras.Input((None,), dtype="int32")
    x = keras.layers.Embedding(10, 4, mask_zero=True)(inputs)
    _, weights = AdditiveAttention(3)(x)
    model = keras.Model(inputs, weights)
    result = np.asarray(model(ids))
    np.testing.assert_allclose(result.sum(axis=1), [1.0, 1.0], rtol=1e-6)
    assert np.all(result[0, 3:] == 0.0)
    assert np.all(result >= 0)


def test_masked_softmax_all_padding_row_is_zero_not_nan():
    out = np.asarray(masked_softmax(np.zeros((1, 3), "float32"), np.zeros((1, 3), bool)))
    assert np.all(out == 0.0)


def test_keras_save_load_round_trip(tmp_path):
    inputs = keras.Input((None,), dtype="int32")
    x = keras.layers.Embedding(12, 4, mask_zero=True)(inputs)
    context, weights = AdditiveAttention(5, name="attention")(x)
    model = keras.Model(inputs, [context, weights])
    ids = np.array([[3, 4, 5, 0], [7, 8, 0, 0]], dtype="int32")
    before = [np.asarray(t) for t in model(ids)]
    model.save(tmp_path / "m.keras")
    loaded = keras.saving.load_model(tmp_path / "m.keras")
    after = [np.asarray(t) for t in loaded(ids)]
    for a, b in zip(before, after):
        np.testing.assert_array_equal(a, b)
    assert loaded.get_layer("attention").get_config()["units"] == 5


@pytest.mark.parametrize("units", [1, 16])
def test_config_round_trip(units):
    layer = AdditiveAttention(units, name="a")
    clone = AdditiveAttention.from_config(layer.get_config())
    assert clone.units == units and clone.name == "a"


def test_per_unit_attention_softmax_over_time_for_each_unit():
    layer = PerUnitAttention()
    layer.build((None, 3, 2))
    layer.set_weights([np.eye(2), np.zeros(2)])
    context, weights = layer(STATES, mask=np.array([[True, True, False]]))
    # unit 0 scores (tanh 1, 0, -): softmax over the two real tokens
    e = np.exp(TANH1)
    expected = np.array([[[e / (e + 1), 1 / (e + 1)], [1 / (e + 1), e / (e + 1)], [0, 0]]])
    np.testing.assert_allclose(weights, expected, rtol=1e-6)
    assert np.asarray(weights)[0, 2].tolist() == [0.0, 0.0]
    np.testing.assert_allclose(np.asarray(weights).sum(axis=1), [[1.0, 1.0]], rtol=1e-6)
    np.testing.assert_allclose(context, [[e / (e + 1), e / (e + 1)]], rtol=1e-6)


def test_learned_query_attention_golden_values():
    layer = LearnedQueryAttention(key_dim=2, value_dim=2)
    layer.build((None, 3, 2))
    # keys = states, values = states, query = (1, 1): scores (1, 1, 2) / sqrt(2)
    layer.set_weights([np.ones((2, 1)), np.eye(2), np.zeros(2), np.eye(2), np.zeros(2)])
    context, weights = layer(STATES)
    s = np.array([1.0, 1.0, 2.0]) / np.sqrt(2.0)
    expected = np.exp(s) / np.exp(s).sum()
    np.testing.assert_allclose(weights, [expected], rtol=1e-6)
    np.testing.assert_allclose(context, [expected @ STATES[0]], rtol=1e-6)
    _, masked = layer(STATES, mask=np.array([[False, True, True]]))
    assert np.asarray(masked)[0, 0] == 0.0
