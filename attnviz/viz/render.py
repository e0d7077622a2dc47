"""HTML for highlighted text: the user's own words shaded by attention weight.

The one escaping rule of the app, for anything a user typed, uploaded or a link carried:

- into HTML (`st.html`, attribute values): `escape(text)`;
- into Markdown (`st.markdown`, captions, alerts, widget labels, `t(...)` fields that
  are shown as Markdown): `escape_markdown(text)`.

Both also drop the Unicode bidirectional controls (`BIDI_CONTROLS`: RLO, LRO, the
embeddings and isolates), so a right-to-left override in a review cannot reverse the
order of the words shown after it; right-to-left scripts still display right to left.
Every function here that builds HTML escapes the user's text itself, so a review holding
`<script>` or `<img onerror=...>` is shown as text. The returned strings are meant for
`st.html` (which does no markdown processing).

Shades come from a Plotly colour scale passed as `colorscale`, so a palette switch
is one argument; text turns white where the shade is dark.
"""

import functools
import html

import numpy as np
import plotly.colors

# Sequential, light-to-dark single hue: reads on a projector and for colour-blind viewers.
DEFAULT_COLORSCALE = "Blues"
# Signed scores (toward negative ... toward positive): orange, white at zero, blue. The
# same hues as the verdict, and a pair that colour-blind viewers tell apart.
DIVERGING_COLORSCALE = (
    (0.0, "#9a3412"),
    (0.25, "#f59e42"),
    (0.5, "#ffffff"),
    (0.75, "#6fa8dc"),
    (1.0, "#1e3a8a"),
)
# Text switches to white where the background's relative luminance is below this.
DARK_BACKGROUND_LUMINANCE = 0.35
DARK_TEXT = "#111827"
LIGHT_TEXT = "#ffffff"
MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~$:&\"'=^")
# How a space is drawn in a character row (U+2423 OPEN BOX).
VISIBLE_SPACE = "\u2423"
# Unicode bidirectional formatting characters: embeddings and overrides (U+202A-202E),
# isolates (U+2066-2069) and the marks (U+200E, U+200F, U+061C). Shown text drops them.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_DROP_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))

TEXT_STYLE = (
    "font-size:1.3rem;line-height:2.3;white-space:pre-wrap;overflow-wrap:anywhere;"
    "padding:0.8rem 1rem;border:1px solid #d0d7e2;border-radius:0.5rem;background:#ffffff;"
    "color:#111827"
)
TOKEN_STYLE = "border-radius:0.3rem;padding:0.1rem 0.15rem;"
# The top-k words of a highlight: an amber ring and their rank after them (drawn by CSS, so
# the rank is not part of the text a reader copies). Only this constant goes into the CSS.
TOP_STYLE = "box-shadow:0 0 0 2px #f59e0b;font-weight:700;"
TOP_RANK_CSS = (
    "<style>.attnviz-top::after{content:attr(data-rank);font-size:0.55em;font-weight:700;"
    "vertical-align:super;margin-left:0.12em;color:#b45309}</style>"
)
OOV_STYLE = "border-bottom:3px dashed #b45309;"
UNREAD_STYLE = "color:#9ca3af;text-decoration:line-through;text-decoration-color:#d1d5db;"
CHAR_BOX_STYLE = (
    "display:inline-block;min-width:1.45em;text-align:center;font-family:ui-monospace,"
    "'DejaVu Sans Mono',monospace;border-radius:0.25rem;margin:0.1rem 0.05rem;padding:0.1rem 0;"
)


def strip_bidi(text):
    """`text` without Unicode bidirectional controls (see `BIDI_CONTROLS`)."""
    return str(text).translate(_DROP_BIDI)


# Weights and scores are written with this many significant digits everywhere (the
# highlight's tooltips, chart labels and hovers, tables): 0.566, 0.00556, 41.4.
WEIGHT_DIGITS = 3
# The same policy as a d3-format for Plotly hover templates ("r": decimal notation,
# rounded to significant digits, never 1e-05).
WEIGHT_D3_FORMAT = f".{WEIGHT_DIGITS}r"
SIGNED_WEIGHT_D3_FORMAT = f"+.{WEIGHT_DIGITS}r"


def weight_text(value, signed=False, digits=WEIGHT_DIGITS):
    """`value` with `digits` significant digits in decimal notation ("0.00556", "+1.41").

    Never scientific notation and never "-0": a weight of -0.0 reads "0.000".
    """
    import math

    value = float(value)
    if not math.isfinite(value):
        return str(value)
    places = digits - 1 if value == 0 else digits - 1 - math.floor(math.log10(abs(value)))
    places = max(places, 0)
    text = f"{round(value, places) + 0.0:{'+' if signed else ''}.{places}f}"
    if text.lstrip("+-").strip("0.") == "":  # rounds to zero: no sign
        text = f"{0:.{places}f}"
    return text


def escape(text):
    """`text` safe to put inside HTML elements and attribute values (bidi controls dropped)."""
    return html.escape(strip_bidi(text), quote=True)


def escape_markdown(text):
    """`text` safe inside Markdown: every ASCII punctuation mark backslash-escaped.

    CommonMark lets any ASCII punctuation be escaped this way, so no link, image,
    autolink (`https://...`, `www.`), HTML tag or emphasis can form; it also defuses
    Streamlit's `:emoji:`, `:material/icon:`, `:color[...]` and `$math$` syntax. Line
    breaks become spaces, so the text cannot start a new block (a heading, a list, a
    table). Bidi controls are dropped.
    """
    text = " ".join(strip_bidi(text).splitlines())
    return "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in text)


@functools.lru_cache(maxsize=32)
def _scale_arrays(colorscale):
    """Positions `(n,)` and RGB values `(n, 3)` of a colour scale (name or stop tuple)."""
    if isinstance(colorscale, str):
        stops = plotly.colors.get_colorscale(colorscale)
    else:
        stops = [list(stop) for stop in colorscale]
    positions = np.array([float(position) for position, _ in stops])
    rgb = []
    for _, color in stops:
        if color.startswith("#"):
            color = plotly.colors.label_rgb(plotly.colors.hex_to_rgb(color))
        rgb.append(plotly.colors.unlabel_rgb(color))
    return positions, np.asarray(rgb, dtype=np.float64)


def _hashable(colorscale):
    if isinstance(colorscale, str):
        return colorscale
    return tuple((float(position), str(color)) for position, color in colorscale)


def shades(values, colorscale=DEFAULT_COLORSCALE):
    """`rgb(r, g, b)` colours at each of `values` in [0, 1] along `colorscale`.

    `colorscale` is a Plotly scale name ("Blues", "cividis", ...) or a list of
    `[position, colour]` stops. Non-finite values get the colour at 0.
    """
    positions, rgb = _scale_arrays(_hashable(colorscale))
    values = np.nan_to_num(np.asarray(values, dtype=np.float64).ravel(), nan=0.0)
    values = np.clip(values, 0.0, 1.0)
    channels = np.stack([np.interp(values, positions, rgb[:, c]) for c in range(3)], axis=1)
    channels = np.rint(channels).astype(int)
    return [f"rgb({r}, {g}, {b})" for r, g, b in channels]


def shade(value, colorscale=DEFAULT_COLORSCALE):
    """The `rgb(r, g, b)` colour at `value` in [0, 1] of `colorscale`."""
    return shades([value], colorscale)[0]


def _rgb(color):
    r, g, b = (float(c) for c in color[color.index("(") + 1 : color.index(")")].split(","))
    return r / 255.0, g / 255.0, b / 255.0


@functools.lru_cache(maxsize=4096)
def luminance(color):
    """WCAG relative luminance of an `rgb(...)` colour, 0 (black) to 1 (white)."""

    def linear(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_color_on(background):
    """Dark text on light shades, white text on dark ones."""
    return LIGHT_TEXT if luminance(background) < DARK_BACKGROUND_LUMINANCE else DARK_TEXT


def relative_weights(weights, scale_max=None):
    """Weights divided by their maximum (so the most-attended token is fully shaded).

    With `scale_max`, divided by it instead (clipped to [0, 1]): several texts shaded
    against one common maximum can be compared with each other.
    """
    weights = np.asarray(weights, dtype=np.float64)
    if weights.size == 0:
        return weights
    if scale_max is not None:
        if not np.isfinite(scale_max) or scale_max <= 0:
            return np.zeros_like(weights)
        return np.clip(np.nan_to_num(weights / scale_max), 0.0, 1.0)
    top = np.nanmax(weights)
    if not np.isfinite(top) or top <= 0:
        return np.zeros_like(weights)
    return np.nan_to_num(weights / top)


def signed_positions(scores):
    """Signed scores mapped onto [0, 1] for a diverging scale: 0.5 is zero.

    Scaled by the largest |score|, so the strongest push either way is fully shaded.
    """
    scores = np.nan_to_num(np.asarray(scores, dtype=np.float64))
    if scores.size == 0:
        return scores
    top = np.abs(scores).max()
    if top <= 0:
        return np.full_like(scores, 0.5)
    return 0.5 + 0.5 * scores / top


def _check_lengths(names_and_lengths):
    (first_name, first), *rest = names_and_lengths
    for name, length in rest:
        if length != first:
            raise ValueError(f"{first_name} has {first} entries but {name} has {length}")


def highlight_text(
    text,
    spans,
    weights,
    oov=None,
    truncated=False,
    colorscale=DEFAULT_COLORSCALE,
    labels=None,
    signed=False,
    top_k=0,
    scale_max=None,
):
    """The whole `text` as HTML with each token's background shaded by its weight.

    Args:
        text: the user's original text (shown with its own case and punctuation).
        spans: `(start, end)` of each token in `text`, in order, not overlapping.
        weights: attention weight of each token.
        oov: True where the token is out of the vocabulary (drawn with a dashed
            underline).
        truncated: True when the model stopped reading after the last span; the
            rest of the text is drawn greyed and struck through.
        colorscale: a Plotly colour scale for the shades.
        labels: tooltip words, keys "weight", "oov" and "unread".
        signed: the weights are signed scores: shade them on a diverging
            `colorscale` (zero in the middle, scaled by the largest |score|).
        top_k: mark the `top_k` largest weights (largest |score| if `signed`) with
            a ring and their rank (1 = largest), so they are found in a long text.
        scale_max: shade `weights / scale_max` instead of relative to their own
            maximum (a common scale for several texts; unsigned weights only).

    Returns:
        An HTML string; every character of `text` is escaped.
    """
    labels = {
        "weight": "attention weight",
        "oov": "not in vocabulary",
        "unread": "not read",
        "rank": "rank",
        **(labels or {}),
    }
    spans = [(int(start), int(end)) for start, end in spans]
    weights = np.asarray(weights, dtype=np.float64)
    oov = [False] * len(spans) if oov is None else list(oov)
    _check_lengths([("spans", len(spans)), ("weights", len(weights)), ("oov", len(oov))])
    positions = signed_positions(weights) if signed else relative_weights(weights, scale_max)
    backgrounds = shades(positions, colorscale)
    ranks = top_ranks(weights, top_k, signed)
    parts = []
    cursor = 0
    for index, ((start, end), weight, background, unknown) in enumerate(
        zip(spans, weights, backgrounds, oov)
    ):
        if start < cursor or end < start or end > len(text):
            raise ValueError(f"span ({start}, {end}) does not fit text of {len(text)} characters")
        parts.append(escape(text[cursor:start]))
        word = text[start:end]
        tip = f"{word}: {labels['weight']} {weight_text(weight, signed)}"
        style = f"{TOKEN_STYLE}background-color:{background};color:{text_color_on(background)};"
        css_class = "attnviz-token"
        if unknown:
            tip += f" ({labels['oov']})"
            style += OOV_STYLE
            css_class += " attnviz-oov"
        rank = ""
        if index in ranks:
            tip += f" ({labels['rank']} {ranks[index]})"
            style += TOP_STYLE
            css_class += " attnviz-top"
            rank = f' data-rank="{ranks[index]}"'
        parts.append(
            f'<span class="{css_class}" style="{style}" title="{escape(tip)}" '
            f'data-weight="{weight:.6f}"{rank}>{escape(word)}</span>'
        )
        cursor = end
    rest = text[cursor:]
    if truncated and rest:
        parts.append(
            f'<span class="attnviz-unread" style="{UNREAD_STYLE}" '
            f'title="{escape(labels["unread"])}">{escape(rest)}</span>'
        )
    else:
        parts.append(escape(rest))
    css = TOP_RANK_CSS if ranks else ""
    return f'{css}<div class="attnviz-text" style="{TEXT_STYLE}">{"".join(parts)}</div>'


def top_ranks(weights, k, signed=False):
    """{token index: rank} of the `k` largest weights (|scores| if `signed`), rank 1 first.

    Ties keep reading order; zero weights are never ranked.
    """
    weights = np.asarray(weights, dtype=np.float64)
    size = np.abs(weights) if signed else weights
    order = np.argsort(-size, kind="stable")[: max(int(k), 0)]
    return {int(i): rank for rank, i in enumerate(order, start=1) if size[i] > 0}


def visible_char(char):
    """A character as drawn in a character row: a space becomes a visible box."""
    return VISIBLE_SPACE if char == " " else char


def highlight_characters(chars, weights, colorscale=DEFAULT_COLORSCALE, label="weight"):
    """A row of character boxes, each shaded by its weight in [0, 1] (not rescaled).

    Used to show which input characters one output step attends to.
    """
    weights = np.asarray(weights, dtype=np.float64)
    _check_lengths([("chars", len(chars)), ("weights", len(weights))])
    boxes = []
    backgrounds = shades(weights, colorscale)
    for position, (char, weight, background) in enumerate(zip(chars, weights, backgrounds)):
        tip = f"#{position + 1} {visible_char(char)}: {label} {weight_text(weight)}"
        boxes.append(
            f'<span class="attnviz-char" style="{CHAR_BOX_STYLE}background-color:{background};'
            f'color:{text_color_on(background)};border:1px solid #d0d7e2" '
            f'title="{escape(tip)}" data-weight="{weight:.6f}">{escape(visible_char(char))}</span>'
        )
    return (
        '<div class="attnviz-chars" style="font-size:1.35rem;line-height:1.9;'
        f'overflow-wrap:anywhere">{"".join(boxes)}</div>'
    )


def output_characters(
    chars, probabilities, current=None, label="probability", size="2.6rem", note_size="0.8rem"
):
    """The model's output in large type, each character's probability under it.

    Args:
        chars: output characters.
        probabilities: probability the model gave each character.
        current: index of the character to outline (the decoding step shown), or None.
        label: tooltip word for the probability.
        size: CSS font size of the characters.
        note_size: CSS font size of the probability under each character (it sets the
            width of a character's cell).
    """
    probabilities = np.asarray(probabilities, dtype=np.float64)
    _check_lengths([("chars", len(chars)), ("probabilities", len(probabilities))])
    cells = []
    for position, (char, probability) in enumerate(zip(chars, probabilities)):
        outline = "3px solid #f59e0b" if position == current else "3px solid transparent"
        # Low confidence is flagged in a darker, warmer tone under the character.
        tone = "#b91c1c" if probability < 0.5 else "#4b5563"
        cells.append(
            '<span class="attnviz-out" style="display:inline-flex;flex-direction:column;'
            f"align-items:center;margin:0 0.08rem;border-radius:0.35rem;border:{outline};"
            f'padding:0 0.1rem" title="{escape(f"{char}: {label} {probability:.4f}")}">'
            f'<span style="font-size:{size};font-weight:700;font-family:ui-monospace,'
            f"'DejaVu Sans Mono',monospace;line-height:1.2\">{escape(visible_char(char))}</span>"
            f'<span style="font-size:{note_size};color:{tone}">{probability:.2f}</span></span>'
        )
    return f'<div class="attnviz-output" style="display:flex;flex-wrap:wrap">{"".join(cells)}</div>'


def legend(colorscale=DEFAULT_COLORSCALE, low="less attention", high="more attention", notes=()):
    """A gradient bar from `low` to `high`, then optional `(kind, text)` notes.

    `kind` is "oov" (dashed underline sample), "unread" (greyed sample) or "top" (a
    ringed, numbered word).
    """
    stops = ", ".join(shades(np.linspace(0, 1, 6), colorscale))
    items = [
        '<span style="display:inline-flex;align-items:center;gap:0.5rem">'
        f"<span>{escape(low)}</span>"
        f'<span style="display:inline-block;width:11rem;height:0.9rem;border-radius:0.2rem;'
        f'border:1px solid #d0d7e2;background:linear-gradient(to right, {stops})"></span>'
        f"<span>{escape(high)}</span></span>"
    ]
    samples = {
        "oov": f'<span style="{OOV_STYLE}">abc</span>',
        "unread": f'<span style="{UNREAD_STYLE}">abc</span>',
        "top": f'<span style="{TOP_STYLE}{TOKEN_STYLE}">abc<sup style="color:#b45309">1</sup></span>',
    }
    for kind, text in notes:
        items.append(
            f'<span style="display:inline-flex;gap:0.4rem">{samples[kind]}'
            f"<span>{escape(text)}</span></span>"
        )
    return (
        '<div class="attnviz-legend" style="display:flex;flex-wrap:wrap;gap:1.6rem;'
        f'font-size:0.95rem;color:#374151;margin:0.3rem 0">{"".join(items)}</div>'
    )


def plain_text(text):
    """The whole `text`, escaped, in the same box as `highlight_text` but with no shading."""
    return f'<div class="attnviz-text attnviz-plain" style="{TEXT_STYLE}">{escape(text)}</div>'
