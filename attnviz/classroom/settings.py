"""Classroom settings shared by every page: language, presenter mode, palette, image format.

Pure Python (no Streamlit): `app.py` draws the sidebar controls, stores their values in
`st.session_state` under the keys below, and pages read them through these functions.
"""

from attnviz import i18n

# Session-state (and widget) keys, also the names used in shareable links.
LANGUAGE_KEY = "lang"
PRESENTER_KEY = "presenter"
PALETTE_KEY = "palette"
IMAGE_FORMAT_KEY = "image_format"

# One per gettext catalog in attnviz/i18n/locale/ (code -> the language's own name).
LANGUAGES = i18n.language_names()
DEFAULT_LANGUAGE = "en"

# Base font size of the whole app (CSS px): normal, and for a projector at the back of a room.
FONT_SIZE_PX = {False: 17, True: 22}
# Figures are scaled by this factor in presenter mode (fonts and heights).
FIGURE_SCALE = {False: 1.0, True: 1.3}

# Palettes: each maps 0 (little attention) to white and 1 to a dark colour, so highlighted
# text stays readable and unattended words stay unshaded. Viridis and cividis (reversed,
# with white added below their lightest colour) are colour-blind safe.


def _from_white(name, start=0.12):
    """The reversed Plotly scale `name`, squeezed into [start, 1], with white at 0."""
    import plotly.colors

    stops = plotly.colors.get_colorscale(name + "_r")
    return [[0.0, "#ffffff"]] + [
        [round(start + (1 - start) * float(p), 4), color] for p, color in stops
    ]


PALETTES = {
    "blues": "Blues",
    "cividis": _from_white("Cividis"),
    "viridis": _from_white("Viridis"),
    "reds": "Reds",
}
DEFAULT_PALETTE = "blues"

IMAGE_FORMATS = ("png", "svg")
DEFAULT_IMAGE_FORMAT = "png"
# Size (px) of a figure saved from the Plotly toolbar; PNGs are also doubled in resolution.
IMAGE_SIZE = {"width": 1200, "height": 675}
IMAGE_SCALE = 2


def language(state):
    """The chosen language code ("en" or "zh") from a session-state-like mapping."""
    code = state.get(LANGUAGE_KEY)
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def presenter(state):
    """Is presenter mode on?"""
    return bool(state.get(PRESENTER_KEY, False))


def font_size_px(presenter_on):
    """The app's base font size (px) with presenter mode on or off."""
    return FONT_SIZE_PX[bool(presenter_on)]


def figure_scale(presenter_on):
    return FIGURE_SCALE[bool(presenter_on)]


def colorscale(state):
    """The Plotly colour scale of the chosen palette."""
    name = state.get(PALETTE_KEY)
    return PALETTES.get(name, PALETTES[DEFAULT_PALETTE])


def image_format(state):
    fmt = state.get(IMAGE_FORMAT_KEY)
    return fmt if fmt in IMAGE_FORMATS else DEFAULT_IMAGE_FORMAT


def plotly_config(state, filename, display_mode_bar=True):
    """Plotly toolbar config: the camera button saves `filename`.<format> at a set size."""
    fmt = image_format(state)
    return {
        "displaylogo": False,
        # "hover": the toolbar shows only under the mouse, so it never hides a title.
        "displayModeBar": "hover" if display_mode_bar else False,
        # Keep the toolbar short (save image, reset, full screen): it overlaps long titles.
        "modeBarButtonsToRemove": [
            "zoom2d",
            "pan2d",
            "select2d",
            "lasso2d",
            "zoomIn2d",
            "zoomOut2d",
            "autoScale2d",
        ],
        "toImageButtonOptions": {
            "format": fmt,
            "filename": filename,
            **IMAGE_SIZE,
            "scale": IMAGE_SCALE if fmt == "png" else 1,
        },
    }


# Page frame: a compact header and margins, so the input and its result share a 16:9
# screen (Streamlit's defaults leave 6rem above the title and 5rem at each side).
LAYOUT_CSS = (
    " [data-testid='stMainBlockContainer'] { padding: 4rem 2rem 3rem; max-width: 100%; }"
    " @media (max-width: 640px) {"
    " [data-testid='stMainBlockContainer'] { padding: 4rem 0.75rem 3rem; } }"
    " [data-testid='stMain'] { overflow-x: hidden; }"
    " [data-testid='stMainBlockContainer'] h1 { font-size: 2.1rem; padding: 0 0 0.4rem; }"
    " [data-testid='stMainBlockContainer'] h2 { font-size: 1.7rem; }"
    " [data-testid='stMainBlockContainer'] h3 { font-size: 1.35rem; }"
    # Choices (segmented controls) wrap onto a second line instead of scrolling sideways.
    " [data-testid='stButtonGroup'] > div { flex-wrap: wrap; overflow-x: visible; }"
    # Several highlights stacked for comparison (the mechanisms rows) use a smaller text.
    " .attnviz-compact .attnviz-text { font-size: 1.08rem !important; line-height: 1.9 !important;"
    " padding: 0.35rem 0.7rem !important; }"
)
# Presenter mode: a thin header bar, the title on one short line, high contrast.
PRESENTER_CSS = (
    " [data-testid='stHeader'] { height: 2.2rem; min-height: 2.2rem; background: transparent; }"
    " [data-testid='stMainBlockContainer'] { padding: 1.9rem 1.4rem 2rem; }"
    " [data-testid='stMainBlockContainer'] h1 { font-size: 1.55rem; padding: 0 0 0.3rem; }"
    " [data-testid='stMainBlockContainer'] h2 { font-size: 1.4rem; }"
    " [data-testid='stMainBlockContainer'] h3 { font-size: 1.2rem; }"
    " [data-testid='stMarkdownContainer'], [data-testid='stCaptionContainer'] "
    "{ color: #000000 !important; }"
    " .attnviz-text { border: 2px solid #111827 !important; font-size: 1.35rem !important;"
    " line-height: 2.05 !important; }"
    " [data-testid='stWidgetLabel'] p { font-weight: 600; }"
)


def presenter_css(presenter_on):
    """CSS for the app: the base font size and page frame, high contrast in presenter mode.

    Only this module's own constants go into the CSS (never user input).
    """
    size = font_size_px(presenter_on)
    css = f"html {{ font-size: {size}px; }}" + LAYOUT_CSS
    if presenter_on:
        css += PRESENTER_CSS
    return f"<style>{css}</style>"


# Longest review kept in a shared link (characters); longer text is cut there.
MAX_LINK_TEXT = 2000


def share_url(base_url, url_path, params):
    """The link that reopens a view: `base_url`/`url_path`?params (empty values left out).

    `base_url` is the app's address (`st.context.url`, which may end in the page's
    path, or be None under test).
    """
    from urllib.parse import urlencode

    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    base = (base_url or "").rstrip("/")
    if base.endswith("/" + url_path):  # the browser's URL may already end in the page
        base = base[: -len(url_path) - 1]
    return f"{base}/{url_path}" + (f"?{query}" if query else "")


def link_updates(current, wanted, owned):
    """What to change in the URL's query so it holds `wanted` for the keys a page `owned`.

    Returns:
        (to_set, to_delete): a dict of keys whose value must change, and keys to remove.
    """
    to_set = {
        k: str(v) for k, v in wanted.items() if v not in (None, "") and current.get(k) != str(v)
    }
    to_delete = [k for k in owned if k in current and wanted.get(k) in (None, "")]
    return to_set, to_delete
