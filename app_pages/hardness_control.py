"""Attention 101's soft-to-hard control: one slider from a high temperature to the
argmax, a "Sample" button, and the weights it gives on the page's tiny example.

Not a page (app.py does not route it): `attention101.py` calls `show_hardness`.
"""

import numpy as np
import streamlit as st

from app_pages.shared import chart
from attnviz.classroom import hardness, settings
from attnviz.i18n import translator
from attnviz.viz import render
from attnviz.viz.toy import token_bars

STOP_KEY = "a101_hard_stop"
DRAWS_KEY = "a101_hard_draws"


def clear_draws():
    st.session_state[DRAWS_KEY] = []


def draw(weights, seed):
    draws = st.session_state.setdefault(DRAWS_KEY, [])
    draws.append(hardness.sample_position(weights, seed, len(draws)))


def show_hardness(tokens, scores, seed=0):
    """The control and its bar chart for `tokens` with attention `scores` `(n,)`."""
    t = translator(settings.language(st.session_state))
    colorscale = settings.colorscale(st.session_state)
    stops = hardness.TEMPERATURE_STOPS

    def stop_name(temperature):
        if temperature == 0:
            return t("a101.hardness.argmax")
        return t("a101.hardness.stop", temperature=f"{temperature:g}")

    with st.container(border=True):
        st.markdown(f"#### {t('a101.hardness')}")
        slider, button = st.columns([4, 1], vertical_alignment="bottom")
        with slider:
            temperature = st.select_slider(
                t("a101.hardness"),
                stops,
                value=st.session_state.get(STOP_KEY, 1.0),
                format_func=stop_name,
                key=STOP_KEY,
                on_change=clear_draws,
                help=t("a101.hardness.help"),
                label_visibility="collapsed",
            )
        weights = hardness.tempered_weights(scores, temperature)
        # Draws are tied to the example: a new one (tokens or scores) starts a new tally.
        signature = (tuple(tokens), tuple(np.round(weights, 6)))
        if st.session_state.get("a101_hard_signature") != signature:
            st.session_state["a101_hard_signature"] = signature
            clear_draws()
        with button:
            st.button(
                t("a101.hardness.sample"),
                key="a101_hard_sample",
                icon=":material/casino:",
                on_click=draw,
                args=(weights, seed),
                width="stretch",
            )
        draws = st.session_state.get(DRAWS_KEY, [])
        top = int(np.argmax(weights))
        if draws:
            shown = hardness.one_hot(draws[-1], len(tokens))
            counts = np.bincount(draws, minlength=len(tokens))
            tally = ", ".join(
                f"{render.escape_markdown(tok)} × {c}" for tok, c in zip(tokens, counts) if c
            )
            text = t(
                "a101.hardness.sampled",
                draw=len(draws),
                token=render.escape_markdown(tokens[draws[-1]]),
                weight=float(weights[draws[-1]]),
                counts=tally,
            )
        elif temperature == 0:
            shown = weights
            text = t("a101.hardness.hard", token=render.escape_markdown(tokens[top]))
        else:
            shown = weights
            text = t(
                "a101.hardness.soft",
                temperature=f"{temperature:g}",
                token=render.escape_markdown(tokens[top]),
                weight=float(weights[top]),
            )
        st.markdown(text)
        chart(
            token_bars(
                tokens,
                shown,
                t("a101.hardness.chart"),
                t("a101.chart.weights.y"),
                colorscale,
                shade_by=weights,
                height=240,
            ),
            "a101_hardness",
            "attnviz-attention101-soft-to-hard",
        )
