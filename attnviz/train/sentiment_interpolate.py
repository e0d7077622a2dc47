"""Stage 3 of sentiment training: average the weights of stage 1 and stage 2.

    python -m attnviz.train sentiment-interpolate --data ../shared/data/aclImdb_labeled.tar.gz \
        --variant additive --init STAGE1_FOLDER --finetuned STAGE2_FOLDER --out pretrained

Stage 2 (`sentiment-short`) teaches a whole-review model to read one-liners and costs it a
little accuracy on whole reviews. Both models start from the same weights, so the straight
line between them stays a good model: theta = (1 - alpha) * stage_1 + alpha * stage_2
("weight-space ensembling", WiSE-FT: Wortsman et al. 2022, "Robust fine-tuning of
zero-shot models"). No training: every alpha of the grid is scored on the 2,500 training
reviews stage 1 held out and on the hand-written development one-liners
(`tests/data/one_liners_dev.tsv`), and the alpha with the best mean of the two is kept,
the rule stage 2 selects its epoch with, among the alphas that lose no category of the
one-liners against stage 2 (the short-text stage is there for them: an average that
scored 0.5 points more on reviews but turned "Not bad at all." negative was not kept).
Only the kept model is measured on the 25,000 official test reviews; the card lists the
whole grid.
"""

import json
from pathlib import Path

from attnviz.train.common import Stopwatch, library_versions, write_card
from attnviz.train.imdb import load_imdb
from attnviz.train.one_liners import SNIPPET_SET, accuracy, dev_report, read_dev_set
from attnviz.train.sentiment import encode_all, held_out_split, measure_test_set

ALPHAS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def add_arguments(parser):
    from attnviz.models.paths import PRETRAINED_DIR
    from attnviz.models.sentiment import DEFAULT_VARIANT, VARIANTS

    parser.add_argument("--data", help="aclImdb_labeled.tar.gz, aclImdb_v1.tar.gz or a folder")
    parser.add_argument("--variant", default=DEFAULT_VARIANT, choices=VARIANTS)
    parser.add_argument("--init", required=True, help="folder of the stage-1 model")
    parser.add_argument("--finetuned", required=True, help="folder of the stage-2 model")
    parser.add_argument("--out", default=str(PRETRAINED_DIR), help="output folder")
    parser.add_argument(
        "--alphas", type=float, nargs="+", default=list(ALPHAS),
        help="shares of stage 2 to try (0: stage 1, 1: stage 2)",
    )  # fmt: skip
    parser.add_argument("--skip-test", action="store_true", help="do not measure the test set")


def interpolate(first, second, alpha):
    """The weights (1 - alpha) * first + alpha * second, array by array."""
    if len(first) != len(second) or any(a.shape != b.shape for a, b in zip(first, second)):
        raise ValueError("the two models do not have the same architecture")
    return [(1.0 - alpha) * a + alpha * b for a, b in zip(first, second)]


def choose(grid, kept):
    """The grid row to keep: the best score among the mixes that get every category of
    the dev one-liners at least as right as stage 2 (`kept`), so a gain on whole reviews
    never costs, say, the negations ("Not bad at all.") the short-text stage taught.
    Stage 2 itself (alpha 1) always qualifies; without it in the grid, the best score."""

    def safe(row):
        return all(row["dev_one_liners"].get(k, 0.0) >= v - 1e-9 for k, v in kept.items())

    allowed = [row for row in grid if safe(row)] or grid
    return max(allowed, key=lambda row: row["score"])


def run(args):
    from attnviz.models.sentiment import load_sentiment_model, model_stem
    from attnviz.train.sentiment_short import negation_effects, predict

    clock = Stopwatch()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stage1 = load_sentiment_model(args.init, variant=args.variant)
    stage2 = load_sentiment_model(args.finetuned, variant=args.variant)
    if stage1.vocabulary.words != stage2.vocabulary.words:
        raise SystemExit("the two models do not share their vocabulary")
    card = dict(stage2.card)
    if "short_text_stage" not in card:
        raise SystemExit(f"{args.finetuned} does not hold a stage-2 (sentiment-short) model")

    data = load_imdb(args.data)
    train = data["train"]
    val_rows, _ = held_out_split(len(train.texts), stage1.card["config"]["seed"])
    val_reviews = encode_all([train.texts[i] for i in val_rows], stage1.vocabulary,
                             stage1.max_tokens)  # fmt: skip
    val_labels = [train.labels[i] for i in val_rows]
    dev = read_dev_set()

    first, second = stage1.model.get_weights(), stage2.model.get_weights()
    kept = dev_report(stage2)["accuracy"]  # stage 2 on the dev set, category by category
    grid = []
    for alpha in args.alphas:
        stage2.model.set_weights(interpolate(first, second, alpha))
        reviews = accuracy(predict(stage2.model, val_reviews), val_labels)
        one_liners = dev_report(stage2)["accuracy"]
        grid.append({
            "alpha": alpha,
            "val_reviews": reviews,
            "dev_one_liners": one_liners,
            "score": (reviews + one_liners["all"]) / 2,
        })  # fmt: skip
        print(json.dumps(grid[-1]), flush=True)
    best = choose(grid, kept)
    stage2.model.set_weights(interpolate(first, second, best["alpha"]))
    model_file = out / f"{model_stem(args.variant)}.keras"
    stage2.model.save(model_file)
    vocabulary_file = card.get("vocabulary_file", "sentiment-vocab.txt")
    if not (out / vocabulary_file).is_file():
        stage1.vocabulary.save(out / vocabulary_file)
    stage2_test = {k: card.pop(k, None) for k in ("test_accuracy", "test_loss",
                                                   "confusion_matrix", "test_reviews")}  # fmt: skip
    card.update({
        "description": card["description"].split(" Stage 3")[0]
        + f" Stage 3: weights averaged with stage 1 ({best['alpha']:.0%} stage 2).",
        "weight_interpolation": {
            "command": f"python -m attnviz.train sentiment-interpolate --variant {args.variant}",
            "method": "theta = (1 - alpha) * stage 1 + alpha * stage 2 (WiSE-FT, "
            "Wortsman et al. 2022)",
            "selection": "alpha with the best mean of the 2,500 held-out training reviews "
            "and the hand-written development one-liners, among the alphas that get every "
            "one-liner category at least as right as stage 2; the test set is measured for "
            "it only",
            "grid": grid,
            "alpha": best["alpha"],
            "stage_2_test_accuracy": stage2_test["test_accuracy"],
            "seconds": clock.seconds(),
        },
        "versions": library_versions(),
    })  # fmt: skip
    write_card(model_file.with_suffix(".json"), card)  # so the saved model loads
    served = load_sentiment_model(out, variant=args.variant)
    card.update({
        "dev_one_liners": dev_report(served),
        "dev_snippets": dev_report(served, SNIPPET_SET),
        "negation_occlusion": negation_effects(served, dev),
    })  # fmt: skip
    write_card(model_file.with_suffix(".json"), card)
    if best["alpha"] == 1.0 and stage2_test["test_accuracy"] is not None:
        card.update(stage2_test)  # the very weights of stage 2: its test figures stand
        write_card(model_file.with_suffix(".json"), card)
    elif not args.skip_test:
        print("evaluating on the official test set ...", flush=True)
        card.update(measure_test_set(served, data["test"]))
        write_card(model_file.with_suffix(".json"), card)
    print(json.dumps({"alpha": best["alpha"], "test_accuracy": card.get("test_accuracy")}))
    return card
