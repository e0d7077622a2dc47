"""Plotly figure builders: shapes, labels passed in, colour scale passed in."""

import json

import numpy as np
import pytest

from attnviz.viz.alignment import alignment_heatmap
from attnviz.viz.cards import confusion_heatmap, family_accuracy_bar, history_lines
from attnviz.viz.figure import presentation, sendable
from attnviz.viz.text import probability_bar, top_words_bar, weights_bar
from attnviz.viz.toy import feature_attention_bar, heads_heatmap, token_bars, weighted_sum_figure

TOKENS = ["the", "plot", "was", "thin", "but", "loved", "it"]
WEIGHTS = np.array([0.05, 0.1, 0.05, 0.2, 0.1, 0.4, 0.1])


def test_weights_bar_in_reading_order_with_labels():
    fig = weights_bar(TOKENS, WEIGHTS, labels={"title": "T", "y": "Y"})
    bar = fig.data[0]
    np.testing.assert_allclose(bar.y, WEIGHTS)
    assert list(bar.x) == list(range(1, 8))
    assert list(fig.layout.xaxis.ticktext) == TOKENS
    assert fig.layout.title.text == "T" and fig.layout.yaxis.title.text == "Y"
    assert bar.marker.color[5] == "rgb(8, 48, 107)"  # the top word gets the darkest shade


def test_weights_bar_hides_word_ticks_for_long_texts():
    tokens = [f"w{i}" for i in range(200)]
    fig = weights_bar(tokens, np.full(200, 1 / 200), labels={"x": "position"})
    assert fig.layout.xaxis.ticktext is None
    assert fig.layout.xaxis.title.text == "position"


def test_top_words_bar_sorted_highest_first():
    fig = top_words_bar(TOKENS, WEIGHTS, k=3, colorscale="cividis")
    bar = fig.data[0]
    assert list(bar.y) == ["loved #6", "thin #4", "plot #2"]
    np.testing.assert_allclose(bar.x, [0.4, 0.2, 0.1])
    assert fig.layout.yaxis.autorange == "reversed"


def test_probability_bar_marks_the_threshold():
    fig = probability_bar(0.8, labels={"title": "P"})
    assert fig.data[0].value == 0.8
    assert fig.data[0].gauge.threshold.value == 0.5
    assert fig.layout.title.text == "P = 0.800"  # the value is written in the title


def test_alignment_heatmap_axes_and_hover():
    inputs = list("4 jul 76")
    outputs = list("1976-07-04")
    alignment = np.random.default_rng(0).dirichlet(np.ones(len(inputs)), size=len(outputs))
    fig = alignment_heatmap(
        inputs, outputs, alignment, labels={"colorbar": "attention weight"}, highlight_row=2
    )
    heat = fig.data[0]
    assert np.asarray(heat.z).shape == (10, 8)
    assert heat.zmin == 0 and heat.zmax == 1
    assert list(fig.layout.xaxis.ticktext) == ["4", "\u2423", "j", "u", "l", "\u2423", "7", "6"]
    assert list(fig.layout.yaxis.ticktext) == outputs
    assert fig.layout.yaxis.autorange == "reversed"  # first output on top
    assert heat.colorbar.title.text == "attention weight"
    assert "%{z:.3r}" in heat.hovertemplate  # 3 significant digits
    assert tuple(heat.customdata[2][1]) == ("\u2423", 2, "7", 3)
    assert len(fig.layout.shapes) == 1 and fig.layout.shapes[0].y0 == 1.5


def test_alignment_heatmap_takes_the_colorscale():
    fig = alignment_heatmap(list("ab"), list("c"), [[0.5, 0.5]], colorscale="cividis")
    assert fig.data[0].colorscale[0][1] in ("#00224e", "rgb(0,34,78)")  # cividis, not Blues


def test_shape_mismatches_name_the_numbers():
    with pytest.raises(ValueError, match="shape \\(1, 2\\) but there are 1 output and 3 input"):
        alignment_heatmap(list("abc"), list("x"), [[0.5, 0.5]])
    with pytest.raises(ValueError, match="3 tokens but 2 weights"):
        weights_bar(["a", "b", "c"], [0.5, 0.5])


def test_presentation_scales_fonts_and_height():
    fig = weights_bar(TOKENS, WEIGHTS)
    size, title, height = fig.layout.font.size, fig.layout.title.font.size, fig.layout.height
    big = presentation(fig, 1.5)
    assert big.layout.font.size == round(size * 1.5)
    assert big.layout.title.font.size == round(title * 1.5)
    assert big.layout.height == round(height * 1.5)
    assert fig.layout.font.size == size  # a copy: the original keeps its sizes
    assert presentation(fig, 1.0) is fig


def test_token_bars_shade_by_the_weights():
    fig = token_bars(["a", "b", "c"], [2.0, -1.0, 0.5], "Scores", "score", shade_by=[0.1, 0.2, 0.7])
    bar = fig.data[0]
    np.testing.assert_allclose(bar.y, [2.0, -1.0, 0.5])
    assert list(fig.layout.xaxis.ticktext) == ["a", "b", "c"]
    assert bar.marker.color[2] == "rgb(8, 48, 107)"  # the highest weight is darkest


def test_weighted_sum_stacks_contributions_per_dimension():
    weights = np.array([0.2, 0.8])
    values = np.array([[1.0, -1.0], [0.5, 2.0]])
    output = weights @ values
    fig = weighted_sum_figure(["x", "y"], weights, values, output)
    assert fig.layout.barmode == "relative"
    np.testing.assert_allclose(fig.data[1].y, [0.4, 1.6])
    np.testing.assert_allclose(fig.data[-1].y, output)


def test_heads_heatmap_and_feature_bar():
    fig = heads_heatmap(["a", "b"], [[0.3, 0.7], [0.9, 0.1]], colorscale="cividis")
    assert np.asarray(fig.data[0].z).shape == (2, 2) and fig.data[0].zmax == 1
    with pytest.raises(ValueError, match="3 positions but 2 tokens"):
        heads_heatmap(["a", "b"], [[0.2, 0.3, 0.5]])
    bar = feature_attention_bar([0.1, 0.7, 0.2], informative=1)
    assert list(bar.data[0].x) == ["x0", "x1", "x2"]
    assert bar.layout.annotations[0].x == "x1"


def test_model_card_figures():
    history = [
        {"epoch": 1, "accuracy": 0.8, "val_accuracy": 0.85, "loss": 0.4},
        {"epoch": 2, "accuracy": 0.9, "val_accuracy": 0.88, "loss": 0.2},
    ]
    fig = history_lines(
        history,
        ("accuracy", "val_accuracy", "val_exact_match"),
        labels={"names": {"accuracy": "train"}},
    )
    assert [trace.name for trace in fig.data] == ["train", "val_accuracy"]
    matrix = confusion_heatmap([[90, 10], [5, 95]], ["neg", "pos"], ["neg", "pos"])
    assert "90" in matrix.data[0].text[0][0]
    families = family_accuracy_bar(["iso", "compact"], [1.0, 0.95], [10, 20])
    assert list(families.data[0].y) == ["iso", "compact"]
    assert families.data[0].text[1].startswith("95.00%")


def every_figure():
    """One figure from every builder of attnviz.viz, on small real inputs."""
    from attnviz.viz.alignment import step_sharpness_figure
    from attnviz.viz.mechanisms import self_attention_heatmap, unit_attention_heatmap

    rng = np.random.default_rng(0)
    heads = rng.dirichlet(np.ones(3), size=(2, 3))
    return {
        "weights_bar": weights_bar(TOKENS, WEIGHTS),
        "weights_bar_signed": weights_bar(TOKENS, WEIGHTS - 0.2, signed=True),
        "weights_bar_long": weights_bar([f"w{i}" for i in range(80)], np.full(80, 1 / 80)),
        "top_words_bar": top_words_bar(TOKENS, WEIGHTS, signed=True),
        "probability_bar": probability_bar(0.8),
        "alignment_heatmap": alignment_heatmap(
            list("ab"), list("c"), [[0.5, 0.5]], highlight_row=0
        ),
        "step_sharpness": step_sharpness_figure(
            list("ab"), [1.0, 0.5], [0.9, 1.0], 4, highlight_step=1
        ),
        "token_bars": token_bars(["a", "b"], [1.0, -1.0], "T", "Y"),
        "weighted_sum": weighted_sum_figure(["a", "b"], [0.4, 0.6], [[1, 2], [3, 4]], [2.2, 3.2]),
        "heads_heatmap": heads_heatmap(["a", "b"], [[0.5, 0.5], [0.9, 0.1]]),
        "feature_attention": feature_attention_bar([0.2, 0.7, 0.1], 1),
        "history_lines": history_lines([{"epoch": 1, "loss": 0.5}], ["loss"]),
        "confusion": confusion_heatmap([[90, 10], [5, 95]], ["neg", "pos"], ["neg", "pos"]),
        "families": family_accuracy_bar(["iso"], [0.9], [10]),
        "unit_attention": unit_attention_heatmap(TOKENS, rng.dirichlet(np.ones(7), size=4).T),
        "self_attention": self_attention_heatmap(["a", "b", "c"], heads, head=1),
    }


@pytest.mark.parametrize("name", sorted(every_figure()))
def test_figures_validate(name):
    """The builders skip Plotly's validation (speed): every spec must still be valid.

    Rebuilding from the spec with validation on raises on any unknown property or bad
    value; the rebuilt figure serializes to the same JSON.
    """
    import plotly.graph_objects as go

    fig = every_figure()[name]
    validated = go.Figure(fig.to_dict())
    assert json.loads(validated.to_json()) == json.loads(fig.to_json())


def plain(value):
    """A figure's JSON with Plotly's base64 arrays ("bdata") turned into plain lists."""
    from tests.page_elements import values

    if isinstance(value, dict):
        if "bdata" in value:
            return plain(values(value).tolist())
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def streamlit_json(fig):
    """The JSON `st.plotly_chart` sends for `fig` (its own two steps, as in Streamlit 1.67)."""
    import plotly

    sent = plotly.tools.return_figure_from_figure_or_data(sendable(fig), validate_figure=True)
    return json.loads(plotly.io.to_json(sent, validate=False))


@pytest.mark.parametrize("name", sorted(every_figure()))
def test_sent_spec_is_the_plotly_figure(name):
    """What the app sends (the spec as written) is what the Plotly figure would send."""
    fig = every_figure()[name]
    assert plain(streamlit_json(fig)) == plain(json.loads(fig.plotly().to_json()))


def test_sent_figure_switch_is_pinned():
    """`sendable` relies on Streamlit calling only `to_dict()` on a `go.Figure` and on
    Plotly trusting a figure's dict unvalidated (`return_figure_from_figure_or_data`).

    Private behaviour of Streamlit and Plotly: if an upgrade changes it, this page run
    fails or shows another spec - then send `fig.plotly()` in app_pages/shared.py.
    """
    from streamlit.testing.v1 import AppTest

    def page():
        import streamlit as st

        from attnviz.viz.figure import figure, sendable

        spec = figure([{"type": "bar", "y": [3, 1]}], {"height": 123, "notaproperty": 1})
        st.plotly_chart(sendable(spec), theme=None, key="pinned")

    at = AppTest.from_function(page).run()
    assert not at.exception
    [chart] = at.get("plotly_chart")
    sent = json.loads(chart.proto.spec)
    assert sent["layout"]["notaproperty"] == 1  # sent as written, not validated
    assert sent["layout"]["height"] == 123 and sent["data"][0]["y"] == [3, 1]


def test_figures_are_written_with_the_json_engine():
    import plotly.io

    import attnviz.viz.figure  # noqa: F401  (sets the engine on import)

    assert plotly.io.json.config.default_engine == "json"


def test_presentation_scales_ticks_and_notes_of_a_copy():
    from attnviz.viz.toy import feature_attention_bar

    fig = alignment_heatmap(list("ab"), list("c"), [[0.5, 0.5]])
    big = presentation(fig, 2.0)
    assert big.spec["layout"]["xaxis"]["tickfont"]["size"] == 34
    assert fig.spec["layout"]["xaxis"]["tickfont"]["size"] == 17
    assert big.spec["data"][0] is fig.spec["data"][0]  # traces are shared, not copied
    bar = feature_attention_bar([0.2, 0.7, 0.1], 1)
    [big_note] = presentation(bar, 2.0).spec["layout"]["annotations"]
    assert big_note["font"]["size"] == 30
    assert bar.spec["layout"]["annotations"][0]["font"]["size"] == 15


def test_unvalidated_figure_switch_is_pinned():
    """`go.Figure(spec, _validate=False)` is private Plotly API (attnviz.viz.figure.figure).

    Pinned for the Plotly in requirements.txt: validation on rejects a bad property,
    `_validate=False` keeps it as given. If an upgrade removes or renames the switch this
    fails (TypeError) - then drop the argument in attnviz/viz/figure.py or find its new name.
    """
    import plotly.graph_objects as go

    def spec():
        return {"data": [{"type": "bar", "y": [1]}], "layout": {"notaproperty": 1}}

    with pytest.raises(ValueError):
        go.Figure(spec())
    fig = go.Figure(spec(), _validate=False)
    assert fig.to_dict()["layout"]["notaproperty"] == 1
    assert isinstance(fig.data[0], go.Bar)
