"""Numbers that summarise attention and compare explanations (numpy in, floats out)."""

import numpy as np


def _as_distribution(weights):
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 1 or weights.size == 0:
        raise ValueError(f"expected a non-empty 1-D weight vector, got shape {weights.shape}")
    return _as_distributions(weights[None])[0]


def entropy_bits(weights):
    """Shannon entropy of the weights in bits: 0 = all on one token, log2(n) = uniform."""
    p = _as_distribution(weights)
    p = p[p > 0]
    # One token (p = 1) gives -0.0, printed "-0.00": never below zero.
    return max(float(-(p * np.log2(p)).sum()), 0.0) + 0.0


def _as_distributions(matrix):
    """The rows of `matrix` as weight vectors summing to 1 (each >= 0, with a positive sum)."""
    m = np.asarray(matrix, dtype=np.float64)
    if m.ndim != 2 or m.size == 0:
        raise ValueError(f"expected a non-empty 2-D weight matrix, got shape {m.shape}")
    if np.any(m < 0):
        raise ValueError("attention weights must be >= 0")
    totals = m.sum(axis=1, keepdims=True)
    if np.any(totals <= 0):
        raise ValueError("attention weights sum to 0")
    return m / totals


def row_entropies_bits(matrix):
    """`entropy_bits` of every row of `matrix` at once (an output step, a unit, a query)."""
    p = _as_distributions(matrix)
    logs = np.log2(np.where(p > 0, p, 1.0))  # log2(1) = 0: zero weights add nothing
    return np.maximum(-(p * logs).sum(axis=1), 0.0) + 0.0


def normalized_entropy(weights):
    """Entropy divided by its maximum log2(n): 0 sharp ... 1 uniform (0 for one token)."""
    n = np.asarray(weights).size
    return entropy_bits(weights) / np.log2(n) if n > 1 else 0.0


def top_share(weights, k=5):
    """The share of the total weight taken by the k largest weights."""
    p = _as_distribution(weights)
    return float(np.sort(p)[::-1][:k].sum())


def row_top_shares(matrix, k=5):
    """`top_share` of every row of `matrix` at once."""
    p = _as_distributions(matrix)
    return -np.sort(-p, axis=1)[:, :k].sum(axis=1)


def sharpness(weights, k=5):
    """Entropy (bits), normalised entropy and top-k share of one attention vector."""
    return {
        "entropy_bits": entropy_bits(weights),
        "normalized_entropy": normalized_entropy(weights),
        f"top{k}_share": top_share(weights, k),
    }


def ranks(values):
    """Ranks 1..n with ties given their average rank."""
    values = np.asarray(values, dtype=np.float64)
    order = np.argsort(values, kind="stable")
    result = np.empty(len(values), dtype=np.float64)
    sorted_values = values[order]
    start = 0
    while start < len(values):
        end = start
        while end + 1 < len(values) and sorted_values[end + 1] == sorted_values[start]:
            end += 1
        result[order[start : end + 1]] = (start + end) / 2.0 + 1.0
        start = end + 1
    return result


def spearman(a, b):
    """Spearman rank correlation of two equal-length vectors (NaN when either is constant)."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        raise ValueError(f"vectors differ in length: {a.size} and {b.size}")
    ra, rb = ranks(a), ranks(b)
    ra, rb = ra - ra.mean(), rb - rb.mean()
    denominator = np.sqrt((ra**2).sum() * (rb**2).sum())
    return float((ra * rb).sum() / denominator) if denominator > 0 else float("nan")


def top_k_overlap(a, b, k=5):
    """Share of the k highest-scoring positions of `a` that are also among `b`'s top k."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        raise ValueError(f"vectors differ in length: {a.size} and {b.size}")
    k = min(k, a.size)
    top_a = set(np.argsort(-a, kind="stable")[:k].tolist())
    top_b = set(np.argsort(-b, kind="stable")[:k].tolist())
    return len(top_a & top_b) / k if k else float("nan")
