"""Train a character-level date or time converter on generated data.

`python -m attnviz.train dates` (or `times`) generates messy dates/times with
`attnviz.classroom.datagen`, trains the BiLSTM + attention + post-attention LSTM network of
`attnviz.models.dates.build_seq2seq_model`, measures exact-match accuracy on a held-out
set drawn with a different seed (no text shared with training), and writes
`<out>/<task>.keras` (uncompiled) and `<out>/<task>.json` (the model card).

Time on 1 CPU thread (sharing a 2-core machine) with the defaults: dates about
25 minutes (150k pairs x 6 epochs, ~220 s/epoch), times about 20 (90k x 10).
For a smoke test: `--examples 300 --epochs 1 --units 8 --decoder-units 16`.
"""

import argparse
import math
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from attnviz.classroom import datagen
from attnviz.models.dates import (
    INPUT_LENGTH,
    OUTPUT_LENGTHS,
    build_seq2seq_model,
    encode_inputs,
    input_table,
    normalize,
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


def run(args):
    import keras
    import tensorflow as tf

    task = args.task
    examples = args.examples or DEFAULTS[task]["examples"]
    epochs = args.epochs or DEFAULTS[task]["epochs"]
    set_seed_and_threads(args.seed, args.threads)
    clock = Stopwatch()

    print(f"[{task}] generating {examples} training pairs (seed {args.seed})", flush=True)
    train = datagen.GENERATORS[task](examples, seed=args.seed, max_length=INPUT_LENGTH)
    seen = {normalize(e.text) for e in train}
    held_out = datagen.held_out(
        task, args.test_examples + args.validation_examples, args.seed + 1_000_003, seen
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

    config = {
        "task": task,
        "examples": len(train),
        "test_examples": len(test),
        "validation_examples": len(validation),
        "epochs": epochs,
        "batch_size": args.batch_size,
        "learning_rate": args.learning_rate,
        "embedding_dim": args.embedding_dim,
        "encoder_units": args.units,
        "decoder_units": args.decoder_units,
        "attention_units": args.attention_units,
        "seed": args.seed,
        "test_seed": args.seed + 1_000_003,
        "threads": args.threads,
        "families": datagen.FAMILIES[task],
    }

    def build():
        return build_seq2seq_model(
            len(chars_in),
            len(chars_out),
            OUTPUT_LENGTHS[task],
            embedding_dim=args.embedding_dim,
            encoder_units=args.units,
            decoder_units=args.decoder_units,
            attention_units=args.attention_units,
            name=task,
        )

    model = build()
    steps = epochs * math.ceil(len(train) / args.batch_size)
    schedule = keras.optimizers.schedules.CosineDecay(args.learning_rate, steps, alpha=0.02)
    model.compile(
        optimizer=keras.optimizers.Adam(schedule, clipnorm=1.0),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        jit_compile=False,
    )
    rng = np.random.default_rng(args.seed)
    dataset = tf.data.Dataset.from_generator(
        lambda: length_batches(x_train, y_train, args.batch_size, rng),
        output_signature=(
            tf.TensorSpec([None, None], tf.int32),
            tf.TensorSpec([None, OUTPUT_LENGTHS[task]], tf.int32),
        ),
    ).apply(tf.data.experimental.assert_cardinality(math.ceil(len(train) / args.batch_size)))
    dataset = dataset.prefetch(2)
    forward = tf.function(
        lambda ids: model(ids, training=False),
        input_signature=[tf.TensorSpec([None, INPUT_LENGTH], tf.int32)],
    )

    class ExactMatch(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            _, hits = exact_match(lambda x: forward(x).numpy(), x_val, y_val)
            logs["val_exact_match"] = float(hits.mean())
            print(
                f"[{task}] epoch {epoch + 1}/{epochs}: loss {logs['loss']:.4f}, "
                f"validation exact match {hits.mean():.4f}, {clock.seconds()} s",
                flush=True,
            )

    print(f"[{task}] training {model.count_params():,} parameters for {epochs} epochs", flush=True)
    started = time.perf_counter()
    history = model.fit(
        dataset, epochs=epochs, shuffle=False, verbose=args.verbose, callbacks=[ExactMatch()]
    )
    training_seconds = round(time.perf_counter() - started, 1)

    predictions, hits = exact_match(lambda x: forward(x).numpy(), x_test, y_test)
    per_family = defaultdict(list)
    for example, hit in zip(test, hits):
        per_family[example.family].append(bool(hit))
    accuracy = {
        "exact_match": float(hits.mean()),
        "per_family": {f: float(np.mean(v)) for f, v in sorted(per_family.items())},
        "per_family_count": {f: len(v) for f, v in sorted(per_family.items())},
        # Families with so few distinct texts that all of them occur in training
        # (e.g. "noon") cannot appear in a held-out set without shared text.
        "families_not_in_test": sorted(set(datagen.FAMILIES[task]) - set(per_family)),
    }
    mistakes = [
        {"input": e.text, "expected": e.target, "predicted": chars_out.decode(p)}
        for e, p, hit in zip(test, predictions, hits)
        if not hit
    ][:25]
    print(f"[{task}] held-out exact match {hits.mean():.4f}; {accuracy['per_family']}", flush=True)

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
                "Seq2SeqAttention, post-attention LSTM), trained on attnviz.classroom.datagen"
            ),
            "input_length": INPUT_LENGTH,
            "output_length": OUTPUT_LENGTHS[task],
            "input_vocabulary": chars_in.characters,
            "output_vocabulary": chars_out.characters,
            "test_accuracy": accuracy,
            "test_mistakes": mistakes,
            "history": history_rows(history),
            "training_seconds": training_seconds,
            "total_seconds": clock.seconds(),
            "parameters": int(model.count_params()),
            "versions": library_versions(),
            "config": config,
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
