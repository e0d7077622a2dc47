"""Property tests (Hypothesis): whatever a link carries or a student types, the page copes.

Every query parameter of every page (found from the pages' own link schemas,
`app_pages.components.linkstate.SCHEMAS`) and every text box gets random text, Unicode
digits, huge numbers, NaN, infinities and hostile Markdown/HTML. Each run of the real page
under AppTest must show no exception, no link or image to another origin (rendered as
Markdown the way Streamlit would), and no "nan". Example counts are kept small so the file
runs in a few minutes.
"""

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import APP_FILE, SHIPPED
from tests.page_elements import all_markdown, html_text
from tests.safety import html_references, outside_references, shows_nan

PAGES = {
    "home": "app_pages/home.py",
    "attention101": "app_pages/attention101.py",
    "sentiment": "app_pages/sentiment.py",
    "mechanisms": "app_pages/mechanisms.py",
    "dates": "app_pages/dates.py",
    "cards": "app_pages/model_cards.py",
    "soft_vs_hard": "app_pages/soft_vs_hard.py",
}
NEEDS = {
    "sentiment": "sentiment",
    "mechanisms": "sentiment",
    "dates": "dates",
    "soft_vs_hard": "dates",
}
# Text boxes on each page, by widget key (the batch boxes included).
TEXT_WIDGETS = {
    "attention101": ["a101_tokens"],
    "sentiment": ["review_text", "batch_text"],
    "mechanisms": ["mech_text"],
    "dates": ["date_text", "date_batch_text"],
    "soft_vs_hard": ["svh_date", "svh_review"],
}
HOSTILE = [
    "[Log_in_again](https://evil.example/phish)",
    "![x](https://evil.example/pixel.png)",
    "<img src=https://evil.example/p.png>",
    "<a href=https://evil.example>x</a>",
    "https://evil.example www.evil.example",
    ":material/warning: :red[x] $x$ **b**",
    "\u202egood bad\u202c",
    "nai\u0308ve wonder\u200bful",
]
UNICODE_DIGITS = "\u00b2\u00b3\u00b9\u0663\u06f3\u0965\uff10\uff19\U0001d7d8"
NUMBERISH = st.one_of(
    st.sampled_from(["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e999", "-1e999"]),
    st.text(UNICODE_DIGITS, min_size=1, max_size=4),
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.lists(st.sampled_from(["nan", "inf", "1.5", "-2", "\u00b2", ""]), max_size=6).map(",".join),
)
TEXTISH = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))
ANY_VALUE = st.one_of(NUMBERISH, TEXTISH)
# Text the student owns may contain the word "nan"; numbers never should show it.
OWN_TEXT = TEXTISH.filter(lambda text: "nan" not in text.lower())

RUNS = settings(
    max_examples=5,
    # No shrinking: a failure is reported as found (each example is a whole page run).
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    derandomize=True,
    database=None,  # nothing written to the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def require(page):
    task = NEEDS.get(page)
    if task and not SHIPPED[task].is_file():
        pytest.skip(f"pretrained/{SHIPPED[task].name} is absent")


@pytest.fixture(scope="module")
def schemas():
    """The link schema of every page (and of the app's settings), from running each once."""
    from streamlit.testing.v1 import AppTest

    from app_pages.components import linkstate

    at = AppTest.from_file(APP_FILE, default_timeout=300)
    at.run()
    for page in ("attention101", "dates", "cards", "sentiment", "mechanisms"):
        if not NEEDS.get(page) or SHIPPED[NEEDS[page]].is_file():
            at.switch_page(PAGES[page]).run()
            assert not at.exception, at.exception
    return dict(linkstate.SCHEMAS)


def open_with(page, query, language="en"):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP_FILE, default_timeout=300)
    at.session_state["lang"] = language
    at.query_params.update(query)
    at.run()
    if page != "home":
        at.switch_page(PAGES[page]).run()
    return at


def assert_calm(at, own_text=()):
    """No exception, nothing from another origin, no "nan" (the student's own text aside)."""
    assert not at.exception, at.exception
    markdown = all_markdown(at)
    assert outside_references(markdown) == [], markdown
    html = html_text(at)
    assert html_references(html) == [], html[:2000]
    shown = markdown + "\n" + html
    for text in own_text:
        shown = shown.replace(text, "")
    assert not shows_nan(shown), shown[:3000]


def query_strategy(schemas, page):
    fields = (
        {**schemas["settings"].fields, **schemas.get(page, None).fields}
        if page in schemas
        else dict(schemas["settings"].fields)
    )
    names = sorted(fields)
    from app_pages.components.linkstate import Text

    return st.fixed_dictionaries(
        {},
        optional={
            name: OWN_TEXT if isinstance(fields[name], Text) else ANY_VALUE for name in names
        },
    )


@pytest.mark.parametrize("page", sorted(PAGES))
def test_any_link_opens_the_page_calmly(schemas, page):
    require(page)

    @RUNS
    @given(query=query_strategy(schemas, page), language=st.sampled_from(["en", "zh"]))
    def check(query, language):
        at = open_with(page, query, language)
        assert_calm(at)

    check()


@pytest.mark.parametrize("page", sorted(TEXT_WIDGETS))
def test_anything_typed_into_a_text_box_is_handled(schemas, page):
    require(page)

    @RUNS
    @given(text=st.one_of(OWN_TEXT, NUMBERISH.filter(lambda s: "nan" not in s.lower())))
    def check(text):
        at = open_with(page, {})
        for key in TEXT_WIDGETS[page]:
            text_box(at, key).set_value(text)
        at.run()
        assert_calm(at, own_text=[text])

    check()


def text_box(at, key):
    """The text input or text area with widget key `key`."""
    for box in [*at.text_input, *at.text_area]:
        if box.key == key:
            return box
    raise AssertionError(f"no text box with key {key!r}")


CELLS = st.one_of(OWN_TEXT, NUMBERISH, st.sampled_from(["=1+1", "@SUM(A1)", "+cmd|x", "\x00"]))
CSV_FILES = st.one_of(
    # a table: a header and rows of hostile cells, joined by one delimiter
    st.tuples(
        st.sampled_from([",", ";", "\t"]),
        st.lists(st.lists(CELLS, min_size=1, max_size=4), min_size=1, max_size=6),
    ).map(
        lambda t: "\n".join(t[0].join(c.replace(t[0], " ") for c in row) for row in t[1]).encode()
    ),
    st.binary(max_size=300),  # anything at all
)


def test_any_uploaded_csv_is_handled():
    """The batch uploader: random tables of hostile cells and random bytes, no exception."""
    require("sentiment")

    @RUNS
    @given(data=CSV_FILES)
    def check(data):
        at = open_with("sentiment", {})
        at.radio(key="batch_source").set_value("upload").run()
        at.file_uploader(key="batch_file").set_value(("reviews.csv", data, "text/csv"))
        at.run()
        assert_calm(at, own_text=[data.decode("utf-8", "replace")])

    check()
