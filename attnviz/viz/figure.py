"""What every figure shares: the house style, the one heatmap builder and presenter scaling.

Figures are built as plain dicts (a Plotly figure spec) and wrapped in `Figure`, which
the app sends to the browser as written (`sendable`): no Plotly property validation
and no `go.Figure` on the way. Validating a spec costs 10-50 ms per figure on the app
server, building a `go.Figure` 3-8 ms, and `st.plotly_chart` deep-copies one again.
Every spec here is written by this package and checked by its tests (a wrong property
fails `test_figures_validate` in tests/test_plots.py, which validates every builder's
output). No `update_layout`, `add_hline` or `make_subplots` on these paths."""

import copy
import re
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
import plotly.io

from attnviz.viz.render import DEFAULT_COLORSCALE

# Streamlit writes every figure with `plotly.io.to_json`. Its "auto" engine picks orjson
# when installed, whose pre-pass over the dict costs 2.6 ms per alignment matrix where
# the standard json module takes 0.9 ms (measured in this package's app server).
plotly.io.json.config.default_engine = "json"

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


class Figure:
    """A figure as this package writes it: a Plotly spec of plain dicts and numpy arrays.

    The app sends `spec` as it is (`sendable`); a `go.Figure` is built only when some
    other code asks for one (`plotly()`, or any `go.Figure` attribute: `fig.layout`,
    `fig.data`, `fig.to_json()` ... are the Plotly figure's). Building one costs 3-8 ms
    of server CPU per figure, and `st.plotly_chart` would deep-copy it again.
    The Plotly figure is a copy: change a figure with `with_layout` or `presentation`
    (new figures), not through `fig.update_layout`, or the app will not show the change.
    """

    def __init__(self, data, layout):
        layout.setdefault("template", TEMPLATE)
        self.spec = {"data": list(data), "layout": layout}
        self._plotly = None

    def plotly(self):
        """The `go.Figure` of this spec (built once, without Plotly's validation).

        `_validate=False` is a private argument of `go.Figure` (pinned in
        tests/test_plots.py: an upgrade that drops it fails there).
        """
        if self._plotly is None:
            self._plotly = go.Figure(copy.deepcopy(self.spec), _validate=False)
        return self._plotly

    def __getattr__(self, name):
        if name.startswith("__") or name in ("spec", "_plotly"):
            raise AttributeError(name)
        return getattr(self.plotly(), name)

    def with_layout(self, **changes):
        """A new figure with the same traces and `changes` applied to the top of the layout."""
        return Figure(self.spec["data"], {**self.spec["layout"], **changes})


def figure(data, layout):
    """A `Figure` from trace dicts and a layout dict (with the small house `TEMPLATE`)."""
    return Figure(data, layout)


class _Sent(go.Figure):
    """What `st.plotly_chart` gets: a `go.Figure` whose `to_dict()` is the spec as written.

    Streamlit turns any figure into a dict with `to_dict()` (Plotly deep-copies the
    whole figure there) and validates a dict it is given directly; a `go.Figure`
    is trusted as already valid. This one is never initialised as a Plotly figure:
    Streamlit only calls `to_dict()` on it (`plotly.tools.return_figure_from_figure_or_data`,
    pinned in tests/test_plots.py). Every spec is still validated by the tests
    (`test_figures_validate`).
    """

    def __init__(self, spec):  # BaseFigure.__init__ deliberately not run (see above)
        self.__dict__["_sent"] = spec

    def to_dict(self):
        return self.__dict__["_sent"]


def sendable(fig):
    """`fig` as `st.plotly_chart` takes it without copying or validating it again."""
    if isinstance(fig, Figure):
        return _Sent(fig.spec)
    return fig


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


def _with_font(part, scale, key="font"):
    """`part` (a dict of the layout) with the size of its `key` font times `scale`, if set."""
    font = part.get(key)
    if not (isinstance(font, dict) and font.get("size")):
        return part
    return {**part, key: {**font, "size": round(font["size"] * scale)}}


def presentation(fig, scale=1.0):
    """A copy of `fig` with every font and its height multiplied by `scale` (presenter mode).

    Works on the spec (no validated Plotly updates): the layout font, the title,
    tick labels of every axis, annotations and the height.
    """
    if scale == 1.0:
        return fig
    layout_ = dict(fig.spec["layout"])
    layout_["font"] = {"size": FONT["size"], **layout_.get("font", {})}
    layout_ = _with_font(layout_, scale)
    if isinstance(layout_.get("title"), dict):
        layout_["title"] = _with_font(layout_["title"], scale)
    if layout_.get("height"):
        layout_["height"] = round(layout_["height"] * scale)
    for name, value in list(layout_.items()):
        if re.fullmatch(r"[xy]axis\d*", name) and isinstance(value, dict):
            layout_[name] = _with_font(value, scale, "tickfont")
    if layout_.get("annotations"):
        layout_["annotations"] = [_with_font(note, scale) for note in layout_["annotations"]]
    return Figure(fig.spec["data"], layout_)


def warm_up():
    """Build and serialize one small figure of each kind (imports Plotly's lazy parts)."""
    from attnviz.viz import alignment, text

    text.weights_bar(["a", "b"], [0.4, 0.6]).to_json()
    text.probability_bar(0.7).to_json()
    alignment.alignment_heatmap(["a"], ["b"], [[1.0]]).to_json()
