"""HTML highlighting: escaping, shades, text colour, spans kept in the user's words."""

import re

import numpy as np
import pytest

from attnviz.models.text import tokenize
from attnviz.viz import render


def highlight(text, weights=None, **kwargs):
    tokens = tokenize(text)
    if weights is None:
        weights = np.full(len(tokens.spans), 1 / max(len(tokens.spans), 1))
    return render.highlight_text(text, tokens.spans, weights, **kwargs)


def test_user_text_is_kept_with_case_and_punctuation():
    html = highlight("Loved it -- TRULY!", weights=[0.5, 0.2, 0.3])
    assert ">Loved</span> " in html
    assert ">TRULY</span>!" in html
    assert html.count('class="attnviz-token') == 3
    assert 'title="Loved: attention weight 0.500"' in html  # 3 significant digits
    assert 'data-weight="0.200000"' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script> bad",
        "<img src=x onerror=alert(1)> good",
        '"><svg onload=alert(1)> nice',
        'it\'s a "quoted" & <b>bold</b> film',
    ],
)
def test_every_character_of_user_text_is_escaped(text):
    html = highlight(text)
    for raw in ("<script", "<img", "<svg", "<b>"):
        assert raw not in html
    assert "&lt;" in html
    # Every tooltip is a well-formed attribute: no raw quote from the text ends it early.
    assert html.count('title="') == html.count('data-weight="')


def test_oov_and_unread_text_look_different():
    text = "good zzz film and the rest"
    tokens = tokenize(text, limit=3)
    html = render.highlight_text(
        text, tokens.spans, [0.5, 0.25, 0.25], oov=[False, True, False], truncated=True
    )
    assert html.count("attnviz-oov") == 1
    assert "dashed" in html
    assert '<span class="attnviz-unread"' in html and " and the rest</span>" in html


def test_mismatched_lengths_name_both_numbers():
    with pytest.raises(ValueError, match="spans has 2 entries but weights has 3"):
        render.highlight_text("a b", [(0, 1), (2, 3)], [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match="does not fit"):
        render.highlight_text("a b", [(0, 1), (2, 9)], [0.5, 0.5])


def test_shades_follow_the_colorscale_and_match_plotly():
    import plotly.colors

    values = np.linspace(0, 1, 9)
    for scale in ("Blues", "cividis", [[0, "#ffffff"], [1, "#000000"]]):
        ours = [plotly.colors.unlabel_rgb(c) for c in render.shades(values, scale)]
        theirs = [
            plotly.colors.unlabel_rgb(c) for c in plotly.colors.sample_colorscale(scale, values)
        ]
        np.testing.assert_allclose(ours, theirs, atol=1.0)
    assert render.shade(np.nan) == render.shade(0.0)
    assert render.shade(7) == render.shade(1.0)


def test_text_turns_white_on_dark_shades():
    assert render.text_color_on(render.shade(0.0)) == render.DARK_TEXT
    assert render.text_color_on(render.shade(1.0)) == render.LIGHT_TEXT
    assert render.text_color_on("rgb(0, 0, 0)") == render.LIGHT_TEXT
    # The switch happens once along the scale (light to dark).
    colors = [render.text_color_on(c) for c in render.shades(np.linspace(0, 1, 50))]
    switches = sum(a != b for a, b in zip(colors, colors[1:]))
    assert switches == 1


def test_relative_weights_scale_the_top_token_to_one():
    np.testing.assert_allclose(render.relative_weights([0.1, 0.4, 0.2]), [0.25, 1.0, 0.5])
    np.testing.assert_allclose(render.relative_weights([0.0, 0.0]), [0.0, 0.0])
    assert render.relative_weights([]).size == 0


def test_character_rows_make_spaces_visible_and_escape():
    html = render.highlight_characters(list("a <b"), [0.1, 0.2, 0.3, 0.4])
    assert "\u2423" in html
    assert ">&lt;</span>" in html and ">b</span>" in html
    out = render.output_characters(list("19"), [0.9, 0.3], current=1)
    assert html.count('class="attnviz-char"') == 4
    assert out.count("#f59e0b") == 1  # only the current step is outlined
    assert "0.30" in out


def test_escape_markdown_defuses_markdown_and_streamlit_syntax():
    text = "**bold** [x](javascript:alert(1)) :red[hi] $x$ <b>\n# heading"
    escaped = render.escape_markdown(text)
    assert "\n" not in escaped
    for raw in ("**", "[x]", ":red[", "$x$", "<b>"):
        assert raw not in escaped
    assert "\\# heading" in escaped
    assert escaped.replace("\\", "") == text.replace("\n", " ")


def test_legend_names_both_ends_and_notes():
    html = render.legend("Blues", "low <", "high", notes=[("oov", "unknown"), ("unread", "cut")])
    assert "low &lt;" in html and "high" in html
    assert "linear-gradient" in html
    assert "unknown" in html and "cut" in html


def test_plain_text_is_escaped_and_unshaded():
    from attnviz.viz import render

    html = render.plain_text("<script>x</script> & more")
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "attnviz-token" not in html and "attnviz-plain" in html


# The payloads of the audit (issue 16): links and images to another site, raw HTML,
# autolinks, Streamlit's own syntax.
HOSTILE = [
    "[Log_in_again](https://evil.example/phish) " * 3,
    "![x](https://evil.example/pixel.png)",
    "<img src=https://evil.example/pixel.png>",
    "<a href='https://evil.example'>click</a>",
    "<https://evil.example/auto>",
    "see https://evil.example/bare and www.evil.example",
    "[ref][1]\n\n[1]: https://evil.example/ref",
    "[x](//evil.example/protocol-relative) :material/warning: :red[red] $x^2$",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_escaped_markdown_renders_no_link_image_or_html(payload):
    from tests.safety import outside_references

    assert outside_references(payload), "the check itself must see the raw payload"
    escaped = render.escape_markdown(payload)
    assert outside_references(escaped) == []
    # Inside a translated sentence too (the way pages use it).
    from attnviz.i18n import t

    sentence = t("a101.tokens.used", tokens=escaped)
    assert outside_references(sentence) == []
    # Nothing is lost: the reader sees the characters that were typed.
    assert escaped.replace("\\", "") == " ".join(payload.splitlines())


@pytest.mark.parametrize("payload", HOSTILE)
def test_escaped_html_has_no_tag(payload):
    from tests.safety import html_references

    assert html_references(render.escape(payload)) == []
    assert html_references(render.plain_text(payload)) == []


def test_bidi_controls_cannot_reorder_the_shown_words():
    """A right-to-left override (U+202E) would show "terrible film" as "mlif elbirret"."""
    text = "good \u202eterrible film\u202c \u2067x\u2069 end"
    tokens = tokenize(text)
    html = render.highlight_text(text, tokens.spans, [0.25] * len(tokens.spans))
    assert not set(html) & render.BIDI_CONTROLS
    assert ">terrible</span> <span" in html
    # The spans still point into the original text (the controls are only not drawn).
    assert [text[a:b] for a, b in tokens.spans] == ["good", "terrible", "film", "x", "end"]
    assert not set(render.escape_markdown(text)) & render.BIDI_CONTROLS
    assert not set(render.plain_text(text)) & render.BIDI_CONTROLS
    # Right-to-left scripts themselves are kept.
    assert "שלום" in render.escape("שלום")


@pytest.mark.parametrize(
    "value, signed, text",
    [
        (0.566, False, "0.566"),
        (0.00556, False, "0.00556"),
        (0.0000123, False, "0.0000123"),
        (41.41, False, "41.4"),
        (0.5, False, "0.500"),
        (-1.41, True, "-1.41"),
        (0.89, True, "+0.890"),
        (-0.0, False, "0.00"),
        (-0.0000001, True, "-0.000000100"),
        (0.0, True, "0.00"),
    ],
)
def test_weights_have_three_significant_digits(value, signed, text):
    assert render.weight_text(value, signed) == text


def test_top_words_are_ringed_and_numbered_in_reading_order_of_rank():
    text = "a b c d e f g"
    spans = [(i, i + 1) for i in range(0, 13, 2)]
    weights = [0.05, 0.3, 0.01, 0.4, 0.1, 0.1, 0.04]
    html = render.highlight_text(text, spans, weights, top_k=3, labels={"rank": "rank"})
    ranks = re.findall(r'data-rank="(\d)">(\w)</span>', html)
    assert ranks == [("2", "b"), ("1", "d"), ("3", "e")]  # 0.1 tie: the earlier word
    assert html.count("attnviz-top") == 3 + 1  # three words and the CSS rule
    assert 'title="d: attention weight 0.400 (rank 1)"' in html
    assert "max-height" not in html and "overflow-y" not in html  # the whole text, no scroll
    signed = render.highlight_text(text, spans, [0, -0.5, 0.2, 0, 0, 0, 0], signed=True, top_k=5)
    assert re.findall(r'data-rank="(\d)">(\w)</span>', signed) == [("1", "b"), ("2", "c")]
    assert "attnviz-top" not in render.highlight_text(text, spans, weights)  # off by default


def test_common_scale_shades_against_the_given_maximum():
    text, spans = "a b", [(0, 1), (2, 3)]
    own = render.highlight_text(text, spans, [0.2, 0.1])
    common = render.highlight_text(text, spans, [0.2, 0.1], scale_max=0.4)
    darkest = f"background-color:{render.shade(1.0)};"
    assert own.count(darkest) == 1 and common.count(darkest) == 0
    assert f"background-color:{render.shade(0.5)};" in common
    np.testing.assert_allclose(render.relative_weights([0.2, 0.8], scale_max=0.4), [0.5, 1.0])
