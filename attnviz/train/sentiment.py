"""Train the IMDB sentiment classifier (Embedding -> BiLSTM -> attention -> sigmoid).

    python -m attnviz.train sentiment --data ../shared/data/aclImdb_labeled.tar.gz

Trains on the 25,000 official training reviews (10 % held out for early
stopping), measures accuracy on all 25,000 official test reviews and writes
`pretrained/sentiment-<variant>.keras`, its model card `.json` and the shared
vocabulary `sentiment-vocab.txt`. On this project's 2-core CPU an epoch took
80 s alone and up to 10 min while other jobs ran; the shipped run took 45 min.
"""

import json
from pathlib import Path

import keras
import numpy as np

from attnviz.models.paths import PRETRAINED_DIR
from attnviz.models.sentiment import (
    DEFAULT_VARIANT,
    VARIANTS,
    VOCABULARY_FILE,
    build_sentiment_model,
    load_sentiment_model,
    model_stem,
    pad_batch,
)
from attnviz.models.text import Vocabulary, tokenize
from attnviz.train.common import (
    Stopwatch,
    history_rows,
    library_versions,
    save_inference_model,
    set_seed_and_threads,
    write_card,
)
from attnviz.train.imdb import load_imdb
from attnviz.train.one_liners import dev_report

# Configuration
SEED = 1337
VOCAB_SIZE = 20_000  # words kept, including padding and OOV
MAX_TOKENS = 800  # tokens read per review (98 % of IMDB reviews fit)
EMBEDDING_DIM = 64
LSTM_UNITS = 64  # per direction
ATTENTION_UNITS = 64
EMBEDDING_DROPOUT = 0.3
DROPOUT = 0.5
BATCH_SIZE = 64
LEARNING_RATE = 1e-3
WORD2VEC_EPOCHS = 5  # skip-gram pretraining of the embedding on the training texts only
WORD2VEC_WINDOW = 5
EMBEDDING_SCALE = 0.3  # pretrained vectors are scaled to this standard deviation
EPOCHS = 8  # upper bound; early stopping on validation accuracy decides
PATIENCE = 2
VALIDATION_SHARE = 0.1


def length_batches(sequences, labels, batch_size, seed):
    """A `tf.data.Dataset` of similar-length reviews, reshuffled every epoch.

    Each epoch sorts the reviews by length plus a little noise, cuts them into
    batches padded to the batch's longest review, and shuffles the batches, so
    little compute goes to padding.
    """
    import tensorflow as tf

    labels = np.asarray(labels, dtype=np.float32)
    lengths = np.array([len(s) for s in sequences], dtype=np.float64)
    rng = np.random.default_rng(seed)

    def epoch():
        order = np.argsort(lengths + rng.uniform(0.0, 16.0, size=len(lengths)), kind="stable")
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        rng.shuffle(batches)
        for rows in batches:
            yield pad_batch([sequences[i] for i in rows]), labels[rows]

    signature = (
        tf.TensorSpec((None, None), tf.int32),
        tf.TensorSpec((None,), tf.float32),
    )
    batches = -(-len(sequences) // batch_size)
    dataset = tf.data.Dataset.from_generator(epoch, output_signature=signature)
    return dataset.apply(tf.data.experimental.assert_cardinality(batches)).prefetch(2)


def pretrain_embeddings(texts, vocabulary, dim, seed, epochs):
    """Skip-gram word2vec on `texts` (the training split only) as the initial embedding.

    Returns a `(len(vocabulary), dim)` matrix: row 0 (padding) is zero, words
    word2vec did not see keep a small random vector.
    """
    from gensim.models import Word2Vec

    from attnviz.models.text import iter_words

    sentences = [list(iter_words(t)) for t in texts]
    w2v = Word2Vec(
        sentences,
        vector_size=dim,
        window=WORD2VEC_WINDOW,
        min_count=2,
        sg=1,
        negative=5,
        workers=2,
        seed=seed,
        epochs=epochs,
    )
    rng = np.random.default_rng(seed)
    matrix = rng.normal(0.0, EMBEDDING_SCALE, size=(len(vocabulary), dim))
    known = [i for i, w in enumerate(vocabulary.words) if i > 1 and w in w2v.wv]
    vectors = np.stack([w2v.wv[vocabulary.words[i]] for i in known]) if known else None
    if vectors is not None:
        matrix[known] = vectors * (EMBEDDING_SCALE / max(float(vectors.std()), 1e-6))
    matrix[0] = 0.0
    print(f"word2vec: {len(known)} of {len(vocabulary) - 2} words initialised", flush=True)
    return matrix.astype(np.float32), len(known)


def held_out_split(count, seed):
    """(held-out rows, training rows) of `count` training reviews: a seeded 10 % held out."""
    order = np.random.default_rng(seed).permutation(count)
    n_val = int(count * VALIDATION_SHARE)
    return order[:n_val], order[n_val:]


def encode_all(texts, vocabulary, max_tokens):
    return [vocabulary.encode(tokenize(t, limit=max_tokens).words) or [1] for t in texts]


def measure_test_set(served, test):
    """The model card's test fields: accuracy, loss, confusion matrix of `served` on `test`."""
    eval_clock = Stopwatch()
    probabilities = served.predict_proba(test.texts)
    eval_seconds = eval_clock.seconds()
    truth = np.asarray(test.labels)
    predicted = (probabilities >= 0.5).astype(int)
    clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
    loss = float(-np.mean(truth * np.log(clipped) + (1 - truth) * np.log(1 - clipped)))
    confusion = [[int(np.sum((truth == t) & (predicted == p))) for p in (0, 1)] for t in (0, 1)]
    return {
        "test_accuracy": float(np.mean(predicted == truth)),
        "test_loss": loss,
        "test_reviews": int(len(truth)),
        "confusion_matrix": {
            "rows": "true negative, true positive",
            "columns": "predicted negative, predicted positive",
            "values": confusion,
        },
        "test_eval_seconds": eval_seconds,
    }


def add_arguments(parser):
    parser.add_argument(
        "--data",
        help="aclImdb_labeled.tar.gz, aclImdb_v1.tar.gz or an extracted folder "
        "(default: download the official archive)",
    )
    parser.add_argument("--out", default=str(PRETRAINED_DIR), help="output folder")
    parser.add_argument("--variant", default=DEFAULT_VARIANT, choices=VARIANTS)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--vocab-size", type=int, default=VOCAB_SIZE)
    parser.add_argument("--max-tokens", type=int, default=MAX_TOKENS)
    parser.add_argument("--embedding-dim", type=int, default=EMBEDDING_DIM)
    parser.add_argument("--lstm-units", type=int, default=LSTM_UNITS)
    parser.add_argument("--attention-units", type=int, default=ATTENTION_UNITS)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--learning-rate", type=float, default=LEARNING_RATE)
    parser.add_argument("--embedding-dropout", type=float, default=EMBEDDING_DROPOUT)
    parser.add_argument("--dropout", type=float, default=DROPOUT)
    parser.add_argument(
        "--word2vec-epochs",
        type=int,
        default=WORD2VEC_EPOCHS,
        help="skip-gram pretraining epochs for the embedding (0: random initialisation)",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--threads", type=int, default=None, help="TensorFlow CPU threads")
    parser.add_argument(
        "--reuse-vocabulary",
        action="store_true",
        help="keep the vocabulary already in --out (so variants share it)",
    )


def run(args):
    clock = Stopwatch()
    set_seed_and_threads(args.seed, args.threads)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    print(f"reading IMDB from {args.data or 'the official download'} ...", flush=True)
    data = load_imdb(args.data)
    train, test = data["train"], data["test"]
    print(f"{len(train.texts)} train / {len(test.texts)} test reviews", flush=True)

    vocab_file = out / VOCABULARY_FILE
    if args.reuse_vocabulary and vocab_file.is_file():
        vocabulary = Vocabulary.load(vocab_file)
    else:
        vocabulary = Vocabulary.build(train.texts, args.vocab_size)
        vocabulary.save(vocab_file)
    print(f"vocabulary: {len(vocabulary)} entries", flush=True)

    val_rows, fit_rows = held_out_split(len(train.texts), args.seed)
    n_val = len(val_rows)
    sequences = encode_all(train.texts, vocabulary, args.max_tokens)
    labels = np.asarray(train.labels)
    fit_data = length_batches(
        [sequences[i] for i in fit_rows], labels[fit_rows], args.batch_size, args.seed
    )
    val_data = length_batches(
        [sequences[i] for i in val_rows], labels[val_rows], args.batch_size, args.seed + 1
    )

    def build():
        return build_sentiment_model(
            len(vocabulary),
            embedding_dim=args.embedding_dim,
            lstm_units=args.lstm_units,
            attention_units=args.attention_units,
            embedding_dropout=args.embedding_dropout,
            dropout=args.dropout,
            variant=args.variant,
        )

    model = build()
    initialised = 0
    if args.word2vec_epochs > 0:
        matrix, initialised = pretrain_embeddings(
            [train.texts[i] for i in fit_rows],
            vocabulary,
            args.embedding_dim,
            args.seed,
            args.word2vec_epochs,
        )
        model.get_layer("embedding").set_weights([matrix])
    model.compile(
        optimizer=keras.optimizers.Adam(args.learning_rate, clipnorm=1.0),
        loss="binary_crossentropy",
        metrics=["accuracy"],
        jit_compile=False,
    )
    model.summary()
    history = model.fit(
        fit_data,
        validation_data=val_data,
        epochs=args.epochs,
        callbacks=[
            keras.callbacks.EarlyStopping(
                monitor="val_accuracy", patience=PATIENCE, restore_best_weights=True
            )
        ],
        verbose=2,
    )
    training_seconds = clock.seconds()

    stem = model_stem(args.variant)
    model_file = out / f"{stem}.keras"
    save_inference_model(model, build, model_file)
    config = {
        "seed": args.seed,
        "vocab_size": len(vocabulary),
        "max_tokens": args.max_tokens,
        "embedding_dim": args.embedding_dim,
        "lstm_units": args.lstm_units,
        "attention_units": args.attention_units,
        "embedding_dropout": args.embedding_dropout,
        "dropout": args.dropout,
        "embedding_init": (
            f"skip-gram word2vec (gensim), {args.word2vec_epochs} epochs, window "
            f"{WORD2VEC_WINDOW}, on the training reviews only; {initialised} words"
            if args.word2vec_epochs > 0
            else "random"
        ),
        "batch_size": args.batch_size,
        "learning_rate": args.learning_rate,
        "max_epochs": args.epochs,
        "early_stopping": f"val_accuracy, patience {PATIENCE}, best weights restored",
        "validation": f"{n_val} training reviews held out (seeded)",
    }
    card = {
        "name": stem,
        "task": "sentiment",
        "variant": args.variant,
        "description": "IMDB movie-review sentiment: Embedding -> BiLSTM -> "
        f"{args.variant} attention -> Dense(sigmoid). Output: P(positive).",
        "data": "IMDB Large Movie Review Dataset v1.0 (Maas et al., 2011), official "
        "25,000 train / 25,000 test split",
        "vocabulary_file": VOCABULARY_FILE,
        "vocabulary_size": len(vocabulary),
        "max_tokens": args.max_tokens,
        "parameters": int(model.count_params()),
        "config": config,
        "history": history_rows(history),
        "training_seconds": training_seconds,
        "versions": library_versions(),
    }
    write_card(model_file.with_suffix(".json"), card)

    # Measure the saved model through the public API, as users will run it.
    print("evaluating on the official test set ...", flush=True)
    served = load_sentiment_model(out, variant=args.variant)
    card.update(
        {
            **measure_test_set(served, test),
            "dev_one_liners": dev_report(served),
        }
    )
    write_card(model_file.with_suffix(".json"), card)
    print(json.dumps({k: card[k] for k in ("test_accuracy", "test_loss", "confusion_matrix")}))
    print(f"wrote {model_file} and its model card", flush=True)
    return card
