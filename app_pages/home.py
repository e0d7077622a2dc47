"""Home: what attention is, in three sentences, and a link to each page."""

import streamlit as st

from attnviz.classroom import settings
from attnviz.i18n import translator

t = translator(settings.language(st.session_state))

st.title(t("home.title"))
st.markdown(t("home.what"))

CARDS = [
    ("attention101", "app_pages/attention101.py"),
    ("sentiment", "app_pages/sentiment.py"),
    ("mechanisms", "app_pages/mechanisms.py"),
    ("dates", "app_pages/dates.py"),
    ("softhard", "app_pages/soft_vs_hard.py"),
    ("cards", "app_pages/model_cards.py"),
]
for row in (CARDS[0:2], CARDS[2:4], CARDS[4:6]):
    for column, (name, path) in zip(st.columns(2, gap="small"), row):
        with column, st.container(border=True, height="stretch"):  # a row's cards align
            st.subheader(t(f"home.{name}.title"))
            st.write(t(f"home.{name}.body"))
            st.page_link(path, label=t(f"home.{name}.link"), icon="➡️")
