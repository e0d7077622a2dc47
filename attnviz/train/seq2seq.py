"""Train a character-level date or time converter on generated data.

`python -m attnviz.train dates` (or `times`) generates messy dates/times with
`attnviz.classroom.datagen` (English, Chinese, spelled-out years) mixed with negatives
(words, sentences, numbers, times for the date model and dates for the time model,
impossible and out-of-range dates, impossible times), trains the BiLSTM + attention +
post-attention LSTM network of `attnviz.models.dates.build_seq2seq_model` to answer a
negative with the reject symbol (or, for impossible/out-of-range ones, the fields as
written), measures exact match and rejection on a held-out set drawn with a different
seed (no text shared with training), fits a confidence temperature, and writes
`<out>/<task>.keras` (uncompiled) and `<out>/<task>.json` (the model card).

After every epoch the model is checkpointed (`--checkpoint-dir`; `--resume` continues
from the last one) and scored on the hand-written files `tests/data/<task>_*.tsv`; the
epoch with the best hand-written score is kept. `--init-from` starts from a trained
converter (weights copied by layer and by character), which needs far fewer epochs.

Time on 1 CPU thread (sharing a 2-core machine), see the card's `training_seconds`.
For a smoke test: `--examples 300 --epochs 1 --units 8 --decoder-units 16`.
"""

import argparse
import math
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from attnviz.classroom import datagen
from attnviz.models.dates import (
    INPUT_LENGTH,
    LAYER_NAMES,
    OUTPUT_LENGTHS,
    REJECT,
    CharacterTable,
    build_seq2seq_model,
    calibrated_confidence,
    encode_inputs,
    input_table,
    normalize,
    output_reason,
    output_table,
)
from attnviz.models.paths import PRETRAINED_DIR
from attnviz.train.common import (
    Stopwatch,
    history_rows,
    library_versions,
    save_inference_model,
    set_seed_and_threads,
    write_card,
)

# Configuration: defaults per task (every one can be overridden on the command line).
DEFAULTS = {
    "dates": {
        "examples": 150_000,  # generated training pairs
        "epochs": 6,  # passes over them (validation exact match is ~99.9 % after 2)
    },
    "times": {
        "examples": 90_000,
        "epochs": 10,
    },
}
NEGATIVE_SHARE = 0.25  # share of training (and test) pairs that must be refused
CONFIDENCE_THRESHOLD = 0.5  # calibrated confidence below this flags a result "unsure"
HANDWRITTEN_DIR = Path(__file__).resolve().parents[2] / "tests" / "data"
CHECKPOINT_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "attnviz"
TEST_EXAMPLES = 10_000  # held-out pairs, generated with another seed
VALIDATION_EXAMPLES = 2_000  # exact match printed after every epoch
SEED = 7  # training data seed; the test set uses SEED + 1_000_003
BATCH_SIZE = 128
LEARNING_RATE = 3e-3  # Adam, cosine-decayed to 2 % of this over the run
EMBEDDING_DIM = 32
ENCODER_UNITS = 64  # per direction of the BiLSTM
DECODER_UNITS = 128  # post-attention LSTM
ATTENTION_UNITS = 16  # the Dense(tanh) inside the attention
LENGTH_STEP = 8  # batches are padded to a multiple of this many characters


def add_arguments(parser):
    parser.add_argument("--out", type=Path, default=PRETRAINED_DIR, help="output folder")
    parser.add_argument("--examples", type=int, help="training pairs (default per task)")
    parser.add_argument("--test-examples", type=int, default=TEST_EXAMPLES)
    parser.add_argument("--validation-examples", type=int, default=VALIDATION_EXAMPLES)
    parser.add_argument("--epochs", type=int, help="epochs (default per task)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--learning-rate", type=float, default=LEARNING_RATE)
    parser.add_argument("--embedding-dim", type=int, default=EMBEDDING_DIM)
    parser.add_argument("--units", type=int, default=ENCODER_UNITS, help="encoder LSTM units")
    parser.add_argument("--decoder-units", type=int, default=DECODER_UNITS)
    parser.add_argument("--attention-units", type=int, default=ATTENTION_UNITS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--threads", type=int, default=1, help="CPU threads for TensorFlow (0: leave as is)"
    )
    parser.add_argument("--verbose", type=int, default=2, help="Keras fit verbosity")
    parser.add_argument("--negative-share", type=float, default=NEGATIVE_SHARE)
    parser.add_argument("--confidence-threshold", type=float, default=CONFIDENCE_THRESHOLD)
    parser.add_argument(
        "--init-from", type=Path, help="start from this trained converter (.keras beside its card)"
    )
    parser.add_argument(
        "--checkpoint-dir",
        type=Path,
        help="per-epoch checkpoints (default: ~/.cache/attnviz/checkpoints-<task>)",
    )
    parser.add_argument("--resume", action="store_true", help="continue from the last checkpoint")
    parser.add_argument(
        "--test-seed",
        type=int,
        help="held-out seed (default SEED + 1,000,003); a fine-tuning round keeps its "
        "model's test seed so the held-out set stays apart from every round's training data",
    )
    parser.add_argument(
        "--boost",
        nargs="*",
        default=[],
        metavar="FAMILY=FACTOR",
        help="draw these families FACTOR times as often in training (held-out sets unchanged); "
        "FAMILY.KIND (e.g. out_of_range.spelled_year) draws one kind within a negative family",
    )
    parser.add_argument(
        "--handwritten-dir", type=Path, default=HANDWRITTEN_DIR, help="hand-written TSV files"
    )
    # Hard attention (dates only): attnviz.train.hard_dates; --init-from, --checkpoint-dir
    # and --resume above apply to it too.
    parser.add_argument(
        "--attention", choices=("soft", "hard"), default="soft", help="hard: one input per step"
    )
    parser.add_argument("--soft-model", type=Path, help="hard: soft model folder to compare")
    parser.add_argument(
        "--gradient-draws", type=int, default=32, help="hard: draws of the gradient study"
    )
    parser.add_argument(
        "--remeasure",
        action="store_true",
        help="hard: train nothing; regenerate the held-out set of the hard model in --out "
        "from its card and measure it again beside the soft model (after a new soft round)",
    )


def earlier_rounds(init_from, task):
    """The rounds a warm-started model went through before this one (from its card)."""
    from attnviz.models.files import read_card

    if not init_from or not init_from.with_suffix(".json").is_file():
        return []
    card = read_card(init_from.with_suffix(".json"), task)
    summary = {
        "config": card.get("config"),
        "exact_match": (card.get("test_accuracy") or {}).get("exact_match"),
        "training_seconds": card.get("training_seconds"),
    }
    if card.get("epochs_to_converge") is not None:  # hard cards record it
        summary["epochs_to_converge"] = card["epochs_to_converge"]
    return [*card.get("earlier_rounds", []), summary]


def earlier_training_texts(rounds, task):
    """Normalised texts of the training data of earlier rounds (`earlier_rounds` entries).

    A fine-tuning round keeps its model's held-out seed; its held-out set must also stay
    apart from what the earlier rounds trained on. A round is regenerated from its config
    when it drew from the families the generator has now (same seed, size, share and
    boost give the same texts); a round from an older generator is skipped, and the
    count of skipped rounds is returned beside the texts.
    """
    texts, skipped = set(), 0
    for entry in rounds:
        config = (entry or {}).get("config") or {}
        same = config.get("families") == datagen.FAMILIES[task] and config.get(
            "negative_families"
        ) == datagen.NEGATIVE_FAMILIES.get(task)
        if not same or config.get("task") != task or "seed" not in config:
            skipped += 1
            continue
        examples = datagen.generate_mixed(
            task,
            int(config["examples"]),
            seed=int(config["seed"]),
            negative_share=float(config.get("negative_share", 0.25)),
            max_length=INPUT_LENGTH,
            boost=config.get("boost"),
        )
        texts.update(normalize(e.text) for e in examples)
    return texts, skipped


def test_seed(args):
    return args.seed + 1_000_003 if args.test_seed is None else args.test_seed


def parse_boost(items, task):
    """["chinese=2", "numbers.ip=4", ...] -> {"chinese": 2.0, "numbers.ip": 4.0}; names must
    be families of `task` or `family.kind` for a kind in `datagen.NEGATIVE_KINDS`."""
    known = set(datagen.FAMILIES[task]) | set(datagen.NEGATIVE_FAMILIES[task])
    known |= {
        f"{family}.{kind}"
        for family, kinds in datagen.NEGATIVE_KINDS.items()
        if family in datagen.NEGATIVE_FAMILIES[task]
        for kind in kinds
    }
    boost = {}
    for item in items:
        name, _, factor = item.partition("=")
        if name not in known or not factor:
            raise SystemExit(f"--boost {item}: use FAMILY=FACTOR with a family of {sorted(known)}")
        boost[name] = float(factor)
    return boost


def encode_targets(examples, task):
    table = output_table(task)
    return np.asarray([table.encode(e.target) for e in examples], dtype=np.int32)


def length_batches(inputs, targets, batch_size, rng):
    """Yield `(ids, targets)` batches of similar-length texts, in a random order.

    Each batch is cut to its longest text (rounded up to LENGTH_STEP), so the
    encoder does not run over columns of padding.
    """
    lengths = (inputs > 0).sum(axis=1)
    order = np.lexsort((rng.random(len(lengths)), lengths))
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    for b in rng.permutation(len(batches)):
        rows = batches[b]
        width = min(inputs.shape[1], -(-int(lengths[rows].max()) // LENGTH_STEP) * LENGTH_STEP)
        yield inputs[rows, :width], targets[rows]


def exact_match(model_forward, inputs, targets, batch_size=512):
    """Predicted output strings (as id rows) and the per-example exact-match flags."""
    predictions = []
    for start in range(0, len(inputs), batch_size):
        probabilities = model_forward(inputs[start : start + batch_size])
        predictions.append(np.asarray(probabilities).argmax(axis=-1))
    predictions = np.concatenate(predictions)
    return predictions, (predictions == targets).all(axis=1)


def by_family(examples, right):
    """`({family: share right}, {family: count})`, families sorted, for `examples` and one
    boolean per example (the held-out figures of a card, and any other set measured so)."""
    groups = defaultdict(list)
    for example, ok in zip(examples, right):
        groups[example.family].append(bool(ok))
    families = sorted(groups)
    return {f: float(np.mean(groups[f])) for f in families}, {f: len(groups[f]) for f in families}


def layer_sizes(args):
    """The converter's layer sizes from the command line (`build_seq2seq_model` keywords)."""
    return {
        "embedding_dim": args.embedding_dim,
        "encoder_units": args.units,
        "decoder_units": args.decoder_units,
        "attention_units": args.attention_units,
    }


def run_config(args, task, splits, epochs, boost):
    """The card's `config`: what a run was asked to do (also how `--resume` knows it)."""
    train, validation, test = splits
    return {
        "task": task,
        "examples": len(train),
        "test_examples": len(test),
        "validation_examples": len(validation),
        "epochs": epochs,
        "batch_size": args.batch_size,
        "learning_rate": args.learning_rate,
        **layer_sizes(args),
        "seed": args.seed,
        "test_seed": test_seed(args),
        "threads": args.threads,
        "negative_share": args.negative_share,
        "families": datagen.FAMILIES[task],
        "negative_families": datagen.NEGATIVE_FAMILIES[task],
        "boost": boost,
        "init_from": str(args.init_from) if args.init_from else None,
    }


def read_handwritten(folder, task):
    """{file name: [(text, expected)]} for `folder/<task>_*.tsv` (tab-separated, `#`
    comments). `expected` is the answer, or a reason the text must be refused for."""
    paths = sorted(Path(folder).glob(f"{task}_*.tsv")) if folder else []
    return {path.name: read_tsv(path) for path in paths}


def read_tsv(path):
    """(text, expected) pairs of one tab-separated file, skipping blank and # lines."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, expected = line.split("\t")[:2]
            rows.append((text, expected.strip()))
    return rows


def score_handwritten(task, files, predict):
    """Per file: share of rows right. An answer row is right when the result is exactly
    that answer and valid; a reason row when the result is not valid (flagged)."""
    scores = {}
    for name, rows in files.items():
        results = predict([text for text, _ in rows])
        right, same_reason, wrong = 0, 0, []
        for (text, expected), (output, reason) in zip(rows, results):
            if expected in REASONS_ALL:
                ok = reason is not None
                same_reason += reason == expected
            else:
                ok = output == expected and reason is None
            right += ok
            if not ok:
                wrong.append({"input": text, "expected": expected, "output": output,
                              "reason": reason})  # fmt: skip
        scores[name] = {
            "rows": len(rows),
            "right": right,
            "accuracy": right / max(len(rows), 1),
            "reason_matches": same_reason,
            "wrong": wrong[:20],
        }
    return scores


REASONS_ALL = {"not a date", "impossible date", "out of range", "not a time",
               "impossible time", "unsure"}  # fmt: skip


def transfer_weights(model, source, source_card, chars_in, chars_out):
    """Copy `source`'s weights into `model` layer by layer (found by name); the embedding
    rows and output columns are matched by character, so new characters start fresh."""
    old_in = CharacterTable(source_card["input_vocabulary"], reserved=2)
    old_out = CharacterTable(source_card["output_vocabulary"])
    for name in LAYER_NAMES:
        new_weights = [w.copy() for w in model.get_layer(name).get_weights()]
        old_weights = source.get_layer(name).get_weights()
        if name == "embedding":
            for c, i in chars_in.index.items():
                if c in old_in.index:
                    new_weights[0][i] = old_weights[0][old_in.index[c]]
        elif name == "output_softmax":
            for c, i in chars_out.index.items():
                if c in old_out.index:
                    new_weights[0][:, i] = old_weights[0][:, old_out.index[c]]
                    new_weights[1][i] = old_weights[1][old_out.index[c]]
        else:
            new_weights = old_weights
        model.get_layer(name).set_weights(new_weights)


def fit_temperature(probabilities, correct):
    """The temperature that makes the sequence confidence best predict exact match
    (lowest log loss on held-out data), and the log loss and ECE before and after."""

    def log_loss(confidence):
        c = np.clip(confidence, 1e-9, 1 - 1e-9)
        return float(-np.mean(correct * np.log(c) + (1 - correct) * np.log(1 - c)))

    grid = np.exp(np.linspace(np.log(0.25), np.log(8.0), 61))
    losses = [log_loss(calibrated_confidence(probabilities, t)) for t in grid]
    best = float(grid[int(np.argmin(losses))])
    return {
        "temperature": round(best, 4),
        "log_loss_before": round(log_loss(calibrated_confidence(probabilities, 1.0)), 5),
        "log_loss_after": round(min(losses), 5),
        "ece_before": round(
            expected_calibration_error(calibrated_confidence(probabilities, 1.0), correct), 5
        ),  # fmt: skip
        "ece_after": round(
            expected_calibration_error(calibrated_confidence(probabilities, best), correct), 5
        ),  # fmt: skip
    }


def expected_calibration_error(confidence, correct, bins=10):
    """Mean |confidence - accuracy| over 10 equal-width confidence bins, weighted by size."""
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.mean() * abs(confidence[mask].mean() - correct[mask].mean())
    return float(total)


def rejection_metrics(flagged, negative):
    """Precision and recall of "flagged" (valid False) for the negatives."""
    flagged, negative = np.asarray(flagged, bool), np.asarray(negative, bool)
    true_positive = int((flagged & negative).sum())
    return {
        "precision": true_positive / max(int(flagged.sum()), 1),
        "recall": true_positive / max(int(negative.sum()), 1),
        "flagged": int(flagged.sum()),
        "negatives": int(negative.sum()),
        "positives_flagged": int((flagged & ~negative).sum()),
    }


def run(args):
    import keras
    import tensorflow as tf

    if getattr(args, "attention", "soft") == "hard":
        from attnviz.train import hard_dates

        return hard_dates.run(args)

    from attnviz.models.files import read_card, read_keras_model

    task = args.task
    examples = args.examples or DEFAULTS[task]["examples"]
    epochs = args.epochs or DEFAULTS[task]["epochs"]
    set_seed_and_threads(args.seed, args.threads)
    clock = Stopwatch()
    checkpoints = args.checkpoint_dir or CHECKPOINT_DIR / f"checkpoints-{task}"
    checkpoints.mkdir(parents=True, exist_ok=True)

    print(f"[{task}] generating {examples} training pairs (seed {args.seed})", flush=True)
    boost = parse_boost(args.boost, task)
    train = datagen.generate_mixed(
        task,
        examples,
        seed=args.seed,
        negative_share=args.negative_share,
        max_length=INPUT_LENGTH,
        boost=boost,
    )
    seen = {normalize(e.text) for e in train}
    earlier, skipped = earlier_training_texts(earlier_rounds(args.init_from, task), task)
    seen |= earlier
    if skipped:
        print(f"[{task}] {skipped} earlier round(s) from an older generator not excluded")
    held_out = datagen.held_out(
        task,
        args.test_examples + args.validation_examples,
        test_seed(args),
        seen,
        negative_share=args.negative_share,
    )
    validation, test = held_out[: args.validation_examples], held_out[args.validation_examples :]
    print(
        f"[{task}] {len(train)} train, {len(validation)} validation, {len(test)} test "
        f"(test shares no text with train); families {dict(Counter(e.family for e in train))}",
        flush=True,
    )

    chars_in, chars_out = input_table(), output_table(task)
    x_train = encode_inputs([e.text for e in train], chars_in, INPUT_LENGTH)
    y_train = encode_targets(train, task)
    x_val, y_val = (
        encode_inputs([e.text for e in validation], chars_in),
        encode_targets(validation, task),
    )
    x_test, y_test = encode_inputs([e.text for e in test], chars_in), encode_targets(test, task)

    config = run_config(args, task, (train, validation, test), epochs, boost)

    def build():
        return build_seq2seq_model(
            len(chars_in), len(chars_out), OUTPUT_LENGTHS[task], **layer_sizes(args), name=task
        )

    steps_per_epoch = math.ceil(len(train) / args.batch_size)
    last = checkpoints / "last.keras"
    initial_epoch = 0
    if args.resume and last.is_file():
        from attnviz.models import layers  # noqa: F401  (registers the custom layers)

        model = keras.saving.load_model(last)
        initial_epoch = int(model.optimizer.iterations.numpy()) // steps_per_epoch
        print(f"[{task}] resuming {last} after epoch {initial_epoch}", flush=True)
    else:
        model = build()
        if args.init_from:
            card = read_card(args.init_from.with_suffix(".json"), task)
            transfer_weights(model, read_keras_model(args.init_from, task), card, chars_in,
                             chars_out)  # fmt: skip
            print(f"[{task}] weights copied from {args.init_from}", flush=True)
        schedule = keras.optimizers.schedules.CosineDecay(
            args.learning_rate, epochs * steps_per_epoch, alpha=0.02
        )
        model.compile(
            optimizer=keras.optimizers.Adam(schedule, clipnorm=1.0),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
            jit_compile=False,
        )
    epoch_counter = [initial_epoch]

    def epoch_batches():
        # One generator call per epoch; its shuffle depends only on the epoch number,
        # so a resumed run sees the same batches as an uninterrupted one.
        rng = np.random.default_rng([args.seed, epoch_counter[0]])
        epoch_counter[0] += 1
        yield from length_batches(x_train, y_train, args.batch_size, rng)

    dataset = tf.data.Dataset.from_generator(
        epoch_batches,
        output_signature=(
            tf.TensorSpec([None, None], tf.int32),
            tf.TensorSpec([None, OUTPUT_LENGTHS[task]], tf.int32),
        ),
    ).apply(tf.data.experimental.assert_cardinality(steps_per_epoch))
    dataset = dataset.prefetch(2)
    forward = tf.function(
        lambda ids: model(ids, training=False),
        input_signature=[tf.TensorSpec([None, INPUT_LENGTH], tf.int32)],
    )
    handwritten = read_handwritten(args.handwritten_dir, task)

    def predict_texts(texts, temperature=1.0, threshold=args.confidence_threshold):
        """(output, reason) per text, as the Converter decides them."""
        probabilities = np.asarray(forward(encode_inputs(texts, chars_in)))
        outputs = [chars_out.decode(row) for row in probabilities.argmax(axis=-1)]
        confidence = calibrated_confidence(probabilities, temperature)
        results = []
        for output, c in zip(outputs, confidence):
            reason = output_reason(task, output)
            results.append((output, reason if reason or c >= threshold else "unsure"))
        return results

    class EpochEnd(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            _, hits = exact_match(lambda x: forward(x).numpy(), x_val, y_val)
            logs["val_exact_match"] = float(hits.mean())
            scores = score_handwritten(task, read_handwritten(args.handwritten_dir, task),
                                       predict_texts)  # fmt: skip
            right = sum(v["right"] for v in scores.values())
            rows = sum(v["rows"] for v in scores.values())
            logs["handwritten_right"] = float(right)
            per_file = {k: f"{v['right']}/{v['rows']}" for k, v in scores.items()}
            print(
                f"[{task}] epoch {epoch + 1}/{epochs}: loss {logs['loss']:.4f}, "
                f"validation exact match {hits.mean():.4f}, hand-written {right}/{rows} "
                f"{per_file}, {clock.seconds()} s",
                flush=True,
            )
            self.model.save(checkpoints / f"epoch-{epoch + 1}.keras")
            self.model.save(last)

    print(f"[{task}] training {model.count_params():,} parameters for {epochs} epochs", flush=True)
    started = time.perf_counter()
    history = model.fit(
        dataset,
        epochs=epochs,
        initial_epoch=initial_epoch,
        shuffle=False,
        verbose=args.verbose,
        callbacks=[EpochEnd()],
    )
    training_seconds = round(time.perf_counter() - started, 1)
    rows = history_rows(history)
    for row in rows:  # a resumed run's first epoch is initial_epoch + 1
        row["epoch"] += initial_epoch
    if rows and handwritten:  # keep the epoch with the most hand-written rows right
        scored = [(r.get("handwritten_right", 0), r.get("val_exact_match", 0), i)
                  for i, r in enumerate(rows)]  # fmt: skip
        best_epoch = rows[max(scored)[2]]["epoch"]
        if best_epoch != epochs:
            print(f"[{task}] keeping epoch {best_epoch} (best on hand-written files)", flush=True)
            best = keras.saving.load_model(checkpoints / f"epoch-{best_epoch}.keras")
            model.set_weights(best.get_weights())
    else:
        best_epoch = epochs
    config["kept_epoch"] = best_epoch

    # Calibration on the validation set, then everything measured on the test set.
    val_probabilities = np.concatenate(
        [np.asarray(forward(x_val[i : i + 512])) for i in range(0, len(x_val), 512)]
    )
    val_correct = (val_probabilities.argmax(axis=-1) == y_val).all(axis=1).astype(np.float64)
    calibration = fit_temperature(val_probabilities, val_correct)
    temperature = calibration["temperature"]

    predictions, hits = exact_match(lambda x: forward(x).numpy(), x_test, y_test)
    test_probabilities = np.concatenate(
        [np.asarray(forward(x_test[i : i + 512])) for i in range(0, len(x_test), 512)]
    )
    confidence = calibrated_confidence(test_probabilities, temperature)
    outputs = [chars_out.decode(p) for p in predictions]
    reasons = [output_reason(task, o) for o in outputs]
    flagged = np.array(
        [r is not None or c < args.confidence_threshold for r, c in zip(reasons, confidence)]
    )
    negative = np.array([e.family in datagen.NEGATIVE_FAMILIES[task] for e in test])
    expected_reasons = [output_reason(task, e.target) for e in test]
    correct = hits & (flagged == negative)  # exact, and valid exactly when it should be
    per_family, per_family_count = by_family(test, correct)
    accuracy = {
        "exact_match": float(hits.mean()),
        "exact_and_valid_positives": float(correct[~negative].mean()),
        "per_family": per_family,
        "per_family_count": per_family_count,
        # Families with so few distinct texts that all of them occur in training
        # (e.g. "noon") cannot appear in a held-out set without shared text.
        "families_not_in_test": sorted(
            (set(datagen.FAMILIES[task]) | set(datagen.NEGATIVE_FAMILIES[task])) - set(per_family)
        ),
        "definition": "per family: exact answer (reject symbols for a refused text) and "
        "valid exactly when the text is a date (time) in range",
    }
    rejection = {
        "reject_symbol": REJECT,
        "temperature": temperature,
        "confidence_threshold": args.confidence_threshold,
        "calibration": calibration,
        "test": rejection_metrics(flagged, negative),
        "test_reason_matches": float(
            np.mean([r == e for r, e, n in zip(reasons, expected_reasons, negative) if n])
        ),
    }
    handwritten_scores = score_handwritten(
        task, handwritten, lambda texts: predict_texts(texts, temperature)
    )
    mistakes = [
        {"input": e.text, "expected": e.target, "predicted": o, "family": e.family}
        for e, o, ok in zip(test, outputs, correct)
        if not ok
    ][:25]
    print(f"[{task}] held-out exact match {hits.mean():.4f}; {accuracy['per_family']}", flush=True)
    print(f"[{task}] rejection {rejection['test']}; calibration {calibration}", flush=True)
    print(
        f"[{task}] hand-written "
        f"{ {k: (v['right'], v['rows']) for k, v in handwritten_scores.items()} }",
        flush=True,
    )

    args.out.mkdir(parents=True, exist_ok=True)
    model_file = args.out / f"{task}.keras"
    save_inference_model(model, build, model_file)
    write_card(
        args.out / f"{task}.json",
        {
            "task": task,
            "model_file": model_file.name,
            "description": (
                "Character-level seq2seq with attention (BiLSTM encoder, "
                "Seq2SeqAttention, post-attention LSTM), trained on attnviz.classroom.datagen "
                "with negatives answered by the reject symbol"
            ),
            "input_length": INPUT_LENGTH,
            "output_length": OUTPUT_LENGTHS[task],
            "input_vocabulary": chars_in.characters,
            "output_vocabulary": chars_out.characters,
            "test_accuracy": accuracy,
            "rejection": rejection,
            "handwritten": handwritten_scores,
            "test_mistakes": mistakes,
            "history": rows,
            "training_seconds": training_seconds,
            "total_seconds": clock.seconds(),
            "parameters": int(model.count_params()),
            "versions": library_versions(),
            "config": config,
            "earlier_rounds": earlier_rounds(args.init_from, task),
        },
    )
    print(f"[{task}] wrote {model_file} and {model_file.with_suffix('.json')}", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("task", choices=sorted(DEFAULTS))
    add_arguments(parser)
    args = parser.parse_args(argv)
    run(args)


if __name__ == "__main__":
    main()
