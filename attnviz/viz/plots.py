"""Plotly figure builders: numpy in, `go.Figure` out.

Every visible word (titles, axis labels, hover text) comes in through `labels`, so
the app can translate them; every builder takes `colorscale`, so a palette switch
is one argument. Figures use a large font and a white background to read on a
projector.
"""

import numpy as np
import plotly.graph_objects as go

from attnviz.viz.render import (
    DEFAULT_COLORSCALE,
    relative_weights,
    shade,
    shades,
    signed_positions,
    visible_char,
)

# CJK fonts after the Latin ones: Chinese labels render in the page and in PNG/SVG exports.
CJK_FONTS = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, SimHei"
FONT = {
    "size": 16,
    "family": f"Source Sans Pro, Arial, {CJK_FONTS}, sans-serif",
    "color": "#111827",
}
HOVER_FONT = {"size": 15}
# Tick labels are written under each bar only up to this many bars.
MAX_TICK_LABELS = 60
HIGHLIGHT_COLOR = "#f59e0b"


def _base_layout(fig, title, height):
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 19}},
        font=FONT,
        hoverlabel={"font": HOVER_FONT},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        height=height,
        margin={"l": 10, "r": 10, "t": 55, "b": 10},
    )
    axes = {
        "automargin": True,
        "gridcolor": "#e5e7eb",
        "zeroline": False,
        "color": "#111827",
        "linecolor": "#9ca3af",
    }
    fig.update_xaxes(**axes)
    fig.update_yaxes(**axes)
    return fig


def _check_same_length(tokens, weights):
    if len(tokens) != len(weights):
        raise ValueError(f"{len(tokens)} tokens but {len(weights)} weights")


def _merge(defaults, labels):
    merged = dict(defaults)
    merged.update(labels or {})
    return merged


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
    labels = _merge(WEIGHTS_BAR_LABELS, labels)
    weights = np.asarray(weights, dtype=np.float64)
    _check_same_length(tokens, weights)
    positions = np.arange(1, len(tokens) + 1)
    colors = bar_colors(weights, colorscale, signed)
    number = "+.4f" if signed else ".4f"
    few = len(tokens) <= MAX_TICK_LABELS
    fig = go.Figure(
        go.Bar(
            x=positions,
            y=weights,
            # Outlines keep the palest bars visible, but would hide hundreds of thin bars.
            marker={
                "color": colors,
                "line": {"color": "#9ca3af", "width": 0.5 if few else 0},
            },
            customdata=np.array(tokens, dtype=object).reshape(-1, 1),
            hovertemplate=(
                f"{labels['hover_word']}: <b>%{{customdata[0]}}</b><br>"
                f"{labels['hover_position']}: %{{x}}<br>"
                f"{labels['hover_weight']}: %{{y:{number}}}<extra></extra>"
            ),
        )
    )
    _base_layout(fig, labels["title"], height)
    if signed:
        fig.update_yaxes(title_text=labels["y"], zeroline=True, zerolinecolor="#6b7280")
    else:
        fig.update_yaxes(title_text=labels["y"], rangemode="tozero")
    if few:
        fig.update_xaxes(
            tickmode="array",
            tickvals=positions,
            ticktext=list(tokens),
            tickangle=-45,
            title_text=None,
        )
    else:
        fig.update_xaxes(title_text=labels["x"])
    fig.update_layout(bargap=0.15)
    return fig


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
    labels = _merge(TOP_WORDS_LABELS, labels)
    weights = np.asarray(weights, dtype=np.float64)
    _check_same_length(tokens, weights)
    order = np.argsort(-(np.abs(weights) if signed else weights), kind="stable")[:k]
    colors = [bar_colors(weights, colorscale, signed)[i] for i in order]
    names = [f"{tokens[i]} #{i + 1}" for i in order]
    fig = go.Figure(
        go.Bar(
            x=weights[order],
            y=names,
            orientation="h",
            marker={
                "color": colors,
                "line": {"color": "#9ca3af", "width": 0.5},
            },
            text=[f"{w:+.3g}" if signed else f"{w:.3g}" for w in weights[order]],
            textposition="outside",
            cliponaxis=False,
            customdata=(order + 1).reshape(-1, 1),
            hovertemplate=(
                f"<b>%{{y}}</b><br>{labels['hover_position']}: %{{customdata[0]}}<br>"
                f"{labels['hover_weight']}: %{{x:{'+.4f' if signed else '.4f'}}}<extra></extra>"
            ),
        )
    )
    _base_layout(fig, labels["title"], height)
    fig.update_yaxes(autorange="reversed", title_text=None, type="category")
    top = float(np.abs(weights[order]).max()) if len(order) else 1.0
    reach = top * 1.35 if top > 0 else 1.0
    fig.update_xaxes(title_text=labels["x"], range=[-reach if signed else 0, reach])
    if signed:
        fig.update_xaxes(zeroline=True, zerolinecolor="#6b7280")
    return fig


PROBABILITY_LABELS = {
    "title": "P(positive)",
    "negative": "negative",
    "positive": "positive",
}


def probability_bar(probability, labels=None, colorscale=DEFAULT_COLORSCALE, height=130):
    """A 0-to-1 bar of P(positive), the 0.5 decision threshold marked by a black line."""
    labels = _merge(PROBABILITY_LABELS, labels)
    probability = float(probability)
    fig = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=probability,
            number={"valueformat": ".3f", "font": {"size": 30}},
            gauge={
                "shape": "bullet",
                "axis": {
                    "range": [0, 1],
                    "tickvals": [0, 0.25, 0.5, 0.75, 1],
                    "ticktext": [
                        f"0 {labels['negative']}",
                        "0.25",
                        "0.5",
                        "0.75",
                        f"{labels['positive']} 1",
                    ],
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
            domain={"x": [0.03, 0.82], "y": [0.1, 1]},
        )
    )
    fig.update_layout(
        title={"text": labels["title"], "x": 0, "xanchor": "left", "font": {"size": 15}},
        font=FONT,
        height=height,
        margin={"l": 25, "r": 10, "t": 30, "b": 25},
        paper_bgcolor="#ffffff",
    )
    return fig


ALIGNMENT_LABELS = {
    "title": "Alignment matrix: which input characters produced each output character",
    "x": "input characters",
    "y": "output characters",
    "colorbar": "attention weight",
    "hover_input": "input",
    "hover_output": "output",
    "hover_weight": "attention weight",
}


def alignment_heatmap(
    input_chars,
    output_chars,
    alignment,
    labels=None,
    colorscale=DEFAULT_COLORSCALE,
    highlight_row=None,
    height=None,
):
    """Heatmap of `alignment` with input characters on x and output characters on y.

    Args:
        input_chars: `n_in` input characters (spaces are drawn as a visible box).
        output_chars: `n_out` output characters.
        alignment: `(n_out, n_in)` attention weights; row i is what output step i
            attended to.
        labels: "title", "x", "y", "colorbar" and hover words ("hover_input",
            "hover_output", "hover_weight").
        colorscale: the colour scale, from 0 to 1.
        highlight_row: index of an output step to outline, or None.
    """
    labels = _merge(ALIGNMENT_LABELS, labels)
    alignment = np.asarray(alignment, dtype=np.float64)
    if alignment.shape != (len(output_chars), len(input_chars)):
        raise ValueError(
            f"alignment has shape {alignment.shape} but there are {len(output_chars)} "
            f"output and {len(input_chars)} input characters"
        )
    x_text = [visible_char(c) for c in input_chars]
    y_text = [visible_char(c) for c in output_chars]
    # Positions, not characters, are the axis values: repeated characters stay apart.
    xs = np.arange(len(input_chars))
    ys = np.arange(len(output_chars))
    hover = np.empty(alignment.shape + (4,), dtype=object)
    for i, out_char in enumerate(y_text):
        for j, in_char in enumerate(x_text):
            hover[i, j] = (in_char, j + 1, out_char, i + 1)
    fig = go.Figure(
        go.Heatmap(
            z=alignment,
            x=xs,
            y=ys,
            zmin=0,
            zmax=1,
            colorscale=colorscale,
            xgap=1,
            ygap=1,
            customdata=hover,
            colorbar={"title": {"text": labels["colorbar"], "side": "right"}, "thickness": 18},
            hovertemplate=(
                f"{labels['hover_input']}: <b>%{{customdata[0]}}</b> (#%{{customdata[1]}})<br>"
                f"{labels['hover_output']}: <b>%{{customdata[2]}}</b> (#%{{customdata[3]}})<br>"
                f"{labels['hover_weight']}: %{{z:.4f}}<extra></extra>"
            ),
        )
    )
    if height is None:
        height = int(np.clip(120 + 34 * len(output_chars), 320, 760))
    _base_layout(fig, labels["title"], height)
    tick_font = {
        "family": f"DejaVu Sans Mono, Noto Sans Mono CJK SC, {CJK_FONTS}, monospace",
        "size": 17,
    }
    fig.update_xaxes(
        title_text=labels["x"],
        tickmode="array",
        tickvals=xs,
        ticktext=x_text,
        tickfont=tick_font,
        tickangle=0,
        showgrid=False,
        side="bottom",
    )
    fig.update_yaxes(
        title_text=labels["y"],
        tickmode="array",
        tickvals=ys,
        ticktext=y_text,
        tickfont=tick_font,
        autorange="reversed",
        showgrid=False,
    )
    if highlight_row is not None and 0 <= highlight_row < len(output_chars):
        fig.add_shape(
            type="rect",
            x0=-0.5,
            x1=len(input_chars) - 0.5,
            y0=highlight_row - 0.5,
            y1=highlight_row + 0.5,
            line={"color": HIGHLIGHT_COLOR, "width": 3},
            fillcolor="rgba(0,0,0,0)",
        )
    return fig


# ----------------------------------------------------------- presenter mode


def presentation(fig, scale=1.0):
    """`fig` with every font and its height multiplied by `scale` (presenter mode)."""
    if scale == 1.0:
        return fig
    layout = fig.layout
    base = (layout.font.size or FONT["size"]) * scale
    fig.update_layout(font={"size": round(base)})
    if layout.title.font.size:
        fig.update_layout(title_font_size=round(layout.title.font.size * scale))
    if layout.height:
        fig.update_layout(height=round(layout.height * scale))
    for axis in list(fig.select_xaxes()) + list(fig.select_yaxes()):
        if axis.tickfont.size:
            axis.tickfont.size = round(axis.tickfont.size * scale)
    for annotation in layout.annotations or ():
        if annotation.font.size:
            annotation.font.size = round(annotation.font.size * scale)
    return fig


# ----------------------------------------------------------- Attention 101


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
    _check_same_length(tokens, values)
    shade_by = values if shade_by is None else np.asarray(shade_by, dtype=np.float64)
    colors = shades(relative_weights(shade_by), colorscale)
    fig = go.Figure(
        go.Bar(
            x=list(range(len(tokens))),
            y=values,
            marker={"color": colors, "line": {"color": "#6b7280", "width": 1}},
            text=[format(v, number_format) for v in values],
            textposition="outside",
            cliponaxis=False,
            customdata=np.array(tokens, dtype=object).reshape(-1, 1),
            hovertemplate=f"<b>%{{customdata[0]}}</b><br>{y_title}: %{{y:.4f}}<extra></extra>",
        )
    )
    _base_layout(fig, title, height)
    span = float(np.max(np.abs(values))) if len(values) else 1.0
    low = min(0.0, float(values.min())) * 1.3 if len(values) else 0
    high = max(0.0, float(values.max())) * 1.3 if len(values) else 1
    if high - low < 1e-9:
        low, high = -1, 1
    fig.update_xaxes(tickmode="array", tickvals=list(range(len(tokens))), ticktext=list(tokens))
    fig.update_yaxes(
        title_text=y_title,
        range=[low - 0.05 * span, high + 0.05 * span],
        zeroline=True,
        zerolinecolor="#6b7280",
    )
    fig.update_layout(bargap=0.3)
    return fig


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
    labels = _merge(
        {
            "title": "Weighted sum of the values",
            "x": "value dimension",
            "y": "contribution w·v",
            "output": "output (sum)",
            "hover_weight": "weight",
        },
        labels,
    )
    weights = np.asarray(weights, dtype=np.float64)
    values = np.asarray(values, dtype=np.float64)
    _check_same_length(tokens, weights)
    dims = [f"d{j + 1}" for j in range(values.shape[1])]
    colors = shades(relative_weights(weights), colorscale)
    fig = go.Figure()
    for token, weight, row, color in zip(tokens, weights, values, colors):
        fig.add_bar(
            x=dims,
            y=weight * row,
            name=f"{token} (w={weight:.2f})",
            marker={"color": color, "line": {"color": "#374151", "width": 1}},
            hovertemplate=(
                f"<b>{token}</b><br>{labels['hover_weight']} {weight:.3f} × v = %{{y:.3f}}"
                "<extra></extra>"
            ),
        )
    fig.add_scatter(
        x=dims,
        y=np.asarray(output, dtype=np.float64),
        mode="markers+text",
        name=labels["output"],
        marker={"symbol": "diamond", "size": 16, "color": "#111827"},
        text=[f"{v:.2f}" for v in output],
        textposition="middle right",
        hovertemplate=f"{labels['output']}: %{{y:.3f}}<extra></extra>",
    )
    _base_layout(fig, labels["title"], height)
    fig.update_layout(
        barmode="relative",
        legend={"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0, "font": {"size": 13}},
    )
    # The ticks (d1, d2, ...) name the dimensions; an axis title would collide with the legend.
    fig.update_xaxes(title_text=None)
    fig.update_yaxes(title_text=labels["y"], zeroline=True, zerolinecolor="#6b7280")
    return fig


def heads_heatmap(tokens, head_weights, labels=None, colorscale=DEFAULT_COLORSCALE, height=230):
    """Attention weights of several heads `(heads, n)` on the same tokens, one row per head."""
    labels = _merge(
        {"title": "Two heads, two opinions", "head": "head", "colorbar": "weight"}, labels
    )
    z = np.asarray(head_weights, dtype=np.float64)
    if z.shape[1] != len(tokens):
        raise ValueError(f"head weights have {z.shape[1]} positions but {len(tokens)} tokens")
    names = [f"{labels['head']} {i + 1}" for i in range(z.shape[0])]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(tokens),
            y=names,
            zmin=0,
            zmax=1,
            colorscale=colorscale,
            xgap=2,
            ygap=2,
            text=np.round(z, 2),
            texttemplate="%{text}",
            textfont={"size": 16},
            colorbar={"title": {"text": labels["colorbar"], "side": "right"}, "thickness": 14},
            hovertemplate="%{y} → <b>%{x}</b>: %{z:.3f}<extra></extra>",
        )
    )
    _base_layout(fig, labels["title"], height)
    fig.update_xaxes(type="category", showgrid=False)
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False)
    return fig


def feature_attention_bar(
    attention, informative, labels=None, colorscale=DEFAULT_COLORSCALE, height=320
):
    """The learned attention over the table's columns; the informative column is marked."""
    labels = _merge(
        {
            "title": "Learned attention over the columns",
            "x": "column",
            "y": "attention (mean over rows)",
            "informative": "carries the label",
        },
        labels,
    )
    attention = np.asarray(attention, dtype=np.float64)
    names = [f"x{i}" for i in range(len(attention))]
    fig = go.Figure(
        go.Bar(
            x=names,
            y=attention,
            marker={
                "color": shades(relative_weights(attention), colorscale),
                "line": {"color": "#6b7280", "width": 1},
            },
            text=[f"{a:.2f}" for a in attention],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:.4f}<extra></extra>",
        )
    )
    _base_layout(fig, labels["title"], height)
    # Beside the bar, halfway up, so it hides neither the bar nor its value.
    fig.add_annotation(
        x=names[informative],
        y=float(attention[informative]) / 2,
        text=f"★ {labels['informative']}",
        showarrow=True,
        arrowhead=2,
        ax=110,
        ay=0,
        font={"size": 15, "color": "#111827"},
        bgcolor="#fef3c7",
        bordercolor="#f59e0b",
    )
    fig.update_xaxes(title_text=labels["x"], type="category")
    fig.update_yaxes(title_text=labels["y"], range=[0, 1.15])
    return fig


# ----------------------------------------------------------- model cards


def history_lines(history, keys, labels=None, height=320):
    """Per-epoch lines of `keys` from a training history (list of dicts with "epoch")."""
    labels = _merge({"title": "Training", "x": "epoch", "y": ""}, labels)
    names = labels.get("names", {})
    epochs = [row.get("epoch", i + 1) for i, row in enumerate(history)]
    palette = ["#1d4ed8", "#d97706", "#059669", "#7c3aed"]
    dashes = ["solid", "dash", "dot", "dashdot"]
    fig = go.Figure()
    for i, key in enumerate(k for k in keys if any(k in row for row in history)):
        fig.add_scatter(
            x=epochs,
            y=[row.get(key) for row in history],
            mode="lines+markers",
            name=names.get(key, key),
            line={"color": palette[i % 4], "width": 3, "dash": dashes[i % 4]},
            marker={"size": 8},
            hovertemplate=(f"{names.get(key, key)}: %{{y:.4f}}<extra>{labels['x']} %{{x}}</extra>"),
        )
    _base_layout(fig, labels["title"], height)
    # The title says "per epoch"; an x-axis title would collide with the legend below.
    fig.update_xaxes(dtick=1, title_text=None)
    fig.update_yaxes(title_text=labels["y"])
    fig.update_layout(
        legend={"orientation": "h", "y": -0.15, "yanchor": "top", "x": 0},
        margin={"b": 20},
    )
    return fig


def confusion_heatmap(
    values, rows, columns, labels=None, colorscale=DEFAULT_COLORSCALE, height=360
):
    """A confusion matrix: true classes on y, predicted on x, counts written in the cells."""
    labels = _merge(
        {"title": "Confusion matrix", "x": "predicted", "y": "true", "colorbar": "reviews"}, labels
    )
    z = np.asarray(values, dtype=np.float64)
    total = z.sum() or 1.0
    text = [[f"{int(v):,}<br>({v / total:.1%})" for v in row] for row in z]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(columns),
            y=list(rows),
            colorscale=colorscale,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 18},
            xgap=3,
            ygap=3,
            colorbar={"title": {"text": labels["colorbar"], "side": "right"}, "thickness": 14},
            hovertemplate="%{y} → %{x}: %{z:,}<extra></extra>",
        )
    )
    _base_layout(fig, labels["title"], height)
    fig.update_xaxes(title_text=labels["x"], type="category", side="bottom", showgrid=False)
    fig.update_yaxes(title_text=labels["y"], type="category", autorange="reversed", showgrid=False)
    return fig


def family_accuracy_bar(
    families, accuracies, counts=None, labels=None, colorscale=DEFAULT_COLORSCALE, height=None
):
    """Horizontal bars: test accuracy per input format family (e.g. "ordinal_word")."""
    labels = _merge(
        {
            "title": "Accuracy per format family",
            "x": "exact-match accuracy",
            "count": "test examples",
        },
        labels,
    )
    accuracies = np.asarray(accuracies, dtype=np.float64)
    counts = list(counts) if counts is not None else [None] * len(families)
    text = [f"{a:.2%}" + (f"  (n={c:,})" if c else "") for a, c in zip(accuracies, counts)]
    fig = go.Figure(
        go.Bar(
            x=accuracies,
            y=list(families),
            orientation="h",
            marker={"color": shade(0.75, colorscale), "line": {"color": "#374151", "width": 1}},
            text=text,
            textposition="inside",
            insidetextanchor="end",
            hovertemplate="%{y}: %{x:.4f}<extra></extra>",
        )
    )
    height = height or int(110 + 38 * len(families))
    _base_layout(fig, labels["title"], height)
    low = max(0.0, float(accuracies.min()) - 0.05) if len(accuracies) else 0.0
    fig.update_xaxes(title_text=labels["x"], range=[min(low, 0.9), 1.0], tickformat=".0%")
    fig.update_yaxes(type="category", autorange="reversed")
    return fig


# ----------------------------------------------------------- attention mechanisms


def _token_axis(fig, tokens, title):
    """Word positions 1..n on x, the words themselves as ticks when there are few."""
    positions = np.arange(1, len(tokens) + 1)
    if len(tokens) <= MAX_TICK_LABELS:
        fig.update_xaxes(
            tickmode="array",
            tickvals=positions,
            ticktext=list(tokens),
            tickangle=-45,
            tickfont={"size": 16 if len(tokens) <= 30 else 12},
            title_text=None,
            showgrid=False,
        )
    else:
        fig.update_xaxes(title_text=title, showgrid=False)


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
    labels = _merge(UNIT_HEATMAP_LABELS, labels)
    attention = np.asarray(attention, dtype=np.float64)
    if attention.ndim != 2 or attention.shape[0] != len(tokens):
        raise ValueError(
            f"attention has shape {attention.shape} but there are {len(tokens)} tokens "
            "(expected (tokens, units))"
        )
    z = attention.T  # (units, time): one row per unit
    units = z.shape[0]
    words = np.broadcast_to(np.array(list(tokens), dtype=object), z.shape)
    top = float(z.max()) if z.size else 1.0
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=np.arange(1, len(tokens) + 1),
            y=np.arange(1, units + 1),
            zmin=0,
            zmax=top if top > 0 else 1.0,
            colorscale=colorscale,
            customdata=words,
            colorbar={
                "title": {"text": labels["colorbar"], "side": "right", "font": {"size": 13}},
                "thickness": 18,
            },
            hovertemplate=(
                f"{labels['hover_word']}: <b>%{{customdata}}</b> "
                f"({labels['hover_position']} %{{x}})<br>"
                f"{labels['hover_unit']}: %{{y}}<br>"
                f"{labels['hover_weight']}: %{{z:.4f}}<extra></extra>"
            ),
        )
    )
    if height is None:
        height = int(np.clip(150 + 3 * units, 340, 720))
    _base_layout(fig, labels["title"], height)
    _token_axis(fig, tokens, labels["x"])
    fig.update_yaxes(title_text=labels["y"], autorange="reversed", showgrid=False)
    return fig


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
    labels = _merge(SELF_ATTENTION_LABELS, labels)
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
    hover = np.empty((n, n, 4), dtype=object)
    for i in range(n):
        for j in range(n):
            hover[i, j] = (words[i], i + 1, words[j], j + 1)
    top = float(attention.max()) if attention.size else 1.0
    positions = np.arange(1, n + 1)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=positions,
            y=positions,
            zmin=0,
            zmax=top if top > 0 else 1.0,
            colorscale=colorscale,
            customdata=hover,
            colorbar={
                "title": {"text": labels["colorbar"], "side": "right", "font": {"size": 13}},
                "thickness": 18,
            },
            hovertemplate=(
                f"{labels['hover_query']}: <b>%{{customdata[0]}}</b> (#%{{customdata[1]}})<br>"
                f"{labels['hover_key']}: <b>%{{customdata[2]}}</b> (#%{{customdata[3]}})<br>"
                f"{labels['hover_weight']}: %{{z:.4f}}<extra></extra>"
            ),
        )
    )
    if height is None:
        height = int(np.clip(220 + 22 * n, 440, 980))
    _base_layout(fig, labels["title"], height)
    _token_axis(fig, words, labels["x"])
    if n <= MAX_TICK_LABELS:
        fig.update_xaxes(title_text=labels["x"])
        fig.update_yaxes(
            tickmode="array",
            tickvals=positions,
            ticktext=words,
            tickfont={"size": 16 if n <= 30 else 12},
        )
    fig.update_yaxes(title_text=labels["y"], autorange="reversed", showgrid=False)
    return fig


STEP_SHARPNESS_LABELS = {
    "title": "How sharp is the attention at each output step?",
    "y": "entropy (bits)",
    "y2": "top-5 share",
    "entropy": "entropy (bits)",
    "top_share": "share of the top 5 input characters",
    "maximum": "maximum: log2({n}) = {bits:.2f} bits",
    "hover_output": "output",
}


def step_sharpness_figure(
    output_chars,
    entropies,
    top_shares,
    input_length,
    labels=None,
    colorscale=DEFAULT_COLORSCALE,
    highlight_step=None,
    height=460,
):
    """Entropy (top panel, bars) and top-k share (bottom panel, line) of each output step.

    Args:
        output_chars: the `n_out` output characters, one per step (the shared x axis).
        entropies: `(n_out,)` entropy in bits of each step's attention over the input.
        top_shares: `(n_out,)` share of each step's weight on its top-k input characters.
        input_length: the number of input characters; log2 of it, the entropy of a
            uniform spread, is drawn as a dashed line.
        labels: "title", "y" (entropy axis), "y2" (share axis), trace names "entropy"
            and "top_share", "maximum" (with `{n}` and `{bits}` fields), "hover_output".
        colorscale: the bars take a mid shade of it.
        highlight_step: index of the step to outline, or None.
    """
    from plotly.subplots import make_subplots

    labels = _merge(STEP_SHARPNESS_LABELS, labels)
    entropies = np.asarray(entropies, dtype=np.float64)
    top_shares = np.asarray(top_shares, dtype=np.float64)
    _check_same_length(output_chars, entropies)
    _check_same_length(output_chars, top_shares)
    steps = np.arange(1, len(output_chars) + 1)
    chars = [visible_char(c) for c in output_chars]
    maximum = float(np.log2(input_length)) if input_length > 1 else 0.0
    outline = ["#9ca3af"] * len(steps)
    widths = [0.5] * len(steps)
    if highlight_step is not None and 0 <= highlight_step < len(steps):
        outline[highlight_step] = HIGHLIGHT_COLOR
        widths[highlight_step] = 3
    customdata = np.array(chars, dtype=object).reshape(-1, 1)
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, row_heights=[0.62, 0.38], vertical_spacing=0.08
    )
    fig.add_trace(
        go.Bar(
            x=steps,
            y=entropies,
            name=labels["entropy"],
            marker={
                "color": shade(0.55, colorscale),
                "line": {"color": outline, "width": widths},
            },
            customdata=customdata,
            hovertemplate=(
                f"{labels['hover_output']}: <b>%{{customdata[0]}}</b> (#%{{x}})<br>"
                f"{labels['entropy']}: %{{y:.3f}}<extra></extra>"
            ),
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=steps,
            y=top_shares,
            name=labels["top_share"],
            mode="lines+markers",
            line={"color": "#111827", "width": 2},
            marker={
                "size": [13 if w > 1 else 8 for w in widths],
                "symbol": "diamond",
                "color": [HIGHLIGHT_COLOR if w > 1 else "#111827" for w in widths],
            },
            customdata=customdata,
            hovertemplate=(
                f"{labels['hover_output']}: <b>%{{customdata[0]}}</b> (#%{{x}})<br>"
                f"{labels['top_share']}: %{{y:.1%}}<extra></extra>"
            ),
        ),
        row=2,
        col=1,
    )
    fig.add_hline(
        y=maximum,
        row=1,
        col=1,
        line={"color": "#6b7280", "width": 2, "dash": "dash"},
        annotation_text=labels["maximum"].format(n=input_length, bits=maximum),
        annotation_position="top right",
        annotation_font={"size": 13, "color": "#374151"},
    )
    _base_layout(fig, labels["title"], height)
    top = max(maximum, float(entropies.max()) if entropies.size else 0.0, 0.1)
    fig.update_xaxes(tickmode="array", tickvals=steps, showgrid=False)
    fig.update_xaxes(
        ticktext=chars,
        tickfont={"family": "DejaVu Sans Mono, monospace", "size": 17},
        row=2,
        col=1,
    )
    axis_title = {"size": 14}
    fig.update_yaxes(
        title={"text": labels["y"], "font": axis_title}, range=[0, top * 1.25], row=1, col=1
    )
    fig.update_yaxes(
        title={"text": labels["y2"], "font": axis_title},
        range=[0, 1.08],
        tickformat=".0%",
        dtick=0.5,
        row=2,
        col=1,
    )
    fig.update_layout(
        legend={"orientation": "h", "y": -0.16, "yanchor": "top", "x": 0, "font": {"size": 13}},
        bargap=0.3,
    )
    return fig
