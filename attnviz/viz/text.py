"""Figures about one text: a weight per word in reading order, the top words, P(positive).

Every visible word (titles, axis labels, hover text) comes in through `labels`, so the
app can translate them; every builder takes `colorscale`, so a palette switch is one
argument.
"""

import numpy as np

from attnviz.viz.figure import FONT, MAX_TICK_LABELS, check_same_length, figure, layout, merge
from attnviz.viz.render import (
    DEFAULT_COLORSCALE,
    SIGNED_WEIGHT_D3_FORMAT,
    WEIGHT_D3_FORMAT,
    relative_weights,
    shade,
    shades,
    signed_positions,
    weight_text,
)

WEIGHTS_BAR_LABELS = {
    "title": "Attention weight of each word, in reading order",
    "x": "word position",
    "y": "attention weight",
    "hover_word": "word",
    "hover_position": "position",
    "hover_weight": "weight",
}


def bar_colors(weights, colorscale, signed):
    """Bar colours as in the highlighted text (diverging around zero when `signed`)."""
    return shades(signed_positions(weights) if signed else relative_weights(weights), colorscale)


def weights_bar(
    tokens, weights, labels=None, colorscale=DEFAULT_COLORSCALE, height=360, signed=False
):
    """Bar chart of one weight per token, in reading order.

    Args:
        tokens: the words, in order (shown under the bars when there are few).
        weights: `(len(tokens),)` attention weights.
        labels: text for "title", "x", "y" and the hover ("hover_word",
            "hover_position", "hover_weight").
        colorscale: bars are shaded like the highlighted text.
        signed: the weights are signed scores (bars go up and down from zero,
            shaded on a diverging `colorscale`).
    """
    labels = merge(WEIGHTS_BAR_LABELS, labels)
    weights = np.asarray(weights, dtype=np.float64)
    check_same_length(tokens, weights)
    positions = np.arange(1, len(tokens) + 1)
    number = SIGNED_WEIGHT_D3_FORMAT if signed else WEIGHT_D3_FORMAT
    few = len(tokens) <= MAX_TICK_LABELS
    bar = {
        "type": "bar",
        "x": positions,
        "y": weights,
        # Outlines keep the palest bars visible, but would hide hundreds of thin bars.
        "marker": {
            "color": bar_colors(weights, colorscale, signed),
            "line": {"color": "#9ca3af", "width": 0.5 if few else 0},
        },
        "customdata": np.array(tokens, dtype=object).reshape(-1, 1),
        "hovertemplate": (
            f"{labels['hover_word']}: <b>%{{customdata[0]}}</b><br>"
            f"{labels['hover_position']}: %{{x}}<br>"
            f"{labels['hover_weight']}: %{{y:{number}}}<extra></extra>"
        ),
    }
    if signed:
        yaxis = {"title": labels["y"], "zeroline": True, "zerolinecolor": "#6b7280"}
    else:
        yaxis = {"title": labels["y"], "rangemode": "tozero"}
    if few:
        xaxis = {
            "tickmode": "array",
            "tickvals": positions,
            "ticktext": list(tokens),
            "tickangle": -45,
            "title": None,
        }
    else:
        xaxis = {"title": labels["x"]}
    return figure([bar], layout(labels["title"], height, xaxis, yaxis, bargap=0.15))


TOP_WORDS_LABELS = {
    "title": "Top 10 most attended words",
    "x": "attention weight",
    "hover_weight": "weight",
    "hover_position": "position",
}


def top_words_bar(
    tokens, weights, k=10, labels=None, colorscale=DEFAULT_COLORSCALE, height=360, signed=False
):
    """Horizontal bars of the `k` highest-weighted tokens, the highest on top.

    A word that occurs twice appears twice, labelled with its position ("it #3").
    With `signed`, the `k` largest |scores| of either sign, bars left of zero for
    negative scores.
    """
    labels = merge(TOP_WORDS_LABELS, labels)
    weights = np.asarray(weights, dtype=np.float64)
    check_same_length(tokens, weights)
    order = np.argsort(-(np.abs(weights) if signed else weights), kind="stable")[:k]
    all_colors = bar_colors(weights, colorscale, signed)
    bar = {
        "type": "bar",
        "x": weights[order],
        "y": [f"{tokens[i]} #{i + 1}" for i in order],
        "orientation": "h",
        "marker": {
            "color": [all_colors[i] for i in order],
            "line": {"color": "#9ca3af", "width": 0.5},
        },
        "text": [weight_text(w, signed) for w in weights[order]],
        # Inside a bar long enough to hold it, else just outside: the longest bars reach
        # the axis' ends, where an outside number ran into the word labels or past the
        # figure's edge ("wooden #4" next to "-1.41").
        "textposition": "auto",
        "textangle": 0,
        "cliponaxis": False,
        "customdata": (order + 1).reshape(-1, 1),
        "hovertemplate": (
            f"<b>%{{y}}</b><br>{labels['hover_position']}: %{{customdata[0]}}<br>"
            f"{labels['hover_weight']}: "
            f"%{{x:{SIGNED_WEIGHT_D3_FORMAT if signed else WEIGHT_D3_FORMAT}}}<extra></extra>"
        ),
    }
    top = float(np.abs(weights[order]).max()) if len(order) else 1.0
    reach = top * 1.35 if top > 0 else 1.0
    xaxis = {"title": labels["x"], "range": [-reach if signed else 0, reach]}
    if signed:
        xaxis.update(zeroline=True, zerolinecolor="#6b7280")
    yaxis = {"autorange": "reversed", "title": None, "type": "category"}
    return figure([bar], layout(labels["title"], height, xaxis, yaxis))


PROBABILITY_LABELS = {
    "title": "P(positive)",
    "negative": "negative",
    "positive": "positive",
}


def probability_bar(probability, labels=None, colorscale=DEFAULT_COLORSCALE, height=130):
    """A 0-to-1 bar of P(positive), the 0.5 decision threshold marked by a black line.

    The value is written in the title ("P(positive) = 0.003"): Plotly's number beside a
    bullet gauge overlapped the bar in a narrow column.
    """
    labels = merge(PROBABILITY_LABELS, labels)
    probability = float(probability)
    gauge = {
        "type": "indicator",
        "mode": "gauge",
        "value": probability,
        "gauge": {
            "shape": "bullet",
            "axis": {
                "range": [0, 1],
                # Three ticks: the end labels are long and must not touch their neighbours.
                "tickvals": [0, 0.5, 1],
                "ticktext": [f"0 {labels['negative']}", "0.5", f"{labels['positive']} 1"],
                "tickfont": {"size": 14},
            },
            "bar": {"color": shade(0.8, colorscale), "thickness": 0.6},
            "bgcolor": "#eef2f7",
            "borderwidth": 1,
            "bordercolor": "#c7d0dc",
            "threshold": {
                "line": {"color": "#111827", "width": 3},
                "value": 0.5,
                "thickness": 0.95,
            },
        },
        "domain": {"x": [0, 1], "y": [0.1, 1]},
    }
    spec = {
        "title": {
            "text": f"{labels['title']} = {probability:.3f}",
            "x": 0,
            "xanchor": "left",
            "font": {"size": 15},
        },
        "font": dict(FONT),
        "height": height,
        # Room at both ends for "0 negative" and "positive 1", centred on 0 and 1.
        "margin": {"l": 75, "r": 70, "t": 30, "b": 25},
        "paper_bgcolor": "#ffffff",
    }
    return figure([gauge], spec)
