"""The feature-attention demo: a tiny Keras model finds the column that carries the label."""

import numpy as np
import pytest

from attnviz.classroom import feature_attention


def test_table_label_comes_from_the_chosen_column():
    features, labels = feature_attention.make_table(informative=2, n_rows=200, seed=1)
    assert features.shape == (200, feature_attention.N_FEATURES)
    np.testing.assert_array_equal(labels, features[:, 2] > 0)
    again, _ = feature_attention.make_table(informative=2, n_rows=200, seed=1)
    np.testing.assert_array_equal(features, again)


def test_table_rejects_a_column_that_does_not_exist():
    with pytest.raises(ValueError, match="column 8 does not exist in a table of 8"):
        feature_attention.make_table(informative=8)


@pytest.mark.parametrize("column", [1, 6])
def test_attention_peaks_at_the_informative_column(column):
    result = feature_attention.train(column, seed=0)
    assert result.top == column
    assert result.attention[column] > 0.5
    assert result.attention.sum() == pytest.approx(1.0, abs=1e-4)
    assert result.accuracy > 0.9
    assert [row["epoch"] for row in result.history] == list(range(1, feature_attention.EPOCHS + 1))


def test_same_column_and_seed_give_the_same_result():
    first = feature_attention.train(4, seed=3, epochs=3, n_rows=800)
    second = feature_attention.train(4, seed=3, epochs=3, n_rows=800)
    np.testing.assert_allclose(first.attention, second.attention, atol=1e-5)


def test_training_leaves_the_process_wide_random_state_alone():
    """A page run must not reseed Python, NumPy (or TensorFlow) for every other session."""
    import random

    random.seed(123)
    np.random.seed(123)
    expected = (random.random(), np.random.rand())
    random.seed(123)
    np.random.seed(123)
    feature_attention.train(2, seed=0, epochs=1, n_rows=200)
    assert (random.random(), np.random.rand()) == expected


def test_training_in_threads_gives_each_the_same_result():
    """Two sessions training at once get what one alone gets (no shared seed)."""
    from concurrent.futures import ThreadPoolExecutor

    alone = feature_attention.train(4, seed=3, epochs=2, n_rows=400)
    with ThreadPoolExecutor(2) as pool:
        results = list(
            pool.map(lambda s: feature_attention.train(4, seed=s, epochs=2, n_rows=400), [3, 3])
        )
    for result in results:
        np.testing.assert_allclose(result.attention, alone.attention, atol=1e-5)
