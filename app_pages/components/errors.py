"""No traceback reaches a student: a friendly, translated message instead, logged once.

`app.py` runs every page through `run_page(page)`. An exception the page did not handle
(a bug, a broken file, anything unexpected) becomes one `st.error` in the student's
language with a short reference code; the full traceback goes to the server log, once per
distinct error (same type, message and place), so a class of 40 hitting the same bug
writes one entry. Streamlit's own control flow (`st.stop`, `st.rerun`, page switches)
derives from BaseException and passes through untouched.

A fragment reruns on its own, outside `run_page`: its function is wrapped in `friendly`
(under `@st.fragment`), which shows the same message. `.streamlit/config.toml` also sets
`client.showErrorDetails = "none"`, so anything else (a widget callback) shows
Streamlit's generic message without the traceback or server paths.
"""

import functools
import hashlib
import logging
import threading
import traceback

LOGGER = logging.getLogger("attnviz")
_seen = set()
_seen_lock = threading.Lock()


def error_code(exc):
    """A short code naming the error's type, message and innermost place (8 hex digits)."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    text = f"{type(exc).__qualname__}|{str(exc)[:500]}|{where}"
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:8]


def report(exc):
    """Log `exc` with its traceback the first time this error (by `error_code`) is seen.

    Returns:
        (code, True if it was logged now).
    """
    code = error_code(exc)
    with _seen_lock:
        first = code not in _seen
        _seen.add(code)
    if first:
        LOGGER.error("Unexpected error %s in a page run", code, exc_info=exc)
    return code, first


def show_unexpected(exc):
    """Log `exc` once and show the friendly translated message with its code."""
    import streamlit as st

    from attnviz.classroom import settings
    from attnviz.i18n import translator

    code, _ = report(exc)
    t = translator(settings.language(st.session_state))
    st.error(t("common.unexpected", code=code), icon=":material/sentiment_dissatisfied:")


def run_page(page):
    """`page.run()`, with an unexpected exception shown as a friendly translated error."""
    try:
        page.run()
    except Exception as exc:  # noqa: BLE001 - anything a page did not handle
        show_unexpected(exc)


def friendly(function):
    """`function` with an unexpected exception shown as the friendly error (for fragments:
    put it under `@st.fragment`, which reruns the function outside `run_page`)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - anything the fragment did not handle
            show_unexpected(exc)
            return None

    return wrapper
