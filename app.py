"""attnviz web app: routes to the pages in app_pages/.

Run with `streamlit run app.py`. Pages load their models once per process
(`st.cache_resource`), so only the first visit waits.
"""

import streamlit as st

from attnviz.i18n import t

st.set_page_config(page_title=t("app.title"), page_icon="🔦", layout="wide")

pages = [
    st.Page("app_pages/home.py", title=t("nav.home"), icon=":material/home:", default=True),
    st.Page(
        "app_pages/sentiment.py",
        title=t("nav.sentiment"),
        icon=":material/rate_review:",
        url_path="sentiment",
    ),
    st.Page(
        "app_pages/dates.py",
        title=t("nav.dates"),
        icon=":material/calendar_month:",
        url_path="dates",
    ),
]
page = st.navigation(pages)
with st.sidebar:
    st.caption(t("app.sidebar"))
page.run()
