"""The hand-written one-line review development set and accuracy per kind of sentence.

`tests/data/one_liners_dev.tsv` (text, label, category) was written for this project,
in its own words: plain praise and complaints, negation, contrast, expectation,
idioms and one-word verdicts. Training selects on it and the model cards report it.
"""

import csv
from pathlib import Path

import numpy as np

DEV_SET = Path(__file__).resolve().parents[2] / "tests" / "data" / "one_liners_dev.tsv"
# Critic-style snippets (one or two clauses, 5-20 words, richer vocabulary than the
# one-liners), 60 positive and 60 negative, written for this project: measured, never trained on.
SNIPPET_SET = DEV_SET.with_name("snippets_dev.tsv")
# 120 more one-liners (20 per category, none in the development set), written after every
# shipped model was chosen: never selected on, so they estimate how the dev-set figures
# carry over to sentences nobody tuned for.
HOLDOUT_SET = DEV_SET.with_name("one_liners_holdout.tsv")
# Written on 2026-12-03, after the shipped models were chosen, in other words again (a
# fresh hold-out: the first one had been looked at for two candidate recipes):
# 131 one-liners (25 plain, 26 negation, 20 for each other category, half positive), and
# 100 harder critic-style snippets (irony, understatement, figures of speech: "a handsome
# production in search of a pulse"). Never trained or selected on.
HOLDOUT2_SET = DEV_SET.with_name("one_liners_holdout2.tsv")
SNIPPET_HOLDOUT_SET = DEV_SET.with_name("snippets_holdout.tsv")
# card key -> hand-written set, as `sentiment-dev` measures them into the card
MEASURED_SETS = {
    "dev_one_liners": DEV_SET,
    "dev_snippets": SNIPPET_SET,
    "holdout_one_liners": HOLDOUT_SET,
    "holdout2_one_liners": HOLDOUT2_SET,
    "holdout_snippets": SNIPPET_HOLDOUT_SET,
}


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
    """The model card's `dev_one_liners` (or, with `SNIPPET_SET`, `dev_snippets`) entry."""
    rows = read_dev_set(path)
    probabilities = model.predict_proba([r[0] for r in rows])
    return {
        "file": f"tests/data/{Path(path).name}",
        "sentences": len(rows),
        "accuracy": per_category(rows, probabilities),
    }


def add_arguments(parser):
    from attnviz.models.paths import PRETRAINED_DIR
    from attnviz.models.sentiment import DEFAULT_VARIANT, VARIANTS

    parser.add_argument("--variant", default=DEFAULT_VARIANT, choices=VARIANTS)
    parser.add_argument("--folder", default=str(PRETRAINED_DIR), help="folder of the model")


def run(args):
    """`python -m attnviz.train sentiment-dev`: measure the hand-written sets into the card."""
    import json

    from attnviz.models.sentiment import load_sentiment_model, model_stem
    from attnviz.train.common import write_card

    model = load_sentiment_model(args.folder, variant=args.variant)
    card = dict(model.card)
    for key, path in MEASURED_SETS.items():
        card[key] = dev_report(model, path)
    write_card(Path(args.folder) / f"{model_stem(args.variant)}.json", card)
    print(json.dumps({k: card[k]["accuracy"]["all"] for k in MEASURED_SETS}))
