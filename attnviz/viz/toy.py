"""Figures of the toy examples (Attention 101): scores, weighted sums, heads, feature attention."""

import numpy as np

from attnviz.viz.figure import check_same_length, figure, heatmap, layout, merge
from attnviz.viz.render import DEFAULT_COLORSCALE, WEIGHT_D3_FORMAT, relative_weights, shades


def token_bars(
    tokens,
    values,
    title,
    y_title,
    colorscale=DEFAULT_COLORSCALE,
    shade_by=None,
    height=300,
    number_format=".3f",
):
    """One bar per token, the value written on it; shaded by `shade_by` (default: `values`).

    Used for the scores, the scaled scores and the softmax weights of Attention 101, all
    shaded by the final weights so the figures read as one story.
    """
    values = np.asarray(values, dtype=np.float64)
    check_same_length(tokens, values)
    shade_by = values if shade_by is None else np.asarray(shade_by, dtype=np.float64)
    positions = list(range(len(tokens)))
    bar = {
        "type": "bar",
        "x": positions,
        "y": values,
        "marker": {
            "color": shades(relative_weights(shade_by), colorscale),
            "line": {"color": "#6b7280", "width": 1},
        },
        "text": [format(v, number_format) for v in values],
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": np.array(tokens, dtype=object).reshape(-1, 1),
        "hovertemplate": (
            f"<b>%{{customdata[0]}}</b><br>{y_title}: %{{y:{WEIGHT_D3_FORMAT}}}<extra></extra>"
        ),
    }
    span = float(np.max(np.abs(values))) if len(values) else 1.0
    low = min(0.0, float(values.min())) * 1.3 if len(values) else 0
    high = max(0.0, float(values.max())) * 1.3 if len(values) else 1
    if high - low < 1e-9:
        low, high = -1, 1
    xaxis = {"tickmode": "array", "tickvals": positions, "ticktext": list(tokens)}
    yaxis = {
        "title": y_title,
        "range": [low - 0.05 * span, high + 0.05 * span],
        "zeroline": True,
        "zerolinecolor": "#6b7280",
    }
    return figure([bar], layout(title, height, xaxis, yaxis, bargap=0.3))


WEIGHTED_SUM_LABELS = {
    "title": "Weighted sum of the values",
    "x": "value dimension",
    "y": "contribution w·v",
    "output": "output (sum)",
    "hover_weight": "weight",
}


def weighted_sum_figure(
    tokens, weights, values, output, labels=None, colorscale=DEFAULT_COLORSCALE, height=400
):
    """Stacked bars per value dimension: each token's contribution w_i · v_i, and the sum.

    Args:
        tokens: `n` token names.
        weights: `(n,)` attention weights.
        values: `(n, d)` value vectors.
        output: `(d,)` the weighted sum (drawn as a black diamond).
        labels: "title", "x", "y", "output", "hover_weight".
    """
    labels = merge(WEIGHTED_SUM_LABELS, labels)
    weights = np.asarray(weights, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    check_same_length(tokens, weights)
    dims = [f"d{j + 1}" for j in range(values.shape[1])]
    colors = shades(relative_weights(weights), colorscale)
    traces = [
        {
            "type": "bar",
            "x": dims,
            "y": weight * row,
            "name": f"{token} (w={weight:.2f})",
            "marker": {"color": color, "line": {"color": "#374151", "width": 1}},
            "hovertemplate": (
                f"<b>{token}</b><br>{labels['hover_weight']} {weight:.3f} × v = %{{y:.3f}}"
                "<extra></extra>"
            ),
        }
        for token, weight, row, color in zip(tokens, weights, values, colors)
    ]
    traces.append(
        {
            "type": "scatter",
            "x": dims,
            "y": np.asarray(output, dtype=np.float64),
            "mode": "markers+text",
            "name": labels["output"],
            "marker": {"symbol": "diamond", "size": 16, "color": "#111827"},
            "text": [f"{v:.2f}" for v in output],
            "textposition": "middle right",
            "hovertemplate": f"{labels['output']}: %{{y:.3f}}<extra></extra>",
        }
    )
    # The ticks (d1, d2, ...) name the dimensions; an axis title would collide with the legend.
    xaxis = {"title": None}
    yaxis = {"title": labels["y"], "zeroline": True, "zerolinecolor": "#6b7280"}
    legend = {"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0, "font": {"size": 13}}
    return figure(
        traces,
        layout(labels["title"], height, xaxis, yaxis, barmode="relative", legend=legend),
    )


def heads_heatmap(tokens, head_weights, labels=None, colorscale=DEFAULT_COLORSCALE, height=230):
    """Attention weights of several heads `(heads, n)` on the same tokens, one row per head."""
    labels = merge(
        {"title": "Two heads, two opinions", "head": "head", "colorbar": "weight"}, labels
    )
    z = np.asarray(head_weights, dtype=np.float64)
    if z.shape[1] != len(tokens):
        raise ValueError(f"head weights have {z.shape[1]} positions but {len(tokens)} tokens")
    trace = heatmap(
        z,
        list(tokens),
        [f"{labels['head']} {i + 1}" for i in range(z.shape[0])],
        colorscale,
        zmax=1,
        colorbar_title=labels["colorbar"],
        colorbar_thickness=14,
        gap=2,
        text=np.round(z, 2),
        text_size=16,
        hovertemplate="%{y} → <b>%{x}</b>: %{z:.3f}<extra></extra>",
    )
    xaxis = {"type": "category", "showgrid": False}
    yaxis = {"type": "category", "autorange": "reversed", "showgrid": False}
    return figure([trace], layout(labels["title"], height, xaxis, yaxis))


FEATURE_ATTENTION_LABELS = {
    "title": "Learned attention over the columns",
    "x": "column",
    "y": "attention (mean over rows)",
    "informative": "carries the label",
}


def feature_attention_bar(
    attention, informative, labels=None, colorscale=DEFAULT_COLORSCALE, height=320
):
    """The learned attention over the table's columns; the informative column is marked."""
    labels = merge(FEATURE_ATTENTION_LABELS, labels)
    attention = np.asarray(attention, dtype=np.float64)
    names = [f"x{i}" for i in range(len(attention))]
    bar = {
        "type": "bar",
        "x": names,
        "y": attention,
        "marker": {
            "color": shades(relative_weights(attention), colorscale),
            "line": {"color": "#6b7280", "width": 1},
        },
        "text": [f"{a:.2f}" for a in attention],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": f"%{{x}}: %{{y:{WEIGHT_D3_FORMAT}}}<extra></extra>",
    }
    # Beside the bar, halfway up, so it hides neither the bar nor its value.
    mark = {
        "x": names[informative],
        "y": float(attention[informative]) / 2,
        "text": f"★ {labels['informative']}",
        "showarrow": True,
        "arrowhead": 2,
        "ax": 110,
        "ay": 0,
        "font": {"size": 15, "color": "#111827"},
        "bgcolor": "#fef3c7",
        "bordercolor": "#f59e0b",
    }
    xaxis = {"title": labels["x"], "type": "category"}
    yaxis = {"title": labels["y"], "range": [0, 1.15]}
    return figure([bar], layout(labels["title"], height, xaxis, yaxis, annotations=[mark]))
