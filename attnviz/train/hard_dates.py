"""Train the hard-attention date converter (`python -m attnviz.train dates --attention hard`).

Same data, network and recipe as the soft converter (`attnviz.train.seq2seq`): the
datagen families, 150k pairs, Adam 3e-3 cosine-decayed, batches of similar-length
texts, exact match on a held-out set drawn with another seed. The only change is
the attention layer (`HardSeq2SeqAttention`): each output step reads ONE encoder
state, drawn from the attention distribution while training and trained with the
straight-through Gumbel-softmax estimator; argmax at inference.

After every epoch the whole model (with its optimizer) is saved to
`--checkpoint-dir`; `--resume` continues from the last one. At the end it
measures the held-out set, the hand-written file `tests/data/dates_handwritten.tsv`
and the soft model in the same folder on both, and writes `dates-hard.keras` and
`dates-hard.json`.

Time on 1 CPU thread sharing a 2-core machine: see the card's `training_seconds`.
Smoke test: `--examples 300 --epochs 1 --units 8 --decoder-units 16`.
"""

import json
import math
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from attnviz.classroom import datagen
from attnviz.models.dates import (
    INPUT_LENGTH,
    OUTPUT_LENGTHS,
    encode_inputs,
    input_table,
    normalize,
    output_table,
)
from attnviz.models.hard import HARD_STEM, TEMPERATURE, build_hard_seq2seq_model
from attnviz.models.paths import PRETRAINED_DIR, PROJECT_DIR
from attnviz.train.common import (
    Stopwatch,
    library_versions,
    same_run,
    set_seed_and_threads,
    write_card,
)
from attnviz.train.seq2seq import (
    by_family,
    earlier_rounds,
    earlier_training_texts,
    encode_targets,
    exact_match,
    layer_sizes,
    length_batches,
    parse_boost,
    read_tsv,
    run_config,
    score_handwritten,
    test_seed,
)
from attnviz.train.seq2seq import read_handwritten as read_handwritten_files

# Configuration (the rest comes from attnviz.train.seq2seq's options and defaults)
CHECKPOINT_DIR = Path(tempfile.gettempdir()) / "attnviz-checkpoints" / HARD_STEM
HANDWRITTEN_FILE = PROJECT_DIR / "tests" / "data" / "dates_handwritten.tsv"
CONVERGED = 0.99  # "epochs to converge": first epoch whose validation exact match reaches this
VARIANCE_DRAWS = 32  # gradient draws on one batch for the estimator study
VARIANCE_ROWS = 64  # rows of that batch


def handwritten_accuracy(converter, path=HANDWRITTEN_FILE):
    """Exact match of a converter on the hand-written file, and its mistakes."""
    pairs = read_tsv(path)
    results = converter.convert_batch([text for text, _ in pairs])
    mistakes = [
        {"input": text, "expected": expected, "predicted": r.output}
        for (text, expected), r in zip(pairs, results)
        if r.output != expected
    ]
    return 1 - len(mistakes) / len(pairs), len(pairs), mistakes


def answers(converter):
    """texts -> [(output, reason or None)], as `score_handwritten` reads them."""

    def predict(texts):
        return [(r.output, None if r.valid else r.reason) for r in converter.convert_batch(texts)]

    return predict


def gradient_study(model, ids, targets, draws=VARIANCE_DRAWS, seed=0):
    """Variance of two gradient estimators for the attention scorer's weights.

    On one batch, with the trained model, draws the sampled paths `draws` times
    and computes the gradient of the batch loss with respect to the attention
    layer's weights (W, b, v) by (a) the straight-through Gumbel-softmax
    estimator used for training and (b) REINFORCE with a batch-mean baseline
    (the loss of each path times the gradient of its log-probability). Returns
    for each: the mean total variance across draws (sum over weights), the
    squared norm of the mean gradient, and their ratio (signal to noise).
    """
    import keras
    import tensorflow as tf

    from attnviz.models.hard import gumbel_noise, hard_alignment_model

    attention = model.get_layer("attention")
    weights = attention.trainable_weights
    sampler = hard_alignment_model(model)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(reduction=None)
    rows, width = ids.shape
    steps = model.output.shape[1]

    def straight_through():
        with tf.GradientTape() as tape:
            probabilities = model(ids, training=True)
            loss = tf.reduce_mean(tf.reduce_sum(loss_fn(targets, probabilities), axis=1))
        return [g.numpy().ravel() for g in tape.gradient(loss, weights)]

    def reinforce(noise):
        with tf.GradientTape() as tape:
            probabilities, alignment, distribution = sampler([ids, noise], training=False)
            path_loss = tf.reduce_sum(loss_fn(targets, probabilities), axis=1)  # (rows,)
            chosen = tf.reduce_sum(alignment * distribution, axis=-1)  # (rows, Ty)
            log_prob = tf.reduce_sum(tf.math.log(tf.maximum(chosen, 1e-30)), axis=1)
            advantage = tf.stop_gradient(path_loss - tf.reduce_mean(path_loss))
            surrogate = tf.reduce_mean(advantage * log_prob)
        return [g.numpy().ravel() for g in tape.gradient(surrogate, weights)]

    keras.utils.set_random_seed(seed)
    samples = {"straight_through_gumbel": [], "reinforce_baseline": []}
    for draw in range(draws):
        samples["straight_through_gumbel"].append(np.concatenate(straight_through()))
        noise = gumbel_noise(rows, steps, width, seed * 1000 + draw)
        samples["reinforce_baseline"].append(np.concatenate(reinforce(noise)))
    study = {}
    for name, grads in samples.items():
        grads = np.stack(grads)  # (draws, parameters)
        variance = float(grads.var(axis=0, ddof=1).sum())
        signal = float((grads.mean(axis=0) ** 2).sum())
        study[name] = {
            "total_variance": variance,
            "mean_gradient_squared_norm": signal,
            "signal_to_noise": signal / max(variance, 1e-30),
        }
    study["draws"] = draws
    study["rows"] = rows
    study["parameters"] = "attention W, b, v"
    return study


def copy_soft_weights(model, soft_file):
    """Start from a trained converter, soft or hard: copy every layer's weights by name.

    The hard network has the soft one's layers (same names and shapes); only what the
    attention does with its weights differs, so the scorer's W, b, v carry over too.
    """
    from attnviz.models.dates import LAYER_NAMES
    from attnviz.models.files import read_keras_model

    soft = read_keras_model(Path(soft_file), "dates")
    for name in LAYER_NAMES:
        source, target = soft.get_layer(name), model.get_layer(name)
        weights = source.get_weights()
        shapes = [w.shape for w in target.get_weights()][: len(weights)]
        if [w.shape for w in weights] != shapes:
            raise SystemExit(
                f"--init-from {soft_file}: layer {name} has shapes "
                f"{[w.shape for w in weights]}, the hard model {shapes}"
            )
        target.set_weights(weights + target.get_weights()[len(weights) :])


def latest_checkpoint(folder):
    state_file = folder / "state.json"
    if not state_file.is_file() or not (folder / "last.keras").is_file():
        return None
    return json.loads(state_file.read_text(encoding="utf-8"))


def run(args):
    import keras
    import tensorflow as tf

    from attnviz.models import layers  # noqa: F401  (registers the custom layers)
    from attnviz.models.hard import HardConverter

    if args.task != "dates":
        raise SystemExit("hard attention is trained for dates only: use `dates --attention hard`")
    task = "dates"
    shipped_card = None
    if getattr(args, "remeasure", False):
        shipped_card = json.loads((args.out / f"{HARD_STEM}.json").read_text(encoding="utf-8"))
        remeasure_settings(args, shipped_card)
    examples = args.examples or 150_000
    epochs = args.epochs or 6
    set_seed_and_threads(args.seed, args.threads)
    clock = Stopwatch()
    checkpoints = Path(args.checkpoint_dir or CHECKPOINT_DIR)

    print(f"[dates-hard] generating {examples} training pairs (seed {args.seed})", flush=True)
    # The soft twin's data: the same families, negatives answered by the reject symbol,
    # the same boosts and held-out seed when given.
    boost = parse_boost(args.boost, task)
    train = datagen.generate_mixed(
        task, examples, seed=args.seed, negative_share=args.negative_share,
        max_length=INPUT_LENGTH, boost=boost,
    )  # fmt: skip
    seen = {normalize(e.text) for e in train}
    # Earlier rounds: the warm start's own (a hard round continued) and its soft twin's.
    own_rounds = earlier_rounds(args.init_from, task)
    continued = bool(own_rounds) and (own_rounds[-1]["config"] or {}).get("attention") == "hard"
    rounds = list(own_rounds)
    soft_file = (args.soft_model or PRETRAINED_DIR) / f"{task}.keras"
    if args.init_from and args.init_from.resolve() != soft_file.resolve():
        rounds += earlier_rounds(soft_file, task)
    earlier, skipped = earlier_training_texts(rounds, task)
    seen |= earlier
    if skipped:
        print(f"[dates-hard] {skipped} earlier round(s) from an older generator not excluded")
    held_out = datagen.held_out(
        task, args.test_examples + args.validation_examples, test_seed(args), seen,
        negative_share=args.negative_share,
    )  # fmt: skip
    validation, test = held_out[: args.validation_examples], held_out[args.validation_examples :]
    print(f"[dates-hard] {len(train)} train, {len(validation)} validation, {len(test)} test")

    chars_in, chars_out = input_table(), output_table(task)
    x_val, y_val = (
        encode_inputs([e.text for e in validation], chars_in),
        encode_targets(validation, task),
    )
    x_test, y_test = encode_inputs([e.text for e in test], chars_in), encode_targets(test, task)

    config = {
        **run_config(args, task, (train, validation, test), epochs, boost),
        "attention": "hard",
        "estimator": "straight-through Gumbel-softmax",
        "temperature": TEMPERATURE,
    }

    if shipped_card is not None:
        return remeasure(args, shipped_card, test, x_test, y_test, clock)
    x_train = encode_inputs([e.text for e in train], chars_in, INPUT_LENGTH)
    y_train = encode_targets(train, task)

    def build():
        return build_hard_seq2seq_model(
            len(chars_in),
            len(chars_out),
            OUTPUT_LENGTHS[task],
            **layer_sizes(args),
            seed=args.seed,
            name="dates_hard",
        )

    batches_per_epoch = math.ceil(len(train) / args.batch_size)
    state = latest_checkpoint(checkpoints) if args.resume else None
    if state is not None and same_run(state.get("config"), config):
        model = keras.saving.load_model(checkpoints / "last.keras", compile=True)
        start_epoch = int(state["epochs_done"])
        history = state["history"]
        training_seconds = float(state["training_seconds"])
        print(f"[dates-hard] resuming after epoch {start_epoch} from {checkpoints}", flush=True)
    else:
        if args.resume:
            print(f"[dates-hard] no matching checkpoint in {checkpoints}; starting afresh")
        model = build()
        if args.init_from:
            copy_soft_weights(model, args.init_from)
            print(f"[dates-hard] initialised from {args.init_from}", flush=True)
        schedule = keras.optimizers.schedules.CosineDecay(
            args.learning_rate, epochs * batches_per_epoch, alpha=0.02
        )
        model.compile(
            optimizer=keras.optimizers.Adam(schedule, clipnorm=1.0),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
            jit_compile=False,
        )
        start_epoch, history, training_seconds = 0, [], 0.0
    forward = tf.function(
        lambda ids: model(ids, training=False),
        input_signature=[tf.TensorSpec([None, INPUT_LENGTH], tf.int32)],
    )

    def epoch_data(epoch):
        rng = np.random.default_rng([args.seed, epoch])  # the same batches after --resume
        dataset = tf.data.Dataset.from_generator(
            lambda: length_batches(x_train, y_train, args.batch_size, rng),
            output_signature=(
                tf.TensorSpec([None, None], tf.int32),
                tf.TensorSpec([None, OUTPUT_LENGTHS[task]], tf.int32),
            ),
        )
        return dataset.apply(tf.data.experimental.assert_cardinality(batches_per_epoch))

    print(f"[dates-hard] training {model.count_params():,} parameters for {epochs} epochs")
    for epoch in range(start_epoch, epochs):
        started = time.perf_counter()
        fit = model.fit(
            epoch_data(epoch).prefetch(2),
            epochs=epoch + 1,
            initial_epoch=epoch,
            shuffle=False,
            verbose=args.verbose,
        )
        training_seconds += time.perf_counter() - started
        _, hits = exact_match(lambda x: forward(x).numpy(), x_val, y_val)
        row = {"epoch": epoch + 1, **{k: float(v[-1]) for k, v in fit.history.items()}}
        row["val_exact_match"] = float(hits.mean())
        history.append(row)
        checkpoints.mkdir(parents=True, exist_ok=True)
        model.save(checkpoints / "last.keras")
        state = {
            "epochs_done": epoch + 1,
            "history": history,
            "training_seconds": training_seconds,
            "config": config,
        }
        (checkpoints / "state.json").write_text(json.dumps(state, indent=1), encoding="utf-8")
        print(
            f"[dates-hard] epoch {epoch + 1}/{epochs}: loss {row['loss']:.4f}, validation "
            f"exact match {hits.mean():.4f}, {training_seconds:.0f} s training",
            flush=True,
        )

    accuracy, mistakes = held_out_figures(lambda x: forward(x).numpy(), test, x_test, y_test)

    args.out.mkdir(parents=True, exist_ok=True)
    model_file = args.out / f"{HARD_STEM}.keras"
    clean = build()
    clean.set_weights(model.get_weights())
    clean.save(model_file)

    card = {
        "task": task,
        "attention": "hard",
        "model_file": model_file.name,
        "description": (
            "Character-level seq2seq with HARD attention: the soft converter's BiLSTM encoder "
            "and post-attention LSTM, but each output step reads one encoder state "
            "(HardSeq2SeqAttention), sampled while training (straight-through Gumbel-softmax), "
            "argmax at inference"
        ),
        "input_length": INPUT_LENGTH,
        "output_length": OUTPUT_LENGTHS[task],
        "input_vocabulary": chars_in.characters,
        "output_vocabulary": chars_out.characters,
        "test_accuracy": accuracy,
        "test_mistakes": mistakes,
        "history": history,
        "training_seconds": round(training_seconds, 1),
        "epochs_to_converge": next(
            (r["epoch"] for r in history if r["val_exact_match"] >= CONVERGED), None
        ),
        "converged_means": f"first epoch with validation exact match >= {CONVERGED}",
        "parameters": int(model.count_params()),
        "versions": library_versions(),
        "config": config,
        "data_generator": "attnviz.classroom.datagen, families "
        + ", ".join(sorted(Counter(e.family for e in train))),
    }
    if continued:  # started from a hard model: its rounds come first
        card["earlier_rounds"] = own_rounds
        card["all_rounds"] = {
            "rounds": len(own_rounds) + 1,
            "epochs": sum(int(r["config"]["epochs"]) for r in own_rounds) + epochs,
            "training_seconds": round(
                sum(float(r["training_seconds"]) for r in own_rounds) + training_seconds, 1
            ),
            "epochs_to_converge": own_rounds[0].get("epochs_to_converge"),
            "converged_means": "epochs_to_converge of the first hard round (from the soft "
            "weights); the card's own epochs_to_converge counts this round's epochs only",
        }
    compare_with_soft(card, HardConverter(clean, card, task), args, x_test, y_test)
    rows = min(VARIANCE_ROWS, len(x_val))
    width = max(8, int((x_val[:rows] > 0).sum(axis=1).max()))
    card["gradient_study"] = gradient_study(
        model, x_val[:rows, :width], y_val[:rows], draws=args.gradient_draws
    )
    card["seconds_this_run"] = clock.seconds()  # the last (possibly resumed) run
    write_card(args.out / f"{HARD_STEM}.json", card)
    print(f"[dates-hard] wrote {model_file} and {model_file.with_suffix('.json')}", flush=True)


def held_out_figures(forward, test, x_test, y_test):
    """The card's `test_accuracy` (exact match, per family) and first 25 mistakes."""
    chars_out = output_table("dates")
    predictions, hits = exact_match(forward, x_test, y_test)
    per_family, per_family_count = by_family(test, hits)
    accuracy = {
        "exact_match": float(hits.mean()),
        "per_family": per_family,
        "per_family_count": per_family_count,
        "families_not_in_test": sorted(set(datagen.FAMILIES["dates"]) - set(per_family)),
    }
    mistakes = [
        {"input": e.text, "expected": e.target, "predicted": chars_out.decode(p)}
        for e, p, hit in zip(test, predictions, hits)
        if not hit
    ][:25]
    print(f"[dates-hard] held-out exact match {hits.mean():.4f}", flush=True)
    return accuracy, mistakes


def compare_with_soft(card, hard_converter, args, x_test, y_test):
    """The hand-written files for the hard model and, beside it on the same held-out set
    and files, the soft model of `--soft-model` (default: the output folder)."""
    from attnviz.models.dates import load_converter

    task = "dates"
    if HANDWRITTEN_FILE.is_file():
        score, count, wrong = handwritten_accuracy(hard_converter)
        card["handwritten"] = {"file": "tests/data/dates_handwritten.tsv", "exact_match": score}
        card["handwritten"].update({"examples": count, "mistakes": wrong[:25]})
    files = read_handwritten_files(args.handwritten_dir, task)  # every tests/data/dates_*.tsv
    card["handwritten_files"] = score_handwritten(task, files, answers(hard_converter))
    try:
        soft = load_converter(task, args.soft_model or args.out)
    except OSError as exc:
        print(f"[dates-hard] no soft model to compare with ({exc})")
    else:
        _, soft_hits = exact_match(lambda x: soft.forward(x)[0], x_test, y_test)
        soft_history = soft.card.get("history") or []
        card["soft_twin"] = {
            "model_file": str(soft.card.get("model_file")),
            "created": soft.card.get("created"),
            "test_exact_match_on_this_test_set": float(soft_hits.mean()),
            "training_seconds": soft.card.get("training_seconds"),
            "epochs": (soft.card.get("config") or {}).get("epochs"),
            "epochs_to_converge": next(
                (r["epoch"] for r in soft_history if r.get("val_exact_match", 0) >= CONVERGED),
                None,
            ),
        }
        if HANDWRITTEN_FILE.is_file():
            card["soft_twin"]["handwritten_exact_match"] = handwritten_accuracy(soft)[0]
        card["soft_twin"]["handwritten_files"] = {
            name: score["accuracy"]
            for name, score in score_handwritten(task, files, answers(soft)).items()
        }


def remeasure_settings(args, card):
    """Set the data arguments of `args` to those the shipped hard model was trained with."""
    config = card["config"]
    args.seed, args.examples = config["seed"], config["examples"]
    args.test_examples, args.validation_examples = (
        config["test_examples"],
        config["validation_examples"],
    )
    args.negative_share, args.test_seed = config["negative_share"], config["test_seed"]
    args.epochs, args.learning_rate = config["epochs"], config["learning_rate"]
    args.boost = [f"{family}={factor}" for family, factor in (config.get("boost") or {}).items()]
    args.init_from = args.out / f"{HARD_STEM}.keras"  # its card lists every earlier round


def remeasure(args, card, test, x_test, y_test, clock):
    """Measure the shipped hard model again, and the soft model beside it, on the held-out
    set regenerated from the hard card (the generator and the soft rounds may have changed
    since: the set now also excludes every soft round's training inputs)."""
    import keras

    from attnviz.models.hard import HardConverter

    model = keras.saving.load_model(args.out / f"{HARD_STEM}.keras", compile=False)
    card["test_accuracy"], card["test_mistakes"] = held_out_figures(
        lambda x: np.asarray(model(x, training=False)), test, x_test, y_test
    )
    compare_with_soft(card, HardConverter(model, card, "dates"), args, x_test, y_test)
    card["remeasured"] = {
        "command": "python -m attnviz.train dates --attention hard --remeasure",
        "why": "a new soft round was shipped and the data generator's label noise fixed: "
        "the held-out set is regenerated from this card's config (same seeds) and both "
        "models measured on it",
        "seconds": clock.seconds(),
    }
    write_card(args.out / f"{HARD_STEM}.json", card)
    print(f"[dates-hard] re-measured {args.out / HARD_STEM}.json", flush=True)
    return card
