"""Layout in a real browser: a projector's first screen, phones, chart labels, kept choices.

Drives `streamlit run app.py` in headless Chromium (the fixtures of test_browser.py) and
measures bounding boxes:

- presenter mode at 1280x720 and 1920x1080: after a submit, the verdict, P(positive) and
  the whole highlighted review (sentiment), the output and the whole alignment matrix of
  a 20-character date, also while Play runs (dates), and the four models' rows
  (mechanisms) lie on the first screen, the sidebar folded away;
- a phone (390x844): no page scrolls sideways;
- the signed top-10 chart: no bar's number overlaps a word label or leaves the figure;
- the mechanisms summary table shows all its columns; a long review has no inner scroll;
- the palette survives a language switch (it fell back to Blues at the next click).

Screenshots go to a temporary folder, or to docs/screenshots/ with
`pytest --update-screenshots` (the `screenshot_folder` fixture of test_browser.py).
"""

from urllib.parse import quote

import pytest

from tests.conftest import require_model
from tests.test_browser import (  # noqa: F401  (fixtures)
    LOAD_TIMEOUT_MS,
    browser,
    screenshot_folder,
    server,
    wait_until_idle,
)

pytestmark = pytest.mark.browser

PROJECTOR_SIZES = [(1280, 720), (1920, 1080)]
PHONE = (390, 844)
ONE_LINE_REVIEW = (
    "The plot was thin, but I loved every minute of it. The two leads are wonderful together!"
)
DATE_20_CHARS = "Saturday, 29.04.2013"  # 20 characters -> 2013-04-29
# A review whose signed scores put long words at both ends of the top-10 chart.
SIGNED_REVIEW = (
    "The wooden acting and the dreadful script ruin it, although the wonderful score "
    "and the gorgeous photography almost save this film."
)
PAGES = ["", "attention-101", "sentiment", "mechanisms", "dates", "model-cards"]

BOX_JS = """sel => [...document.querySelectorAll(sel)].map(e => {
  const r = e.getBoundingClientRect();
  return {x: r.x, y: r.y, width: r.width, height: r.height};
})"""


@pytest.fixture
def open_view(browser, screenshot_folder):  # noqa: F811
    """open_view(url, size) -> a fresh page of that size (closed after the test)."""
    contexts = []

    def open_(url, size, wait_for):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        for selector in (wait_for,) if isinstance(wait_for, str) else wait_for:
            page.wait_for_selector(selector, timeout=LOAD_TIMEOUT_MS)
        wait_until_idle(page)
        page.wait_for_timeout(800)  # Plotly sizes its figures after the first paint
        page.shots_dir = screenshot_folder
        return page

    yield open_
    for context in contexts:
        context.close()


def boxes(page, selector):
    return page.evaluate(BOX_JS, selector)


def on_first_screen(page, selector, size, count=None):
    """Every shown element matching `selector` lies wholly inside the viewport (not scrolled).

    An element with no size is not shown (while Play reruns the dates view, the chart being
    replaced stays in the page for a moment as a 0x0 box): it is not counted.
    """
    found = [box for box in boxes(page, selector) if box["width"] > 0 and box["height"] > 0]
    assert found, f"nothing shown matches {selector}"
    if count is not None:
        assert len(found) == count, (selector, len(found))
    width, height = size
    for box in found:
        assert box["width"] > 0 and box["height"] > 0, (selector, box)
        assert box["x"] >= -1 and box["y"] >= -1, (selector, box)
        assert box["x"] + box["width"] <= width + 1, (selector, box, size)
        assert box["y"] + box["height"] <= height + 1, (selector, box, size)


def sidebar_folded(page):
    [box] = boxes(page, "[data-testid='stSidebar']")
    return box["x"] + box["width"] <= 1


def shot(page, name):
    page.mouse.move(0, 0)
    path = page.shots_dir / f"{name}.png"
    page.screenshot(path=str(path))
    return path


@pytest.mark.parametrize("size", PROJECTOR_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sentiment_result_on_the_first_projector_screen(open_view, server, size):  # noqa: F811
    require_model("sentiment")
    page = open_view(
        f"{server}/sentiment?presenter=1&text={quote(ONE_LINE_REVIEW)}",
        size,
        (".attnviz-token", ".st-key-sentiment_probability .js-plotly-plot .indicatorlayer"),
    )
    assert sidebar_folded(page)
    on_first_screen(page, ".attnviz-verdict", size, count=1)
    on_first_screen(page, ".st-key-sentiment_probability .js-plotly-plot", size, count=1)
    on_first_screen(page, ".attnviz-text", size, count=1)  # the whole highlighted review
    on_first_screen(page, "[data-testid='stTextArea'] textarea", size, count=1)  # beside it
    shot(page, f"presenter-sentiment-{size[0]}x{size[1]}")


@pytest.mark.parametrize("size", PROJECTOR_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dates_output_and_whole_matrix_on_the_first_screen_while_playing(
    open_view,
    server,  # noqa: F811
    size,
):
    require_model("dates")
    assert len(DATE_20_CHARS) == 20
    page = open_view(
        f"{server}/dates?presenter=1&text={quote(DATE_20_CHARS)}",
        size,
        ".js-plotly-plot .heatmaplayer",
    )
    assert sidebar_folded(page)
    output = page.locator(".attnviz-output").first.inner_text()
    assert "".join(output.split()[::2]) == "2013-04-29"
    on_first_screen(page, ".attnviz-output", size, count=1)
    on_first_screen(page, ".st-key-date_alignment .js-plotly-plot", size, count=1)
    page.get_by_role("button", name="Play").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
        ".some(e => e.innerText.startsWith('Step 3 of 10'))",
        timeout=60_000,
    )
    on_first_screen(page, ".attnviz-output", size, count=1)
    on_first_screen(page, ".st-key-date_alignment .js-plotly-plot", size, count=1)
    shot(page, f"presenter-dates-playing-{size[0]}x{size[1]}")


@pytest.mark.parametrize("size", PROJECTOR_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_mechanisms_rows_on_the_first_screen(open_view, server, size):  # noqa: F811
    require_model("sentiment")
    page = open_view(f"{server}/mechanisms?presenter=1", size, ".js-plotly-plot .heatmaplayer")
    assert sidebar_folded(page)
    variants = len(boxes(page, ".attnviz-text"))
    assert variants >= 3
    on_first_screen(page, ".attnviz-compact .attnviz-text", size, count=variants)
    shot(page, f"presenter-mechanisms-{size[0]}x{size[1]}")


@pytest.mark.parametrize("size", PROJECTOR_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_soft_and_hard_matrices_on_the_first_screen(open_view, server, size):  # noqa: F811
    require_model("dates")
    page = open_view(
        f"{server}/soft-vs-hard?presenter=1&date={quote(DATE_20_CHARS)}",
        size,
        ".st-key-svh_hard_alignment .js-plotly-plot .heatmaplayer",
    )
    assert sidebar_folded(page)
    on_first_screen(page, ".st-key-svh_soft_alignment .js-plotly-plot", size, count=1)
    on_first_screen(page, ".st-key-svh_hard_alignment .js-plotly-plot", size, count=1)
    on_first_screen(page, ".st-key-svh_step", size, count=1)  # the step, beside them
    shot(page, f"presenter-soft-vs-hard-{size[0]}x{size[1]}")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
@pytest.mark.parametrize("language", ["en", "zh"])
def test_phone_pages_do_not_scroll_sideways(open_view, server, path, language):  # noqa: F811
    if path in ("sentiment", "mechanisms"):
        require_model("sentiment")
    if path == "dates":
        require_model("dates")
    page = open_view(f"{server}/{path}?lang={language}", PHONE, "[data-testid='stMain'] h1")
    page.wait_for_timeout(2500)  # pages with models draw their figures after loading them
    wait_until_idle(page)
    widths = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]');"
        " return [m.scrollWidth, m.clientWidth, document.documentElement.scrollWidth]; }"
    )
    assert widths[0] <= widths[1] + 1, widths
    assert widths[2] <= PHONE[0] + 1, widths
    shot(page, f"phone-{path or 'home'}-{language}")


def label_boxes(page, chart_key):
    """(bar number boxes, word label boxes, figure box) of one horizontal bar chart."""
    root = f".st-key-{chart_key} .js-plotly-plot"
    return (
        boxes(page, f"{root} .bartext"),
        boxes(page, f"{root} .yaxislayer-above .ytick text"),
        boxes(page, f"{root} .main-svg")[0],
    )


def overlaps(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize(
    "size, language, presenter",
    [((1280, 720), "en", False), ((1920, 1080), "zh", True), ((1366, 900), "zh", False)],
    ids=["1280-en", "1920-zh-presenter", "1366-zh"],
)
def test_signed_top_words_chart_labels_do_not_collide(
    open_view,
    server,  # noqa: F811
    size,
    language,
    presenter,
):
    """Integrated gradients' top-10 chart: numbers inside the figure, clear of the words."""
    require_model("sentiment")
    url = (
        f"{server}/sentiment?method=integrated_gradients&lang={language}"
        f"&text={quote(SIGNED_REVIEW)}" + ("&presenter=1" if presenter else "")
    )
    page = open_view(url, size, ".st-key-sentiment_top_words .bartext")
    page.locator(".st-key-sentiment_top_words").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    numbers, words, figure = label_boxes(page, "sentiment_top_words")
    assert len(numbers) == 10 and len(words) == 10
    for number in numbers:
        assert number["x"] >= figure["x"] - 1, number
        assert number["x"] + number["width"] <= figure["x"] + figure["width"] + 1, number
        for word in words:
            assert not overlaps(number, word), (number, word)
    titles = page.locator(".attnviz-chart-title").all_inner_texts()
    assert titles and all(title.strip() for title in titles)  # drawn as wrapping text
    shot(page, f"signed-top-words-{size[0]}x{size[1]}-{language}")


def test_mechanisms_summary_table_shows_every_column(open_view, server):  # noqa: F811
    require_model("sentiment")
    size = (1366, 900)
    page = open_view(f"{server}/mechanisms", size, "[data-testid='stTable'] table")
    table = page.locator("[data-testid='stTable'] table")
    table.scroll_into_view_if_needed()
    headers = table.locator("th")
    assert headers.count() == 9
    [frame] = boxes(page, "[data-testid='stTable']")
    for box in boxes(page, "[data-testid='stTable'] th"):
        assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1  # no hidden column
    assert page.evaluate(
        "() => { const t = document.querySelector('[data-testid=stTable]');"
        " return [...t.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth + 1); }"
    )
    words = table.locator("tbody tr").first.locator("td").last.inner_text()
    assert len(words.split(", ")) == 5  # "Top 5 words" whole, not cut
    shot(page, "mechanisms-table-1366x900")


def test_long_review_is_shown_whole_with_its_top_words_marked(open_view, server):  # noqa: F811
    require_model("sentiment")
    review = " ".join(["The film is long and the middle drags on and on."] * 25)
    review += " But the ending is absolutely wonderful."
    page = open_view(f"{server}/sentiment?text={quote(review)}", (1366, 900), ".attnviz-token")
    box = page.locator(".attnviz-text").first
    assert box.evaluate("e => e.scrollHeight <= e.clientHeight + 1")  # no inner scroll
    assert box.inner_text().strip() == review  # the ranks are drawn by CSS, not in the text
    ranks = box.locator(".attnviz-top")
    assert ranks.count() == 5
    assert sorted(ranks.evaluate_all("es => es.map(e => e.dataset.rank)")) == list("12345")


def test_palette_and_method_survive_a_language_switch(open_view, server):  # noqa: F811
    """The palette box showed the English label after a switch and fell back to Blues at
    the next click; the chosen method and palette now stay, also after leaving the page."""
    require_model("sentiment")
    page = open_view(
        f"{server}/sentiment?palette=cividis&method=occlusion", (1366, 900), ".attnviz-token"
    )
    palette = page.locator(".st-key-palette input")
    assert palette.input_value() == "Cividis (colour-blind safe)"
    page.locator(".st-key-lang").get_by_text("简体中文").click()
    wait_until_idle(page)
    page.wait_for_timeout(500)
    assert palette.input_value() == "Cividis（色盲友好）"
    page.locator(".st-key-quiz label").click()  # the next click, anywhere
    wait_until_idle(page)
    page.locator(".st-key-quiz label").click()
    wait_until_idle(page)
    assert palette.input_value() == "Cividis（色盲友好）"
    assert "palette=cividis" in page.url and "method=occlusion" in page.url
    page.get_by_text("注意力机制").first.click()
    page.wait_for_selector(".attnviz-compact", timeout=LOAD_TIMEOUT_MS)
    wait_until_idle(page)
    page.get_by_text("情感分析").first.click()
    page.wait_for_selector(".attnviz-token", timeout=LOAD_TIMEOUT_MS)
    wait_until_idle(page)
    assert "method=occlusion" in page.url and "palette=cividis" in page.url
    checked = page.locator(".st-key-method [aria-checked=true]").all_inner_texts()
    assert checked == ["遮挡（逐词删除）"]
