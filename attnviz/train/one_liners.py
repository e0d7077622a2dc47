"""The hand-written one-line review development set and accuracy per kind of sentence.

`tests/data/one_liners_dev.tsv` (text, label, category) was written for this project,
in its own words: plain praise and complaints, negation, contrast, expectation,
idioms and one-word verdicts. Training selects on it and the model cards report it.
"""

import csv
from pathlib import Path

import numpy as np

DEV_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "one_liners_dev.tsv"


def read_dev_set(path=DEV_SET):
    """`(text, label, category)` rows, label 1 for positive."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r["text"], int(r["label"] == "positive"), r["category"]) for r in rows]


def accuracy(probabilities, labels):
    """Share of P(positive) on the right side of 0.5."""
    return float(np.mean((np.asarray(probabilities) >= 0.5) == (np.asarray(labels) == 1)))


def per_category(rows, probabilities):
    """{"all": accuracy, category: accuracy, ...} for `(text, label, category)` rows."""
    probabilities = np.asarray(probabilities)
    result = {"all": accuracy(probabilities, [r[1] for r in rows])}
    for category in dict.fromkeys(r[2] for r in rows):
        idx = [i for i, r in enumerate(rows) if r[2] == category]
        result[category] = accuracy(probabilities[idx], [rows[i][1] for i in idx])
    return result


def dev_report(model, path=DEV_SET):
    """The model card's `dev_one_liners` entry for a `SentimentModel`."""
    rows = read_dev_set(path)
    probabilities = model.predict_proba([r[0] for r in rows])
    return {
        "file": "tests/data/one_liners_dev.tsv",
        "sentences": len(rows),
        "accuracy": per_category(rows, probabilities),
    }
