"""Whatever students type or upload: a clear message, no exception, and the session goes on.

Under AppTest, through the real widgets (by key). Each test sends one bad input, checks
the page answers it calmly, then sends a normal input in the same session and checks
that still works. Cases already in tests/test_app.py (empty and whitespace-only text,
emoji, punctuation only, HTML and markdown injection, a 500-character date, CSVs that
are empty, header-only, not UTF-8 or have a words-free column) are not repeated here.
"""

import csv
import io

import pytest

from attnviz.i18n import t
from tests.conftest import require_model

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
    """The box keeps its first 10,000 characters and says so; the model reads 800 words."""
    from app_pages.shared import MAX_REVIEW_CHARS

    at = explain(sentiment_page, TEXTS["one_megabyte"])
    captions = [c.value for c in at.caption]
    assert any("first" in c for c in captions), captions
    assert any(t("common.max_chars", cap=MAX_REVIEW_CHARS) in c for c in captions), captions
    assert len(at.text_area(key="review_text").value) == MAX_REVIEW_CHARS


# ----------------------------------------------------------------------- dates


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_dates_odd_text(dates_page, name):
    at = convert(dates_page, TEXTS[name])
    if "attnviz-output" not in html_text(at):  # nothing the model reads: say so
        assert [w.value for w in at.warning] == [t("common.empty")], name
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


def test_formula_cells_are_exported_as_text_with_the_other_columns(sentiment_page, monkeypatch):
    """Every OWASP payload, uploaded, comes back in the download as text; id and stars kept."""
    from tests.test_export import FORMULAS, spreadsheet_would_run

    downloads = Downloads(monkeypatch)
    payloads = [f"{FORMULAS[name]} great film" for name in sorted(FORMULAS)]
    rows = [["id", "text", "stars"]]
    rows += [[str(100 + i), text, str(i % 5 + 1)] for i, text in enumerate(payloads)]
    rows.append(["999", "A plain review that stays as it is.", "=1+1"])
    content = io.StringIO()
    csv.writer(content, delimiter=";").writerows(rows)
    at = upload(sentiment_page, content.getvalue().encode())
    assert len(results_frame(at)) == len(rows) - 1
    data = downloads.of(at.download_button(key="batch_download"))
    header, *exported = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert header[:3] == ["id", "text", "stars"]
    assert {"label", "probability", "top_words"} <= set(header)
    assert [row[0] for row in exported] == [row[0] for row in rows[1:]]  # ids, in order
    assert [row[2] for row in exported[:-1]] == [row[2] for row in rows[1:-1]]  # stars
    for row, payload in zip(exported, payloads):
        cleaned = payload.replace("\x00", "")
        assert row[1] == ("'" + cleaned if spreadsheet_would_run(cleaned) else cleaned)
    for cell in (c for row in exported for c in row):
        assert not spreadsheet_would_run(cell), repr(cell)
    assert exported[-1][1] == "A plain review that stays as it is."
    assert exported[-1][2] == "'=1+1"


def test_an_upload_is_parsed_once(sentiment_page, monkeypatch):
    from attnviz.classroom import export

    calls = []
    original = export.read_csv_upload

    def counting(data, *args, **kwargs):
        calls.append(len(data))
        return original(data, *args, **kwargs)

    monkeypatch.setattr(export, "read_csv_upload", counting)
    at = upload(sentiment_page, b"id,text\n1,A lovely film.\n2,Dull.\n")
    for _ in range(3):
        at.run()
    at.selectbox(key="batch_column").set_value("text").run()
    assert len(results_frame(at)) == 2
    assert len(calls) == 1, calls
    at = upload(at, b"id,text\n1,Another film entirely.\n", name="other.csv")
    assert len(calls) == 2 and len(results_frame(at)) == 1


def test_a_very_wide_csv_is_refused_at_once(sentiment_page):
    """400,000 columns (3.9 MB): a clear message from the header, and the page goes on."""
    from attnviz.classroom.export import MAX_COLUMNS

    columns = 400_000
    wide = ",".join(f"c{i}" for i in range(columns)) + "\n" + "x," * (columns - 1) + "x\n"
    at = upload(sentiment_page, wide.encode(), name="wide.csv")
    assert results_frame(at) is None
    assert [e.value for e in at.error] == [
        t("csv.too_many_columns", count=columns, limit=MAX_COLUMNS)
    ]
    at = upload(at, b"text\nA lovely film.\n", name="small.csv")
    assert len(results_frame(at)) == 1


def test_a_semicolon_csv_is_read_and_said_so(sentiment_page):
    at = upload(sentiment_page, b"id;text\n1;Great, really great.\n2;Awful, dull.\n")
    assert len(results_frame(at)) == 2
    said = t("csv.delimiter", delimiter=t("csv.delimiter.semicolon"))
    assert said in [c.value for c in at.caption]


def test_fifty_megabyte_csv_is_refused_with_a_message(sentiment_page):
    big = b"text\n" + b"a fine film\n" * (50_000_000 // 12)
    at = upload(sentiment_page, big)
    assert results_frame(at) is None
    assert any("limit" in e.value and "MB" in e.value for e in at.error)
    at = upload(at, b"text\nA lovely film.\nDull.\n", name="small.csv")
    assert len(results_frame(at)) == 2


def test_the_upload_limit_is_where_the_page_says(sentiment_page):
    """Just under the limit is read; one byte over it gets the size message."""
    from attnviz.classroom.export import MAX_UPLOAD_BYTES

    row = "A fine film," + "p" * 9_987 + "\n"  # 10,000 bytes: short text, long padding
    under = "text,padding\n" + row * (MAX_UPLOAD_BYTES // len(row) - 1)
    at = upload(sentiment_page, under.encode(), name="under.csv")
    assert not at.error, [e.value for e in at.error]
    assert len(results_frame(at)) == min(len(under.splitlines()) - 1, 500)
    over = under + "x" * (MAX_UPLOAD_BYTES + 1 - len(under))
    at = upload(at, over.encode(), name="over.csv")
    assert [e.value for e in at.error] == [
        t("csv.too_large", size=(MAX_UPLOAD_BYTES + 1) / 1e6, limit=MAX_UPLOAD_BYTES / 1e6)
    ]


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


# ---------------------------------------------------------------- hostile links

A101 = "app_pages/attention101.py"
NINES = "9" * 5000


def captions(at):
    return [c.value for c in at.caption]


@pytest.mark.parametrize(
    ("page", "query", "name"),
    [
        (DATES, {"step": "\u00b2"}, "step"),
        (A101, {"seed": "\u00b2"}, "seed"),
        (A101, {"dim": "\u00b2"}, "dim"),
        (A101, {"q": "nan,nan"}, "q"),
        (A101, {"temperature": "inf"}, "temperature"),
        (A101, {"scoring": "<script>"}, "scoring"),
        (SENTIMENT, {"method": "[x](https://evil.example)"}, "method"),
    ],
)
def test_a_bad_link_value_gets_the_default_and_a_note(app, page, query, name):
    if page != A101:
        require_model("dates" if page == DATES else "sentiment")
    app.query_params.update(query)
    at = open_page(app, page)
    from app_pages.components.linkstate import Note, note_text
    from attnviz.i18n import translator

    expected = note_text(Note(name, "invalid", ""), translator("en"))
    assert any(expected in c for c in captions(at)), captions(at)
    text = " ".join(captions(at) + [m.value for m in at.markdown] + [h.value for h in at.html])
    assert "nan" not in text.lower().replace("nano", "")
    assert "evil.example" not in text


@pytest.mark.parametrize(
    ("page", "query", "key", "value"),
    [
        (DATES, {"step": NINES}, "date_slider", None),
        (A101, {"column": NINES}, "fa_column", 7),
        (A101, {"temperature": "1e300"}, "a101_temperature", None),
    ],
)
def test_a_huge_number_in_a_link_is_clamped_with_a_note(app, page, query, key, value):
    if page == DATES:
        require_model("dates")
    app.query_params.update(query)
    at = open_page(app, page)
    [name] = query
    assert any(f"“{name}”" in c and "range" in c for c in captions(at)), captions(at)
    if value is not None:
        assert at.selectbox(key=key).value == value
    assert at.query_params.get(name) != query[name]  # the link now holds the clamped value


def test_markdown_in_attention101_tokens_is_shown_as_text(app):
    """The audit's link: five links to another site inside the explanation text before."""
    from tests.page_elements import all_markdown
    from tests.safety import outside_references

    app.query_params["tokens"] = "[Log_in_again](https://evil.example/phish) " * 3
    at = open_page(app, A101)
    assert outside_references(all_markdown(at)) == []
    app2 = at
    app2.text_input(key="a101_tokens").set_value("![x](https://evil.example/pixel.png) a b").run()
    assert not app2.exception
    assert outside_references(all_markdown(app2)) == []
    assert "evil\\.example" in all_markdown(app2)  # shown, escaped
