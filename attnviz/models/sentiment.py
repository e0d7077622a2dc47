"""The IMDB sentiment classifier: model definition, loading and explanations.

`build_sentiment_model` defines the network (Embedding -> BiLSTM -> attention ->
Dense(sigmoid)); `load_sentiment_model` reads a trained one from `pretrained/`
and returns a `SentimentModel` whose `explain()` gives one attention weight per
token of the user's own text.
"""

import threading
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

import numpy as np

from attnviz.models import npforward
from attnviz.models.batching import (
    BATCH_BUCKETS,
    LENGTH_BUCKETS,
    CompiledByShape,
    bucket,
    pad_batch,
)
from attnviz.models.files import KerasOnDemand, read_card, read_keras_model
from attnviz.models.paths import ModelFileError, pretrained_dir
from attnviz.models.text import OOV_ID, Vocabulary, tokenize

# The attention mechanisms the app compares; each is a model of its own in pretrained/.
VARIANTS = ("additive", "per_unit", "dot_product", "multi_head")
VARIANT_NAMES = {
    "additive": "additive attention (one weight per token)",
    "per_unit": "per-unit attention (the original Keras tutorial layer)",
    "dot_product": "scaled dot-product attention with a learned query",
    "multi_head": "multi-head self-attention + additive pooling",
}
MULTI_HEAD_HEADS = 4
DEFAULT_VARIANT = "additive"
VOCABULARY_FILE = "sentiment-vocab.txt"


def model_stem(variant):
    return f"sentiment-{variant}"


def build_sentiment_model(
    vocab_size,
    embedding_dim=64,
    lstm_units=64,
    attention_units=64,
    embedding_dropout=0.25,
    dropout=0.5,
    variant=DEFAULT_VARIANT,
):
    """The classifier as a functional Keras model from token ids to P(positive).

    The variants differ only in the attention between the BiLSTM and the output.
    Layers are named so that `attention_model` can find them: "embedding",
    "encoder", "attention" (the pooling attention of every variant),
    "self_attention" (multi_head only), "probability".
    """
    import keras

    from attnviz.models import layers

    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {VARIANTS}")
    tokens = keras.Input(shape=(None,), dtype="int32", name="tokens")
    x = keras.layers.Embedding(vocab_size, embedding_dim, mask_zero=True, name="embedding")(
        tokens
    )  # (batch, time, embedding_dim)
    x = keras.layers.SpatialDropout1D(embedding_dropout, name="embedding_dropout")(x)
    states = keras.layers.Bidirectional(
        keras.layers.LSTM(lstm_units, return_sequences=True), name="encoder"
    )(x)  # (batch, time, 2 * lstm_units)
    if variant == "additive":
        context, _ = layers.AdditiveAttention(attention_units, name="attention")(states)
    elif variant == "per_unit":
        context, _ = layers.PerUnitAttention(name="attention")(states)
    elif variant == "dot_product":
        context, _ = layers.LearnedQueryAttention(
            attention_units, 2 * lstm_units, name="attention"
        )(states)
    else:  # multi_head: self-attention between tokens, then additive pooling
        mixed, _ = keras.layers.MultiHeadAttention(
            MULTI_HEAD_HEADS,
            key_dim=2 * lstm_units // MULTI_HEAD_HEADS,
            name="self_attention",
        )(states, states, return_attention_scores=True)  # (batch, time, 2 * lstm_units)
        states = keras.layers.LayerNormalization(name="self_attention_norm")(
            keras.layers.Add(name="self_attention_residual")([states, mixed])
        )
        context, _ = layers.AdditiveAttention(attention_units, name="attention")(states)
    context = keras.layers.Dropout(dropout, name="dropout")(context)
    probability = keras.layers.Dense(1, activation="sigmoid", name="probability")(context)
    return keras.Model(tokens, probability, name=model_stem(variant))


def attention_model(model, full=False):
    """A model sharing `model`'s layers whose outputs are P(positive) and attention.

    Outputs `(probability, token_weights)`: `token_weights` `(batch, time)` sums
    to 1 per review (for per_unit, the mean over units). With `full=True` a third
    output is the whole attention tensor: `(batch, time)` additive / dot_product,
    `(batch, time, units)` per_unit, `(batch, heads, time, time)` multi_head.
    """
    import keras
    from keras import ops

    _context, weights = model.get_layer("attention").output
    token_weights = weights if len(weights.shape) == 2 else ops.mean(weights, axis=-1)
    outputs = [model.output, token_weights]
    if full:
        try:
            _mixed, tensor = model.get_layer("self_attention").output
        except ValueError:  # no self-attention layer: the pooling weights are the tensor
            tensor = weights
        outputs.append(tensor)
    return keras.Model(model.input, outputs, name=model.name + "_explain")


@dataclass
class Explanation:
    """What the model read in one text and where it looked.

    Attributes:
        text: the original text.
        tokens: the tokens the model read, in order (vocabulary form, lower case).
        spans: `(start, end)` of each token in `text`.
        weights: attention weight of each token, >= 0, summing to 1.
        oov: True where the token is out of the vocabulary.
        probability: P(positive).
        label: "positive" or "negative".
        truncated: True when the text had more tokens than the model reads.
    """

    text: str
    tokens: list
    spans: list
    weights: np.ndarray
    oov: list
    probability: float
    label: str
    truncated: bool
    attention: np.ndarray = field(default=None, repr=False)  # the variant's whole tensor

    def to_dict(self):
        return {
            "probability": self.probability,
            "label": self.label,
            "truncated": self.truncated,
            "tokens": [
                {
                    "token": token,
                    "start": start,
                    "end": end,
                    "weight": float(weight),
                    "oov": oov,
                }
                for token, (start, end), weight, oov in zip(
                    self.tokens, self.spans, self.weights, self.oov
                )
            ],
        }


def label_of(probability):
    return "positive" if probability >= 0.5 else "negative"


class SentimentModel:
    """A trained sentiment classifier with its vocabulary and model card.

    One text (`explain`) runs the numpy forward pass (`attnviz.models.npforward`),
    which needs neither TensorFlow nor a compile; batches (`forward` with several
    sequences, `predict_proba`) and the attributions run the Keras model, which is
    built on first use when a loader is given instead of a model.

    Args:
        model: the Keras model from token ids to P(positive), or a function that
            loads it (called once, on first use).
        vocabulary: the `Vocabulary` it was trained with.
        card: the model card (dict) written by training.
        jit_compile: compile the batch forward pass with XLA (fast per call, a few
            seconds per new shape); False suits tiny models in tests.
        weights: the arrays for the numpy forward pass (`npforward.read_weights`);
            by default taken from the Keras model.
    """

    def __init__(self, model, vocabulary, card, jit_compile=True, weights=None):
        self._keras = KerasOnDemand(model)
        self.vocabulary = vocabulary
        self.card = card
        self.max_tokens = int(card["max_tokens"])
        self.variant = card.get("variant", DEFAULT_VARIANT)
        self._attributor = None
        # Built on first use by whichever session asks first: once, under this lock.
        self._attributor_lock = threading.Lock()
        self._model_lock = threading.Lock()
        self.jit_compile = jit_compile
        self.length_buckets = tuple(b for b in LENGTH_BUCKETS if b < self.max_tokens) + (
            self.max_tokens,
        )
        if weights is None and self._keras.loaded is not None:
            weights = npforward.weights_of_model(self._keras.loaded, self.variant)
        self.numpy_forward = npforward.SentimentForward(weights, self.variant) if weights else None
        self._compiled = None

    @property
    def model(self):
        """The Keras model (loaded on first use when the constructor got a loader)."""
        return self._keras.get()

    @property
    def compiled(self):
        """`{full: CompiledByShape}` of the batch forward pass, traced on first use.

        With XLA, one program per padded shape; padding is masked, so it changes nothing.
        Without, one TensorFlow graph with free dimensions serves every shape (after
        the second shape: `reduce_retracing`). `full=True` also returns the whole
        attention tensor.
        """
        if self._compiled is None:
            import tensorflow as tf

            model = self.model
            with self._model_lock:
                if self._compiled is None:
                    self._compiled = {
                        full: CompiledByShape(
                            tf.function(
                                partial(attention_model(model, full=full), training=False),
                                jit_compile=self.jit_compile,
                                reduce_retracing=not self.jit_compile,
                            )
                        )
                        for full in (False, True)
                    }
        return self._compiled

    def encode(self, text):
        """Tokens of `text` as the model reads them and their ids."""
        tokens = tokenize(text, limit=self.max_tokens)
        return tokens, self.vocabulary.encode(tokens.words)

    def forward(self, sequences, full=False):
        """P(positive) `(n,)` and token attention `(n, longest)` for a list of id lists.

        With `full=True` (one sequence only) a third result is the whole attention
        tensor of that sequence, trimmed to its tokens (see `attention_model`).
        One sequence of real tokens runs the numpy forward pass (one holding the padding
        id 0, which the Keras model masks, runs the Keras model). A batch is padded to a bucketed shape
        (see `BATCH_BUCKETS`, `LENGTH_BUCKETS`) for the Keras model; the first call for
        a shape compiles it (a few seconds).
        """
        if len(sequences) == 1 and self.numpy_forward is not None and all(sequences[0]):
            probability, weights, tensor = self.numpy_forward(sequences[0])
            probability = np.array([probability])
            weights = weights[None].astype(np.float32)
            return (
                (probability, weights)
                if not full
                else (probability, weights, tensor.astype(np.float64))
            )
        longest = max(len(s) for s in sequences)
        batch = pad_batch(
            sequences,
            rows=bucket(len(sequences), BATCH_BUCKETS),
            width=bucket(longest, self.length_buckets),
        )
        outputs = self.compiled[full](batch)
        n = len(sequences)
        probability = outputs[0].numpy()[:n, 0].astype(np.float64)
        weights = outputs[1].numpy()[:n, :longest]
        if not full:
            return probability, weights
        tensor = outputs[2].numpy()[0]
        if self.variant == "multi_head":  # (heads, time, time)
            tensor = tensor[:, :longest, :longest]
        else:  # (time,) or (time, units)
            tensor = tensor[:longest]
        return probability, weights, tensor.astype(np.float64)

    def warm_up(self, lengths=(16, 32, 64), rows=1):
        """Compile the Keras forward pass for batches of `rows` (at least 2) and `lengths`.

        One text needs no warm-up: it runs in numpy."""
        for length in lengths:
            self.forward([[1] * length] * max(rows, 2))

    def predict_proba(self, texts, batch_size=BATCH_BUCKETS[-1]):
        """P(positive) for each text; NaN for a text with no word in it.

        Texts are grouped by length so each batch pads little.
        """
        texts = list(texts)
        encoded = [self.encode(text)[1] for text in texts]
        result = np.full(len(texts), np.nan, dtype=np.float64)
        order = [i for i in np.argsort([len(e) for e in encoded], kind="stable") if encoded[i]]
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            probability, _ = self.forward([encoded[i] for i in rows])
            result[rows] = probability
        return result

    # The attribution methods attach themselves here when `attnviz.explain` is imported
    # (explain depends on models, never the other way); `attnviz.load_sentiment_model`
    # imports it.
    attributor_class = None

    def attributions(self, text, methods=None):
        """Attention beside gradient x input, integrated gradients and occlusion.

        See `attnviz.explain.saliency`; `methods` defaults to all four.
        """
        if self._attributor is None:
            if self.attributor_class is None:
                raise RuntimeError("import attnviz.explain before asking for attributions")
            with self._attributor_lock:  # concurrent first calls build it once
                if self._attributor is None:
                    self._attributor = self.attributor_class(self)
        if methods:
            return self._attributor.attributions(text, methods)
        return self._attributor.attributions(text)

    def explain(self, text):
        """Prediction and per-token attention for one text.

        Raises:
            ValueError: the text is empty or has no word the model can read.
        """
        if not isinstance(text, str):
            raise ValueError(f"expected text, got {type(text).__name__}")
        if not text.strip():
            raise ValueError("The text is empty: type a sentence to classify.")
        tokens, ids = self.encode(text)
        if not ids:
            raise ValueError(
                "The text has no words the model can read (only symbols or emoji): "
                "type at least one word."
            )
        probability, weights, tensor = self.forward([ids], full=True)
        probability = float(probability[0])
        weights = weights[0].astype(np.float64)
        return Explanation(
            text=text,
            tokens=tokens.words,
            spans=tokens.spans,
            weights=weights,
            oov=[i == OOV_ID for i in ids],
            probability=probability,
            label=label_of(probability),
            truncated=tokens.truncated,
            attention=tensor,
        )


def resolve_model_files(path, variant):
    """The `.keras` file, model card and vocabulary for `path` (folder or file)."""
    path = Path(path) if path is not None else pretrained_dir()
    if path.suffix == ".keras":
        model_file = path
    else:
        model_file = path / f"{model_stem(variant)}.keras"
    return model_file, model_file.with_suffix(".json")


def shared_vocabulary(path):
    """`Vocabulary.load(path)`, one object for every model that reads the same unchanged file.

    The four variants share one 20,000-word vocabulary (2.2 MB of Python objects each)."""
    stat = path.stat()
    return _vocabulary(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _vocabulary(path, _mtime_ns, _size):
    return Vocabulary.load(Path(path))


def load_sentiment_model(path=None, variant=DEFAULT_VARIANT, jit_compile=True):
    """Load a trained sentiment model.

    Args:
        path: a folder holding the files training wrote (default: the project's
            `pretrained/`, or `$ATTNVIZ_PRETRAINED`), or the `.keras` file itself.
        variant: which attention mechanism (one of `VARIANTS`).
        jit_compile: compile batches with XLA (see `SentimentModel`).

    The Keras model (and TensorFlow) loads when a batch or the attributions first need
    it; one text is answered from the arrays read here.

    Raises:
        ModelFileError: a file is missing or unreadable; the message names it and
            the command that rebuilds it.
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    model_file, card_file = resolve_model_files(path, variant)
    named = None if variant == DEFAULT_VARIANT else variant  # in the rebuild command
    card = read_card(card_file, "sentiment", named)
    vocab_file = model_file.parent / card.get("vocabulary_file", VOCABULARY_FILE)
    if not vocab_file.is_file():
        raise ModelFileError(vocab_file, "Vocabulary file is missing", "sentiment", named)
    vocabulary = shared_vocabulary(vocab_file)
    weights = npforward.read_weights(model_file, variant, "sentiment", named)
    loader = partial(read_keras_model, model_file, "sentiment", named)
    return SentimentModel(loader, vocabulary, card, jit_compile=jit_compile, weights=weights)
