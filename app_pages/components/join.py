"""The Join panel: the link students open to see this view, and its QR code.

The link uses an address the room can reach (`attnviz.classroom.join`): the
browser's own address when it is not `localhost`, else the server's address on the
local network. It carries the page's inputs and the language and palette, never
presenter mode (students get the normal view). Start the server with
`--server.address 0.0.0.0` so other machines can connect (see the README).
"""

import streamlit as st

from attnviz.classroom import join, settings
from attnviz.i18n import translator

# Settings a student's link leaves out: presenter mode is the teacher's.
TEACHER_ONLY = ("presenter",)
# Pixels per QR module, and the widest the code is drawn (CSS px): a 49-module code
# (a one-line review) is then 6-8 px per module, about 45 cm wide on a 3 m projection.
QR_SCALE = 10
QR_WIDTH = {False: 320, True: 440}


def server_base_url(browser_url=None, in_session=True):
    """The app's address for students (no page), or None when only a loopback one is known.

    In a page run the browser's address counts too (`st.context.url`); at server start
    (`in_session=False`) only the server's own.
    """
    host = join.server_host(st.get_option("server.address"), join.lan_address())
    named = st.get_option("browser.serverAddress")  # a name the teacher configured
    if named and not join.is_loopback(named):
        host = named
    scheme = "https" if st.get_option("server.sslCertFile") else "http"
    return join.join_base_url(
        st.context.url if in_session else browser_url,
        host,
        st.get_option("server.port"),
        st.get_option("server.baseUrlPath") or "",
        scheme,
    )


def join_link(wanted, owned, url_path):
    """The link students open: this page with `wanted` and the shared settings, or None."""
    base = server_base_url()
    if base is None:
        return None
    params = {
        **{k: v for k, v in st.query_params.to_dict().items() if k not in owned},
        **wanted,
    }
    params = {k: v for k, v in params.items() if k not in TEACHER_ONLY}
    return settings.share_url(base, url_path, params)


def join_toggle(key):
    """The switch that opens the Join panel (its value is read by `show_join`)."""
    t = translator(settings.language(st.session_state))
    return st.toggle(t("join.toggle"), key=key, help=t("join.toggle.help"))


def show_join(wanted, owned, url_path):
    """The Join panel: the link in large type with a copy button, and its QR code."""
    t = translator(settings.language(st.session_state))
    presenter = settings.presenter(st.session_state)
    link = join_link(wanted, owned, url_path)
    with st.container(border=True, key=f"join_panel_{url_path.replace('-', '_')}"):
        st.markdown(f"**{t('join.title')}**")
        if link is None:
            st.warning(t("join.no_network"), icon=":material/wifi_off:")
            link = settings.share_url(st.context.url, url_path, wanted)
        else:
            st.image(join.qr_png(link, scale=QR_SCALE), width=QR_WIDTH[presenter])
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("join.help", cap=settings.MAX_LINK_TEXT))
