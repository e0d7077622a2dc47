"""The frame of a page: its header and the input | result columns."""

import streamlit as st

from attnviz.classroom import settings

# Widths of the input and result columns. Streamlit stacks columns on a narrow
# screen (a phone), so the result then follows the input.
INPUT_RESULT_WIDTHS = (2, 3)


def header(t, title_key, intro_key=None):
    """The page title, then its introduction (left out in presenter mode: the teacher talks)."""
    st.title(t(title_key), anchor=False)
    if intro_key and not settings.presenter(st.session_state):
        st.markdown(t(intro_key))


def input_and_result():
    """Two columns: the controls on the left, what they produce on the right."""
    return st.columns(INPUT_RESULT_WIDTHS, gap="large")
