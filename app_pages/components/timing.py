"""How long a page run took on the server, kept in the session and shown folded away."""

import time

import streamlit as st

from attnviz.classroom import settings


class PageTimer:
    """Times one page run: from the input to the model's answer to the finished page.

    Start it when the page begins; call `model_loaded()` once the (cached) model is
    there so a first visit's load is reported apart, `model_done()` after the model
    ran, and `finish()` at the end of the page.
    """

    def __init__(self):
        self.started = time.perf_counter()
        self.load_seconds = 0.0
        self.model_finished = None

    def model_loaded(self):
        """The model is loaded: time the rest of the page from here."""
        now = time.perf_counter()
        self.load_seconds = now - self.started
        self.started = now

    def model_done(self):
        self.model_finished = time.perf_counter()

    def finish(self, state_key, t):
        """Store {"total", "model", "draw"} (ms) under `state_key`; show them unless presenting."""
        finished = time.perf_counter()
        model_done = self.model_finished or finished
        timing = {
            "total": 1000 * (finished - self.started),
            "model": 1000 * (model_done - self.started),
            "draw": 1000 * (finished - model_done),
        }
        st.session_state[state_key] = timing
        if not settings.presenter(st.session_state):
            with st.expander(t("common.timing"), icon=":material/timer:"):
                st.markdown(t("common.timing.body", **timing))
        return timing

    def first_visit_note(self, t):
        """A caption when this run also loaded the model (a first visit)."""
        if self.load_seconds > 0.5:
            st.caption(t("common.timing.first", load=self.load_seconds))
