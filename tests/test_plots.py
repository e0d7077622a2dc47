"""Plotly figure builders: shapes, labels passed in, colour scale passed in."""

import numpy as np
import pytest

from attnviz.viz import plots

TOKENS = ["the", "plot", "was", "thin", "but", "loved", "it"]
WEIGHTS = np.array([0.05, 0.1, 0.05, 0.2, 0.1, 0.4, 0.1])


def test_weights_bar_in_reading_order_with_labels():
    fig = plots.weights_bar(TOKENS, WEIGHTS, labels={"title": "T", "y": "Y"})
    bar = fig.data[0]
    np.testing.assert_allclose(bar.y, WEIGHTS)
    assert list(bar.x) == list(range(1, 8))
    assert list(fig.layout.xaxis.ticktext) == TOKENS
    assert fig.layout.title.text == "T" and fig.layout.yaxis.title.text == "Y"
    assert bar.marker.color[5] == "rgb(8, 48, 107)"  # the top word gets the darkest shade


def test_weights_bar_hides_word_ticks_for_long_texts():
    tokens = [f"w{i}" for i in range(200)]
    fig = plots.weights_bar(tokens, np.full(200, 1 / 200), labels={"x": "position"})
    assert fig.layout.xaxis.ticktext is None
    assert fig.layout.xaxis.title.text == "position"


def test_top_words_bar_sorted_highest_first():
    fig = plots.top_words_bar(TOKENS, WEIGHTS, k=3, colorscale="cividis")
    bar = fig.data[0]
    assert list(bar.y) == ["loved #6", "thin #4", "plot #2"]
    np.testing.assert_allclose(bar.x, [0.4, 0.2, 0.1])
    assert fig.layout.yaxis.autorange == "reversed"


def test_probability_bar_marks_the_threshold():
    fig = plots.probability_bar(0.8, labels={"title": "P"})
    assert fig.data[0].value == 0.8
    assert fig.data[0].gauge.threshold.value == 0.5
    assert fig.layout.title.text == "P"


def test_alignment_heatmap_axes_and_hover():
    inputs = list("4 jul 76")
    outputs = list("1976-07-04")
    alignment = np.random.default_rng(0).dirichlet(np.ones(len(inputs)), size=len(outputs))
    fig = plots.alignment_heatmap(
        inputs, outputs, alignment, labels={"colorbar": "attention weight"}, highlight_row=2
    )
    heat = fig.data[0]
    assert np.asarray(heat.z).shape == (10, 8)
    assert heat.zmin == 0 and heat.zmax == 1
    assert list(fig.layout.xaxis.ticktext) == ["4", "\u2423", "j", "u", "l", "\u2423", "7", "6"]
    assert list(fig.layout.yaxis.ticktext) == outputs
    assert fig.layout.yaxis.autorange == "reversed"  # first output on top
    assert heat.colorbar.title.text == "attention weight"
    assert "%{z:.4f}" in heat.hovertemplate
    assert tuple(heat.customdata[2][1]) == ("\u2423", 2, "7", 3)
    assert len(fig.layout.shapes) == 1 and fig.layout.shapes[0].y0 == 1.5


def test_alignment_heatmap_takes_the_colorscale():
    fig = plots.alignment_heatmap(list("ab"), list("c"), [[0.5, 0.5]], colorscale="cividis")
    assert fig.data[0].colorscale[0][1] in ("#00224e", "rgb(0,34,78)")  # cividis, not Blues


def test_shape_mismatches_name_the_numbers():
    with pytest.raises(ValueError, match="shape \\(1, 2\\) but there are 1 output and 3 input"):
        plots.alignment_heatmap(list("abc"), list("x"), [[0.5, 0.5]])
    with pytest.raises(ValueError, match="3 tokens but 2 weights"):
        plots.weights_bar(["a", "b", "c"], [0.5, 0.5])


def test_presentation_scales_fonts_and_height():
    fig = plots.weights_bar(TOKENS, WEIGHTS)
    size, title, height = fig.layout.font.size, fig.layout.title.font.size, fig.layout.height
    plots.presentation(fig, 1.5)
    assert fig.layout.font.size == round(size * 1.5)
    assert fig.layout.title.font.size == round(title * 1.5)
    assert fig.layout.height == round(height * 1.5)
    assert plots.presentation(fig, 1.0) is fig


def test_token_bars_shade_by_the_weights():
    fig = plots.token_bars(
        ["a", "b", "c"], [2.0, -1.0, 0.5], "Scores", "score", shade_by=[0.1, 0.2, 0.7]
    )
    bar = fig.data[0]
    np.testing.assert_allclose(bar.y, [2.0, -1.0, 0.5])
    assert list(fig.layout.xaxis.ticktext) == ["a", "b", "c"]
    assert bar.marker.color[2] == "rgb(8, 48, 107)"  # the highest weight is darkest


def test_weighted_sum_stacks_contributions_per_dimension():
    weights = np.array([0.2, 0.8])
    values = np.array([[1.0, -1.0], [0.5, 2.0]])
    output = weights @ values
    fig = plots.weighted_sum_figure(["x", "y"], weights, values, output)
    assert fig.layout.barmode == "relative"
    np.testing.assert_allclose(fig.data[1].y, [0.4, 1.6])
    np.testing.assert_allclose(fig.data[-1].y, output)


def test_heads_heatmap_and_feature_bar():
    fig = plots.heads_heatmap(["a", "b"], [[0.3, 0.7], [0.9, 0.1]], colorscale="cividis")
    assert np.asarray(fig.data[0].z).shape == (2, 2) and fig.data[0].zmax == 1
    with pytest.raises(ValueError, match="3 positions but 2 tokens"):
        plots.heads_heatmap(["a", "b"], [[0.2, 0.3, 0.5]])
    bar = plots.feature_attention_bar([0.1, 0.7, 0.2], informative=1)
    assert list(bar.data[0].x) == ["x0", "x1", "x2"]
    assert bar.layout.annotations[0].x == "x1"


def test_model_card_figures():
    history = [
        {"epoch": 1, "accuracy": 0.8, "val_accuracy": 0.85, "loss": 0.4},
        {"epoch": 2, "accuracy": 0.9, "val_accuracy": 0.88, "loss": 0.2},
    ]
    fig = plots.history_lines(
        history,
        ("accuracy", "val_accuracy", "val_exact_match"),
        labels={"names": {"accuracy": "train"}},
    )
    assert [trace.name for trace in fig.data] == ["train", "val_accuracy"]
    matrix = plots.confusion_heatmap([[90, 10], [5, 95]], ["neg", "pos"], ["neg", "pos"])
    assert "90" in matrix.data[0].text[0][0]
    families = plots.family_accuracy_bar(["iso", "compact"], [1.0, 0.95], [10, 20])
    assert list(families.data[0].y) == ["iso", "compact"]
    assert families.data[0].text[1].startswith("95.00%")
