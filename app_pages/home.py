"""Home: what attention is, in three sentences, and a link to each page."""

import streamlit as st

from attnviz.i18n import t

st.title(t("home.title"))
st.markdown(t("home.what"))

left, right = st.columns(2, gap="large")
with left, st.container(border=True):
    st.subheader(t("home.sentiment.title"))
    st.write(t("home.sentiment.body"))
    st.page_link("app_pages/sentiment.py", label=t("home.sentiment.link"), icon="➡️")
with right, st.container(border=True):
    st.subheader(t("home.dates.title"))
    st.write(t("home.dates.body"))
    st.page_link("app_pages/dates.py", label=t("home.dates.link"), icon="➡️")
