"""attnviz web app: routes to the pages in app_pages/ and draws the shared sidebar.

Run with `streamlit run app.py`. Pages load their models once per process
(`st.cache_resource`), so only the first visit waits.

The sidebar's classroom settings (language, presenter mode, palette, figure download
format) live in `st.session_state` under the keys of `attnviz.classroom.settings`; every page
reads them from there. They are also kept in the URL, so a shared link opens with them.
"""

import streamlit as st

from app_pages import runtime
from attnviz.classroom import settings
from attnviz.i18n import translator

# Settings a shared link may carry: (session key, allowed values, default).
LINK_SETTINGS = (
    (settings.LANGUAGE_KEY, tuple(settings.LANGUAGES), settings.DEFAULT_LANGUAGE),
    (settings.PALETTE_KEY, tuple(settings.PALETTES), settings.DEFAULT_PALETTE),
)


def restore_settings_from_link():
    """On a session's first run, take the settings the URL carries."""
    if st.session_state.get("_settings_restored"):
        return
    st.session_state["_settings_restored"] = True
    for key, allowed, _ in LINK_SETTINGS:
        value = st.query_params.get(key)
        if key not in st.session_state and value in allowed:
            st.session_state[key] = value
    if settings.PRESENTER_KEY not in st.session_state and st.query_params.get("presenter") == "1":
        st.session_state[settings.PRESENTER_KEY] = True


def write_settings_to_link():
    """Keep the URL in step with the settings (defaults are left out to keep it short)."""
    for key, _, default in LINK_SETTINGS:
        value = st.session_state.get(key, default)
        if value != default:
            if st.query_params.get(key) != value:
                st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]
    if settings.presenter(st.session_state):
        if st.query_params.get("presenter") != "1":
            st.query_params["presenter"] = "1"
    elif "presenter" in st.query_params:
        del st.query_params["presenter"]


restore_settings_from_link()
t = translator(settings.language(st.session_state))
runtime.set_up()  # process-wide policies, once per run (idempotent)
st.set_page_config(page_title=t("app.title"), page_icon="🔦", layout="wide")

pages = [
    st.Page("app_pages/home.py", title=t("nav.home"), icon=":material/home:", default=True),
    st.Page(
        "app_pages/attention101.py",
        title=t("nav.attention101"),
        icon=":material/school:",
        url_path="attention-101",
    ),
    st.Page(
        "app_pages/sentiment.py",
        title=t("nav.sentiment"),
        icon=":material/rate_review:",
        url_path="sentiment",
    ),
    st.Page(
        "app_pages/mechanisms.py",
        title=t("nav.mechanisms"),
        icon=":material/compare:",
        url_path="mechanisms",
    ),
    st.Page(
        "app_pages/dates.py",
        title=t("nav.dates"),
        icon=":material/calendar_month:",
        url_path="dates",
    ),
    st.Page(
        "app_pages/model_cards.py",
        title=t("nav.cards"),
        icon=":material/description:",
        url_path="model-cards",
    ),
]
page = st.navigation(pages)
with st.sidebar:
    st.radio(
        t("settings.language"),
        tuple(settings.LANGUAGES),
        format_func=settings.LANGUAGES.get,
        horizontal=True,
        key=settings.LANGUAGE_KEY,
    )
    presenter = st.toggle(
        t("settings.presenter"), key=settings.PRESENTER_KEY, help=t("settings.presenter.help")
    )
    st.selectbox(
        t("settings.palette"),
        tuple(settings.PALETTES),
        format_func=lambda name: t(f"settings.palette.{name}"),
        key=settings.PALETTE_KEY,
        help=t("settings.palette.help"),
    )
    if not presenter:
        st.radio(
            t("settings.image_format"),
            settings.IMAGE_FORMATS,
            format_func=str.upper,
            horizontal=True,
            key=settings.IMAGE_FORMAT_KEY,
            help=t("settings.image_format.help"),
        )
        st.caption(t("app.sidebar"))
st.html(settings.presenter_css(presenter))
write_settings_to_link()
page.run()
