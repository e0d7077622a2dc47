"""Plotly figure builders: numpy in, `go.Figure` out.

Every visible word (titles, axis labels, hover text) comes in through `labels`, so
the app can translate them; every builder takes `colorscale`, so a palette switch
is one argument. Figures use a large font and a white background to read on a
projector.
"""

import numpy as np
import plotly.graph_objects as go

from attnviz.render import DEFAULT_COLORSCALE, relative_weights, shade, shades, visible_char

FONT = {"size": 16, "family": "Source Sans Pro, Arial, sans-serif", "color": "#111827"}
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


def weights_bar(tokens, weights, labels=None, colorscale=DEFAULT_COLORSCALE, height=360):
    """Bar chart of one weight per token, in reading order.

    Args:
        tokens: the words, in order (shown under the bars when there are few).
        weights: `(len(tokens),)` attention weights.
        labels: text for "title", "x", "y" and the hover ("hover_word",
            "hover_position", "hover_weight").
        colorscale: bars are shaded like the highlighted text.
    """
    labels = _merge(WEIGHTS_BAR_LABELS, labels)
    weights = np.asarray(weights, dtype=np.float64)
    _check_same_length(tokens, weights)
    positions = np.arange(1, len(tokens) + 1)
    colors = shades(relative_weights(weights), colorscale)
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
                f"{labels['hover_weight']}: %{{y:.4f}}<extra></extra>"
            ),
        )
    )
    _base_layout(fig, labels["title"], height)
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


def top_words_bar(tokens, weights, k=10, labels=None, colorscale=DEFAULT_COLORSCALE, height=360):
    """Horizontal bars of the `k` highest-weighted tokens, the highest on top.

    A word that occurs twice appears twice, labelled with its position ("it #3").
    """
    labels = _merge(TOP_WORDS_LABELS, labels)
    weights = np.asarray(weights, dtype=np.float64)
    _check_same_length(tokens, weights)
    order = np.argsort(-weights, kind="stable")[:k]
    colors = shades(relative_weights(weights)[order], colorscale)
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
            text=[f"{w:.3g}" for w in weights[order]],
            textposition="outside",
            cliponaxis=False,
            customdata=(order + 1).reshape(-1, 1),
            hovertemplate=(
                f"<b>%{{y}}</b><br>{labels['hover_position']}: %{{customdata[0]}}<br>"
                f"{labels['hover_weight']}: %{{x:.4f}}<extra></extra>"
            ),
        )
    )
    _base_layout(fig, labels["title"], height)
    fig.update_yaxes(autorange="reversed", title_text=None, type="category")
    top = float(weights[order].max()) if len(order) else 1.0
    fig.update_xaxes(title_text=labels["x"], range=[0, top * 1.25 if top > 0 else 1])
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
    tick_font = {"family": "DejaVu Sans Mono, monospace", "size": 17}
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
