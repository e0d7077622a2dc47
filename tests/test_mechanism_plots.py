"""Figure builders of the Mechanisms page and of the dates sharpness view."""

import math

import numpy as np
import plotly.colors
import pytest

from attnviz.explain import measures
from attnviz.viz.alignment import step_sharpness_figure
from attnviz.viz.figure import HIGHLIGHT_COLOR
from attnviz.viz.mechanisms import self_attention_heatmap, unit_attention_heatmap

TOKENS = ["the", "plot", "was", "thin", "but", "loved", "it"]
RNG = np.random.default_rng(7)
# (time, units): each unit's column is a softmax over the 7 tokens.
PER_UNIT = RNG.dirichlet(np.ones(len(TOKENS)), size=5).T
# (heads, query, key): each row is a softmax over the keys.
HEADS = RNG.dirichlet(np.ones(len(TOKENS)), size=(4, len(TOKENS)))


def test_unit_heatmap_puts_tokens_on_x_and_units_on_y():
    fig = unit_attention_heatmap(
        TOKENS, PER_UNIT, labels={"title": "T", "y": "unit"}, colorscale="cividis"
    )
    heat = fig.data[0]
    z = np.asarray(heat.z)
    assert z.shape == (5, 7)  # (units, tokens)
    np.testing.assert_allclose(z, PER_UNIT.T)
    np.testing.assert_allclose(z.sum(axis=1), 1.0)  # each unit's row is a distribution
    assert list(heat.x) == list(range(1, 8)) and list(heat.y) == list(range(1, 6))
    assert list(fig.layout.xaxis.ticktext) == TOKENS
    assert heat.colorbar.title.text == "attention weight (softmax over time, per unit)"
    assert heat.zmin == 0 and heat.zmax == pytest.approx(PER_UNIT.max())
    cividis = [color for _, color in plotly.colors.get_colorscale("cividis")]
    assert [color for _, color in heat.colorscale] == cividis  # the scale passed in
    # Hover shows the word of each cell and the exact weight.
    assert heat.customdata[2][3] == "thin"
    assert "%{z:.3r}" in heat.hovertemplate and "%{customdata}" in heat.hovertemplate
    assert fig.layout.title.text == "T" and fig.layout.yaxis.title.text == "unit"


def test_unit_heatmap_rejects_a_wrong_shape():
    with pytest.raises(ValueError, match="7 tokens"):
        unit_attention_heatmap(TOKENS, PER_UNIT.T)


@pytest.mark.parametrize("head", [0, 1, 2, 3])
def test_self_attention_heatmap_shows_one_head(head):
    fig = self_attention_heatmap(TOKENS, HEADS, head=head, labels={"x": "K", "y": "Q"})
    heat = fig.data[0]
    np.testing.assert_allclose(np.asarray(heat.z), HEADS[head])
    assert fig.layout.xaxis.title.text == "K" and fig.layout.yaxis.title.text == "Q"
    assert fig.layout.yaxis.autorange == "reversed"  # first query word on top
    assert list(fig.layout.xaxis.ticktext) == TOKENS == list(fig.layout.yaxis.ticktext)
    # Query (row) 2 "was", key (column) 6 "loved": hover names both with positions.
    assert tuple(heat.customdata[2][5]) == ("was", 3, "loved", 6)
    assert "%{z:.3r}" in heat.hovertemplate


def test_self_attention_average_is_the_mean_of_the_heads():
    average = np.asarray(self_attention_heatmap(TOKENS, HEADS).data[0].z)
    heads = [np.asarray(self_attention_heatmap(TOKENS, HEADS, head=h).data[0].z) for h in range(4)]
    np.testing.assert_allclose(average, np.mean(heads, axis=0))
    np.testing.assert_allclose(average.sum(axis=1), 1.0)
    # Every view shares one colour scale, so heads and their mean compare by colour.
    for head in (None, 0, 3):
        heat = self_attention_heatmap(TOKENS, HEADS, head=head).data[0]
        assert heat.zmin == 0 and heat.zmax == pytest.approx(HEADS.max())


def test_self_attention_rejects_a_missing_head_and_a_wrong_shape():
    with pytest.raises(ValueError, match="4 heads"):
        self_attention_heatmap(TOKENS, HEADS, head=4)
    with pytest.raises(ValueError, match="6 tokens"):
        self_attention_heatmap(TOKENS[:6], HEADS)


def test_self_attention_long_text_drops_word_ticks():
    tokens = [f"w{i}" for i in range(70)]
    heads = np.full((2, 70, 70), 1 / 70)
    fig = self_attention_heatmap(tokens, heads, labels={"x": "key position"})
    assert fig.layout.xaxis.ticktext is None
    assert fig.layout.xaxis.title.text == "key position"


def test_step_sharpness_figure_values_and_hover():
    alignment = RNG.dirichlet(np.ones(12) * 0.3, size=10)
    output = list("1976-07-04")
    entropies = [measures.entropy_bits(row) for row in alignment]
    shares = [measures.top_share(row, 5) for row in alignment]
    fig = step_sharpness_figure(output, entropies, shares, 12, highlight_step=3)
    bars, line = fig.data
    np.testing.assert_allclose(bars.y, entropies)
    np.testing.assert_allclose(line.y, shares)
    assert line.yaxis == "y2" and fig.layout.yaxis2.tickformat == ".0%"
    assert list(fig.layout.xaxis2.ticktext) == output  # under the lower panel
    assert line.xaxis == "x2" and fig.layout.xaxis.matches == "x2"  # one shared step axis
    assert "%{y:.3f}" in bars.hovertemplate and "%{y:.1%}" in line.hovertemplate
    assert bars.customdata[4][0] == "-"
    assert bars.marker.line.color[3] == HIGHLIGHT_COLOR  # the step being shown
    assert bars.marker.line.color[2] != HIGHLIGHT_COLOR
    assert line.marker.color[3] == HIGHLIGHT_COLOR
    [maximum] = fig.layout.shapes
    assert maximum.y0 == pytest.approx(math.log2(12))
    assert "log2(12) = 3.58" in fig.layout.annotations[0].text
    assert fig.layout.yaxis.range[1] >= math.log2(12)


def test_step_sharpness_checks_lengths():
    with pytest.raises(ValueError, match="3 tokens but 2 weights"):
        step_sharpness_figure(list("abc"), [1.0, 2.0], [0.5, 0.5, 0.5], 4)
