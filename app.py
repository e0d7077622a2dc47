"""attnviz web app: routes to the pages in app_pages/ and draws the shared sidebar.

Run with `streamlit run app.py`. Pages load their models once per process
(`st.cache_resource`), so only the first visit waits.

The sidebar's classroom settings (language, presenter mode, palette, figure download
format) live in `st.session_state` under the keys of `attnviz.classroom.settings`; every page
reads them from there. They are also kept in the URL, so a shared link opens with them.
"""

import streamlit as st

from app_pages import runtime
from app_pages.components import errors, linkstate
from attnviz.classroom import settings
from attnviz.i18n import translator

# Settings a shared link may carry (the page's own values are in each page's schema).
SETTINGS_LINK = linkstate.Schema(
    "settings",
    linkstate.Choice(
        settings.LANGUAGE_KEY,
        tuple(settings.LANGUAGES),
        settings.DEFAULT_LANGUAGE,
        key=settings.LANGUAGE_KEY,
    ),
    linkstate.Choice(
        settings.PALETTE_KEY,
        tuple(settings.PALETTES),
        settings.DEFAULT_PALETTE,
        key=settings.PALETTE_KEY,
    ),
    linkstate.Flag("presenter", key=settings.PRESENTER_KEY),
)


# The pages after Home, in menu order: (script in app_pages/, nav.* catalog key, icon, URL path).
PAGES = (
    ("attention101", "attention101", ":material/school:", "attention-101"),
    ("sentiment", "sentiment", ":material/rate_review:", "sentiment"),
    ("mechanisms", "mechanisms", ":material/compare:", "mechanisms"),
    ("dates", "dates", ":material/calendar_month:", "dates"),
    ("soft_vs_hard", "soft_vs_hard", ":material/join_left:", "soft-vs-hard"),
    ("model_cards", "cards", ":material/description:", "model-cards"),
)


def write_settings_to_link():
    """Keep the URL in step with the settings (defaults are left out to keep it short)."""
    linkstate.sync(
        SETTINGS_LINK,
        {
            settings.LANGUAGE_KEY: settings.language(st.session_state),
            settings.PALETTE_KEY: st.session_state.get(settings.PALETTE_KEY),
            "presenter": settings.presenter(st.session_state),
        },
    )


# Choice boxes whose option labels are translated. The browser keeps the label it shows
# and sends it back at the next click; after a language switch that label is no longer
# an option and the box fell back to its first choice (the palette to Blues).
TRANSLATED_CHOICES = (settings.PALETTE_KEY, "remove_word")


def resend_translated_choices():
    """After a language switch, send those boxes' values again (with the new labels)."""
    language = settings.language(st.session_state)
    if st.session_state.get("_shown_language", language) != language:
        for key in TRANSLATED_CHOICES:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
    st.session_state["_shown_language"] = language


def main():
    """One script run: restore the link's settings, draw the sidebar, run the chosen page."""
    linkstate.restore(SETTINGS_LINK)
    resend_translated_choices()
    t = translator(settings.language(st.session_state))
    runtime.set_up()  # process-wide policies, once per run (idempotent)
    presenting = settings.presenter(st.session_state)
    # Presenter mode folds the sidebar away (the arrow at the top left opens it again).
    st.set_page_config(
        page_title=t("app.title"),
        page_icon="🔦",
        layout="wide",
        initial_sidebar_state="collapsed" if presenting else "auto",
    )

    pages = [
        st.Page("app_pages/home.py", title=t("nav.home"), icon=":material/home:", default=True)
    ]
    pages += [
        st.Page(f"app_pages/{script}.py", title=t(f"nav.{nav}"), icon=icon, url_path=url_path)
        for script, nav, icon, url_path in PAGES
    ]
    page = st.navigation(pages)
    with st.sidebar:
        linkstate.show_notes(SETTINGS_LINK, t)
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
    errors.run_page(page)  # a friendly message, never a traceback


if __name__ == "__main__":  # a script run (Streamlit runs the app as __main__)
    with runtime.MODELS.page_run():  # the background preloader waits while pages run
        main()
else:
    # `streamlit run app.py` finds this st.App (Streamlit's ASGI mode) and serves it; the
    # server imports this file once, so the models start loading when the server starts,
    # before the first browser connects (`runtime.lifespan`).
    app = st.App("app.py", lifespan=runtime.lifespan)
