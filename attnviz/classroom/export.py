"""Tables for batch mode and downloads: reading uploaded CSV, writing safe CSV.

`to_csv_bytes` neutralises spreadsheet formula injection: a text cell starting
with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so
Excel or LibreOffice shows it as text instead of running it (OWASP "CSV
Injection").
"""

import io

import numpy as np
import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Uploaded CSVs are read as UTF-8 (a byte-order mark is allowed).
CSV_ENCODING = "utf-8-sig"


class TableError(ValueError):
    """An uploaded or pasted table cannot be used; the message says why."""


def neutralize_formula(value):
    """`value` with a leading apostrophe if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralize_frame(frame):
    """A copy of `frame` where every text cell (and column name) is neutralised."""
    frame = frame.copy()
    frame.columns = [neutralize_formula(str(c)) for c in frame.columns]
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(neutralize_formula).astype(object)
    return frame


def to_csv_bytes(frame):
    """`frame` as UTF-8 CSV bytes, safe to open in a spreadsheet."""
    return neutralize_frame(frame).to_csv(index=False).encode("utf-8")


def read_csv_upload(data, max_bytes=5_000_000):
    """A DataFrame (all columns as text) from the bytes of an uploaded CSV.

    Raises:
        TableError: the file is empty, too large, not UTF-8, not CSV, or has no rows.
    """
    if not data or not data.strip():
        raise TableError("The file is empty.")
    if len(data) > max_bytes:
        raise TableError(
            f"The file is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB."
        )
    try:
        text = data.decode(CSV_ENCODING)
    except UnicodeDecodeError as exc:
        raise TableError(
            f"The file is not UTF-8 text (byte {exc.start} cannot be read). "
            "Save it as 'CSV UTF-8' and upload it again."
        ) from exc
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise TableError(f"The file could not be read as CSV ({exc}).") from exc
    if frame.empty:
        raise TableError("The file has a header but no rows.")
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
    """Input, output and validity of each line, converted in one batch."""
    results = converter.convert_batch(list(lines)) if lines else []
    return pd.DataFrame(
        {
            "input": list(lines),
            "output": [r.output for r in results],
            "valid": [bool(r.valid) for r in results],
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
        "input_chars": list(result.input_chars),
        "output_chars": list(result.output_chars),
        "char_probabilities": np.round(np.asarray(result.char_probabilities, float), 6).tolist(),
        "alignment": np.round(np.asarray(result.alignment, dtype=np.float64), 6).tolist(),
    }
