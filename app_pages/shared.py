"""Streamlit pieces every page uses: a chart in presenter size, the link and the share box.

Not a page itself (app.py routes only the pages it lists). Page-wide settings
(presenter mode, palette, language) are read from `st.session_state` on each call,
as the pages do.
"""

import streamlit as st

from app_pages import runtime
from attnviz.classroom import settings
from attnviz.i18n import translator
from attnviz.models.paths import ModelFileError
from attnviz.viz import render
from attnviz.viz.figure import presentation, sendable

# Longest review a text box takes (characters; the box itself stops there, and Streamlit
# cuts a longer value on the server). The sentiment models read the first 800 words,
# about 4,500 characters of English, so 10,000 leaves room and keeps a page small.
MAX_REVIEW_CHARS = 10_000


def note_length_limit(text, cap):
    """A caption when `text` reached the box's limit of `cap` characters (it was cut there)."""
    if text and len(text) >= cap:
        t = translator(settings.language(st.session_state))
        st.caption(f":material/content_cut: {t('common.max_chars', cap=cap)}")


# A chart's title is drawn above it as text, which wraps on a narrow column or a large
# font (Plotly cuts a long title off at the figure's edge). Only escaped text goes in.
CHART_TITLE_STYLE = "font-size:1.08rem;font-weight:600;line-height:1.3;margin:0.2rem 0 -0.6rem"
# Top margin (px) of a figure whose title is drawn outside it.
UNTITLED_TOP_MARGIN = 12


def chart(figure, key, filename, toolbar=True, on_select="ignore"):
    """A Plotly chart in presenter size, its toolbar saving `filename`.png/.svg.

    The figure's title is shown above it as wrapping text (the figure keeps it for
    exports). `on_select` (a callback, or "rerun") makes a click on a point select it.
    """
    presenter = settings.presenter(st.session_state)
    selection = {} if on_select == "ignore" else {"selection_mode": "points"}
    figure = presentation(figure, settings.figure_scale(presenter))
    title = figure.spec["layout"].get("title", {}).get("text")
    if title:
        st.html(
            f'<div class="attnviz-chart-title" style="{CHART_TITLE_STYLE}">'
            f"{render.escape(title)}</div>"
        )
        layout = figure.spec["layout"]
        figure = figure.with_layout(
            title={k: v for k, v in layout["title"].items() if k != "text"},
            margin={**layout.get("margin", {}), "t": UNTITLED_TOP_MARGIN},
        )  # a new figure: the caller's keeps its title (lesson packs save it)
    st.plotly_chart(
        sendable(figure),
        key=key,
        theme=None,
        on_select=on_select,
        config=settings.plotly_config(st.session_state, filename, toolbar and not presenter),
        **selection,
    )


def show_share(wanted, owned, url_path, width="content"):
    """A "Copy link" popover with the URL that reopens this view, settings included."""
    t = translator(settings.language(st.session_state))
    with st.popover(t("common.share"), icon=":material/link:", width=width):
        params = {
            **wanted,
            **{k: v for k, v in st.query_params.to_dict().items() if k not in owned},
        }
        st.code(
            settings.share_url(st.context.url, url_path, params), language=None, wrap_lines=True
        )
        st.caption(t("common.share.help", cap=settings.MAX_LINK_TEXT))


@st.cache_resource(show_spinner=False)
def sentiment_variant(variant):
    """A shipped sentiment model, loaded once per process for every page that shows it.

    Comes from the runtime's model registry (`runtime.MODELS`): usually the background
    preloader has loaded and compiled it already; otherwise it loads now (compiled for
    the lengths `runtime._load_sentiment` warms up; longer ones compile on first use).
    One entry per variant: a missing or broken model does not take the others down, and
    an exception is not cached, so a newly trained file is picked up on the next run.
    """
    from attnviz.models.paths import report_model_error

    try:
        return runtime.MODELS.get(runtime.sentiment_name(variant))
    except ModelFileError as exc:
        report_model_error(exc)  # logged once; the page shows it on every run
        raise
