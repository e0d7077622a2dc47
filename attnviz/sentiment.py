"""The IMDB sentiment classifier: model definition, loading and explanations.

`build_sentiment_model` defines the network (Embedding -> BiLSTM -> attention ->
Dense(sigmoid)); `load_sentiment_model` reads a trained one from `pretrained/`
and returns a `SentimentModel` whose `explain()` gives one attention weight per
token of the user's own text.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from attnviz.paths import PRETRAINED_DIR, ModelFileError
from attnviz.text import OOV_ID, Vocabulary, tokenize

VARIANTS = ("additive",)
DEFAULT_VARIANT = "additive"
VOCABULARY_FILE = "sentiment-vocab.txt"
# Batches are padded to a multiple of this many tokens, so the compiled forward
# pass sees few distinct shapes.
LENGTH_BUCKET = 32


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

    Layers are named so that `attention_model` can find them: "embedding",
    "encoder", "attention", "probability".
    """
    import keras

    from attnviz import layers

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
    context, _weights = layers.AdditiveAttention(attention_units, name="attention")(states)
    context = keras.layers.Dropout(dropout, name="dropout")(context)
    probability = keras.layers.Dense(1, activation="sigmoid", name="probability")(context)
    return keras.Model(tokens, probability, name=model_stem(variant))


def attention_model(model):
    """A model sharing `model`'s layers whose outputs are (P(positive), attention)."""
    import keras

    _context, weights = model.get_layer("attention").output
    return keras.Model(model.input, [model.output, weights], name=model.name + "_explain")


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
    attention: np.ndarray = field(default=None, repr=False)

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


def pad_batch(sequences):
    """Right-pad id lists with 0 to the batch's longest, rounded up to LENGTH_BUCKET."""
    longest = max(len(s) for s in sequences)
    width = -(-longest // LENGTH_BUCKET) * LENGTH_BUCKET
    batch = np.zeros((len(sequences), width), dtype=np.int32)
    for row, ids in enumerate(sequences):
        batch[row, : len(ids)] = ids
    return batch


class SentimentModel:
    """A trained sentiment classifier with its vocabulary and model card.

    Args:
        model: the Keras model from token ids to P(positive).
        vocabulary: the `Vocabulary` it was trained with.
        card: the model card (dict) written by training.
    """

    def __init__(self, model, vocabulary, card):
        import tensorflow as tf

        self.model = model
        self.vocabulary = vocabulary
        self.card = card
        self.max_tokens = int(card["max_tokens"])
        self.variant = card.get("variant", DEFAULT_VARIANT)
        self._explain_model = attention_model(model)
        self._forward = tf.function(
            lambda ids: self._explain_model(ids, training=False),
            input_signature=[tf.TensorSpec([None, None], tf.int32)],
            reduce_retracing=True,
        )

    def encode(self, text):
        """Tokens of `text` as the model reads them and their ids."""
        tokens = tokenize(text, limit=self.max_tokens)
        return tokens, self.vocabulary.encode(tokens.words)

    def forward(self, batch):
        """P(positive) `(batch,)` and attention `(batch, time)` for padded ids."""
        probability, weights = self._forward(batch)
        return probability.numpy()[:, 0], weights.numpy()

    def predict_proba(self, texts, batch_size=64):
        """P(positive) for each text; NaN for a text with no word in it.

        Texts are grouped by length so each batch pads little.
        """
        texts = list(texts)
        encoded = [self.encode(text)[1] for text in texts]
        result = np.full(len(texts), np.nan, dtype=np.float64)
        order = [i for i in np.argsort([len(e) for e in encoded], kind="stable") if encoded[i]]
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            probability, _ = self.forward(pad_batch([encoded[i] for i in rows]))
            result[rows] = probability
        return result

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
        probability, weights = self.forward(np.asarray([ids], dtype=np.int32))
        probability = float(probability[0])
        weights = weights[0, : len(ids)].astype(np.float64)
        return Explanation(
            text=text,
            tokens=tokens.words,
            spans=tokens.spans,
            weights=weights,
            oov=[i == OOV_ID for i in ids],
            probability=probability,
            label=label_of(probability),
            truncated=tokens.truncated,
            attention=weights,
        )


def resolve_model_files(path, variant):
    """The `.keras` file, model card and vocabulary for `path` (folder or file)."""
    path = Path(path) if path is not None else PRETRAINED_DIR
    if path.suffix == ".keras":
        model_file = path
    else:
        model_file = path / f"{model_stem(variant)}.keras"
    return model_file, model_file.with_suffix(".json")


def read_card(card_file, task):
    if not card_file.is_file():
        raise ModelFileError(card_file, "Model card is missing", task)
    try:
        return json.loads(card_file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelFileError(card_file, f"Model card is not valid JSON ({exc})", task) from exc


def read_keras_model(model_file, task):
    """`keras.saving.load_model` with errors that name the file and the fix."""
    import keras

    from attnviz import layers  # noqa: F401  (registers the custom layers)

    if not model_file.is_file():
        raise ModelFileError(model_file, "Model file is missing", task)
    try:
        return keras.saving.load_model(model_file, compile=False)
    except Exception as exc:  # a truncated zip, wrong version, ... all mean "rebuild"
        raise ModelFileError(
            model_file, f"Model file could not be read ({type(exc).__name__}: {exc})", task
        ) from exc


def load_sentiment_model(path=None, variant=DEFAULT_VARIANT):
    """Load a trained sentiment model.

    Args:
        path: a folder holding the files training wrote (default: the project's
            `pretrained/`), or the `.keras` file itself.
        variant: which attention mechanism (one of `VARIANTS`).

    Raises:
        ModelFileError: a file is missing or unreadable; the message names it and
            the command that rebuilds it.
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    model_file, card_file = resolve_model_files(path, variant)
    card = read_card(card_file, "sentiment")
    vocab_file = model_file.parent / card.get("vocabulary_file", VOCABULARY_FILE)
    if not vocab_file.is_file():
        raise ModelFileError(vocab_file, "Vocabulary file is missing", "sentiment")
    vocabulary = Vocabulary.load(vocab_file)
    model = read_keras_model(model_file, "sentiment")
    return SentimentModel(model, vocabulary, card)
