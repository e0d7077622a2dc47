"""Attention 101's arithmetic, checked by hand on tiny vectors."""

import numpy as np
import pytest

from attnviz.classroom import toy_attention as toy

QUERY = np.array([1.0, 0.0])
KEYS = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
VALUES = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def test_dot_and_scaled_dot_scores():
    np.testing.assert_allclose(toy.scores(QUERY, KEYS, "dot"), [1, 0, -1])
    np.testing.assert_allclose(toy.scores(QUERY, KEYS, "scaled_dot"), np.array([1, 0, -1]) / 2**0.5)


def test_additive_score_is_tanh_of_w_q_k_dot_v():
    w = np.array([[1.0, 0.0, 1.0, 0.0]])
    v = np.array([2.0])
    np.testing.assert_allclose(
        toy.scores(QUERY, KEYS, "additive", (w, v)), 2 * np.tanh([2.0, 1.0, 0.0])
    )


def test_attend_golden_values_and_temperature():
    steps = toy.attend(QUERY, KEYS, VALUES, "dot", temperature=1.0)
    e = np.exp([1.0, 0.0, -1.0])
    np.testing.assert_allclose(steps.weights, e / e.sum())
    np.testing.assert_allclose(steps.output, (e / e.sum()) @ VALUES)
    np.testing.assert_allclose(steps.contributions.sum(axis=0), steps.output)
    sharp = toy.attend(QUERY, KEYS, VALUES, "dot", temperature=0.1)
    flat = toy.attend(QUERY, KEYS, VALUES, "dot", temperature=5.0)
    assert sharp.weights[0] > 0.99 and flat.weights.max() < 0.45


def test_default_example_lets_the_last_token_win():
    for seed in range(5):
        query, keys, values = toy.default_example(5, 3, seed)
        for scoring in ("dot", "scaled_dot"):
            assert np.argmax(toy.attend(query, keys, values, scoring).weights) == 4


def test_two_heads_have_their_own_projections():
    projections = toy.head_projections(2, seed=1)
    heads, output = toy.multi_head(QUERY, KEYS, VALUES, projections)
    assert len(heads) == 2 and output.shape == (4,)
    assert not np.allclose(heads[0].weights, heads[1].weights)
    for head in heads:
        assert head.weights.sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a b c", ("a", "b", "c")), ("a, b", toy.DEFAULT_TOKENS), ("1 2 3 4 5 6 7", tuple("123456"))],
)
def test_parse_tokens(text, expected):
    assert toy.parse_tokens(text) == expected


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="3 keys but 2 values"):
        toy.attend(QUERY, KEYS, VALUES[:2])
    with pytest.raises(ValueError, match="temperature"):
        toy.attend(QUERY, KEYS, VALUES, temperature=0)
    with pytest.raises(ValueError, match="scoring"):
        toy.scores(QUERY, KEYS, "cosine")
