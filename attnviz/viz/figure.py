"""What every figure shares: the house style, the one heatmap builder and presenter scaling.

Figures are built as plain dicts (a Plotly figure spec) and wrapped once with
`figure(spec)`, which skips Plotly's property validation: validating a spec costs
10-50 ms per figure on the app server, and every spec here is written by this package
and checked by its tests (a wrong property fails `test_figures_validate` in
tests/test_plots.py, which validates every builder's output). No `update_layout`,
`add_hline` or `make_subplots` on these paths: each of them validates again.
"""

from functools import lru_cache

import numpy as np
import plotly.graph_objects as go

from attnviz.viz.render import DEFAULT_COLORSCALE

# CJK fonts after the Latin ones: Chinese labels render in the page and in PNG/SVG exports.
CJK_FONTS = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, SimHei"
FONT = {
    "size": 16,
    "family": f"Source Sans Pro, Arial, {CJK_FONTS}, sans-serif",
    "color": "#111827",
}
HOVER_FONT = {"size": 15}
MONO_FONT = f"DejaVu Sans Mono, Noto Sans Mono CJK SC, {CJK_FONTS}, monospace"
# Tick labels are written under each bar only up to this many bars.
MAX_TICK_LABELS = 60
HIGHLIGHT_COLOR = "#f59e0b"
AXIS = {
    "automargin": True,
    "gridcolor": "#e5e7eb",
    "zeroline": False,
    "color": "#111827",
    "linecolor": "#9ca3af",
}


# The parts of Plotly's default "plotly" template these figures rely on (everything else
# they set themselves). The full template is ~6 KB of JSON copied and sent with every
# figure, about 2.5 ms of server CPU per figure; this one is a tenth of that.
_AXIS_DEFAULTS = {"ticks": "", "title": {"standoff": 15}, "zerolinewidth": 2}
TEMPLATE = {
    "layout": {
        "autotypenumbers": "strict",
        "colorway": ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3"],
        "hoverlabel": {"align": "left"},
        "hovermode": "closest",
        "xaxis": _AXIS_DEFAULTS,
        "yaxis": _AXIS_DEFAULTS,
    },
    "data": {"heatmap": [{"type": "heatmap", "colorbar": {"outlinewidth": 0, "ticks": ""}}]},
}


def figure(data, layout):
    """`go.Figure` from trace dicts and a layout dict, without Plotly's validation.

    `_validate=False` is a private argument of `go.Figure` (pinned in
    tests/test_plots.py: an upgrade that drops it fails there). The figure carries the
    small house `TEMPLATE` instead of Plotly's default one.
    """
    layout.setdefault("template", TEMPLATE)
    return go.Figure({"data": list(data), "layout": layout}, _validate=False)


def layout(title, height, xaxis=None, yaxis=None, **extra):
    """The house layout (white, large font, title top left) with axes in the house style."""
    spec = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 19}},
        "font": dict(FONT),
        "hoverlabel": {"font": dict(HOVER_FONT)},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 55, "b": 10},
        "xaxis": axis(**(xaxis or {})),
        "yaxis": axis(**(yaxis or {})),
    }
    spec.update(extra)
    return spec


def axis(**settings):
    """An axis in the house style; `title` may be given as a plain string."""
    spec = dict(AXIS)
    title = settings.pop("title", None)
    if isinstance(title, str):
        title = {"text": title}
    if title is not None:
        spec["title"] = title
    spec.update(settings)
    return spec


def check_same_length(tokens, weights):
    if len(tokens) != len(weights):
        raise ValueError(f"{len(tokens)} tokens but {len(weights)} weights")


def merge(defaults, labels):
    merged = dict(defaults)
    merged.update(labels or {})
    return merged


def colorbar(title, font_size=None, thickness=18):
    """A colorbar whose title says what the colour means, on its right."""
    title_spec = {"text": title, "side": "right"}
    if font_size:
        title_spec["font"] = {"size": font_size}
    return {"title": title_spec, "thickness": thickness}


@lru_cache(maxsize=32)
def _named_colorscale(name):
    from plotly.colors import get_colorscale

    return tuple(tuple(step) for step in get_colorscale(name))


def colorscale_spec(colorscale):
    """A colour scale as `[[position, colour], ...]` (a name like "Blues" is looked up).

    Without validation Plotly would pass a name through as it is; the browser knows
    only some names, and only in their own spelling.
    """
    if isinstance(colorscale, str):
        return [list(step) for step in _named_colorscale(colorscale)]
    return [list(step) for step in colorscale]


def heatmap(
    z,
    x,
    y,
    colorscale=DEFAULT_COLORSCALE,
    zmax=None,
    hovertemplate=None,
    customdata=None,
    colorbar_title="",
    colorbar_font_size=None,
    colorbar_thickness=18,
    gap=None,
    text=None,
    text_size=None,
):
    """The one heatmap trace: `z` `(rows, columns)` from 0 to `zmax` on `colorscale`.

    Args:
        z: the values, row i drawn at `y[i]`, column j at `x[j]`.
        x, y: the axis values (positions or category names).
        zmax: the top of the colour scale (None: Plotly picks from the data; a
            value <= 0 falls back to 1 so an all-zero map still draws).
        customdata: per-cell data for `hovertemplate`.
        colorbar_title: what the colour is ("attention weight").
        gap: pixels between cells (None: none).
        text: per-cell text written in the cells (and `text_size`).
    """
    trace = {
        "type": "heatmap",
        "z": np.asarray(z, dtype=np.float64),
        "x": x,
        "y": y,
        "colorscale": colorscale_spec(colorscale),
        "colorbar": colorbar(colorbar_title, colorbar_font_size, colorbar_thickness),
    }
    if zmax is not None:
        trace["zmin"] = 0
        trace["zmax"] = zmax if zmax > 0 else 1.0
    if gap:
        trace["xgap"] = trace["ygap"] = gap
    if customdata is not None:
        trace["customdata"] = customdata
    if hovertemplate is not None:
        trace["hovertemplate"] = hovertemplate
    if text is not None:
        trace["text"] = text
        trace["texttemplate"] = "%{text}"
        if text_size:
            trace["textfont"] = {"size": text_size}
    return trace


def token_ticks(tokens, title):
    """x-axis settings: word positions 1..n, the words themselves as ticks when few."""
    if len(tokens) <= MAX_TICK_LABELS:
        return {
            "tickmode": "array",
            "tickvals": np.arange(1, len(tokens) + 1),
            "ticktext": list(tokens),
            "tickangle": -45,
            "tickfont": {"size": 16 if len(tokens) <= 30 else 12},
            "title": None,
            "showgrid": False,
        }
    return {"title": title, "showgrid": False}


# ----------------------------------------------------------- presenter mode


def presentation(fig, scale=1.0):
    """`fig` with every font and its height multiplied by `scale`, in place (presenter mode).

    Only the presenter's screen uses it (one session), so it edits the figure object
    (validated, a few ms) rather than rebuilding the spec.
    """
    if scale == 1.0:
        return fig
    layout_ = fig.layout
    base = (layout_.font.size or FONT["size"]) * scale
    fig.update_layout(font={"size": round(base)})
    if layout_.title.font.size:
        fig.update_layout(title_font_size=round(layout_.title.font.size * scale))
    if layout_.height:
        fig.update_layout(height=round(layout_.height * scale))
    for axis_ in list(fig.select_xaxes()) + list(fig.select_yaxes()):
        if axis_.tickfont.size:
            axis_.tickfont.size = round(axis_.tickfont.size * scale)
    for annotation in layout_.annotations or ():
        if annotation.font.size:
            annotation.font.size = round(annotation.font.size * scale)
    return fig


def warm_up():
    """Build and serialize one small figure of each kind (imports Plotly's lazy parts)."""
    from attnviz.viz import alignment, text

    text.weights_bar(["a", "b"], [0.4, 0.6]).to_json()
    text.probability_bar(0.7).to_json()
    alignment.alignment_heatmap(["a"], ["b"], [[1.0]]).to_json()
