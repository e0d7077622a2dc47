"""Train the k-word sentiment reader (`python -m attnviz.train kreader --data ...`).

    python -m attnviz.train kreader --data ../shared/data/aclImdb_labeled.tar.gz

Trains `attnviz.models.kreader.build_kreader_model` on the 25,000 official IMDB
training reviews (10 % held out to pick the best epoch), with the project's
shared vocabulary (`pretrained/sentiment-vocab.txt`). Each training review gets a
random k from `TRAIN_KS`, so one network serves every k. Measures accuracy on all
25,000 official test reviews for each k in `INFERENCE_KS` and writes
`sentiment-kreader.keras` and its card `sentiment-kreader.json`, beside the soft
additive model's figures from its card.

After every epoch the training model (with optimizer) is saved to
`--checkpoint-dir`; `--resume` continues from it. Time: see the card.
Smoke test: `--examples 200 --test-examples 100 --epochs 1`.
"""

import json
import math
import tempfile
import time
from pathlib import Path

import numpy as np

from attnviz.models.kreader import INFERENCE_KS, KREADER_STEM, MAX_K, build_kreader_model
from attnviz.models.paths import PRETRAINED_DIR
from attnviz.models.text import Vocabulary, tokenize
from attnviz.train.common import (
    Stopwatch,
    library_versions,
    same_run,
    set_seed_and_threads,
    write_card,
)
from attnviz.train.imdb import load_imdb

# Configuration
SEED = 2015  # Show, Attend and Tell
MAX_TOKENS = 800  # tokens read per review, as the soft models
EMBEDDING_DIM = 32  # 20,000 x 32 floats = 2.6 MB: the bulk of the file
SELECTOR_UNITS = 32  # Conv1D(width 5) filters of the word scorer
WORD_UNITS = 32  # Dense features of each chosen word
BATCH_SIZE = 64
LEARNING_RATE = 2e-3  # Adam
EPOCHS = 6  # the best epoch (mean validation accuracy over INFERENCE_KS) is kept
TRAIN_KS = (1, 2, 3, 4, 5, 7, 10, 15, 20)  # k drawn uniformly per training review
VALIDATION_SHARE = 0.1
CHECKPOINT_DIR = Path(tempfile.gettempdir()) / "attnviz-checkpoints" / KREADER_STEM


def add_arguments(parser):
    parser.add_argument("--data", type=Path, required=True, help="IMDB archive or folder")
    parser.add_argument("--out", type=Path, default=PRETRAINED_DIR, help="output folder")
    parser.add_argument(
        "--vocabulary",
        type=Path,
        default=PRETRAINED_DIR / "sentiment-vocab.txt",
        help="the shared vocabulary (one word per line)",
    )
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--examples", type=int, help="use only this many training reviews")
    parser.add_argument("--test-examples", type=int, help="measure only this many test reviews")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--learning-rate", type=float, default=LEARNING_RATE)
    parser.add_argument("--embedding-dim", type=int, default=EMBEDDING_DIM)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--threads", type=int, default=1, help="TensorFlow CPU threads")
    parser.add_argument("--resume", action="store_true", help="continue from the checkpoint")
    parser.add_argument("--checkpoint-dir", type=Path, default=CHECKPOINT_DIR)
    parser.add_argument("--verbose", type=int, default=2, help="Keras fit verbosity")


def encode(texts, vocabulary):
    """Token id lists (at most MAX_TOKENS each; an empty review becomes one OOV id)."""
    return [vocabulary.encode(tokenize(t, limit=MAX_TOKENS).words) or [1] for t in texts]


def batches(sequences, labels, batch_size, rng, ks=TRAIN_KS):
    """((ids, k), labels) batches of similar-length reviews in random order; k per review."""
    from attnviz.models.batching import pad_batch

    lengths = np.array([len(s) for s in sequences], dtype=np.float64)
    order = np.argsort(lengths + rng.uniform(0.0, 16.0, size=len(lengths)), kind="stable")
    groups = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(groups)
    for rows in groups:
        ids = pad_batch([sequences[i] for i in rows])
        k = rng.choice(ks, size=len(rows)).astype(np.int32)
        yield (ids, k), labels[rows]


def accuracy_by_k(predict, sequences, labels, ks=INFERENCE_KS, batch_size=256):
    """{k: accuracy} of the reader's k-word verdicts."""
    from attnviz.models.batching import LENGTH_BUCKETS, bucket, pad_batch

    order = np.argsort([len(s) for s in sequences], kind="stable")
    result = {}
    for k in ks:
        hits = 0
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            width = bucket(max(len(sequences[i]) for i in rows), LENGTH_BUCKETS + (MAX_TOKENS,))
            ids = pad_batch([sequences[i] for i in rows], width=width)
            probability = predict(ids, np.full(len(rows), k, dtype=np.int32))
            hits += int(((probability >= 0.5) == (labels[rows] == 1)).sum())
        result[k] = hits / len(sequences)
    return result


def run(args):
    import keras
    import tensorflow as tf

    from attnviz.models import kreader  # noqa: F401  (registers the layers)

    set_seed_and_threads(args.seed, args.threads)
    clock = Stopwatch()
    vocabulary = Vocabulary.load(args.vocabulary)
    print(f"[kreader] reading {args.data}", flush=True)
    splits = load_imdb(args.data)
    texts, labels = splits["train"].texts, np.asarray(splits["train"].labels, dtype=np.int32)
    rng = np.random.default_rng(args.seed)
    if args.examples:
        keep = rng.permutation(len(texts))[: args.examples]
        texts, labels = [texts[i] for i in keep], labels[keep]
    shuffled = rng.permutation(len(texts))
    n_val = max(1, int(round(len(texts) * VALIDATION_SHARE)))
    val_rows, train_rows = shuffled[:n_val], shuffled[n_val:]
    sequences = encode(texts, vocabulary)
    x_train, y_train = [sequences[i] for i in train_rows], labels[train_rows].astype(np.float32)
    x_val, y_val = [sequences[i] for i in val_rows], labels[val_rows]
    test_texts, y_test = splits["test"].texts, np.asarray(splits["test"].labels, dtype=np.int32)
    if args.test_examples:
        keep = np.random.default_rng(args.seed + 1).permutation(len(test_texts))
        keep = keep[: args.test_examples]
        test_texts, y_test = [test_texts[i] for i in keep], y_test[keep]
    x_test = encode(test_texts, vocabulary)
    print(f"[kreader] {len(x_train)} train, {len(x_val)} validation, {len(x_test)} test reviews")

    config = {
        "seed": args.seed,
        "vocab_size": len(vocabulary),
        "max_tokens": MAX_TOKENS,
        "max_k": MAX_K,
        "embedding_dim": args.embedding_dim,
        "selector_units": SELECTOR_UNITS,
        "word_units": WORD_UNITS,
        "batch_size": args.batch_size,
        "learning_rate": args.learning_rate,
        "epochs": args.epochs,
        "train_ks": list(TRAIN_KS),
        "training_reviews": len(x_train),
        "validation_reviews": len(x_val),
        "threads": args.threads,
        "selection": (
            "hard top-k; training: Gumbel top-k sample, straight-through relaxed k-hot "
            "(successive softmaxes, temperature 0.5); inference: the k highest scores"
        ),
    }

    def build():
        return build_kreader_model(
            len(vocabulary),
            embedding_dim=args.embedding_dim,
            selector_units=SELECTOR_UNITS,
            word_units=WORD_UNITS,
            seed=args.seed,
        )

    def full_model(train_model):
        names = ("probability", "top_k", "scores")
        outputs = [train_model.get_layer(n).output for n in names]
        return keras.Model(train_model.inputs, outputs, name="sentiment_kreader")

    checkpoints = args.checkpoint_dir
    state_file = checkpoints / "state.json"
    state = None
    if args.resume and state_file.is_file() and (checkpoints / "last.keras").is_file():
        state = json.loads(state_file.read_text(encoding="utf-8"))
        if not same_run(state.get("config"), config):
            print(f"[kreader] the checkpoint in {checkpoints} has another config; starting afresh")
            state = None
    if state is not None:
        train_model = keras.saving.load_model(checkpoints / "last.keras", compile=True)
        model = full_model(train_model)
        start, history = int(state["epochs_done"]), state["history"]
        training_seconds, best = float(state["training_seconds"]), state["best"]
        print(f"[kreader] resuming after epoch {start}", flush=True)
    else:
        model = build()
        train_model = keras.Model(model.inputs, model.outputs[0], name="kreader_training")
        train_model.compile(
            optimizer=keras.optimizers.Adam(args.learning_rate, clipnorm=1.0),
            loss="binary_crossentropy",
            metrics=["accuracy"],
            jit_compile=False,
        )
        start, history, training_seconds, best = 0, [], 0.0, None

    predict_fn = tf.function(lambda ids, k: model([ids, k], training=False)[0])

    def predict(ids, k):
        return predict_fn(ids, k).numpy()[:, 0]

    steps = math.ceil(len(x_train) / args.batch_size)
    print(f"[kreader] {model.count_params():,} parameters, {args.epochs} epochs", flush=True)
    for epoch in range(start, args.epochs):
        epoch_rng = np.random.default_rng([args.seed, epoch])
        dataset = tf.data.Dataset.from_generator(
            lambda rng=epoch_rng: batches(x_train, y_train, args.batch_size, rng),
            output_signature=(
                (tf.TensorSpec([None, None], tf.int32), tf.TensorSpec([None], tf.int32)),
                tf.TensorSpec([None], tf.float32),
            ),
        ).apply(tf.data.experimental.assert_cardinality(steps))
        started = time.perf_counter()
        fit = train_model.fit(
            dataset.prefetch(2), epochs=epoch + 1, initial_epoch=epoch, verbose=args.verbose
        )
        training_seconds += time.perf_counter() - started
        val = accuracy_by_k(predict, x_val, y_val)
        row = {"epoch": epoch + 1, **{k: float(v[-1]) for k, v in fit.history.items()}}
        row.update({f"val_accuracy_k{k}": a for k, a in val.items()})
        row["val_accuracy"] = float(np.mean([val[k] for k in (1, 3, 5, 10)]))
        history.append(row)
        checkpoints.mkdir(parents=True, exist_ok=True)
        if best is None or row["val_accuracy"] > best["val_accuracy"]:
            best = {"epoch": epoch + 1, "val_accuracy": row["val_accuracy"]}
            model.save(checkpoints / "best.keras")
        train_model.save(checkpoints / "last.keras")
        state = {
            "epochs_done": epoch + 1,
            "history": history,
            "training_seconds": training_seconds,
            "best": best,
            "config": config,
        }
        state_file.write_text(json.dumps(state, indent=1), encoding="utf-8")
        print(
            f"[kreader] epoch {epoch + 1}/{args.epochs}: loss {row['loss']:.4f}, validation "
            + ", ".join(f"k={k} {a:.4f}" for k, a in val.items())
            + f", {training_seconds:.0f} s training",
            flush=True,
        )

    best_model = keras.saving.load_model(checkpoints / "best.keras", compile=False)
    clean = build()
    clean.set_weights(best_model.get_weights())
    clean_fn = tf.function(lambda ids, k: clean([ids, k], training=False)[0])
    started = time.perf_counter()
    test = accuracy_by_k(lambda ids, k: clean_fn(ids, k).numpy()[:, 0], x_test, y_test)
    test_seconds = round(time.perf_counter() - started, 1)
    print("[kreader] test " + ", ".join(f"k={k} {a:.4f}" for k, a in test.items()), flush=True)

    soft = {}
    soft_card = args.out / "sentiment-additive.json"
    if soft_card.is_file():
        card = json.loads(soft_card.read_text(encoding="utf-8"))
        soft = {
            "model_file": card.get("name", "sentiment-additive") + ".keras",
            "test_accuracy": card.get("test_accuracy"),
            "test_reviews": card.get("test_reviews"),
            "created": card.get("created"),
            "reads": "every word (soft attention over the BiLSTM states)",
        }

    args.out.mkdir(parents=True, exist_ok=True)
    model_file = args.out / f"{KREADER_STEM}.keras"
    clean.save(model_file)
    write_card(
        args.out / f"{KREADER_STEM}.json",
        {
            "name": KREADER_STEM,
            "task": "kreader",
            "model_file": model_file.name,
            "description": (
                "IMDB sentiment from k words only: a selector (32-dim embedding, Conv1D "
                "width 5, Dense) scores every word, hard top-k keeps k of them, and the "
                "verdict reads the chosen words' own embeddings alone (Dense, mean, Dense, "
                "sigmoid). k is an input (1 to 20)."
            ),
            "data": (
                "IMDB Large Movie Review Dataset v1.0 (Maas et al., 2011), official "
                "25,000 train / 25,000 test split"
            ),
            "vocabulary_file": args.vocabulary.name,
            "vocabulary_size": len(vocabulary),
            "max_tokens": MAX_TOKENS,
            "max_k": MAX_K,
            "test_accuracy_by_k": {str(k): a for k, a in test.items()},
            "test_reviews": len(x_test),
            "test_eval_seconds": test_seconds,
            "soft_additive": soft,
            "best_epoch": best["epoch"],
            "history": history,
            "training_seconds": round(training_seconds, 1),
            "seconds_this_run": clock.seconds(),  # the last (possibly resumed) run
            "parameters": int(clean.count_params()),
            "versions": library_versions(),
            "config": config,
        },
    )
    print(f"[kreader] wrote {model_file} and its card", flush=True)
