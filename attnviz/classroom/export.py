"""Tables for batch mode and downloads: reading uploaded CSV, writing safe CSV.

Reading (`read_csv_upload`): UTF-8 text (a byte-order mark is allowed), the delimiter
sniffed among comma, semicolon and tab, at most `MAX_COLUMNS` columns (checked on the
header line before the whole file is parsed, so a 400,000-column file is refused at
once) and `MAX_CELL_CHARS` characters per cell. Problems raise `TableError`, whose
`key` and `fields` give the translated message (`t(exc.key, **exc.fields)`).

Writing (`to_csv_bytes`) neutralises spreadsheet formula injection, following OWASP's
"CSV Injection" guidance: a text cell a spreadsheet could read as a formula gets a
leading apostrophe, so Excel or LibreOffice shows it as text instead of running it.
That is a cell whose first character is a tab, carriage return or line feed, or whose
first visible character (after spaces, line breaks and invisible format characters,
compared in NFKC form so the full-width ＝＋－＠｜ count) is one of `FORMULA_TRIGGERS`.
NUL characters are dropped from exported text.
"""

import csv
import io
import unicodedata

import numpy as np
import pandas as pd

# First visible characters that start a formula or a DDE command in a spreadsheet.
FORMULA_TRIGGERS = frozenset("=+-@|")
# Leading characters that are triggers on their own (OWASP: tab and carriage return).
FORMULA_PREFIXES = ("=", "+", "-", "@", "|", "\t", "\r", "\n")
# Uploaded CSVs are read as UTF-8 (a byte-order mark is allowed).
CSV_ENCODING = "utf-8-sig"
# The server refuses larger uploads (`server.maxUploadSize` = 5 MB, counted as 2**20 bytes).
MAX_UPLOAD_BYTES = 5_000_000
# A class's review table has a handful of columns: id, text, stars, name...
MAX_COLUMNS = 50
# Characters in one cell (a long review is about 13,000; the model reads ~4,500).
MAX_CELL_CHARS = 20_000
# Delimiters a spreadsheet saves CSV with: comma, semicolon (European locales), tab.
DELIMITERS = ",;\t"
# How much of the file the delimiter is sniffed from.
SNIFF_CHARS = 64_000


class TableError(ValueError):
    """An uploaded or pasted table cannot be used.

    Attributes:
        key: the translation key of the message ("csv.empty", ...).
        fields: the message's format fields.
    """

    def __init__(self, key, **fields):
        from attnviz.i18n import t

        self.key = key
        self.fields = fields
        super().__init__(t(key, **fields))


def _first_visible(text):
    """The first character of `text` that is not a space, line break or format character."""
    for char in text:
        if not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf", "Zs"):
            return char
    return ""


def is_formula(value):
    """Could a spreadsheet read the text `value` as a formula?"""
    if not value:
        return False
    if value[0] in "\t\r\n":
        return True
    first = unicodedata.normalize("NFKC", _first_visible(value))[:1]
    return first in FORMULA_TRIGGERS


def neutralize_formula(value):
    """`value` with a leading apostrophe if a spreadsheet would read it as a formula."""
    if not isinstance(value, str):
        return value
    value = value.replace("\x00", "")
    return "'" + value if is_formula(value) else value


def neutralize_frame(frame):
    """A copy of `frame` where every text cell (and column name) is neutralised."""
    frame = frame.copy()
    frame.columns = [neutralize_formula(str(c)) for c in frame.columns]
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(neutralize_formula).astype(object)
    return frame


def to_csv_bytes(frame):
    """`frame` as UTF-8 CSV bytes, safe to open in a spreadsheet.

    Lines end in CRLF (RFC 4180), so a cell holding a bare carriage return is quoted
    and cannot split its row.
    """
    return neutralize_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def sniff_delimiter(text):
    """The delimiter of CSV `text`: comma, semicolon or tab (comma when unsure)."""
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS:  # whole lines only
        sample = sample[: sample.rfind("\n") + 1] or sample
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        pass
    header = sample.split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _header(text, delimiter):
    """The first record of `text` (the column names)."""
    try:
        return next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    except csv.Error:
        return []


def read_csv_upload(data, max_bytes=MAX_UPLOAD_BYTES):
    """A DataFrame (all columns as text) from the bytes of an uploaded CSV.

    `frame.attrs["delimiter"]` is the delimiter it was read with.

    Raises:
        TableError: the file is empty, too large, not UTF-8, not CSV, has too many
            columns or too long a cell, or has no rows.
    """
    if not data or not data.strip():
        raise TableError("csv.empty")
    if len(data) > max_bytes:
        raise TableError("csv.too_large", size=len(data) / 1e6, limit=max_bytes / 1e6)
    try:
        text = data.decode(CSV_ENCODING)
    except UnicodeDecodeError as exc:
        raise TableError("csv.not_utf8", byte=exc.start) from exc
    delimiter = sniff_delimiter(text)
    columns = len(_header(text, delimiter))
    if columns > MAX_COLUMNS:
        raise TableError("csv.too_many_columns", count=columns, limit=MAX_COLUMNS)
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, sep=delimiter, engine="c"
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        raise TableError("csv.unreadable", reason=str(exc)[:200]) from exc
    if frame.shape[1] > MAX_COLUMNS:
        raise TableError("csv.too_many_columns", count=frame.shape[1], limit=MAX_COLUMNS)
    if frame.empty:
        raise TableError("csv.no_rows")
    lengths = frame.apply(lambda column: column.str.len()).fillna(0).to_numpy()
    if lengths.size and lengths.max() > MAX_CELL_CHARS:
        row, column = np.unravel_index(int(lengths.argmax()), lengths.shape)
        raise TableError(
            "csv.cell_too_long",
            row=int(row) + 1,
            column=str(frame.columns[column]),
            count=int(lengths.max()),
            limit=MAX_CELL_CHARS,
        )
    frame.attrs["delimiter"] = delimiter
    return frame


def has_letters(texts):
    """Does any of `texts` hold a letter? (A column of ids or numbers does not.)"""
    return any(any(c.isalpha() for c in str(text)) for text in texts)


def split_lines(text):
    """Non-blank lines of pasted text, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def explanation_table(explanation, scores=None):
    """One row per token the model read: position, word as typed, span, weight, OOV.

    `scores` (method name -> one score per token, e.g. `Attributions.scores`) adds
    a column per method other than attention.
    """
    text = explanation.text
    table = pd.DataFrame(
        {
            "position": np.arange(1, len(explanation.tokens) + 1),
            "word": [text[start:end] for start, end in explanation.spans],
            "token": list(explanation.tokens),
            "start": [start for start, _ in explanation.spans],
            "end": [end for _, end in explanation.spans],
            "weight": np.round(np.asarray(explanation.weights, dtype=np.float64), 6),
            "in_vocabulary": [not oov for oov in explanation.oov],
        }
    )
    for method, values in (scores or {}).items():
        if method != "attention":
            table[method] = np.round(np.asarray(values, dtype=np.float64), 6)
    return table


def top_words(words, weights, k=3):
    """The `k` highest-weighted words, highest first."""
    order = np.argsort(-np.asarray(weights, dtype=np.float64), kind="stable")[:k]
    return [words[i] for i in order]


def sentiment_batch_table(model, texts, batch_size=32):
    """Label, P(positive) and the three most attended words of each text.

    Texts with no readable word get an empty label and a NaN probability.
    Uses the model's batched forward pass (one pass per `batch_size` texts of
    similar length).
    """
    from attnviz.models.sentiment import label_of

    texts = [str(t) for t in texts]
    encoded = [model.encode(text) for text in texts]
    labels = [""] * len(texts)
    probabilities = np.full(len(texts), np.nan)
    tops = [""] * len(texts)
    readable = [i for i, (_, ids) in enumerate(encoded) if ids]
    readable.sort(key=lambda i: len(encoded[i][1]))
    for start in range(0, len(readable), batch_size):
        rows = readable[start : start + batch_size]
        probability, weights = model.forward([encoded[i][1] for i in rows])
        for row, p, w in zip(rows, probability, weights):
            tokens, ids = encoded[row]
            words = [texts[row][s:e] for s, e in tokens.spans]
            probabilities[row] = float(p)
            labels[row] = label_of(float(p))
            tops[row] = ", ".join(top_words(words, w[: len(ids)]))
    return pd.DataFrame(
        {
            "text": texts,
            "label": labels,
            "probability": np.round(probabilities, 4),
            "top_words": tops,
        }
    )


def dates_batch_table(converter, lines):
    """Input, output, validity, reason (empty when valid) and calibrated confidence of
    each line, converted in one batch."""
    results = converter.convert_batch(list(lines)) if lines else []
    return pd.DataFrame(
        {
            "input": list(lines),
            "output": [r.output for r in results],
            "valid": [bool(r.valid) for r in results],
            "reason": [r.reason or "" for r in results],
            "confidence": [round(float(r.confidence), 4) for r in results],
        }
    )


def to_json_bytes(data):
    """`data` (dicts, lists, numbers, numpy arrays) as UTF-8 JSON bytes."""
    import json

    def default(value):
        if isinstance(value, np.ndarray):
            return value.tolist()
        if isinstance(value, np.generic):
            return value.item()
        raise TypeError(f"cannot write {type(value).__name__} as JSON")

    return json.dumps(data, ensure_ascii=False, indent=2, default=default).encode("utf-8")


def explanation_json(explanation, model_name="sentiment-additive", scores=None):
    """One review's result as a plain dict: text, label, P(positive), tokens and weights.

    `scores` adds each method's score to every token (see `explanation_table`).
    """
    table = explanation_table(explanation, scores)
    return {
        "model": model_name,
        "text": explanation.text,
        "label": explanation.label,
        "probability_positive": round(float(explanation.probability), 6),
        "truncated": bool(explanation.truncated),
        "tokens": table.to_dict(orient="records"),
    }


def alignment_table(result):
    """The alignment matrix in long form: one row per (output step, input character)."""
    rows = []
    for i, out_char in enumerate(result.output_chars):
        for j, in_char in enumerate(result.input_chars):
            rows.append(
                {
                    "output_step": i + 1,
                    "output_char": out_char,
                    "input_position": j + 1,
                    "input_char": in_char,
                    "weight": round(float(result.alignment[i, j]), 6),
                }
            )
    return pd.DataFrame(rows)


def conversion_json(result, task):
    """One date/time conversion as a plain dict, with the alignment matrix as nested lists."""
    return {
        "task": task,
        "input": "".join(result.input_chars),
        "output": result.output,
        "valid": bool(result.valid),
        "reason": result.reason,
        "confidence": round(float(result.confidence), 6),
        "input_chars": list(result.input_chars),
        "output_chars": list(result.output_chars),
        "char_probabilities": np.round(np.asarray(result.char_probabilities, float), 6).tolist(),
        "alignment": np.round(np.asarray(result.alignment, dtype=np.float64), 6).tolist(),
    }
