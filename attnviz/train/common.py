"""Pieces every training script shares: seeds, threads, versions, model cards."""

import json
import platform
import time
from datetime import UTC, datetime


def set_seed_and_threads(seed, threads=None):
    """Deterministic seeds; optionally cap TensorFlow's CPU threads."""
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    if threads:
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)


def library_versions():
    import keras
    import numpy
    import tensorflow

    return {
        "python": platform.python_version(),
        "tensorflow": tensorflow.__version__,
        "keras": keras.__version__,
        "numpy": numpy.__version__,
    }


def history_rows(history):
    """Keras History -> list of per-epoch dicts with plain floats."""
    keys = sorted(history.history)
    epochs = len(history.history[keys[0]]) if keys else 0
    return [
        {"epoch": e + 1, **{k: float(history.history[k][e]) for k in keys}} for e in range(epochs)
    ]


def save_inference_model(model, build, path):
    """Save `model`'s weights in a fresh, uncompiled copy (no optimizer state in the file)."""
    clean = build()
    clean.set_weights(model.get_weights())
    clean.save(path)
    return clean


def write_card(path, card):
    card = {"created": datetime.now(UTC).isoformat(timespec="seconds"), **card}
    path.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


class Stopwatch:
    def __init__(self):
        self.start = time.perf_counter()

    def seconds(self):
        return round(time.perf_counter() - self.start, 1)


def same_run(saved, config):
    """Does a checkpoint's config match this run (the number of epochs may differ)?"""
    ignore = ("epochs",)
    saved = {k: v for k, v in (saved or {}).items() if k not in ignore}
    return saved == {k: v for k, v in config.items() if k not in ignore}
