"""Attention over input features: the classic Keras "weighted sum" snippet, trained live.

    attention_probs = Dense(n, activation="softmax")(inputs)
    weighted = inputs * attention_probs
    output = Dense(1, activation="sigmoid")(weighted)

`make_table` builds a synthetic table where only one chosen column carries the label;
`train` fits the tiny model in a few seconds on CPU and returns the attention vector
averaged over a batch, which peaks at the informative column. Seeded: the same
(column, seed) gives the same result.
"""

from dataclasses import dataclass

import numpy as np

# Configuration
N_FEATURES = 8  # columns in the synthetic table
N_ROWS = 3000  # training rows
EPOCHS = 12  # a few seconds on a shared CPU
BATCH_SIZE = 64
LEARNING_RATE = 0.01
ATTENTION_LAYER = "attention_probs"


@dataclass(frozen=True)
class FeatureAttention:
    """What the demo learned.

    Attributes:
        attention: `(n_features,)` softmax attention, averaged over the test rows.
        informative: the column that carried the label.
        accuracy: accuracy on held-out rows.
        history: per-epoch dicts with "epoch", "loss", "accuracy".
        seconds: training time.
    """

    attention: np.ndarray
    informative: int
    accuracy: float
    history: list
    seconds: float

    @property
    def top(self):
        """The column with the most attention."""
        return int(np.argmax(self.attention))


def make_table(informative, n_rows=N_ROWS, n_features=N_FEATURES, seed=0):
    """Features `(n_rows, n_features)` of noise and labels `(n_rows,)` from one column.

    The label is 1 where the informative column is positive; every other column is
    independent noise, so only that column helps.
    """
    if not 0 <= informative < n_features:
        raise ValueError(f"column {informative} does not exist in a table of {n_features}")
    rng = np.random.default_rng(seed)
    features = rng.normal(0, 1, size=(n_rows, n_features)).astype("float32")
    labels = (features[:, informative] > 0).astype("float32")
    return features, labels


def build_model(n_features=N_FEATURES, seed=0):
    """inputs → Dense(n, softmax) "attention_probs" → multiply → Dense(1, sigmoid).

    The starting weights come from initialisers seeded with `seed` (and seed + 1), not
    from a process-wide random state.
    """
    import keras

    inputs = keras.Input(shape=(n_features,), name="features")
    attention = keras.layers.Dense(
        n_features,
        activation="softmax",
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed),
        name=ATTENTION_LAYER,
    )(inputs)
    weighted = keras.layers.Multiply(name="weighted_features")([inputs, attention])
    output = keras.layers.Dense(
        1,
        activation="sigmoid",
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed + 1),
        name="label",
    )(weighted)
    return keras.Model(inputs, output, name="feature_attention")


def train(informative, seed=0, n_features=N_FEATURES, epochs=EPOCHS, n_rows=N_ROWS):
    """Train the tiny model on a table where column `informative` carries the label.

    Deterministic for a given `seed`, and thread-safe: the initial weights and the
    shuffling come from generators seeded locally (no `keras.utils.set_random_seed`,
    which would reseed Python, NumPy and TensorFlow for every session of the app).
    """
    import time

    import keras

    started = time.perf_counter()
    features, labels = make_table(informative, n_rows + 500, n_features, seed)
    train_x, test_x = features[:n_rows], features[n_rows:]
    train_y, test_y = labels[:n_rows], labels[n_rows:]
    model = build_model(n_features, seed=seed)
    model.compile(
        optimizer=keras.optimizers.Adam(LEARNING_RATE),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    # Each epoch in an order drawn from this run's own generator.
    order = np.random.default_rng(seed + 2)
    fitted = {"loss": [], "accuracy": []}
    for _ in range(epochs):
        shuffled = order.permutation(n_rows)
        epoch = model.fit(
            train_x[shuffled],
            train_y[shuffled],
            epochs=1,
            batch_size=BATCH_SIZE,
            shuffle=False,
            verbose=0,
        )
        for name in fitted:
            fitted[name] += epoch.history[name]
    probe = keras.Model(model.input, model.get_layer(ATTENTION_LAYER).output)
    attention = np.asarray(probe(test_x)).mean(axis=0)  # (n_features,)
    predicted = np.asarray(model(test_x))[:, 0] > 0.5
    history = [
        {"epoch": i + 1, "loss": float(loss), "accuracy": float(acc)}
        for i, (loss, acc) in enumerate(zip(fitted["loss"], fitted["accuracy"]))
    ]
    return FeatureAttention(
        attention=attention.astype(np.float64),
        informative=int(informative),
        accuracy=float((predicted == test_y.astype(bool)).mean()),
        history=history,
        seconds=time.perf_counter() - started,
    )
