"""Figures of a seq2seq converter: the alignment matrix and how sharp each output step is."""

import numpy as np

from attnviz.viz.figure import (
    HIGHLIGHT_COLOR,
    MONO_FONT,
    axis,
    check_same_length,
    figure,
    heatmap,
    layout,
    merge,
)
from attnviz.viz.render import DEFAULT_COLORSCALE, WEIGHT_D3_FORMAT, shade, visible_char

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
    labels = merge(ALIGNMENT_LABELS, labels)
    alignment = np.asarray(alignment, dtype=np.float64)
    n_out, n_in = len(output_chars), len(input_chars)
    if alignment.shape != (n_out, n_in):
        raise ValueError(
            f"alignment has shape {alignment.shape} but there are {n_out} "
            f"output and {n_in} input characters"
        )
    x_text = [visible_char(c) for c in input_chars]
    y_text = [visible_char(c) for c in output_chars]
    # Positions, not characters, are the axis values: repeated characters stay apart.
    xs = np.arange(n_in)
    ys = np.arange(n_out)
    hover = np.empty((n_out, n_in, 4), dtype=object)
    hover[:, :, 0] = np.array(x_text, dtype=object)[None, :]
    hover[:, :, 1] = (xs + 1)[None, :]
    hover[:, :, 2] = np.array(y_text, dtype=object)[:, None]
    hover[:, :, 3] = (ys + 1)[:, None]
    trace = heatmap(
        alignment,
        xs,
        ys,
        colorscale,
        zmax=1,
        customdata=hover,
        colorbar_title=labels["colorbar"],
        gap=1,
        hovertemplate=(
            f"{labels['hover_input']}: <b>%{{customdata[0]}}</b> (#%{{customdata[1]}})<br>"
            f"{labels['hover_output']}: <b>%{{customdata[2]}}</b> (#%{{customdata[3]}})<br>"
            f"{labels['hover_weight']}: %{{z:{WEIGHT_D3_FORMAT}}}<extra></extra>"
        ),
    )
    if height is None:
        height = int(np.clip(120 + 34 * n_out, 320, 760))
    tick_font = {"family": MONO_FONT, "size": 17}
    xaxis = {
        "title": labels["x"],
        "tickmode": "array",
        "tickvals": xs,
        "ticktext": x_text,
        "tickfont": tick_font,
        "tickangle": 0,
        "showgrid": False,
        "side": "bottom",
    }
    yaxis = {
        "title": labels["y"],
        "tickmode": "array",
        "tickvals": ys,
        "ticktext": y_text,
        "tickfont": dict(tick_font),
        "autorange": "reversed",
        "showgrid": False,
    }
    shapes = []
    if highlight_row is not None and 0 <= highlight_row < n_out:
        shapes.append(
            {
                "type": "rect",
                "x0": -0.5,
                "x1": n_in - 0.5,
                "y0": highlight_row - 0.5,
                "y1": highlight_row + 0.5,
                "line": {"color": HIGHLIGHT_COLOR, "width": 3},
                "fillcolor": "rgba(0,0,0,0)",
            }
        )
    return figure([trace], layout(labels["title"], height, xaxis, yaxis, shapes=shapes))


STEP_SHARPNESS_LABELS = {
    "title": "How sharp is the attention at each output step?",
    "y": "entropy (bits)",
    "y2": "top-5 share",
    "entropy": "entropy (bits)",
    "top_share": "share of the top 5 input characters",
    "maximum": "maximum: log2({n}) = {bits:.2f} bits",
    "hover_output": "output",
}
# Two panels sharing the step axis: entropy on top (62 %), top-k share below.
UPPER_PANEL = [0.4296, 1.0]
LOWER_PANEL = [0.0, 0.3496]


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
    labels = merge(STEP_SHARPNESS_LABELS, labels)
    entropies = np.asarray(entropies, dtype=np.float64)
    top_shares = np.asarray(top_shares, dtype=np.float64)
    check_same_length(output_chars, entropies)
    check_same_length(output_chars, top_shares)
    steps = np.arange(1, len(output_chars) + 1)
    chars = [visible_char(c) for c in output_chars]
    maximum = float(np.log2(input_length)) if input_length > 1 else 0.0
    outline = ["#9ca3af"] * len(steps)
    widths = [0.5] * len(steps)
    if highlight_step is not None and 0 <= highlight_step < len(steps):
        outline[highlight_step] = HIGHLIGHT_COLOR
        widths[highlight_step] = 3
    customdata = np.array(chars, dtype=object).reshape(-1, 1)
    bars = {
        "type": "bar",
        "x": steps,
        "y": entropies,
        "name": labels["entropy"],
        "xaxis": "x",
        "yaxis": "y",
        "marker": {"color": shade(0.55, colorscale), "line": {"color": outline, "width": widths}},
        "customdata": customdata,
        "hovertemplate": (
            f"{labels['hover_output']}: <b>%{{customdata[0]}}</b> (#%{{x}})<br>"
            f"{labels['entropy']}: %{{y:.3f}}<extra></extra>"
        ),
    }
    line = {
        "type": "scatter",
        "x": steps,
        "y": top_shares,
        "name": labels["top_share"],
        "xaxis": "x2",
        "yaxis": "y2",
        "mode": "lines+markers",
        "line": {"color": "#111827", "width": 2},
        "marker": {
            "size": [13 if w > 1 else 8 for w in widths],
            "symbol": "diamond",
            "color": [HIGHLIGHT_COLOR if w > 1 else "#111827" for w in widths],
        },
        "customdata": customdata,
        "hovertemplate": (
            f"{labels['hover_output']}: <b>%{{customdata[0]}}</b> (#%{{x}})<br>"
            f"{labels['top_share']}: %{{y:.1%}}<extra></extra>"
        ),
    }
    top = max(maximum, float(entropies.max()) if entropies.size else 0.0, 0.1)
    axis_title = {"size": 14}
    step_axis = {"tickmode": "array", "tickvals": steps, "showgrid": False}
    spec = layout(
        labels["title"],
        height,
        xaxis={**step_axis, "anchor": "y", "domain": [0.0, 1.0], "matches": "x2"},
        yaxis={
            "anchor": "x",
            "domain": UPPER_PANEL,
            "title": {"text": labels["y"], "font": axis_title},
            "range": [0, top * 1.25],
        },
        xaxis2=axis(
            **step_axis,
            anchor="y2",
            domain=[0.0, 1.0],
            ticktext=chars,
            tickfont={"family": MONO_FONT, "size": 17},
        ),
        yaxis2=axis(
            anchor="x2",
            domain=LOWER_PANEL,
            title={"text": labels["y2"], "font": dict(axis_title)},
            range=[0, 1.08],
            tickformat=".0%",
            dtick=0.5,
        ),
        # The uniform-spread maximum: a dashed line across the upper panel, labelled.
        shapes=[
            {
                "type": "line",
                "xref": "x domain",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": maximum,
                "y1": maximum,
                "line": {"color": "#6b7280", "width": 2, "dash": "dash"},
            }
        ],
        annotations=[
            {
                "text": labels["maximum"].format(n=input_length, bits=maximum),
                "showarrow": False,
                "xref": "x domain",
                "x": 1,
                "xanchor": "right",
                "yref": "y",
                "y": maximum,
                "yanchor": "bottom",
                "font": {"size": 13, "color": "#374151"},
            }
        ],
        legend={"orientation": "h", "y": -0.16, "yanchor": "top", "x": 0, "font": {"size": 13}},
        bargap=0.3,
    )
    spec["xaxis"]["showticklabels"] = False
    return figure([bars, line], spec)
