"""Dates page: how sharp the attention is at each output step (entropy, top-5 share)."""

import json
import math

import numpy as np
import pytest

from attnviz.explain import measures
from attnviz.i18n import t
from attnviz.viz.figure import HIGHLIGHT_COLOR
from tests.conftest import require_model
from tests.page_elements import values

DATES = "app_pages/dates.py"
TEXT = "Sat, the 4th of July '76"


def sharpness_chart(at):
    [chart] = [c for c in at.get("plotly_chart") if c.key == "date_sharpness"]
    return json.loads(chart.proto.spec)


def test_entropy_per_step_matches_the_alignment_rows(app):
    require_model("dates")
    from attnviz import load_date_model

    app.run()
    at = app.switch_page(DATES).run()
    at.text_input(key="date_text").set_value(TEXT)
    at.button(key="date_submit").click().run()
    assert not at.exception, at.exception
    result = load_date_model().convert(TEXT)
    entropies = [measures.entropy_bits(row) for row in result.alignment]
    shares = [measures.top_share(row, 5) for row in result.alignment]
    n = len(result.input_chars)

    chart = sharpness_chart(at)
    bars, line = chart["data"]
    np.testing.assert_allclose(values(bars["y"]), entropies, atol=1e-6)
    np.testing.assert_allclose(values(line["y"]), shares, atol=1e-6)
    assert len(values(bars["y"])) == len(result.output_chars)
    assert chart["layout"]["shapes"][0]["y0"] == pytest.approx(math.log2(n))

    summary = t(
        "dates.sharpness.summary",
        steps=len(entropies),
        mean_bits=float(np.mean(entropies)),
        n=n,
        max_bits=math.log2(n),
        ratio=float(np.mean(entropies)) / math.log2(n),
    )
    assert summary in [m.value for m in at.markdown]

    def step_caption(row):
        return t(
            "dates.sharpness.step",
            bits=entropies[row],
            n=n,
            max_bits=math.log2(n),
            k=5,
            share=shares[row],
        )

    captions = [c.value for c in at.caption]
    assert step_caption(0) in captions
    at.slider(key="date_step").set_value(4).run()
    assert not at.exception, at.exception
    assert step_caption(3) in [c.value for c in at.caption]
    outline = sharpness_chart(at)["data"][0]["marker"]["line"]["color"]
    highlighted = [i for i, color in enumerate(outline) if color == HIGHLIGHT_COLOR]
    assert highlighted == [3]  # the bar of the step being shown
