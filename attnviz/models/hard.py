"""Hard-attention date converter: each output character reads ONE input position.

The network is the soft converter of `attnviz.models.dates` (same embedding,
BiLSTM encoder, post-attention LSTM and output softmax, same layer names) with
`Seq2SeqAttention` swapped for `HardSeq2SeqAttention`: at each output step the
attention distribution alpha is computed as before, but the context is the
encoder state at one chosen position instead of the alpha-weighted average.

- `convert(text)`: the argmax position at every step (deterministic), so every
  `alignment` row is one-hot.
- `convert(text, sample=True, seed=s)`: one stochastic path; position s_t is drawn
  from alpha_t (which depends on the positions drawn before it) with the
  Gumbel-max trick, noise from `numpy.random.default_rng(seed)`.
- `convert_samples(text, n, seed=s)`: n such paths in one batch; path 0 equals
  `convert(text, sample=True, seed=s)`.
"""

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from attnviz.models.batching import bucket
from attnviz.models.dates import (
    ROW_BUCKETS,
    ConversionResult,
    Converter,
    alignment_model,
    build_seq2seq_model,
    encode_inputs,
)
from attnviz.models.files import read_card, read_keras_model
from attnviz.models.paths import ModelFileError, pretrained_dir

HARD_STEM = "dates-hard"  # pretrained/dates-hard.keras and .json
MAX_SAMPLES = 1000  # paths per convert_samples call
TEMPERATURE = 1.0  # relaxed one-hot of the straight-through gradient


def build_hard_seq2seq_model(
    input_vocab_size,
    output_vocab_size,
    output_length,
    attention_units=16,
    temperature=TEMPERATURE,
    seed=None,
    name="dates_hard",
    **sizes,
):
    """The hard converter: the soft one's network (`build_seq2seq_model`, the same
    `sizes`) with `HardSeq2SeqAttention`; it samples its attention when called with
    `training=True` and takes the argmax otherwise."""
    from attnviz.models import layers

    attention = layers.HardSeq2SeqAttention(
        attention_units, temperature=temperature, seed=seed, name="attention"
    )
    return build_seq2seq_model(
        input_vocab_size, output_vocab_size, output_length, name=name, attention=attention, **sizes
    )


def hard_alignment_model(model):
    """A model sharing `model`'s layers with inputs (ids `(batch, time)`, noise
    `(batch, Ty, time)`) and outputs (probabilities, one-hot alignment, distribution)."""
    return alignment_model(model, noise=True)


@dataclass
class HardConversionResult(ConversionResult):
    """A `ConversionResult` of the hard converter.

    Extra attributes:
        distribution: `(len(output_chars), len(input_chars))` attention weights alpha
            each step's one position was chosen from (rows sum to 1).
        sampled: True when the positions were drawn from alpha, False for the argmax.
        seed: the seed of the draw (None for the argmax or an unseeded draw).
        positions: the chosen input position of each output character.
    """

    distribution: np.ndarray = field(default=None, repr=False)
    sampled: bool = False
    seed: int = None
    positions: list = field(default_factory=list)

    def to_dict(self):
        return {
            **super().to_dict(),
            "distribution": [[float(w) for w in row] for row in self.distribution],
            "sampled": self.sampled,
            "seed": self.seed,
            "positions": list(self.positions),
        }


def gumbel_noise(rows, output_length, width, seed):
    """Gumbel(0, 1) noise `(rows, output_length, width)` from `default_rng(seed)`."""
    rng = np.random.default_rng(seed)
    uniform = rng.uniform(1e-10, 1.0, size=(rows, output_length, width))
    return (-np.log(-np.log(uniform))).astype(np.float32)


def output_frequencies(results):
    """[(output, count)] over sampled paths, most frequent first (ties: alphabetical)."""
    counts = Counter(r.output for r in results)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


class HardConverter(Converter):
    """The hard-attention date converter with its tables and model card."""

    def __init__(self, model, card, task="dates"):
        if task != "dates":
            raise ValueError(f"the hard-attention converter is for dates, not {task!r}")
        # The soft converter's set-up; its rejection settings are in the card when the
        # training run measured them (none are trained for the hard one).
        super().__init__(model, card, task)

    _make_alignment_model = staticmethod(hard_alignment_model)
    numpy_capable = False  # the Keras model samples paths with Gumbel noise

    def forward(self, ids, noise=None):
        """Probabilities `(batch, Ty, V)`, one-hot alignment and distribution
        `(batch, Ty, width)` for ids `(batch, width)`; `noise` `(batch, Ty, width)`
        (default zeros: the argmax path)."""
        if ids.shape[1] > self.input_length:
            raise ValueError(
                f"ids have {ids.shape[1]} positions but the model reads {self.input_length}"
            )
        rows, width = ids.shape
        if noise is None:
            noise = np.zeros((rows, self.output_length, width), dtype=np.float32)
        if noise.shape != (rows, self.output_length, width):
            raise ValueError(
                f"noise has shape {noise.shape} but the ids need "
                f"{(rows, self.output_length, width)}"
            )
        padded_rows = bucket(rows, ROW_BUCKETS)
        padded_ids = np.zeros((padded_rows, width), dtype=np.int32)
        padded_ids[:rows] = ids
        padded_noise = np.zeros((padded_rows, self.output_length, width), dtype=np.float32)
        padded_noise[:rows] = noise
        probabilities, alignment, distribution = self._forward([padded_ids, padded_noise])
        return (
            probabilities.numpy()[:rows],
            alignment.numpy()[:rows],
            distribution.numpy()[:rows],
        )

    def convert(self, text, sample=False, seed=None):
        """Convert one text: the argmax path, or with `sample=True` one path drawn
        from the attention distribution (reproducible for an integer `seed`)."""
        if sample:
            return self.convert_samples(text, 1, seed=seed)[0]
        return self.convert_batch([text])[0]

    def convert_batch(self, texts, batch_size=256):
        """The argmax path of each text (every alignment row one-hot)."""
        texts = list(texts)
        for text in texts:
            self._check(text)
        ids = encode_inputs(texts, self.input_table, self.input_length)
        results = []
        for start in range(0, len(texts), batch_size):
            outputs = self.forward(ids[start : start + batch_size])
            for i, text in enumerate(texts[start : start + batch_size]):
                results.append(self._hard_result(text, *(o[i] for o in outputs)))
        return results

    def convert_samples(self, text, n, seed=None):
        """`n` paths drawn from the attention distribution, each with its output.

        Raises:
            ValueError: empty text, or `n` not between 1 and `MAX_SAMPLES`.
        """
        self._check(text)
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= MAX_SAMPLES:
            raise ValueError(f"the number of samples must be 1 to {MAX_SAMPLES}, got {n!r}")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
            raise ValueError(f"the seed must be a whole number, got {seed!r}")
        ids = encode_inputs([text], self.input_table, self.input_length)
        noise = gumbel_noise(int(n), self.output_length, ids.shape[1], seed)
        results = []
        for start in range(0, int(n), 256):
            rows = min(256, int(n) - start)
            outputs = self.forward(np.repeat(ids, rows, axis=0), noise[start : start + rows])
            for i in range(rows):
                results.append(
                    self._hard_result(text, *(o[i] for o in outputs), sampled=True, seed=seed)
                )
        return results

    def _hard_result(self, text, probabilities, alignment, distribution, sampled=False, seed=None):
        base = self._result(text, probabilities, alignment)
        read = len(base.input_chars)
        weights = distribution[:, :read].astype(np.float64)
        weights /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-30)
        return HardConversionResult(
            **{name: getattr(base, name) for name in base.__dataclass_fields__},
            distribution=weights,
            sampled=sampled,
            seed=seed if sampled else None,
            positions=[int(p) for p in base.alignment.argmax(axis=1)],
        )


def resolve_hard_files(path):
    """The `.keras` file and card of the hard converter for `path` (folder or file)."""
    from pathlib import Path

    path = Path(path) if path is not None else pretrained_dir()
    model_file = path if path.suffix == ".keras" else path / f"{HARD_STEM}.keras"
    return model_file, model_file.with_suffix(".json")


def load_hard_date_model(path=None):
    """Load the hard-attention date converter (default: `pretrained/dates-hard.keras`).

    Raises:
        ModelFileError: a file is missing or unreadable; the message names it and
            the command that rebuilds it.
    """
    model_file, card_file = resolve_hard_files(path)
    card = read_card(card_file, "dates-hard")
    for key in ("input_vocabulary", "output_vocabulary"):
        if not isinstance(card.get(key), list):
            raise ModelFileError(card_file, f"Model card has no {key}", "dates-hard")
    model = read_keras_model(model_file, "dates-hard")
    return HardConverter(model, card, "dates")
