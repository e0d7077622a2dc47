"""The review box (an example picker over a text area) and the verdict of a review."""

import streamlit as st

from attnviz.viz import render

# Height (px) of the review text area: two or three lines of a one-line review.
REVIEW_BOX_HEIGHT = 110


def review_box(
    t, examples, text_key, example_key, examples_in=None, height=REVIEW_BOX_HEIGHT, max_chars=None
):
    """An example picker that fills the text area, then the text area; returns its text.

    `text_key` is the text area's session key, `example_key` the picker's; the picker
    goes into the container `examples_in` when given (else above the text area). The
    box stops at `max_chars` characters.
    """

    def use_example():
        if st.session_state.get(example_key):
            st.session_state[text_key] = st.session_state[example_key]

    with examples_in if examples_in is not None else st.container():
        st.selectbox(
            t("common.example"),
            examples,
            index=None,
            placeholder=t("common.example.placeholder"),
            key=example_key,
            on_change=use_example,
        )
    return st.text_area(
        t("sentiment.input"),
        height=height,
        key=text_key,
        placeholder=t("sentiment.input.placeholder"),
        max_chars=max_chars,
    )


# Blue for positive, orange for negative: distinguishable with colour-blindness, and the
# word itself carries the meaning.
VERDICT_COLORS = {"positive": ("#dbeafe", "#1e3a8a"), "negative": ("#ffedd5", "#9a3412")}


def verdict_html(t, label, probability):
    """The verdict in large type on its colour ("positive" / "negative"), escaped."""
    background, foreground = VERDICT_COLORS[label]
    name = render.escape(t(f"sentiment.label.{label}"))
    tip = render.escape(t("sentiment.confidence", probability=probability))
    return (
        '<div style="line-height:1.3">'
        f'<div style="font-size:0.95rem;color:#4b5563">{render.escape(t("sentiment.label"))}</div>'
        f'<div class="attnviz-verdict" style="display:inline-block;font-size:2.2rem;'
        f"font-weight:700;padding:0.1rem 0.9rem;border-radius:0.6rem;background:{background};"
        f'color:{foreground}" title="{tip}">{name}</div></div>'
    )
