"""Figures of the attention mechanisms: per-unit attention and multi-head self-attention maps."""

import numpy as np

from attnviz.viz.figure import MAX_TICK_LABELS, figure, heatmap, layout, merge, token_ticks
from attnviz.viz.render import DEFAULT_COLORSCALE, WEIGHT_D3_FORMAT

UNIT_HEATMAP_LABELS = {
    "title": "Per-unit attention: each hidden unit's own weights over the words",
    "x": "word position",
    "y": "hidden unit",
    "colorbar": "attention weight (softmax over time, per unit)",
    "hover_word": "word",
    "hover_position": "position",
    "hover_unit": "unit",
    "hover_weight": "weight",
}


def unit_attention_heatmap(
    tokens, attention, labels=None, colorscale=DEFAULT_COLORSCALE, height=None
):
    """Per-unit attention as a heatmap: words on x, hidden units on y.

    Args:
        tokens: the `n` words, in reading order.
        attention: `(n, units)` weights; column j is unit j's softmax over the words
            (it sums to 1 over the whole text, so over a shown part it may sum to less).
        labels: "title", "x", "y", "colorbar" and hover words ("hover_word",
            "hover_position", "hover_unit", "hover_weight").
        colorscale: the colour scale, from 0 to the largest weight shown.
    """
    labels = merge(UNIT_HEATMAP_LABELS, labels)
    attention = np.asarray(attention, dtype=np.float64)
    if attention.ndim != 2 or attention.shape[0] != len(tokens):
        raise ValueError(
            f"attention has shape {attention.shape} but there are {len(tokens)} tokens "
            "(expected (tokens, units))"
        )
    z = attention.T  # (units, time): one row per unit
    units = z.shape[0]
    trace = heatmap(
        z,
        np.arange(1, len(tokens) + 1),
        np.arange(1, units + 1),
        colorscale,
        zmax=float(z.max()) if z.size else 1.0,
        customdata=np.broadcast_to(np.array(list(tokens), dtype=object), z.shape),
        colorbar_title=labels["colorbar"],
        colorbar_font_size=13,
        hovertemplate=(
            f"{labels['hover_word']}: <b>%{{customdata}}</b> "
            f"({labels['hover_position']} %{{x}})<br>"
            f"{labels['hover_unit']}: %{{y}}<br>"
            f"{labels['hover_weight']}: %{{z:{WEIGHT_D3_FORMAT}}}<extra></extra>"
        ),
    )
    if height is None:
        height = int(np.clip(150 + 3 * units, 340, 720))
    xaxis = token_ticks(tokens, labels["x"])
    yaxis = {"title": labels["y"], "autorange": "reversed", "showgrid": False}
    return figure([trace], layout(labels["title"], height, xaxis, yaxis))


SELF_ATTENTION_LABELS = {
    "title": "Self-attention: which words each word takes its new state from",
    "x": "key word (attended to)",
    "y": "query word (attending)",
    "colorbar": "attention weight (softmax over keys)",
    "hover_query": "query",
    "hover_key": "key",
    "hover_weight": "weight",
}


def self_attention_heatmap(
    tokens,
    attention,
    head=None,
    labels=None,
    colorscale=DEFAULT_COLORSCALE,
    height=None,
):
    """One head of multi-head self-attention (or the mean of all heads) as a word x word map.

    Args:
        tokens: the `n` words, in reading order.
        attention: `(heads, n, n)` weights; `attention[h, i, j]` is how much query word
            i attends to key word j in head h (each row sums to 1 over the whole text).
        head: index of the head to show, or None for the mean over the heads.
        labels: "title", "x" (keys), "y" (queries), "colorbar" and hover words
            ("hover_query", "hover_key", "hover_weight").
        colorscale: the colour scale, from 0 to the largest weight of any head, so
            every head and the mean are drawn on the same scale.
    """
    labels = merge(SELF_ATTENTION_LABELS, labels)
    attention = np.asarray(attention, dtype=np.float64)
    n = len(tokens)
    if attention.ndim != 3 or attention.shape[1:] != (n, n):
        raise ValueError(
            f"attention has shape {attention.shape} but there are {n} tokens "
            f"(expected (heads, {n}, {n}))"
        )
    heads = attention.shape[0]
    if head is None:
        z = attention.mean(axis=0)  # (query, key)
    elif 0 <= head < heads:
        z = attention[head]
    else:
        raise ValueError(f"head {head} does not exist: there are {heads} heads")
    words = list(tokens)
    positions = np.arange(1, n + 1)
    hover = np.empty((n, n, 4), dtype=object)
    hover[:, :, 0] = np.array(words, dtype=object)[:, None]
    hover[:, :, 1] = positions[:, None]
    hover[:, :, 2] = np.array(words, dtype=object)[None, :]
    hover[:, :, 3] = positions[None, :]
    trace = heatmap(
        z,
        positions,
        positions,
        colorscale,
        zmax=float(attention.max()) if attention.size else 1.0,
        customdata=hover,
        colorbar_title=labels["colorbar"],
        colorbar_font_size=13,
        hovertemplate=(
            f"{labels['hover_query']}: <b>%{{customdata[0]}}</b> (#%{{customdata[1]}})<br>"
            f"{labels['hover_key']}: <b>%{{customdata[2]}}</b> (#%{{customdata[3]}})<br>"
            f"{labels['hover_weight']}: %{{z:{WEIGHT_D3_FORMAT}}}<extra></extra>"
        ),
    )
    if height is None:
        height = int(np.clip(220 + 22 * n, 440, 980))
    xaxis = token_ticks(words, labels["x"])
    yaxis = {"title": labels["y"], "autorange": "reversed", "showgrid": False}
    if n <= MAX_TICK_LABELS:
        xaxis["title"] = labels["x"]
        yaxis.update(
            tickmode="array",
            tickvals=positions,
            ticktext=words,
            tickfont={"size": 16 if n <= 30 else 12},
        )
    return figure([trace], layout(labels["title"], height, xaxis, yaxis))
