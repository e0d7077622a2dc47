"""Stage 2 of sentiment training: teach a whole-review model to read one-liners too.

    python -m attnviz.train sentiment-short --data ../shared/data/aclImdb_labeled.tar.gz \
        --variant additive

Stage 1 (`python -m attnviz.train sentiment`) trains on whole IMDB reviews of about
230 words; a class types one line ("Not bad at all."). This stage continues from the
stage-1 model in `--init` (same vocabulary, same architecture) on a mix, each epoch:

- the same whole training reviews as stage 1 (weight 1),
- sentences cut from those reviews, labelled by their review and kept only where the
  VADER lexicon agrees with that label (weak supervision at training time only; the
  served verdict is the attention model's own),
- one-line reviews written for this project (`attnviz.train.short_reviews`: plain,
  negation, contrast, expectation, idiom, one-word).

The 2,500 training reviews stage 1 held out stay held out. After every epoch it
measures the held-out reviews, sentences of the held-out reviews, generated one-liners
(another seed) and the hand-written development set `tests/data/one_liners_dev.tsv`,
and keeps the epoch with the best mean of held-out reviews and the development set.
The IMDB test reviews are only measured, once, at the end.
Resumable: every epoch is backed up in `--work`; run the same command with `--resume`.
"""

import json
import re
import resource
import shutil
from pathlib import Path

import keras
import numpy as np

from attnviz.models.batching import pad_batch
from attnviz.models.paths import PRETRAINED_DIR
from attnviz.models.sentiment import (
    DEFAULT_VARIANT,
    VARIANTS,
    build_sentiment_model,
    load_sentiment_model,
    model_stem,
)
from attnviz.models.text import OOV_ID, tokenize
from attnviz.train.common import Stopwatch, library_versions, save_inference_model, write_card
from attnviz.train.imdb import load_imdb
from attnviz.train.one_liners import (
    SNIPPET_SET,
    accuracy,
    dev_report,
    per_category,
    read_dev_set,
)
from attnviz.train.sentiment import encode_all, held_out_split, measure_test_set
from attnviz.train.short_reviews import short_reviews

# Configuration
SEED = 2024
EPOCHS = 4  # upper bound; the best epoch on the held-out sets is kept
LEARNING_RATE = 3e-4
BATCH_SIZE = 64
SENTENCE_WEIGHT = 0.6  # loss weight of a review sentence (a whole review weighs 1)
OWN_WEIGHT = 0.6  # loss weight of a generated one-line review
OWN_EXAMPLES = 36_000  # generated one-liners per epoch (a new draw every epoch)
SENTENCES_PER_REVIEW = 4  # at most, the most clearly opinionated first
VADER_AGREEMENT = 0.3  # |compound| at least this, with the review's sign
SENTENCE_TOKENS = (3, 40)  # a kept sentence has this many tokens (inclusive)
# A training review's target is (1 - DISTILL) * its label + DISTILL * the mean P(positive)
# of the four stage-1 variants (an ensemble teacher, training time only), so the short-text
# stage keeps, and sharpens, what the whole-review models knew.
DISTILL = 0.5
# An exponential moving average of the weights (momentum per step; 0: none), measured and
# selectable beside the raw weights after every epoch.
EMA = 0.0
# Word dropout on the whole training reviews (0: none): this share of their words is shown
# as unknown, drawn anew every epoch, so the model cannot lean on a few (often film-specific)
# words. Never on short text, where hiding "not" would flip the label.
WORD_DROPOUT = 0.0
NEGATION_WORDS = {"not", "no", "never", "don't", "didn't", "wasn't", "isn't", "won't",
                  "can't", "couldn't", "nothing", "hardly", "nobody", "doesn't", "wouldn't"}  # fmt: skip

STAGE_TWO = {  # the card's description of this stage, by --fresh
    False: " Stage 2: continued on short text (review sentences and one-liners).",
    True: " Stage 2: BiLSTM, attention and output trained anew on whole reviews and short text"
    " together (the embedding from stage 1).",
}
EMA_KEPT = " Kept: the moving average of its weights over the training steps."
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|<br\s*/?\s*>", re.IGNORECASE)


def review_sentences(texts, labels, max_per_review, seed):
    """Opinionated sentences of reviews, labelled by their review, VADER agreeing.

    Returns `(sentences, labels)`. A sentence is kept when it has
    `SENTENCE_TOKENS` tokens and VADER's compound score has the review's sign
    with magnitude >= `VADER_AGREEMENT`; at most `max_per_review` per review,
    the strongest first.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    low, high = SENTENCE_TOKENS
    kept, kept_labels = [], []
    for text, label in zip(texts, labels):
        scored = []
        for sentence in SENTENCE_BREAK.split(text):
            sentence = sentence.strip()
            n = len(tokenize(sentence).words)
            if not low <= n <= high:
                continue
            compound = vader.polarity_scores(sentence)["compound"]
            signed = compound if label == 1 else -compound
            if signed >= VADER_AGREEMENT:
                scored.append((signed, sentence))
        scored.sort(reverse=True)
        for _, sentence in scored[:max_per_review]:
            kept.append(sentence)
            kept_labels.append(label)
    order = np.random.default_rng(seed).permutation(len(kept))
    return [kept[i] for i in order], [kept_labels[i] for i in order]


def teacher_probabilities(folder, variants, texts, cache=None):
    """Mean P(positive) of the stage-1 models `variants` in `folder` on `texts` (an ensemble).

    Knowledge distillation at training time only: the served model is the one trained
    here, alone. `cache` (a .npy file) keeps the result between runs and variants.
    """
    cache = Path(cache) if cache else None
    if cache and cache.is_file():
        kept = np.load(cache)
        if len(kept) == len(texts):
            return kept
    total = np.zeros(len(texts))
    for variant in variants:
        teacher = load_sentiment_model(folder, variant=variant)
        total += predict(teacher.model, encode_all(texts, teacher.vocabulary, teacher.max_tokens))
        print(f"teacher {variant} done", flush=True)
    mean = total / len(variants)
    if cache:
        np.save(cache, mean)
    return mean


def word_dropout(sequences, share, rng):
    """`sequences` with each id replaced by `OOV_ID` with probability `share` (new lists)."""
    if share <= 0:
        return list(sequences)
    dropped = []
    for ids in sequences:
        ids = np.asarray(ids, dtype=np.int32).copy()
        ids[rng.random(len(ids)) < share] = OOV_ID
        dropped.append(ids)
    return dropped


def mixed_batches(parts, batch_size, seed):
    """A `tf.data.Dataset` of `(ids, labels, weights)` batches from several parts.

    `parts` is a list of `(sequences, labels, weight, make, count)` or, with word
    dropout, `(sequences, labels, weight, make, count, dropout)`; `make(epoch)`, when
    not None, returns fresh `(sequences, labels)` for that epoch (the generated
    one-liners are drawn anew); `count` is the part's rows per epoch; `dropout` is the
    share of the part's words hidden as unknown, drawn anew every epoch. Each epoch sorts
    all rows by length plus noise, cuts batches and shuffles them, as stage 1 does.
    """
    import tensorflow as tf

    rng = np.random.default_rng(seed)
    counter = {"epoch": 0}

    def epoch():
        sequences, labels, weights = [], [], []
        for seqs, labs, weight, make, _count, *dropout in parts:
            if make is not None:
                seqs, labs = make(counter["epoch"])
            sequences += word_dropout(seqs, dropout[0] if dropout else 0.0, rng)
            labels += list(labs)
            weights += [weight] * len(seqs)
        counter["epoch"] += 1
        labels = np.asarray(labels, dtype=np.float32)
        weights = np.asarray(weights, dtype=np.float32)
        lengths = np.array([len(s) for s in sequences], dtype=np.float64)
        order = np.argsort(lengths + rng.uniform(0.0, 4.0, size=len(lengths)), kind="stable")
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        rng.shuffle(batches)
        for rows in batches:
            yield pad_batch([sequences[i] for i in rows]), labels[rows], weights[rows]

    signature = (
        tf.TensorSpec((None, None), tf.int32),
        tf.TensorSpec((None,), tf.float32),
        tf.TensorSpec((None,), tf.float32),
    )
    total = sum(p[4] for p in parts)
    steps = -(-total // batch_size)  # batches are cut from all parts together
    return tf.data.Dataset.from_generator(epoch, output_signature=signature).prefetch(2), steps


def predict(model, sequences, batch_size=256, tokens=64_000):
    """P(positive) of id lists with the training model (no XLA, inference mode).

    Sorted by length; a batch holds at most `batch_size` rows and `tokens` tokens, so the
    multi-head variant's (rows, heads, n, n) scores stay small on 800-token reviews (a
    256-review batch of them needed over 10 GB and let the kernel stop a training run).
    """
    out = np.zeros(len(sequences))
    order = np.argsort([len(s) for s in sequences], kind="stable")
    start = 0
    while start < len(order):
        longest = max(len(sequences[order[min(start + batch_size, len(order)) - 1]]), 1)
        rows = order[start : start + max(8, min(batch_size, tokens // longest))]
        out[rows] = np.asarray(model(pad_batch([sequences[i] for i in rows]), training=False))[:, 0]
        start += len(rows)
    return out


def negation_effects(served, rows):
    """P(positive) of each negated dev sentence with and without its negation word."""
    from attnviz.explain.saliency import remove_token

    effects = []
    for text, label, category in rows:
        if category != "negation":
            continue
        tokens = tokenize(text)
        found = [i for i, w in enumerate(tokens.words) if w in NEGATION_WORDS]
        if not found:
            continue
        i = found[0]
        shortened = remove_token(text, tokens.spans[i])
        with_word, without = served.predict_proba([text, shortened])
        effects.append(
            {
                "text": text,
                "expected": "positive" if label else "negative",
                "word": text[slice(*tokens.spans[i])],
                "p_positive": round(float(with_word), 4),
                "p_positive_without_word": round(float(without), 4),
            }
        )
    return effects


def start_from(model, stage1_model, fresh=False):
    """Copy the stage-1 weights into `model`: all of them, or with `fresh` only the
    embedding (the BiLSTM, attention and output keep their new seeded initial values, so
    whole reviews and short text are learned together from the start)."""
    if fresh:
        model.get_layer("embedding").set_weights(stage1_model.get_layer("embedding").get_weights())
    else:
        model.set_weights(stage1_model.get_weights())


class EpochLog(keras.callbacks.Callback):
    """Measures the held-out sets after every epoch and keeps each epoch's weights.

    With `ema`, the optimizer's moving average of the weights is measured and kept too
    (a second row, `"weights": "ema"`); training itself goes on from the raw weights.
    """

    def __init__(self, work, checks, ema=False, clock=None):
        super().__init__()
        self.work = work
        self.checks = checks  # name -> (sequences, labels or rows)
        self.ema = ema
        self.log_file = work / "epochs.json"
        self.rows = json.loads(self.log_file.read_text()) if self.log_file.is_file() else []
        # seconds spent by earlier runs of a resumed training, up to their last kept epoch
        self.seconds_file = work / "seconds.json"
        self.earlier = (
            json.loads(self.seconds_file.read_text()) if self.seconds_file.is_file() else 0.0
        )
        self.clock = clock or Stopwatch()

    def seconds(self):
        """Training seconds of this run and the earlier runs it resumed."""
        return round(self.earlier + self.clock.seconds(), 1)

    def measure(self, epoch, loss, weights):
        row = {"epoch": epoch, "weights": weights, "loss": loss}
        for name, (sequences, truth) in self.checks.items():
            p = predict(self.model, sequences)
            if truth and isinstance(truth[0], tuple):
                row[name] = per_category(truth, p)
            else:
                row[name] = accuracy(p, truth)
        row["score"] = (row["val_reviews"] + row["dev_one_liners"]["all"]) / 2
        self.model.save_weights(self.work / weights_file(row))
        key = (epoch, weights)
        self.rows = [r for r in self.rows if (r["epoch"], r.get("weights", "raw")) != key]
        self.rows.append(row)
        self.log_file.write_text(json.dumps(self.rows, indent=1))
        print(json.dumps(row), flush=True)

    def on_epoch_end(self, epoch, logs=None):
        loss = (logs or {}).get("loss")
        loss = None if loss is None else float(loss)
        self.measure(epoch + 1, loss, "raw")
        if self.ema and epoch >= 0:  # not the starting point: no steps, no average yet
            variables = self.model.trainable_variables
            raw = [v.numpy() for v in variables]
            self.model.optimizer.finalize_variable_values(variables)  # the average, in place
            self.measure(epoch + 1, loss, "ema")
            for variable, value in zip(variables, raw):
                variable.assign(value)
        self.seconds_file.write_text(json.dumps(self.seconds()))


def weights_file(row):
    """The checkpoint file of an `EpochLog` row."""
    suffix = "" if row.get("weights", "raw") == "raw" else "-" + row["weights"]
    return f"epoch-{row['epoch']}{suffix}.weights.h5"


def add_arguments(parser):
    parser.add_argument("--data", help="aclImdb_labeled.tar.gz, aclImdb_v1.tar.gz or a folder")
    parser.add_argument("--init", default=str(PRETRAINED_DIR), help="folder with the stage-1 model")
    parser.add_argument("--out", default=str(PRETRAINED_DIR), help="output folder")
    parser.add_argument("--variant", default=DEFAULT_VARIANT, choices=VARIANTS)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--learning-rate", type=float, default=LEARNING_RATE)
    parser.add_argument("--sentence-weight", type=float, default=SENTENCE_WEIGHT)
    parser.add_argument("--own-weight", type=float, default=OWN_WEIGHT)
    parser.add_argument("--own-examples", type=int, default=OWN_EXAMPLES)
    parser.add_argument("--limit", type=int, default=None, help="use only N training reviews")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--work", default=None, help="checkpoint folder (default: OUT/.work-VARIANT)"
    )
    parser.add_argument(
        "--sentence-cache",
        help="JSON file keeping the cut sentences between runs (variants share them; "
        "it holds review text, so keep it outside the project)",
    )
    parser.add_argument(
        "--distill",
        type=float,
        default=DISTILL,
        help="share of a training review's target taken from the stage-1 ensemble (0: none)",
    )
    parser.add_argument(
        "--teacher-cache",
        help=".npy file keeping the ensemble's P(positive) of the training and held-out reviews",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="keep only the stage-1 embedding: the BiLSTM, attention and output start anew "
        "(seeded) and learn whole reviews and short text together",
    )
    parser.add_argument(
        "--ema",
        type=float,
        default=EMA,
        help="momentum of a moving average of the weights (per step; 0: none), measured and "
        "selected beside the raw weights after every epoch",
    )
    parser.add_argument(
        "--word-dropout",
        type=float,
        default=WORD_DROPOUT,
        help="share of a whole training review's words shown as unknown, anew every epoch",
    )
    parser.add_argument(
        "--lstm-units",
        type=int,
        default=None,
        help="with --fresh: units of the new BiLSTM per direction (default: stage 1's)",
    )
    parser.add_argument("--resume", action="store_true", help="continue from --work")
    parser.add_argument("--skip-test", action="store_true", help="do not measure the test set")


def command_line(args):
    """The training command of the card: the variant and every option off its default."""
    options = [f"--variant {args.variant}"]
    for flag, value, default in (
        ("--fresh", args.fresh, False),
        ("--epochs", args.epochs, EPOCHS),
        ("--learning-rate", args.learning_rate, LEARNING_RATE),
        ("--ema", args.ema, EMA),
        ("--word-dropout", args.word_dropout, WORD_DROPOUT),
        ("--lstm-units", args.lstm_units, None),
        ("--distill", args.distill, DISTILL),
        ("--sentence-weight", args.sentence_weight, SENTENCE_WEIGHT),
        ("--own-weight", args.own_weight, OWN_WEIGHT),
        ("--own-examples", args.own_examples, OWN_EXAMPLES),
        ("--seed", args.seed, SEED),
    ):
        if value != default:
            options.append(flag if value is True else f"{flag} {value:g}")
    return "python -m attnviz.train sentiment-short " + " ".join(options)


def run(args):
    clock = Stopwatch()
    keras.utils.set_random_seed(args.seed)
    out, init = Path(args.out), Path(args.init)
    out.mkdir(parents=True, exist_ok=True)
    stem = model_stem(args.variant)
    work = Path(args.work) if args.work else out / f".work-{args.variant}"
    if work.exists() and not args.resume:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)

    stage1 = load_sentiment_model(init, variant=args.variant)
    vocabulary, card = stage1.vocabulary, dict(stage1.card)
    if args.lstm_units and args.lstm_units != card["config"]["lstm_units"]:
        if not args.fresh:
            raise SystemExit("--lstm-units needs --fresh: stage 1's BiLSTM has its own size")
        card["config"] = {**card["config"], "lstm_units": args.lstm_units}
    stage1_card = {
        k: card[k] for k in ("test_accuracy", "history", "training_seconds") if k in card
    }
    stage1_card = card.get("stage_1", stage1_card)  # re-running stage 2 keeps the first stage

    data = load_imdb(args.data)
    train, test = data["train"], data["test"]
    # The same held-out split as stage 1 (its seed and share), so held-out stays held out.
    stage1_seed = card["config"]["seed"]
    val_rows, fit_rows = held_out_split(len(train.texts), stage1_seed)
    if args.limit:
        fit_rows, val_rows = fit_rows[: args.limit], val_rows[: max(args.limit // 10, 20)]
    max_tokens = stage1.max_tokens
    texts = train.texts
    labels = np.asarray(train.labels)

    def encode(batch):
        return encode_all(batch, vocabulary, max_tokens)

    fit_reviews = encode([texts[i] for i in fit_rows])
    val_reviews = encode([texts[i] for i in val_rows])
    review_targets = labels[fit_rows].astype(np.float64)
    teacher_card = None
    if args.distill > 0:
        # every stage-1 variant found beside the one continued here
        teachers = [v for v in VARIANTS if (init / f"{model_stem(v)}.keras").is_file()]
        ensemble = teacher_probabilities(
            init, teachers, [texts[i] for i in np.concatenate([fit_rows, val_rows])],
            args.teacher_cache,
        )  # fmt: skip
        fit_teacher, val_teacher = ensemble[: len(fit_rows)], ensemble[len(fit_rows) :]
        review_targets = (1 - args.distill) * review_targets + args.distill * fit_teacher
        teacher_card = {
            "models": [f"{model_stem(v)}.keras (stage 1)" for v in teachers],
            "share_of_review_target": args.distill,
            "val_reviews_accuracy": accuracy(val_teacher, list(labels[val_rows])),
        }
        print(f"teacher ensemble: held-out reviews {teacher_card['val_reviews_accuracy']:.4f}")
    cache = Path(args.sentence_cache) if args.sentence_cache else None
    if cache and cache.is_file():
        cached = json.loads(cache.read_text(encoding="utf-8"))
        sentences, sentence_labels, val_sentences, val_sentence_labels = cached
    else:
        print("cutting sentences ...", flush=True)
        sentences, sentence_labels = review_sentences(
            [texts[i] for i in fit_rows], labels[fit_rows], SENTENCES_PER_REVIEW, args.seed
        )
        val_sentences, val_sentence_labels = review_sentences(
            [texts[i] for i in val_rows], labels[val_rows], 1, args.seed
        )
        if cache:
            cached = [sentences, sentence_labels, val_sentences, val_sentence_labels]
            cache.write_text(json.dumps(cached, default=int), encoding="utf-8")
    print(f"{len(sentences)} training sentences, {len(val_sentences)} held out", flush=True)

    def own_epoch(epoch):
        rows = short_reviews(args.own_examples, args.seed + 100 + epoch)
        return encode([r[0] for r in rows]), [r[1] for r in rows]

    own_val = short_reviews(3000, args.seed + 99)  # another seed than any training draw
    dev = read_dev_set()
    checks = {
        "val_reviews": (val_reviews, list(labels[val_rows])),
        "val_sentences": (encode(val_sentences), val_sentence_labels),
        "own_generated": (encode([r[0] for r in own_val]), own_val),
        "dev_one_liners": (encode([r[0] for r in dev]), dev),
    }
    encoded_sentences = encode(sentences)
    parts = [
        (fit_reviews, review_targets, 1.0, None, len(fit_reviews), args.word_dropout),
        (encoded_sentences, sentence_labels, args.sentence_weight, None, len(sentences)),
        (None, None, args.own_weight, own_epoch, args.own_examples),
    ]
    dataset, steps = mixed_batches(parts, BATCH_SIZE, args.seed)

    def build():
        return build_sentiment_model(
            len(vocabulary),
            embedding_dim=card["config"]["embedding_dim"],
            lstm_units=card["config"]["lstm_units"],  # --lstm-units, with --fresh
            attention_units=card["config"]["attention_units"],
            embedding_dropout=card["config"]["embedding_dropout"],
            dropout=card["config"]["dropout"],
            variant=args.variant,
        )

    model = build()
    start_from(model, stage1.model, args.fresh)
    model.compile(
        optimizer=keras.optimizers.Adam(
            args.learning_rate,
            clipnorm=1.0,
            use_ema=args.ema > 0,
            ema_momentum=args.ema,  # read by Keras only with use_ema
        ),
        loss="binary_crossentropy",
        weighted_metrics=["accuracy"],
        jit_compile=False,
    )
    log = EpochLog(work, checks, ema=args.ema > 0, clock=clock)
    log.set_model(model)
    if not log.rows:  # the starting point, for the card
        log.on_epoch_end(-1)
    model.fit(
        dataset.repeat(),
        steps_per_epoch=steps,
        epochs=args.epochs,
        callbacks=[keras.callbacks.BackupAndRestore(str(work / "backup")), log],
        verbose=2,
    )
    training_seconds = log.seconds()  # with the runs a --resume continued
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    best = max((r for r in log.rows if r["epoch"] > 0), key=lambda r: r["score"])
    model.load_weights(work / weights_file(best))
    model_file = out / f"{stem}.keras"
    save_inference_model(model, build, model_file)
    if out.resolve() != init.resolve():
        shutil.copy(init / card.get("vocabulary_file", "sentiment-vocab.txt"), out)

    card.pop("created", None)  # a new model: write_card dates it now, not as stage 1
    write_card(model_file.with_suffix(".json"), card)  # so the saved model loads
    served = load_sentiment_model(out, variant=args.variant)
    card.update(
        {
            "description": card["description"].split(" Stage 2")[0]
            + STAGE_TWO[args.fresh]
            + (EMA_KEPT if best.get("weights") == "ema" else ""),
            "stage_1": stage1_card,
            "parameters": int(served.model.count_params()),  # --lstm-units may change it
            "short_text_stage": {
                "command": command_line(args),
                "config": {
                    "seed": args.seed,
                    "learning_rate": args.learning_rate,
                    "max_epochs": args.epochs,
                    "batch_size": BATCH_SIZE,
                    "fresh": args.fresh,
                    "ema_momentum": args.ema,
                    "word_dropout": args.word_dropout,
                    "sentence_weight": args.sentence_weight,
                    "own_weight": args.own_weight,
                    "own_examples_per_epoch": args.own_examples,
                    "sentences_per_review": SENTENCES_PER_REVIEW,
                    "vader_agreement": VADER_AGREEMENT,
                    "sentence_tokens": list(SENTENCE_TOKENS),
                    "training_reviews": len(fit_rows),
                    "training_sentences": len(sentences),
                    "teacher": teacher_card,
                    "selection": "epoch with the best mean of held-out review accuracy and "
                    "the hand-written development set",
                },
                "epochs": log.rows,
                "best_epoch": best["epoch"],
                "best_weights": best.get("weights", "raw"),
                "training_seconds": training_seconds,
                "peak_memory_mb": round(peak_mb),
            },
            "dev_one_liners": dev_report(served),
            "dev_snippets": dev_report(served, SNIPPET_SET),
            "negation_occlusion": negation_effects(served, dev),
            "training_seconds": round(stage1_card.get("training_seconds", 0) + training_seconds, 1),
            "peak_memory_mb": round(peak_mb),
            "versions": library_versions(),
        }
    )
    for key in ("own_sentences", "own_sentences_correct"):
        card.pop(key, None)
    if args.skip_test:  # stage 1's test figures do not describe this model
        for key in ("test_accuracy", "test_loss", "test_reviews", "confusion_matrix"):
            card.pop(key, None)
    write_card(model_file.with_suffix(".json"), card)
    if not args.skip_test:
        print("evaluating on the official test set ...", flush=True)
        card.update(measure_test_set(served, test))
        write_card(model_file.with_suffix(".json"), card)
    print(json.dumps({"best": best, "test_accuracy": card.get("test_accuracy")}), flush=True)
    return card
