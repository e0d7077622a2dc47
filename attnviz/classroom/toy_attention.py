"""Attention on a tiny hand-editable example, step by step (the "Attention 101" page).

A query `q` is compared with each key `k_i` by a scoring function; the scores divided
by a temperature go through a softmax; the weights mix the values `v_i` into one output.
Everything here is numpy on a few numbers, so every intermediate can be shown.
"""

from dataclasses import dataclass

import numpy as np

SCORINGS = ("additive", "dot", "scaled_dot")
DEFAULT_TOKENS = ("the", "movie", "was", "great")
MIN_TOKENS, MAX_TOKENS = 3, 6
MIN_DIM, MAX_DIM = 2, 4
# Units of the additive scorer's hidden layer.
ADDITIVE_UNITS = 4


@dataclass(frozen=True)
class Steps:
    """Every intermediate of one attention computation.

    Attributes:
        scores: `(n,)` raw scores e_i = score(q, k_i).
        scaled: `(n,)` scores divided by the temperature.
        weights: `(n,)` softmax of `scaled`; non-negative, sum to 1.
        contributions: `(n, d_v)` weights[i] * values[i].
        output: `(d_v,)` the weighted sum of the values.
    """

    scores: np.ndarray
    scaled: np.ndarray
    weights: np.ndarray
    contributions: np.ndarray
    output: np.ndarray


def softmax(x):
    """Numerically stable softmax of a 1-D array."""
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - np.max(x))
    return e / e.sum()


def default_example(n_tokens=4, dim=2, seed=0):
    """Keys and values `(n_tokens, dim)` with readable one-decimal numbers, and a query `(dim,)`.

    The query points most like the last token's key, so that token wins by default.
    """
    _check_sizes(n_tokens, dim)
    rng = np.random.default_rng(seed)
    keys = np.round(rng.uniform(-1, 1, size=(n_tokens, dim)), 1)
    values = np.round(rng.uniform(-1, 1, size=(n_tokens, dim)), 1)
    # The last key gets the longest length, and the query points its way: it wins every
    # scoring by default (q·k_last = |q||k_last| ≥ |q||k_i| ≥ q·k_i).
    direction = keys[-1] / (np.linalg.norm(keys[-1]) or 1.0)
    longest = float(np.max(np.linalg.norm(keys[:-1], axis=1)))
    keys[-1] = np.round(direction * min(longest + 0.4, 2.5), 1)
    query = np.round(np.clip(1.5 * direction, -2, 2), 1)
    return query, keys, values


def additive_parameters(dim, units=ADDITIVE_UNITS, seed=0):
    """Fixed (seeded) W `(units, 2*dim)` and v `(units,)` of the additive scorer."""
    rng = np.random.default_rng(seed + 101)
    w = rng.normal(0, 1 / np.sqrt(2 * dim), size=(units, 2 * dim))
    # The key half of W copies the query half, so similar q and k score high.
    w[:, dim:] = w[:, :dim]
    v = rng.normal(0, 1, size=(units,))
    v = np.abs(v)
    return w, v


def scores(query, keys, scoring="scaled_dot", additive=None):
    """Score of the query against each key: `(n,)`.

    additive: tanh(W [q; k]) · v; dot: q · k; scaled_dot: q · k / sqrt(d).
    """
    query = np.asarray(query, dtype=np.float64)
    keys = np.asarray(keys, dtype=np.float64)
    if keys.ndim != 2 or keys.shape[1] != query.shape[0]:
        raise ValueError(f"keys have shape {keys.shape} but the query has {query.shape[0]} numbers")
    if scoring == "dot":
        return keys @ query
    if scoring == "scaled_dot":
        return keys @ query / np.sqrt(query.shape[0])
    if scoring == "additive":
        w, v = additive if additive is not None else additive_parameters(query.shape[0])
        stacked = np.concatenate([np.tile(query, (len(keys), 1)), keys], axis=1)  # (n, 2d)
        return np.tanh(stacked @ w.T) @ v
    raise ValueError(f"scoring must be one of {SCORINGS}, not {scoring!r}")


def attend(query, keys, values, scoring="scaled_dot", temperature=1.0, additive=None):
    """All the steps of attention for one query."""
    values = np.asarray(values, dtype=np.float64)
    keys = np.asarray(keys, dtype=np.float64)
    if len(values) != len(keys):
        raise ValueError(f"{len(keys)} keys but {len(values)} values")
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, not {temperature}")
    raw = scores(query, keys, scoring, additive)
    scaled = raw / temperature
    weights = softmax(scaled)
    contributions = weights[:, None] * values
    return Steps(raw, scaled, weights, contributions, contributions.sum(axis=0))


def head_projections(dim, head_dim=2, heads=2, seed=0):
    """Seeded projection matrices (W_q, W_k, W_v), each `(dim, head_dim)`, for each head."""
    rng = np.random.default_rng(seed + 7)
    return [
        tuple(np.round(rng.normal(0, 1.5, size=(dim, head_dim)), 2) for _ in range(3))
        for _ in range(heads)
    ]


def multi_head(query, keys, values, projections, temperature=1.0):
    """Scaled dot-product attention per head, each on its own projections.

    Returns:
        (steps, output): one `Steps` per head, and the heads' outputs concatenated.
    """
    query = np.asarray(query, dtype=np.float64)
    keys = np.asarray(keys, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    steps = []
    for w_q, w_k, w_v in projections:
        steps.append(attend(query @ w_q, keys @ w_k, values @ w_v, "scaled_dot", temperature))
    return steps, np.concatenate([s.output for s in steps])


def _check_sizes(n_tokens, dim):
    if not MIN_TOKENS <= n_tokens <= MAX_TOKENS:
        raise ValueError(f"{n_tokens} tokens; use {MIN_TOKENS} to {MAX_TOKENS}")
    if not MIN_DIM <= dim <= MAX_DIM:
        raise ValueError(f"{dim} dimensions; use {MIN_DIM} to {MAX_DIM}")


def parse_tokens(text):
    """Words of `text` (split on spaces and commas), capped at `MAX_TOKENS`.

    Returns the default tokens when fewer than `MIN_TOKENS` words are given.
    """
    words = [w for w in str(text).replace(",", " ").split() if w][:MAX_TOKENS]
    return tuple(words) if len(words) >= MIN_TOKENS else DEFAULT_TOKENS
