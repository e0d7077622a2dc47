import math

import numpy as np
import pytest

from attnviz.explain import measures


def test_entropy_of_uniform_and_one_hot():
    assert measures.entropy_bits([0.25] * 4) == pytest.approx(2.0)
    assert measures.normalized_entropy([0.25] * 4) == pytest.approx(1.0)
    assert measures.entropy_bits([0.0, 1.0, 0.0]) == 0.0
    assert measures.normalized_entropy([1.0]) == 0.0


def test_entropy_golden_value():
    # H(0.5, 0.25, 0.25) = 0.5*1 + 2*0.25*2 = 1.5 bits; / log2(3)
    assert measures.entropy_bits([0.5, 0.25, 0.25]) == pytest.approx(1.5)
    assert measures.normalized_entropy([0.5, 0.25, 0.25]) == pytest.approx(1.5 / math.log2(3))


def test_top_share():
    w = [0.4, 0.3, 0.1, 0.1, 0.05, 0.05]
    assert measures.top_share(w, k=2) == pytest.approx(0.7)
    assert measures.sharpness(w)["top5_share"] == pytest.approx(0.95)


def test_ranks_average_ties():
    assert measures.ranks([10, 20, 20, 5]).tolist() == [2.0, 3.5, 3.5, 1.0]


def test_spearman_golden_values():
    assert measures.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert measures.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # d = (0, -1, 1, 0): rho = 1 - 6*2/(4*15) = 0.8
    assert measures.spearman([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert np.isnan(measures.spearman([1, 1, 1], [1, 2, 3]))


def test_top_k_overlap():
    a = [0.9, 0.8, 0.1, 0.0, 0.7]
    b = [0.0, 0.8, 0.9, 0.1, 0.7]
    assert measures.top_k_overlap(a, b, k=3) == pytest.approx(2 / 3)
    assert measures.top_k_overlap([1, 2], [2, 1], k=5) == pytest.approx(1.0)


def test_bad_weights_are_value_errors():
    with pytest.raises(ValueError, match="1-D"):
        measures.entropy_bits([])
    with pytest.raises(ValueError, match=">= 0"):
        measures.entropy_bits([0.5, -0.1])
    with pytest.raises(ValueError, match="differ in length: 2 and 3"):
        measures.spearman([1, 2], [1, 2, 3])


def test_entropy_of_one_token_is_zero_not_minus_zero():
    """One word takes all the attention: 0 bits, printed "0.00" (not "-0.00")."""
    assert f"{measures.entropy_bits([1.0]):.2f}" == "0.00"
    assert f"{measures.entropy_bits([0.0, 3.0, 0.0]):.2f}" == "0.00"


def test_row_measures_match_the_one_vector_ones():
    matrix = np.array([[0.5, 0.5, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0]])
    np.testing.assert_allclose(measures.row_entropies_bits(matrix), [1.0, 0.0, 2.0])
    assert str(measures.row_entropies_bits(matrix)[1]) == "0.0"  # not -0.0
    np.testing.assert_allclose(measures.row_top_shares(matrix, 2), [1.0, 1.0, 0.5])
    rng = np.random.default_rng(3)
    random = rng.dirichlet(np.ones(6), size=5)
    np.testing.assert_allclose(
        measures.row_entropies_bits(random), [measures.entropy_bits(r) for r in random]
    )
    np.testing.assert_allclose(
        measures.row_top_shares(random, 3), [measures.top_share(r, 3) for r in random]
    )
    for bad in ([[0.5, -0.1]], [[0.0, 0.0]], [[]], [0.5, 0.5]):
        with pytest.raises(ValueError):
            measures.row_entropies_bits(bad)
