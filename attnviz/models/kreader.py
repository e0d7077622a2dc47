"""A sentiment reader that may look at only k words of a review.

A selector scores every word of the review (its own 32-dim embedding, a width-5
convolution, a Dense score), HARD top-k picks the k best-scored words, and the
verdict is computed from those k words ALONE: each chosen word's own embedding
(no context) goes through a Dense layer, the k results are averaged, and a small
classifier reads the average. Every other word contributes exactly nothing, so
the chosen words are the whole explanation of the verdict.

k is an input of the network (1 to `MAX_K`), so one trained model answers for
every k. Training draws the k words (Gumbel top-k: k words sampled without
replacement in proportion to softmax(score)) and passes gradients to the
selector through a relaxed k-hot (k successive softmaxes, each one pushing
down what the previous ones took) with the straight-through trick; at
inference the k best-scored words are taken, deterministically.
"""

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import keras
import numpy as np
from keras import ops

from attnviz.models.batching import (
    BATCH_BUCKETS,
    LENGTH_BUCKETS,
    CompiledByShape,
    bucket,
    pad_batch,
)
from attnviz.models.files import read_card, read_keras_model
from attnviz.models.layers import masked_softmax
from attnviz.models.paths import ModelFileError, pretrained_dir
from attnviz.models.text import OOV_ID, Vocabulary, tokenize

KREADER_STEM = "sentiment-kreader"
MAX_K = 20  # the largest k the network can be asked for
INFERENCE_KS = (1, 3, 5, 10, 20)  # the k's the card measures


@keras.saving.register_keras_serializable(package="attnviz")
class HardTopK(keras.layers.Layer):
    """Hard top-k selection over the positions of a sequence, differentiable while training.

    Given scores `s_t` and a per-row `k`:

        inference:  m_t = 1 for the k highest scores among the real positions, else 0
        training:   m_t = 1 for the k highest `s_t + g_t`, `g_t ~ Gumbel(0, 1)` (k
                    positions drawn without replacement from softmax(s)); the
                    backward pass uses the relaxed k-hot r = sum_{j<k} softmax(w_j / tau),
                    w_0 = s + g, w_{j+1} = w_j + log(1 - softmax(w_j / tau)),
                    through m + r - stop_gradient(r)

    Rows with fewer than k real positions select all of them; padding is never
    selected; ties are broken towards the earlier position.

    Args:
        max_k: the largest k (the relaxation loop runs this many times).
        temperature: tau of the relaxation.
        seed: seed of the training noise.
        **kwargs: forwarded to `keras.layers.Layer`.

    Call arguments:
        inputs: list `[scores, k, real]`: `scores` float `(batch_size, timesteps)`,
            `k` int `(batch_size,)`, `real` bool `(batch_size, timesteps)`, False on
            padding.
        training: draw the selection (True) or take the top k (False).

    Returns:
        `(batch_size, timesteps)`: 1.0 on the chosen positions, 0.0 elsewhere.
    """

    def __init__(self, max_k=MAX_K, temperature=0.5, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.max_k = max_k
        self.temperature = temperature
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs, training=None):
        scores, k, mask = inputs
        k = ops.clip(ops.cast(k, "int32"), 1, self.max_k)  # (batch,)
        length = ops.shape(scores)[1]
        mask = ops.cast(mask, "bool")
        perturbed = scores
        if training:
            uniform = keras.random.uniform(
                ops.shape(scores), minval=1e-10, maxval=1.0, seed=self.seed_generator
            )
            perturbed = scores - ops.log(-ops.log(uniform))
        # Earlier positions win ties; padding sinks below every real position.
        position = ops.cast(ops.arange(length), scores.dtype)
        ranked = ops.where(mask, perturbed - 1e-6 * position, -1e9)  # (batch, time)
        padded = ops.pad(ranked, [[0, 0], [0, self.max_k]], constant_values=-2e9)
        top, _ = ops.top_k(padded, self.max_k)  # (batch, max_k), descending
        threshold = ops.take_along_axis(top, ops.expand_dims(k - 1, -1), axis=1)  # (batch, 1)
        chosen = ops.cast(ops.logical_and(ranked >= threshold, mask), scores.dtype)
        if not training:
            return chosen
        relaxed = ops.zeros_like(scores)
        w = ops.where(mask, perturbed, -1e9)
        for j in range(self.max_k):
            a = masked_softmax(w / self.temperature, mask)  # (batch, time)
            active = ops.cast(ops.expand_dims(k > j, -1), scores.dtype)  # (batch, 1)
            relaxed = relaxed + active * a
            w = w + ops.log(ops.maximum(1.0 - a, 1e-20))
        return chosen + relaxed - ops.stop_gradient(relaxed)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[0])

    def get_config(self):
        config = super().get_config()
        config.update({"max_k": self.max_k, "temperature": self.temperature, "seed": self.seed})
        return config


@keras.saving.register_keras_serializable(package="attnviz")
class RealTokens(keras.layers.Layer):
    """True where a token id is not padding (id 0): `(batch, time)` ids -> bool."""

    def call(self, ids):
        return ops.not_equal(ids, 0)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)


@keras.saving.register_keras_serializable(package="attnviz")
class ChosenMean(keras.layers.Layer):
    """The mean of the chosen positions' features.

    Call arguments:
        inputs: list `[features, chosen]`: `(batch_size, timesteps, features)` and the
            selection `(batch_size, timesteps)` (1.0 chosen, 0.0 not; may carry a
            straight-through gradient).

    Returns:
        `(batch_size, features)`: sum of chosen features / number chosen.
    """

    def call(self, inputs):
        features, chosen = inputs
        count = ops.maximum(ops.stop_gradient(ops.sum(chosen, axis=1, keepdims=True)), 1.0)
        return ops.sum(features * ops.expand_dims(chosen, -1), axis=1) / count

    def compute_output_shape(self, input_shape):
        return (input_shape[0][0], input_shape[0][-1])


def build_kreader_model(
    vocab_size, embedding_dim=32, selector_units=32, word_units=32, max_k=MAX_K, seed=None
):
    """The k-word reader: inputs (token ids `(batch, time)`, k `(batch,)`), outputs
    (P(positive) `(batch, 1)`, selection `(batch, time)`, selector scores `(batch, time)`).

    Layer names: "embedding", "selector_conv", "selector_score", "top_k",
    "word_features", "chosen_mean", "verdict_hidden", "probability".
    """
    tokens = keras.Input(shape=(None,), dtype="int32", name="tokens")
    k = keras.Input(shape=(), dtype="int32", name="k")
    real = RealTokens(name="real_tokens")(tokens)  # (batch, time) bool
    embedded = keras.layers.Embedding(vocab_size, embedding_dim, name="embedding")(tokens)
    # Where to look may depend on the neighbours (a width-5 window) ...
    hidden = keras.layers.Conv1D(
        selector_units, 5, padding="same", activation="relu", name="selector_conv"
    )(embedded)
    scores = keras.layers.Reshape((-1,), name="scores")(
        keras.layers.Dense(1, name="selector_score")(hidden)
    )  # (batch, time)
    chosen = HardTopK(max_k=max_k, seed=seed, name="top_k")([scores, k, real])
    # ... but the verdict reads each chosen word on its own.
    features = keras.layers.Dense(word_units, activation="relu", name="word_features")(embedded)
    pooled = ChosenMean(name="chosen_mean")([features, chosen])  # (batch, word_units)
    hidden = keras.layers.Dense(16, activation="relu", name="verdict_hidden")(pooled)
    probability = keras.layers.Dense(1, activation="sigmoid", name="probability")(hidden)
    return keras.Model([tokens, k], [probability, chosen, scores], name="sentiment_kreader")


@dataclass
class KReading:
    """What the k-word reader chose in one text and what it concluded.

    Attributes:
        text: the original text.
        k: how many words it was allowed (the words it chose can be fewer when the
            text is shorter).
        tokens: the tokens read (vocabulary form).
        spans: `(start, end)` of each token in `text`.
        chosen: True for each chosen token.
        scores: the selector's score of each token (higher = more likely chosen).
        selector_weights: softmax of the scores, the selector's soft view (sums to 1).
        probability: P(positive) computed from the chosen words alone.
        label: "positive" or "negative".
        truncated: the text had more tokens than the reader reads.
        oov: True where the token is out of the vocabulary.
    """

    text: str
    k: int
    tokens: list
    spans: list
    chosen: list
    scores: np.ndarray = field(repr=False)
    selector_weights: np.ndarray = field(repr=False)
    probability: float = 0.5
    label: str = "positive"
    truncated: bool = False
    oov: list = field(default_factory=list)

    @property
    def chosen_words(self):
        return [self.text[s:e] for (s, e), c in zip(self.spans, self.chosen) if c]

    def to_dict(self):
        return {
            "k": self.k,
            "probability": self.probability,
            "label": self.label,
            "truncated": self.truncated,
            "chosen_words": self.chosen_words,
            "tokens": [
                {"token": w, "start": s, "end": e, "chosen": bool(c), "score": float(x)}
                for w, (s, e), c, x in zip(self.tokens, self.spans, self.chosen, self.scores)
            ],
        }


def check_k(k, max_k=MAX_K):
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= max_k:
        raise ValueError(f"k must be a whole number from 1 to {max_k}, got {k!r}")
    return int(k)


class KWordReader:
    """A trained k-word reader with its vocabulary and model card."""

    def __init__(self, model, vocabulary, card, jit_compile=True):
        import tensorflow as tf

        self.model = model
        self.vocabulary = vocabulary
        self.card = card
        self.max_tokens = int(card.get("max_tokens", 800))
        self.max_k = int(card.get("max_k", MAX_K))
        self.length_buckets = tuple(b for b in LENGTH_BUCKETS if b < self.max_tokens) + (
            self.max_tokens,
        )
        self._forward = CompiledByShape(
            tf.function(partial(model, training=False), jit_compile=jit_compile)
        )

    def forward(self, sequences, k):
        """P(positive) `(n,)`, selection and scores `(n, longest)` for id lists."""
        longest = max(len(s) for s in sequences)
        batch = pad_batch(
            sequences,
            rows=bucket(len(sequences), BATCH_BUCKETS),
            width=bucket(longest, self.length_buckets),
        )
        ks = np.full(len(batch), k, dtype=np.int32)
        probability, chosen, scores = self._forward([batch, ks])
        n = len(sequences)
        return (
            probability.numpy()[:n, 0].astype(np.float64),
            chosen.numpy()[:n, :longest] > 0.5,
            scores.numpy()[:n, :longest].astype(np.float64),
        )

    def read(self, text, k):
        """Which k words the reader picks in `text` and its verdict from them.

        Raises:
            ValueError: empty text, no readable word, or k outside 1..max_k.
        """
        k = check_k(k, self.max_k)
        if not isinstance(text, str):
            raise ValueError(f"expected text, got {type(text).__name__}")
        if not text.strip():
            raise ValueError("The text is empty: type a sentence to classify.")
        tokens = tokenize(text, limit=self.max_tokens)
        ids = self.vocabulary.encode(tokens.words)
        if not ids:
            raise ValueError(
                "The text has no words the model can read (only symbols or emoji): "
                "type at least one word."
            )
        probability, chosen, scores = self.forward([ids], k)
        row_scores = scores[0]
        weights = np.exp(row_scores - row_scores.max())
        probability = float(probability[0])
        return KReading(
            text=text,
            k=k,
            tokens=tokens.words,
            spans=tokens.spans,
            chosen=[bool(c) for c in chosen[0]],
            scores=row_scores,
            selector_weights=weights / weights.sum(),
            probability=probability,
            label="positive" if probability >= 0.5 else "negative",
            truncated=tokens.truncated,
            oov=[i == OOV_ID for i in ids],
        )

    def predict_proba(self, texts, k, batch_size=BATCH_BUCKETS[-1]):
        """P(positive) from k words for each text; NaN for a text with no word."""
        k = check_k(k, self.max_k)
        encoded = [self.vocabulary.encode(tokenize(t, limit=self.max_tokens).words) for t in texts]
        result = np.full(len(encoded), np.nan, dtype=np.float64)
        order = [i for i in np.argsort([len(e) for e in encoded], kind="stable") if encoded[i]]
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            result[rows] = self.forward([encoded[i] for i in rows], k)[0]
        return result


def load_kword_reader(path=None, jit_compile=True):
    """Load the k-word reader (default: `pretrained/sentiment-kreader.keras`).

    Raises:
        ModelFileError: a file is missing or unreadable; the message names it and
            the command that rebuilds it.
    """
    path = Path(path) if path is not None else pretrained_dir()
    model_file = path if path.suffix == ".keras" else path / f"{KREADER_STEM}.keras"
    card = read_card(model_file.with_suffix(".json"), "kreader")
    vocab_file = model_file.parent / card.get("vocabulary_file", "sentiment-vocab.txt")
    if not vocab_file.is_file():
        raise ModelFileError(vocab_file, "Vocabulary file is missing", "kreader")
    vocabulary = Vocabulary.load(vocab_file)
    model = read_keras_model(model_file, "kreader")
    return KWordReader(model, vocabulary, card, jit_compile=jit_compile)
