"""Character-level date and time converters: model, character tables, loading.

`build_seq2seq_model` defines the network of the classic Keras/Coursera "neural
machine translation with attention" date notebook: characters -> BiLSTM encoder
-> for each output character, attention over the input positions (conditioned
on the previous post-attention LSTM state) -> context -> post-attention LSTM ->
softmax over the output characters. `load_date_model` / `load_time_model` read a
trained one from `pretrained/` and return a `Converter` whose `convert()` gives
the answer, the alignment matrix and per-character probabilities.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np

from attnviz.models.batching import CompiledByShape, bucket
from attnviz.models.files import KerasOnDemand, read_card, read_keras_model
from attnviz.models.paths import ModelFileError, pretrained_dir

TASKS = ("dates", "times")
PAD = "\0"  # id 0: padding (masked out)
UNKNOWN = "\ufffd"  # id 1: any character outside the vocabulary
# Chinese: numerals, the date and clock words, weekdays, period-of-day words.
CHINESE_ALPHABET = (
    "〇零一二三四五六七八九十两年月日号星期天周礼拜公元凌晨早上午中下傍晚半夜点分刻整时钟差"
)
INPUT_ALPHABET = " '(),-./:;0123456789abcdefghijklmnopqrstuvwxyz" + CHINESE_ALPHABET
REJECT = "?"  # the answer, in every position, to a text that is not a date (time)
OUTPUT_ALPHABETS = {"dates": "0123456789-" + REJECT, "times": "0123456789:" + REJECT}
FIRST_YEAR, LAST_YEAR = 1900, 2099  # the range the date converter answers for
# Why a result is not valid (`ConversionResult.reason`), in the order they are checked.
REASONS = {
    "dates": {
        "not a date": "the model refused the text (reject symbol) or gave no YYYY-MM-DD",
        "impossible date": "the month or day it read does not exist (2021-02-30, month 31)",
        "out of range": f"the year is outside {FIRST_YEAR}-{LAST_YEAR}",
        "unsure": "calibrated confidence below the model card's threshold",
    },
    "times": {
        "not a time": "the model refused the text (reject symbol) or gave no HH:MM",
        "impossible time": "the hour is above 23 or the minute above 59 (13:60, 25:00)",
        "unsure": "calibrated confidence below the model card's threshold",
    },
}
OUTPUT_LENGTHS = {"dates": 10, "times": 5}  # Ty: "YYYY-MM-DD", "HH:MM"
INPUT_LENGTH = 64  # Tx: characters the model reads; longer inputs are cut
BATCH_SIZE = 256  # rows per forward pass in convert_batch
# The Keras forward pass (batches above `Converter.numpy_rows`) is compiled with XLA for a
# few fixed shapes: rows are padded up to one of these counts (padding rows are
# all-padding and are dropped).
ROW_BUCKETS = (1, 16, BATCH_SIZE)

# Typographic look-alikes folded before lookup.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2212": "-", "\u00a0": " ", "\u3002": ".", "\u3001": ",", "\u3000": " ",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")


def normalize(text):
    """What the model reads: full-width forms folded (NFKC: "２０２１" -> "2021", "："
    -> ":"), lower case, look-alike quotes/dashes folded, runs of whitespace collapsed to
    one space, stripped."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", text.lower().translate(_FOLD)).strip()


class CharacterTable:
    """A character <-> id table.

    Args:
        characters: the vocabulary, in id order.
        reserved: how many leading entries are special (pad, unknown): they are
            never produced when decoding.
    """

    def __init__(self, characters, reserved=0):
        self.characters = list(characters)
        self.reserved = reserved
        self.index = {c: i for i, c in enumerate(self.characters)}
        # Text lookups never hit the special entries: a NUL byte is unknown, not padding.
        self.lookup = {c: i for c, i in self.index.items() if i >= reserved}
        if len(self.index) != len(self.characters):
            raise ValueError("the character table has duplicate characters")

    def __len__(self):
        return len(self.characters)

    def encode(self, text, unknown_id=None):
        """Ids of the characters of `text`; unknown ones become `unknown_id` (or raise)."""
        if unknown_id is None:
            return [self.index[c] for c in text]
        return [self.lookup.get(c, unknown_id) for c in text]

    def decode(self, ids):
        return "".join(self.characters[int(i)] for i in ids)


def input_table():
    return CharacterTable([PAD, UNKNOWN, *INPUT_ALPHABET], reserved=2)


def output_table(task):
    return CharacterTable(OUTPUT_ALPHABETS[task])


def encode_inputs(texts, table, length=INPUT_LENGTH):
    """Normalised texts -> `(len(texts), length)` int32 ids, right-padded with 0."""
    batch = np.zeros((len(texts), length), dtype=np.int32)
    for row, text in enumerate(texts):
        ids = table.encode(normalize(text)[:length], unknown_id=1)
        batch[row, : len(ids)] = ids
    return batch


LAYER_NAMES = (
    "embedding",
    "encoder",
    "decoder_start",
    "attention",
    "post_attention_lstm",
    "output_softmax",
)


def connect(chars, parts, output_length, noise=None):
    """Wire the converter's layers from character ids to its outputs (soft or hard).

    Args:
        chars: int32 tensor of character ids `(batch, time)`, 0 = padding.
        parts: dict from each name in `LAYER_NAMES` to its layer. A soft attention layer
            (`Seq2SeqAttention`) returns (context, weights); a hard one
            (`HardSeq2SeqAttention`, `attnviz.models.hard`) returns (context, one-hot
            choice, the weights it was chosen from).
        output_length: Ty, the number of output characters.
        noise: hard attention only: an optional float tensor `(batch, Ty, time)` added to
            the log attention weights before each step's argmax (Gumbel noise draws a
            sample).

    Returns:
        Soft: `(probabilities, alignment)`, `(batch, Ty, output_vocab)` and
        `(batch, Ty, time)`. Hard: `(probabilities, alignment, distribution)`, the
        alignment one-hot and the distribution `(batch, Ty, time)`.
    """
    import keras

    x = parts["embedding"](chars)  # (batch, time, embedding_dim), masked where id 0
    states = parts["encoder"](x)  # (batch, time, 2 * encoder_units)
    h = parts["decoder_start"](states)  # (batch, decoder_units)
    c = h
    step_outputs, attended = [], []
    for t in range(output_length):
        inputs = [states, h] if noise is None else [states, h, noise[:, t, :]]
        # (batch, 1, features), then one or two (batch, 1, time)
        context, *weights = parts["attention"](inputs)
        out, h, c = parts["post_attention_lstm"](context, initial_state=[h, c])
        step_outputs.append(parts["output_softmax"](out))  # (batch, 1, output_vocab)
        attended.append(weights)
    probabilities = keras.layers.Concatenate(axis=1, name="characters")(step_outputs)
    names = ("alignment", "distribution")[: len(attended[0])]
    return (probabilities,) + tuple(
        keras.layers.Concatenate(axis=1, name=name)([step[i] for step in attended])
        for i, name in enumerate(names)
    )


def converter_parts(
    input_vocab_size, output_vocab_size, attention, embedding_dim, encoder_units, decoder_units
):
    """The converter's layers, by the names in `LAYER_NAMES`, around `attention`."""
    import keras

    from attnviz.models import layers

    return {
        "embedding": keras.layers.Embedding(
            input_vocab_size, embedding_dim, mask_zero=True, name="embedding"
        ),
        "encoder": keras.layers.Bidirectional(
            keras.layers.LSTM(encoder_units, return_sequences=True), name="encoder"
        ),
        "decoder_start": layers.DecoderStartState(decoder_units, name="decoder_start"),
        "attention": attention,
        "post_attention_lstm": keras.layers.LSTM(
            decoder_units,
            return_sequences=True,
            return_state=True,
            unroll=True,
            name="post_attention_lstm",
        ),
        "output_softmax": keras.layers.Dense(
            output_vocab_size, activation="softmax", name="output_softmax"
        ),
    }


def build_seq2seq_model(
    input_vocab_size,
    output_vocab_size,
    output_length,
    embedding_dim=32,
    encoder_units=64,
    decoder_units=128,
    attention_units=16,
    name="seq2seq",
    attention=None,
):
    """The converter network: character ids `(batch, time)` -> probabilities
    `(batch, output_length, output_vocab_size)`.

    The input length is left open (training pads each batch to its longest text);
    padding id 0 is masked, so it never gets attention. The layers carry the names
    in `LAYER_NAMES`, which is how `alignment_model` finds them again. `attention`:
    the attention layer (default: soft `Seq2SeqAttention` with `attention_units`; the
    hard converter passes its own, `attnviz.models.hard`).
    """
    import keras

    from attnviz.models import layers

    if attention is None:
        attention = layers.Seq2SeqAttention(attention_units, name="attention")
    parts = converter_parts(
        input_vocab_size, output_vocab_size, attention, embedding_dim, encoder_units, decoder_units
    )
    chars = keras.Input(shape=(None,), dtype="int32", name="input_characters")
    probabilities = connect(chars, parts, output_length)[0]
    return keras.Model(chars, probabilities, name=name)


def alignment_model(model, noise=False):
    """A model sharing `model`'s trained layers (found by name) whose outputs are
    (probabilities `(batch, Ty, V)`, alignment `(batch, Ty, time)`), and for a hard
    converter the distribution `(batch, Ty, time)` too. With `noise`, a second input
    `(batch, Ty, time)` of Gumbel noise (hard attention: see `connect`)."""
    import keras

    parts = {name: model.get_layer(name) for name in LAYER_NAMES}
    output_length = model.output.shape[1]
    chars = keras.Input(shape=(None,), dtype="int32", name="input_characters")
    if not noise:
        outputs = connect(chars, parts, output_length)
        return keras.Model(chars, list(outputs), name=model.name + "_alignment")
    gumbel = keras.Input(shape=(output_length, None), dtype="float32", name="noise")
    outputs = connect(chars, parts, output_length, noise=gumbel)
    return keras.Model([chars, gumbel], list(outputs), name=model.name + "_alignment")


def output_reason(task, text):
    """Why the answer `text` is not a valid conversion, or None when it is.

    dates: "not a date" (the reject symbol, or not `YYYY-MM-DD`), "impossible date"
    (no such month or day), "out of range" (year outside 1900-2099); times: "not a
    time" (reject symbol, or not `HH:MM`), "impossible time" (hour > 23 or minute > 59).
    """
    if task == "dates":
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if not match:
            return "not a date"
        year, month, day = (int(g) for g in match.groups())
        try:
            date(max(year, 1), month, day)
        except ValueError:
            return "impossible date"
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return "out of range"
        return None
    match = re.fullmatch(r"(\d{2}):(\d{2})", text)
    if not match:
        return "not a time"
    if int(match[1]) > 23 or int(match[2]) > 59:
        return "impossible time"
    return None


def is_valid_output(task, text):
    """Is `text` a real calendar date `YYYY-MM-DD` in 1900-2099 (dates) or time `HH:MM`?"""
    return output_reason(task, text) is None


def calibrated_confidence(probabilities, temperature=1.0):
    """Probability that the whole answer is right: the product over output steps of the
    chosen character's probability after temperature scaling.

    Args:
        probabilities: `(Ty, V)` softmax outputs (or `(batch, Ty, V)`).
        temperature: from the model card (fitted on held-out data by training); 1 leaves
            the probabilities as they are.

    Returns:
        a float (or `(batch,)` array) in [0, 1].
    """
    logp = np.log(np.clip(np.asarray(probabilities, dtype=np.float64), 1e-12, 1.0)) / temperature
    logp -= np.log(np.exp(logp).sum(axis=-1, keepdims=True))
    return np.exp(logp.max(axis=-1).sum(axis=-1))


@dataclass
class ConversionResult:
    """One conversion and where the model looked for each output character.

    Attributes:
        input: the user's text, unchanged.
        output: the model's answer ("1976-07-04" or "18:45").
        valid: the answer is a date in 1900-2099 (a time) and the model is sure enough.
        reason: why it is not valid (a key of `REASONS[task]`: "not a date", "impossible
            date", "out of range", "unsure"; "not a time", "impossible time", "unsure"),
            None when valid.
        confidence: calibrated probability that the answer (or the refusal) is right.
        truncated: the normalised text was longer than the model reads.
        input_chars: the characters the model read (normalised: lower case, single
            spaces); a character outside the vocabulary appears as itself here
            and is read as the unknown symbol.
        output_chars: the characters of `output`.
        char_probabilities: softmax probability of each output character.
        alignment: `(len(output_chars), len(input_chars))` attention weights; rows sum to 1.
        unknown_chars: input characters outside the vocabulary, in order of appearance.
    """

    input: str
    output: str
    valid: bool
    truncated: bool
    input_chars: list
    output_chars: list
    char_probabilities: np.ndarray = field(repr=False)
    alignment: np.ndarray = field(repr=False)
    unknown_chars: list = field(default_factory=list)
    reason: str | None = None
    confidence: float = 1.0

    def to_dict(self):
        return {
            "input": self.input,
            "output": self.output,
            "valid": self.valid,
            "reason": self.reason,
            "confidence": float(self.confidence),
            "truncated": self.truncated,
            "input_chars": list(self.input_chars),
            "output_chars": list(self.output_chars),
            "char_probabilities": [float(p) for p in self.char_probabilities],
            "alignment": [[float(w) for w in row] for row in self.alignment],
            "unknown_chars": list(self.unknown_chars),
        }


class Converter:
    """A trained date or time converter with its character tables and model card.

    Up to `numpy_rows` texts at a time run the numpy forward pass
    (`attnviz.models.npforward`): no TensorFlow and no compile. Bigger batches run the
    Keras model compiled with XLA, loaded on first use when a loader is given.

    Args:
        model: the Keras model from character ids to output probabilities, or a
            function that loads it (called once, on first use).
        card: the model card (dict) written by training.
        task: "dates" or "times".
        weights: the arrays for the numpy pass (`npforward.read_converter_weights`);
            by default taken from the Keras model (soft attention only).
        numpy_rows: the largest batch the numpy pass takes (default 16; the app
            passes `BATCH_SIZE`, so it never needs TensorFlow for a conversion).
    """

    numpy_capable = True  # the hard converter runs its own forward pass

    def __init__(self, model, card, task, weights=None, numpy_rows=ROW_BUCKETS[1]):
        if task not in TASKS:
            raise ValueError(f"unknown task {task!r}; choose one of {TASKS}")
        self._keras = KerasOnDemand(model)
        self.card = card
        self.task = task
        self.input_length = int(card.get("input_length", INPUT_LENGTH))
        self.input_table = CharacterTable(card["input_vocabulary"], reserved=2)
        self.output_table = CharacterTable(card["output_vocabulary"])
        self.output_length = int(card.get("output_length", OUTPUT_LENGTHS[task]))
        rejection = card.get("rejection", {})
        self.temperature = float(rejection.get("temperature", 1.0))
        self.confidence_threshold = float(rejection.get("confidence_threshold", 0.0))
        self.numpy_rows = numpy_rows
        self.numpy_forward = None
        if self.numpy_capable:
            from attnviz.models import npforward

            if weights is None and self._keras.loaded is not None:
                weights = npforward.weights_of_converter(self._keras.loaded)
            if weights is not None:
                self.numpy_forward = npforward.ConverterForward(weights, self.output_length)
        self._lock = threading.Lock()
        self._compiled = None

    @property
    def model(self):
        """The Keras model (loaded on first use when the constructor got a loader)."""
        return self._keras.get()

    @property
    def _forward(self):
        """The Keras forward pass with XLA, one program per (rows, width) bucket: a few
        ms per call, and unlike a plain tf.function it stays fast after Streamlit's
        keras clear_session(). Built on first use."""
        if self._compiled is None:
            import tensorflow as tf

            model = self.model
            with self._lock:
                if self._compiled is None:
                    self._alignment_model = self._make_alignment_model(model)
                    self._compiled = CompiledByShape(
                        tf.function(
                            partial(self._alignment_model, training=False), jit_compile=True
                        )
                    )
        return self._compiled

    @staticmethod
    def _make_alignment_model(model):
        return alignment_model(model)

    def forward(self, ids):
        """Probabilities `(batch, Ty, V)` and alignment `(batch, Ty, width)` for ids
        `(batch, width)` right-padded with 0."""
        if ids.shape[1] > self.input_length:
            raise ValueError(
                f"ids have {ids.shape[1]} positions but the model reads {self.input_length}"
            )
        rows = len(ids)
        if self.numpy_forward is not None and rows <= self.numpy_rows:
            classes = self.numpy_forward.weights["output"]["bias"].shape[0]
            probabilities = np.empty((rows, self.output_length, classes), np.float32)
            alignment = np.zeros((rows, self.output_length, ids.shape[1]), np.float32)
            for row in range(rows):
                real = ids[row][ids[row] != 0]
                probabilities[row], alignment[row, :, : len(real)] = self.numpy_forward(real)
            return probabilities, alignment
        padded = np.zeros((bucket(rows, ROW_BUCKETS), ids.shape[1]), dtype=np.int32)
        padded[:rows] = ids
        probabilities, alignment = self._forward(padded)
        return probabilities.numpy()[:rows], alignment.numpy()[:rows]

    def _check(self, text):
        if not isinstance(text, str):
            raise ValueError(f"expected text, got {type(text).__name__}")
        if not text.strip():
            noun = "date" if self.task == "dates" else "time"
            raise ValueError(f"The text is empty: type a {noun} to convert.")

    def convert(self, text):
        """Convert one text. Raises ValueError when it is empty or only whitespace."""
        return self.convert_batch([text])[0]

    def convert_batch(self, texts, batch_size=BATCH_SIZE):
        """Convert many texts, `batch_size` rows per forward pass."""
        texts = list(texts)
        for text in texts:
            self._check(text)
        ids = encode_inputs(texts, self.input_table, self.input_length)
        results = []
        for start in range(0, len(texts), batch_size):
            probabilities, alignment = self.forward(ids[start : start + batch_size])
            for i, text in enumerate(texts[start : start + batch_size]):
                results.append(self._result(text, probabilities[i], alignment[i]))
        return results

    def _result(self, text, probabilities, alignment):
        normalised = normalize(text)
        read = normalised[: self.input_length]
        best = probabilities.argmax(axis=-1)  # (Ty,)
        output = self.output_table.decode(best)
        weights = alignment[:, : len(read)].astype(np.float64)  # (Ty, len(read))
        weights /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-30)
        unknown = [c for c in read if c not in self.input_table.lookup]
        confidence = float(calibrated_confidence(probabilities, self.temperature))
        reason = output_reason(self.task, output)
        if reason is None and confidence < self.confidence_threshold:
            reason = "unsure"
        return ConversionResult(
            input=text,
            output=output,
            valid=reason is None,
            reason=reason,
            confidence=confidence,
            truncated=len(normalised) > self.input_length,
            input_chars=list(read),
            output_chars=list(output),
            char_probabilities=probabilities[np.arange(len(best)), best].astype(np.float64),
            alignment=weights,
            unknown_chars=unknown,
        )


def resolve_model_files(path, task):
    """The `.keras` file and model card for `path` (a folder or the `.keras` file)."""
    path = Path(path) if path is not None else pretrained_dir()
    model_file = path if path.suffix == ".keras" else path / f"{task}.keras"
    return model_file, model_file.with_suffix(".json")


def load_converter(task, path=None):
    """Load the trained converter for `task` ("dates" or "times").

    Raises:
        ModelFileError: a file is missing or unreadable; the message names it and
            the command that rebuilds it.
    """
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; choose one of {', '.join(TASKS)}")
    model_file, card_file = resolve_model_files(path, task)
    card = read_card(card_file, task)
    for key in ("input_vocabulary", "output_vocabulary"):
        if not isinstance(card.get(key), list):
            raise ModelFileError(card_file, f"Model card has no {key}", task)
    from attnviz.models import npforward

    weights = npforward.read_converter_weights(model_file, task)
    return Converter(partial(read_keras_model, model_file, task), card, task, weights=weights)


def load_date_model(path=None, attention="soft"):
    """The date converter (messy date -> `YYYY-MM-DD`); default: the project's `pretrained/`.

    `attention="hard"` loads the hard-attention twin (`attnviz.models.hard`): one input
    position per output character, argmax by default, sampled on request.
    """
    if attention == "hard":
        from attnviz.models.hard import load_hard_date_model

        return load_hard_date_model(path)
    if attention != "soft":
        raise ValueError(f"unknown attention {attention!r}; choose 'soft' or 'hard'")
    return load_converter("dates", path)


def load_time_model(path=None):
    """The time converter (messy time -> 24-hour `HH:MM`); default: the project's `pretrained/`."""
    return load_converter("times", path)
