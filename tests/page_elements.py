"""Reading what an AppTest page shows: its Plotly figures, HTML and markdown."""

import base64
import json

import numpy as np


def figures(at):
    """{key: figure dict} of every Plotly chart on the page."""
    return {chart.key: json.loads(chart.proto.spec) for chart in at.get("plotly_chart")}


def values(data):
    """A Plotly array as a numpy array (Plotly 6+ sends numpy data base64-encoded)."""
    if isinstance(data, dict) and "bdata" in data:
        array = np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"])
        if "shape" in data:
            array = array.reshape([int(n) for n in str(data["shape"]).split(",")])
        return array
    return np.asarray(data)


def html_text(at):
    """Every st.html element of the page, joined."""
    return "\n".join(element.value for element in at.html)


def all_markdown(at):
    """Every markdown-rendered string on the page (markdown, captions, alerts)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    for kind in (at.warning, at.info, at.error, at.success):
        parts += [element.value for element in kind]
    return "\n".join(parts)


def chart_title(title, at):
    """Is `title` shown as a chart title on the page? (Drawn above the chart, escaped.)"""
    from attnviz.viz import render

    return 'class="attnviz-chart-title"' in html_text(at) and (
        f">{render.escape(title)}</div>" in html_text(at)
    )
