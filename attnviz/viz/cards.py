"""Figures of the model cards: training history, confusion matrix, accuracy per format family."""

import numpy as np

from attnviz.viz.figure import figure, heatmap, layout, merge
from attnviz.viz.render import DEFAULT_COLORSCALE, shade

LINE_COLORS = ("#1d4ed8", "#d97706", "#059669", "#7c3aed")
LINE_DASHES = ("solid", "dash", "dot", "dashdot")


def history_lines(history, keys, labels=None, height=320):
    """Per-epoch lines of `keys` from a training history (list of dicts with "epoch")."""
    labels = merge({"title": "Training", "x": "epoch", "y": ""}, labels)
    names = labels.get("names", {})
    epochs = [row.get("epoch", i + 1) for i, row in enumerate(history)]
    traces = [
        {
            "type": "scatter",
            "x": epochs,
            "y": [row.get(key) for row in history],
            "mode": "lines+markers",
            "name": names.get(key, key),
            "line": {"color": LINE_COLORS[i % 4], "width": 3, "dash": LINE_DASHES[i % 4]},
            "marker": {"size": 8},
            "hovertemplate": f"{names.get(key, key)}: %{{y:.4f}}<extra>{labels['x']} %{{x}}</extra>",
        }
        for i, key in enumerate(k for k in keys if any(k in row for row in history))
    ]
    # The title says "per epoch"; an x-axis title would collide with the legend below.
    spec = layout(
        labels["title"],
        height,
        {"dtick": 1, "title": None},
        {"title": labels["y"]},
        legend={"orientation": "h", "y": -0.15, "yanchor": "top", "x": 0},
    )
    spec["margin"]["b"] = 20
    return figure(traces, spec)


def confusion_heatmap(
    values, rows, columns, labels=None, colorscale=DEFAULT_COLORSCALE, height=360
):
    """A confusion matrix: true classes on y, predicted on x, counts written in the cells."""
    labels = merge(
        {"title": "Confusion matrix", "x": "predicted", "y": "true", "colorbar": "reviews"}, labels
    )
    z = np.asarray(values, dtype=np.float64)
    total = z.sum() or 1.0
    trace = heatmap(
        z,
        list(columns),
        list(rows),
        colorscale,
        colorbar_title=labels["colorbar"],
        colorbar_thickness=14,
        gap=3,
        text=[[f"{int(v):,}<br>({v / total:.1%})" for v in row] for row in z],
        text_size=18,
        hovertemplate="%{y} → %{x}: %{z:,}<extra></extra>",
    )
    xaxis = {"title": labels["x"], "type": "category", "side": "bottom", "showgrid": False}
    yaxis = {"title": labels["y"], "type": "category", "autorange": "reversed", "showgrid": False}
    return figure([trace], layout(labels["title"], height, xaxis, yaxis))


def family_accuracy_bar(
    families, accuracies, counts=None, labels=None, colorscale=DEFAULT_COLORSCALE, height=None
):
    """Horizontal bars: test accuracy per input format family (e.g. "ordinal_word")."""
    labels = merge(
        {
            "title": "Accuracy per format family",
            "x": "exact-match accuracy",
            "count": "test examples",
        },
        labels,
    )
    accuracies = np.asarray(accuracies, dtype=np.float64)
    counts = list(counts) if counts is not None else [None] * len(families)
    bar = {
        "type": "bar",
        "x": accuracies,
        "y": list(families),
        "orientation": "h",
        "marker": {"color": shade(0.75, colorscale), "line": {"color": "#374151", "width": 1}},
        "text": [f"{a:.2%}" + (f"  (n={c:,})" if c else "") for a, c in zip(accuracies, counts)],
        "textposition": "inside",
        "insidetextanchor": "end",
        "hovertemplate": "%{y}: %{x:.4f}<extra></extra>",
    }
    height = height or int(110 + 38 * len(families))
    low = max(0.0, float(accuracies.min()) - 0.05) if len(accuracies) else 0.0
    xaxis = {"title": labels["x"], "range": [min(low, 0.9), 1.0], "tickformat": ".0%"}
    yaxis = {"type": "category", "autorange": "reversed"}
    return figure([bar], layout(labels["title"], height, xaxis, yaxis))
