"""CSV in and out: formula injection neutralised, uploads checked, batch tables."""

import io

import numpy as np
import pandas as pd
import pytest

from attnviz.classroom import export


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+cmd", "'+cmd"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("fine = ok", "fine = ok"),
        ("", ""),
        (-2.5, -2.5),
        (None, None),
    ],
)
def test_neutralize_formula(value, expected):
    assert export.neutralize_formula(value) == expected


def test_csv_bytes_are_safe_to_open_in_a_spreadsheet():
    frame = pd.DataFrame(
        {"=HYPERLINK(1)": ["=cmd|' /C calc'!A0", "plain", "@x"], "n": [-1.5, 2.0, 3.0]}
    )
    data = export.to_csv_bytes(frame)
    back = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    assert list(back.columns) == ["'=HYPERLINK(1)", "n"]
    assert list(back.iloc[:, 0]) == ["'=cmd|' /C calc'!A0", "plain", "'@x"]
    assert list(back["n"]) == ["-1.5", "2.0", "3.0"]  # numbers stay numbers
    assert frame.iloc[0, 0] == "=cmd|' /C calc'!A0"  # the input frame is not changed


def test_read_csv_upload():
    frame = export.read_csv_upload('\ufefftext,id\n"a, b",1\n'.encode())
    assert list(frame.columns) == ["text", "id"]
    assert frame.iloc[0, 0] == "a, b"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n ", "empty"),
        (b"text\n", "no rows"),
        ("text\ncaf\u00e9\n".encode("latin-1"), "not UTF-8"),
        (b"a\n" + b"x" * 200, "limit"),
    ],
)
def test_read_csv_upload_errors(data, message):
    with pytest.raises(export.TableError, match=message):
        export.read_csv_upload(data, max_bytes=100)


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
