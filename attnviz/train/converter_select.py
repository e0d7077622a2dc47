"""Choose among fine-tuning rounds of a converter on a validation set, never on the test set.

    python -m attnviz.train converter-select --converter dates \
        --candidates runs/roundA runs/roundB --out pretrained

Each round (`python -m attnviz.train dates --init-from ...`) prints and records its
held-out test figures; choosing the round by them would tune on the test set. This
command draws a separate validation set (`--seed`, another seed than any test or
training draw; it may share a few common texts such as "tomorrow" with training),
measures every candidate on it with the same definition as the card (exact output,
and flagged exactly when the text is not a date or time in range), keeps the candidate
whose weakest family is best (ties: the best overall), copies its `.keras` and card to
`--out` and records every candidate's figures in the card's `selection`.
"""

import json
import shutil
from pathlib import Path

import numpy as np

from attnviz.classroom import datagen
from attnviz.models.dates import TASKS, load_converter
from attnviz.train.common import write_card
from attnviz.train.seq2seq import by_family

VALIDATION_SEEDS = {"dates": 3_000_010, "times": 3_000_011}
EXAMPLES = 40_000
NEGATIVE_SHARE = 0.25


def add_arguments(parser):
    parser.add_argument("--converter", choices=TASKS, required=True, help="dates or times")
    parser.add_argument("--candidates", nargs="+", required=True, help="folders of rounds")
    parser.add_argument("--examples", type=int, default=EXAMPLES)
    parser.add_argument("--seed", type=int, default=None, help="validation seed (per task)")
    parser.add_argument("--out", default=None, help="copy the chosen model here")


def validation_set(task, n, seed):
    return datagen.held_out(task, n, seed, set(), negative_share=NEGATIVE_SHARE)


def family_scores(converter, examples):
    """Per family: (accuracy, count), the card's definition; and the overall accuracy."""
    results = converter.convert_batch([e.text for e in examples], batch_size=512)
    negatives = set(datagen.NEGATIVE_FAMILIES[converter.task])
    right = [
        result.output == example.target and (not result.valid) == (example.family in negatives)
        for example, result in zip(examples, results)
    ]
    shares, counts = by_family(examples, right)
    families = {f: [round(shares[f], 5), counts[f]] for f in shares}
    return families, round(float(np.mean(right)), 5)


def choose(measured):
    """The candidate whose weakest family is best; ties go to the best overall."""

    def key(item):
        _, (families, overall) = item
        return min(acc for acc, _ in families.values()), overall

    return max(measured.items(), key=key)[0]


def run(args):
    task = args.converter
    seed = VALIDATION_SEEDS[task] if args.seed is None else args.seed
    examples = validation_set(task, args.examples, seed)
    measured, seeds = {}, {}
    for folder in args.candidates:
        converter = load_converter(task, folder)
        converter.numpy_rows = 10**9  # every batch in numpy: no TensorFlow needed
        measured[folder] = family_scores(converter, examples)
        seeds[folder] = converter.card["config"]["seed"]
        families, overall = measured[folder]
        weakest = min(families.items(), key=lambda kv: kv[1][0])
        print(json.dumps({"candidate": folder, "overall": overall, "weakest": weakest}))
    chosen = choose(measured)
    print(f"[{task}] chosen: {chosen}", flush=True)
    if args.out:
        out = Path(args.out)
        source = Path(chosen) / f"{task}.keras"
        shutil.copy(source, out / source.name)
        card = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
        card["selection"] = {
            "command": f"python -m attnviz.train converter-select --converter {task} "
            f"--examples {args.examples} --seed {seed}",
            "rule": "the candidate whose weakest family is best on the validation set "
            "(ties: best overall); the test set only measures the chosen one",
            "validation": {
                "seed": seed,
                "examples": args.examples,
                "negative_share": NEGATIVE_SHARE,
                "note": "drawn apart from the test seed; may share common texts with training",
            },
            "candidates": [
                {
                    "seed": seeds[folder],
                    "overall": overall,
                    "per_family": families,
                    "chosen": folder == chosen,
                }
                for folder, (families, overall) in measured.items()
            ],
        }
        write_card(out / f"{task}.json", card)
    return chosen
