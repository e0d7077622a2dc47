"""The whole path in a real browser: `streamlit run app.py` driven by headless Chromium.

Types a review and waits for highlighted words, types a messy date and waits for
the heatmap, checks injection strings never execute, and checks every page renders
completely with every request to another origin blocked (a classroom behind a
firewall). Screenshots go to a temporary folder; `pytest --update-screenshots` (or
ATTNVIZ_UPDATE_SCREENSHOTS=1) writes the README's docs/screenshots/ instead.
Skips (with the reason) where the playwright package, Debian's chromium or a
shipped model is missing, except in CI (CI=true), where a missing browser fails.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from attnviz.models.text import tokenize
from tests.conftest import PROJECT_DIR, require_model

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
README_SCREENSHOTS = PROJECT_DIR / "docs" / "screenshots"
# A projector's 16:9: the README's screenshots are taken at this size.
VIEWPORT = {"width": 1280, "height": 720}
# The first visit loads (and compiles) a model; allow for a busy machine.
LOAD_TIMEOUT_MS = 180_000
# The height of the page's scrolling content, so a screenshot can hold all of it.
CONTENT_HEIGHT_JS = """() => {
  let height = 0;
  for (const el of document.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 5)
      height = Math.max(height, el.scrollHeight);
  }
  return height;
}"""


SECOND_REVIEWS = [
    "Dreadful. I want my money back.",
    "A gentle, funny film with a terrific cast, though it runs a little long.",
    "The effects are cheap and the story is predictable, yet the actors clearly had fun.",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def missing(reason):
    """Skip for `reason`, or fail in CI (CI=true), where the browser tests must run."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI=true: the browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright import sync_api
    except ImportError:
        missing("the playwright python package is not installed")
    if not CHROMIUM.is_file():
        missing(f"{CHROMIUM} is absent: install Debian's chromium package")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


SERVER_LOGS = {}  # url -> the server's log file


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    """`streamlit run app.py` on a free port; stopped (by its process id) at the end."""
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "app.py",
                "--server.headless", "true",
                "--server.port", str(port),
                "--server.address", "127.0.0.1",
                "--server.fileWatcherType", "none",
                "--browser.gatherUsageStats", "false",
            ],
            cwd=PROJECT_DIR,
            env={**os.environ, "ATTNVIZ_PRELOAD": "1"},  # as in production (conftest sets 0)
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def stop():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    request.addfinalizer(stop)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    SERVER_LOGS[url] = log
                    return url
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"streamlit did not answer on {url} within 60 s:\n{log.read_text()}")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


def wait_until_idle(page):
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    page.wait_for_timeout(300)


@pytest.fixture(scope="session")
def screenshot_folder(request, tmp_path_factory):
    """docs/screenshots/ when asked to update them, else a temporary folder."""
    update = request.config.getoption("--update-screenshots") or os.environ.get(
        "ATTNVIZ_UPDATE_SCREENSHOTS", ""
    ) not in ("", "0")
    return README_SCREENSHOTS if update else tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def screenshot(screenshot_folder):
    def take(page, name):
        return save_screenshot(page, screenshot_folder, name)

    return take


def save_screenshot(page, folder, name):
    """Save the whole page (all scrolled content) as <folder>/<name>.png."""
    page.mouse.move(0, 0)
    height = max(VIEWPORT["height"], page.evaluate(CONTENT_HEIGHT_JS) + 40)
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    page.wait_for_timeout(1500)  # let Plotly resize to the new viewport
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(VIEWPORT)
    return path


def server_timing(page):
    """The server-side milliseconds shown in the Timing expander."""
    page.get_by_text("Timing (server side)").click()
    text = page.locator("[data-testid='stExpanderDetails']").last.inner_text()
    return float(text.split("page:")[1].split("ms")[0].strip())


def submit_review(page, server, review):
    page.goto(f"{server}/sentiment")
    page.wait_for_selector(".attnviz-token", timeout=LOAD_TIMEOUT_MS)
    wait_until_idle(page)
    box = page.get_by_label("Your review")
    box.fill(review)
    page.get_by_role("button", name="Explain", exact=True).click()
    page.wait_for_function(
        "text => document.querySelector('.attnviz-text')?.innerText.includes(text)",
        arg=review.split()[-1],
        timeout=60_000,
    )
    wait_until_idle(page)


def test_models_load_when_the_server_starts_before_any_browser(server):
    """app.py is served as an st.App whose lifespan starts the preloader (no visit needed).

    The first test of the module: no browser has opened a page yet.
    """
    log = SERVER_LOGS[server]
    deadline = time.monotonic() + LOAD_TIMEOUT_MS / 1000
    while "models ready" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(1)
    text = log.read_text()
    assert "models ready" in text, text
    assert "Traceback" not in text


def test_sentiment_highlights_words(page, server, screenshot):
    require_model("sentiment")
    review = (
        "The first half drags and the dialogue is clumsy, but the final act is wonderful: "
        "I left the cinema smiling and I loved the soundtrack."
    )
    submit_review(page, server, review)
    tokens = page.locator(".attnviz-token")
    assert tokens.count() == len(tokenize(review).words)
    assert page.locator(".attnviz-text").inner_text().strip() == review
    assert "attention weight" in tokens.first.get_attribute("title")
    assert page.locator(".js-plotly-plot").count() == 3
    screenshot(page, "sentiment")
    timings = [server_timing(page)]
    for review in SECOND_REVIEWS:
        submit_review(page, server, review)
        timings.append(server_timing(page))
    # Printed for the record only: speed is measured by benchmarks/bench.py.
    print(f"sentiment: server-side ms from submit to rendered result: {timings}")
    assert not page.dialogs


def test_compare_methods_and_click_a_bar_to_remove_its_word(page, server, screenshot):
    """The four methods side by side; a click on a word's bar deletes it and re-runs."""
    require_model("sentiment")
    from urllib.parse import quote

    review = "the story is thin and the jokes are stale, but the cast is wonderful"
    page.goto(f"{server}/sentiment?method=compare&text={quote(review)}")
    page.wait_for_function(
        "() => document.querySelectorAll('.attnviz-text').length === 4", timeout=LOAD_TIMEOUT_MS
    )
    wait_until_idle(page)
    words = tokenize(review).words
    assert page.locator(".attnviz-token").count() == 4 * len(words)
    assert page.get_by_text("Does attention agree with the other methods?").count() == 1
    screenshot(page, "compare")
    page.get_by_role("radio", name="Attention", exact=True).click()
    page.wait_for_function(
        "() => document.querySelectorAll('.attnviz-text').length === 1", timeout=60_000
    )
    wait_until_idle(page)
    # The word chart is the second Plotly figure (after the P(positive) gauge).
    bars = page.locator(".js-plotly-plot").nth(1).locator(".point path")
    assert bars.count() == len(words)
    bars.first.scroll_into_view_if_needed()
    boxes = [bars.nth(i).bounding_box() for i in range(bars.count())]
    tallest = max(range(len(boxes)), key=lambda i: boxes[i]["height"])
    box = boxes[tallest]
    # Plotly's drag layer sits over the bars and turns a click there into a point click.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "word => [...document.querySelectorAll('[data-testid=stMetricLabel]')]"
        ".some(e => e.innerText.includes(word))",
        arg=f"without \u201c{words[tallest]}\u201d",
        timeout=60_000,
    )
    wait_until_idle(page)
    assert page.locator(".attnviz-text").count() == 3  # the review, then before and after
    screenshot(page, "remove-word")
    assert not page.dialogs


@pytest.mark.parametrize(
    "review",
    [
        "<script>alert(1)</script> the worst film I have seen",
        "<img src=x onerror=alert(1)> a lovely film",
        "<svg onload=alert(1)> [click](javascript:alert(1)) **not bold** great",
    ],
)
def test_injection_is_shown_as_text(page, server, review):
    require_model("sentiment")
    submit_review(page, server, review)
    assert page.locator(".attnviz-text").inner_text().strip() == review
    assert page.locator(".attnviz-text img, .attnviz-text script, .attnviz-text svg").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.wait_for_timeout(500)
    assert not page.dialogs, page.dialogs


def test_dates_alignment_heatmap(page, server, screenshot):
    require_model("dates")
    page.goto(f"{server}/dates")
    page.wait_for_selector(".js-plotly-plot", timeout=LOAD_TIMEOUT_MS)
    wait_until_idle(page)
    page.get_by_label("A messy date").fill("the 4th of july, '76")
    page.get_by_role("button", name="Convert").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.attnviz-chars')].some("
        "e => e.innerText.replace(/\\s/g, '').startsWith('the\u24234th'))",
        timeout=60_000,
    )
    wait_until_idle(page)
    output = page.locator(".attnviz-output").first.inner_text()
    assert "".join(output.split()[::2]) == "1976-07-04"  # characters, not their probabilities
    assert page.locator(".js-plotly-plot .heatmaplayer").count() == 1
    # Step to the month's "7": the step view and the outlined row move to "july".
    page.get_by_role("slider").first.focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
        ".some(e => e.innerText.startsWith('Step 7 of 10'))",
        timeout=30_000,
    )
    wait_until_idle(page)
    screenshot(page, "dates")
    print(f"dates: server-side {server_timing(page):.0f} ms from submit to rendered result")
    assert not page.dialogs


def test_dates_chinese_date_and_a_refusal(page, server, screenshot):
    """A Chinese date in the Chinese UI: its characters label the alignment matrix in a CJK
    font; then a non-date is refused with the translated reason, alignment still drawn."""
    require_model("dates")
    from attnviz import load_date_model

    if "rejection" not in load_date_model().card:
        pytest.skip("pretrained/dates.keras predates Chinese dates and rejection: retrain it")
    text = "二〇二一年三月四日 星期四"
    page.goto(f"{server}/dates?lang=zh&text={urllib.parse.quote(text)}")
    page.wait_for_selector(".js-plotly-plot .heatmaplayer", timeout=LOAD_TIMEOUT_MS)
    wait_until_idle(page)
    output = page.locator(".attnviz-output").first.inner_text()
    assert "".join(output.split()[::2]) == "2021-03-04"
    ticks = page.locator(".js-plotly-plot .xtick text").evaluate_all(
        "elements => elements.map(e => e.textContent)"
    )
    assert "〇" in ticks and "年" in ticks
    family = page.locator(".js-plotly-plot .xtick text").first.evaluate(
        "e => getComputedStyle(e).fontFamily"
    )
    assert "Noto Sans CJK SC" in family
    # The glyphs are drawn (a tick label as wide as a CJK character, not an empty box).
    width = page.locator(".js-plotly-plot .xtick text").nth(1).evaluate("e => e.getBBox().width")
    assert width > 8
    screenshot(page, "dates-chinese")
    page.get_by_label("随意写法的日期").fill("banana")
    page.get_by_role("button", name="转换").click()
    page.wait_for_function(
        "() => document.body.innerText.includes('这看起来不像日期')", timeout=60_000
    )
    wait_until_idle(page)
    assert page.locator(".js-plotly-plot .heatmaplayer").count() >= 1
    screenshot(page, "dates-refused")
    assert not page.dialogs


def test_mechanisms_side_by_side_and_head_selector(page, server, screenshot):
    """Four models on one review; choosing a head redraws the self-attention map."""
    require_model("sentiment")
    page.goto(f"{server}/mechanisms")
    page.wait_for_selector(".js-plotly-plot .heatmaplayer", timeout=LOAD_TIMEOUT_MS)
    wait_until_idle(page)
    from attnviz.models.sentiment import VARIANTS, model_stem

    shipped = [
        v for v in VARIANTS if (PROJECT_DIR / "pretrained" / f"{model_stem(v)}.keras").is_file()
    ]
    assert page.locator(".attnviz-text").count() == len(shipped)  # the k-word reader is not one
    if (PROJECT_DIR / "pretrained" / "sentiment-multi_head.keras").is_file():
        page.get_by_role("radio", name="Head 2", exact=True).click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.attnviz-chart-title')]"
            ".some(e => e.textContent.includes('Head 2'))",
            timeout=60_000,
        )
        wait_until_idle(page)
    screenshot(page, "mechanisms")
    assert not page.dialogs


def test_attention101_explainer(page, server, screenshot):
    page.goto(f"{server}/attention-101")
    page.wait_for_selector(".js-plotly-plot", timeout=LOAD_TIMEOUT_MS)
    wait_until_idle(page)
    assert page.locator(".katex").count() >= 4  # the formulas are typeset
    # scores, weights, sum, soft-to-hard, heads
    assert page.locator(".js-plotly-plot").count() == 5
    page.get_by_role("button", name="Train").click()
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot').length === 6", timeout=120_000
    )
    wait_until_idle(page)
    assert page.get_by_text("the model found the column that carries the label").count() == 1
    screenshot(page, "attention101")
    assert not page.dialogs


def test_chinese_ui(page, server, screenshot):
    require_model("sentiment")
    page.goto(f"{server}/sentiment?lang=zh")
    page.wait_for_selector(".attnviz-token", timeout=LOAD_TIMEOUT_MS)
    wait_until_idle(page)
    assert page.get_by_role("heading", name="情感分析：模型在看哪些词？").count() == 1
    assert page.get_by_label("你的影评（英文）").count() == 1
    assert page.locator(".attnviz-verdict").inner_text() in ("正面", "负面")
    assert page.get_by_text("首页").count() >= 1  # the navigation is translated too
    screenshot(page, "chinese")


def test_shared_link_in_presenter_mode(page, server, screenshot):
    """A link with the settings and the view opens exactly that view, in presenter mode."""
    require_model("times")
    page.goto(
        f"{server}/dates?task=time&text=quarter%20to%20nine%20pm&step=2&presenter=1&palette=cividis"
    )
    page.wait_for_selector(".js-plotly-plot .heatmaplayer", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
        ".some(e => e.innerText.startsWith('Step 2 of 5'))",
        timeout=60_000,
    )
    wait_until_idle(page)
    size = page.evaluate("() => getComputedStyle(document.documentElement).fontSize")
    assert size == "22px"
    assert page.get_by_label("A messy time").input_value() == "quarter to nine pm"
    assert "20:45" in "".join(page.locator(".attnviz-output").first.inner_text().split()[::2])
    screenshot(page, "presenter")


# Every page, and what it shows once it has rendered completely.
PAGES = {
    "": ".stPageLink, [data-testid='stPageLink']",
    "attention-101": ".js-plotly-plot .main-svg",
    "sentiment": ".attnviz-token",
    "mechanisms": ".js-plotly-plot .heatmaplayer",
    "dates": ".js-plotly-plot .heatmaplayer",
    "model-cards": ".js-plotly-plot .main-svg",
}
# Fonts, icons and figures loaded (all served by the app itself).
RENDERED_JS = """() => ({
  fonts: document.fonts.status,
  fontFaces: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family),
  failedFonts: [...document.fonts].filter(f => f.status === 'error').map(f => f.family),
  icons: [...document.querySelectorAll('[data-testid=stIconMaterial]')].length,
  iconWidth: Math.max(0, ...[...document.querySelectorAll('[data-testid=stIconMaterial]')]
    .map(e => e.getBoundingClientRect().width)),
  plots: document.querySelectorAll('.js-plotly-plot .main-svg').length,
  brokenImages: [...document.images].filter(i => i.complete && i.naturalWidth === 0).length,
})"""


@pytest.mark.parametrize("path", sorted(PAGES))
def test_every_page_renders_offline(browser, server, path, screenshot_folder):
    """Requests to any other origin are blocked: the page must not need (or make) them."""
    from urllib.parse import urlsplit

    if path in ("sentiment", "mechanisms"):
        require_model("sentiment")
    if path == "dates":
        require_model("dates")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(server))
    elsewhere, failed = [], []
    context = browser.new_context(viewport=VIEWPORT)

    def route(request_route):
        url = request_route.request.url
        if url.startswith(origin + "/") or url == origin or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            elsewhere.append(url)
            request_route.abort("blockedbyclient")

    context.route("**/*", route)
    context.on(
        "requestfailed",
        lambda request: failed.append(request.url) if request.url.startswith(origin) else None,
    )
    page = context.new_page()
    try:
        page.goto(f"{server}/{path}")
        # The first visit of the mechanisms page loads four models: allow for that.
        page.wait_for_selector(PAGES[path], state="attached", timeout=2 * LOAD_TIMEOUT_MS)
        wait_until_idle(page)
        if path:  # every page but Home draws a figure; the sentiment page's comes after its text
            page.wait_for_selector(".js-plotly-plot", state="attached", timeout=60_000)
            wait_until_idle(page)
        page.evaluate("() => document.fonts.ready")
        state = page.evaluate(RENDERED_JS)
        save_screenshot(page, screenshot_folder, f"offline-{path or 'home'}")
    finally:
        context.close()
    assert not elsewhere, f"requests to other origins: {elsewhere}"
    assert not failed, f"requests that failed: {failed}"
    assert state["fonts"] == "loaded" and not state["failedFonts"], state
    assert state["brokenImages"] == 0, state
    # Material icons draw as one glyph (about 1 em), not as their name spelled out.
    if state["icons"]:
        assert state["iconWidth"] < 40, state
        assert any("Material" in family for family in state["fontFaces"]), state
    if path != "":
        assert state["plots"] >= 1, state


def test_soft_vs_hard_page(page, server, tmp_path):
    """Both matrices, 20 sampled paths and their frequencies, k words marked; a
    screenshot goes to a temporary folder."""
    for name in ("dates-hard.keras", "sentiment-kreader.keras"):
        if not (PROJECT_DIR / "pretrained" / name).is_file():
            pytest.skip(f"pretrained/{name} is absent")
    page.goto(f"{server}/soft-vs-hard?seed=5")
    page.wait_for_selector(".js-plotly-plot .heatmaplayer", timeout=LOAD_TIMEOUT_MS)
    wait_until_idle(page)
    assert page.locator(".js-plotly-plot .heatmaplayer").count() == 2
    page.get_by_role("button", name="Sample 20 more").click()
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot').length === 3", timeout=60_000
    )
    wait_until_idle(page)
    assert "paths=20" in page.url and "seed=5" in page.url
    assert page.locator(".katex").count() >= 4
    chosen = page.locator(".attnviz-text").first.locator("[data-weight='1.000000']")
    assert chosen.count() == 3  # k = 3 by default
    page.set_viewport_size(
        {"width": VIEWPORT["width"], "height": page.evaluate(CONTENT_HEIGHT_JS) + 40}
    )
    page.wait_for_timeout(1500)
    path = tmp_path / "soft-vs-hard.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 50_000
    assert not page.dialogs
