"""A review shaded by its weights, with its legend and notes (sentiment and mechanisms pages)."""

import streamlit as st

from attnviz.classroom import settings
from attnviz.viz import render

SIGNED_COLORSCALE = render.DIVERGING_COLORSCALE
# The strongest words are ringed and numbered in the text, so they are found in a long review.
TOP_K = 5


def highlight_html(t, explanation, weights, signed=False, text=None, top_k=TOP_K, scale_max=None):
    """The review (`text`, default the explanation's) as escaped HTML shaded by `weights`.

    `scale_max` shades against that common maximum instead of the weights' own.
    """
    return render.highlight_text(
        explanation.text if text is None else text,
        explanation.spans,
        weights,
        oov=explanation.oov,
        truncated=explanation.truncated,
        colorscale=SIGNED_COLORSCALE if signed else settings.colorscale(st.session_state),
        labels={
            "weight": t("sentiment.hover.score" if signed else "sentiment.hover.weight"),
            "oov": t("sentiment.hover.oov"),
            "unread": t("sentiment.hover.unread"),
            "rank": t("sentiment.hover.rank"),
        },
        signed=signed,
        top_k=top_k,
        scale_max=scale_max,
    )


def legend_html(t, signed=False, notes=(), top_k=0):
    """The colour legend of a highlight: low to high, then notes (unknown, unread, top words)."""
    if signed:
        low, high = t("sentiment.legend.signed.low"), t("sentiment.legend.signed.high")
        scale = SIGNED_COLORSCALE
    else:
        low, high = t("sentiment.legend.low"), t("sentiment.legend.high")
        scale = settings.colorscale(st.session_state)
    notes = list(notes)
    if top_k:
        notes.append(("top", t("sentiment.legend.top", k=top_k)))
    return render.legend(scale, low, high, notes=notes)


def show_highlight(t, explanation, weights, max_tokens, signed=False, top_k=TOP_K):
    """The review shaded by `weights`, its legend, and notes on unknown and unread words."""
    st.html(highlight_html(t, explanation, weights, signed, top_k=top_k))
    notes = [("oov", t("sentiment.legend.oov"))] if any(explanation.oov) else []
    if explanation.truncated:
        notes.append(("unread", t("sentiment.legend.unread")))
    st.html(legend_html(t, signed, notes, top_k=min(top_k, len(explanation.spans))))
    unknown = sum(explanation.oov)
    if unknown:
        st.caption(t("sentiment.note.oov", count=unknown))
    if explanation.truncated:
        st.caption(t("sentiment.note.truncated", limit=max_tokens))
