"""The models' forward pass for one text, in numpy, read straight from the `.keras` file.

A student's review, date or time is one sequence: no batch, no padding, no mask. For
that, a plain numpy loop needs neither TensorFlow nor a compile: the sentiment page and
the date page answer before TensorFlow is imported, the mechanisms page runs its four
models without four TensorFlow graphs, and the server holds no XLA compiler or programs.
Short texts are about as fast as the XLA programs were (a 20-word review about 1 ms, a
date 1.4 ms); a long review is slower (400 words 12-23 ms against 3.7) because the LSTM
steps one token at a time in Python (`benchmarks/bench.py`). Batches (the class export,
training measures), the attributions (gradients) and the hard converter (Gumbel sampling)
still run the Keras models.

`read_weights` / `read_converter_weights` take the arrays from the `.keras` file (a zip
holding `model.weights.h5` and `config.json`) with h5py, without Keras. The arithmetic
copies the layers of `build_sentiment_model` and `attnviz.models.dates.connect` for the
Keras version pinned in requirements.txt (`KERAS_VERSION` of `attnviz.explain.fast_lstm`):
`keras.layers.Embedding`, `LSTM` (gate order i, f, g, o), `Bidirectional` (concatenated),
`MultiHeadAttention`, `LayerNormalization`, `Dense` and this project's attention layers.
`tests/test_npforward.py` compares every output with the Keras model's, and every array
read here with the loaded model's weights, for the four sentiment variants and both
converters; a Keras upgrade that changes the file layout or a layer's arithmetic fails
there.
"""

import json
import threading
import zipfile

import numpy as np

from attnviz.models.paths import ModelFileError

# Where each layer's arrays sit in `model.weights.h5` (Keras names the groups after the
# layer classes), in the order the layers create them.
ATTENTION_GROUPS = {
    "additive": ("additive_attention", ("W", "b", "v")),
    "multi_head": ("additive_attention", ("W", "b", "v")),
    "per_unit": ("per_unit_attention", ("W", "b")),
    "dot_product": ("learned_query_attention", ("query", "W_k", "b_k", "W_v", "b_v")),
}
LSTM_ARRAYS = ("kernel", "recurrent_kernel", "bias")
MHA_PARTS = ("query", "key", "value", "output")


def _vars(h5, group, names):
    return {
        name: np.asarray(h5[f"layers/{group}/vars/{i}"], dtype=np.float32)
        for i, name in enumerate(names)
    }


# The layer classes each kind of file may hold: a class this module does not compute (a
# file from another Keras or another architecture) is refused, as Keras itself would.
SENTIMENT_CLASSES = {
    "InputLayer", "Embedding", "SpatialDropout1D", "NotEqual", "Bidirectional", "Add",
    "AdditiveAttention", "PerUnitAttention", "LearnedQueryAttention", "MultiHeadAttention",
    "LayerNormalization", "LogicalOr", "Dropout", "Dense",
}  # fmt: skip
CONVERTER_CLASSES = {
    "InputLayer", "Embedding", "NotEqual", "Bidirectional", "DecoderStartState",
    "Seq2SeqAttention", "LSTM", "Dense", "Concatenate",
}  # fmt: skip


def _read_config(archive, classes, needs=None):
    """The model's config.json, after checking it holds the layer class `needs[0]` (when
    given; else ValueError `needs[1]`), was saved by this Keras major version and holds
    only `classes` (ValueError otherwise)."""
    from attnviz.explain.fast_lstm import KERAS_VERSION

    config = json.loads(archive.read("config.json"))
    found = {layer["class_name"] for layer in config["config"]["layers"]}
    if needs is not None and needs[0] not in found:
        raise ValueError(needs[1])
    saved = json.loads(archive.read("metadata.json")).get("keras_version", "")
    if saved.split(".")[0] != KERAS_VERSION.split(".")[0]:
        raise ValueError(f"saved by Keras {saved or '(unknown)'}; this app reads Keras "
                         f"{KERAS_VERSION.split('.')[0]} files")  # fmt: skip
    unknown = found - classes
    if unknown:
        raise ValueError(f"unknown layer {', '.join(sorted(unknown))}")
    return config


def _read_file(model_file, task, named, classes, read, needs=None):
    """`read(h5, config)` on a `.keras` file's arrays, after `_read_config`'s checks.

    Raises:
        ModelFileError: the file is missing, unreadable or not the model expected.
    """
    import h5py

    if not model_file.is_file():
        raise ModelFileError(model_file, "Model file is missing", task, named)
    try:
        with zipfile.ZipFile(model_file) as archive:
            config = _read_config(archive, classes, needs)
            with archive.open("model.weights.h5") as raw, h5py.File(raw, "r") as h5:
                return read(h5, config)
    except Exception as exc:  # a truncated zip, another architecture, ... all mean "rebuild"
        problem = f"Model file could not be read ({type(exc).__name__}: {exc})"
        raise ModelFileError(model_file, problem, task, named) from exc


def _encoder(h5):
    """The embedding and both BiLSTM directions, the same in every model here."""
    return {
        "embedding": _vars(h5, "embedding", ("embeddings",)),
        "forward": _vars(h5, "bidirectional/forward_layer/cell", LSTM_ARRAYS),
        "backward": _vars(h5, "bidirectional/backward_layer/cell", LSTM_ARRAYS),
    }


def _layer_config(config, name):
    for layer in config["config"]["layers"]:
        if layer["config"]["name"] == name:
            return layer["config"]
    return None


def read_weights(model_file, variant, task="sentiment", named=None):
    """{layer: {array name: float32 array}} of a sentiment `.keras` file, without Keras.

    Raises:
        ModelFileError: the file is missing or is not a sentiment model of `variant`.
    """

    def read(h5, config):
        weights = {**_encoder(h5), "probability": _vars(h5, "dense", ("kernel", "bias"))}
        group, names = ATTENTION_GROUPS[variant]
        weights["attention"] = _vars(h5, group, names)
        if variant == "multi_head":
            weights["self_attention"] = {
                part: _vars(h5, f"multi_head_attention/{part}_dense", ("kernel", "bias"))
                for part in MHA_PARTS
            }
            weights["norm"] = _vars(h5, "layer_normalization", ("gamma", "beta"))
            norm = _layer_config(config, "self_attention_norm") or {}
            weights["norm"]["epsilon"] = float(norm.get("epsilon", 1e-3))
        return weights

    return _read_file(model_file, task, named, SENTIMENT_CLASSES, read)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(scores, axis=-1):
    shifted = np.exp(scores - scores.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def bilstm(embedded, forward, backward):
    """`keras.layers.Bidirectional(LSTM)` (concatenated) over `embedded` `(time, dim)`.

    Both directions advance together, one batched product per step: half the numpy
    calls of running one LSTM loop per direction, the same numbers."""
    units = forward["recurrent_kernel"].shape[0]
    steps = len(embedded)
    z = np.stack(
        [
            embedded @ forward["kernel"] + forward["bias"],
            embedded[::-1] @ backward["kernel"] + backward["bias"],
        ]
    )  # (2, time, 4 * units): the backward direction reads the text reversed
    recurrent = np.stack([forward["recurrent_kernel"], backward["recurrent_kernel"]])
    h = np.zeros((2, 1, units), dtype=np.float32)
    c = np.zeros((2, units), dtype=np.float32)
    out = np.empty((2, steps, units), dtype=np.float32)
    for t in range(steps):
        gates = z[:, t] + (h @ recurrent)[:, 0]
        ifo = sigmoid(gates[:, : 2 * units])
        c = ifo[:, units:] * c + ifo[:, :units] * np.tanh(gates[:, 2 * units : 3 * units])
        h_now = sigmoid(gates[:, 3 * units :]) * np.tanh(c)
        out[:, t] = h_now
        h = h_now[:, None]
    return np.concatenate([out[0], out[1][::-1]], axis=-1)


def multi_head(states, parts):
    """`keras.layers.MultiHeadAttention(states, states)`: output and scores `(heads, time, time)`."""
    features = states.shape[-1]

    def heads(name):  # (heads, time, key_dim)
        kernel, bias = parts[name]["kernel"], parts[name]["bias"]
        projected = states @ kernel.reshape(features, -1) + bias.reshape(-1)
        return projected.reshape(len(states), *bias.shape).transpose(1, 0, 2)

    query, key, value = heads("query"), heads("key"), heads("value")
    query = query * np.float32(1.0 / np.sqrt(query.shape[-1]))
    scores = softmax(query @ key.transpose(0, 2, 1))  # (heads, query time, key time)
    context = (scores @ value).transpose(1, 0, 2).reshape(len(states), -1)  # (time, heads*dim)
    kernel, bias = parts["output"]["kernel"], parts["output"]["bias"]
    return context @ kernel.reshape(-1, kernel.shape[-1]) + bias, scores


def layer_norm(x, gamma, beta, epsilon):
    mean = x.mean(axis=-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + np.float32(epsilon)) * gamma + beta


def attention(states, variant, w):
    """(context, token weights `(time,)`, the variant's whole weight tensor)."""
    if variant in ("additive", "multi_head"):
        weights = softmax((np.tanh(states @ w["W"] + w["b"]) @ w["v"])[:, 0])
        return weights @ states, weights, weights
    if variant == "per_unit":
        weights = softmax(np.tanh(states @ w["W"] + w["b"]), axis=0)  # (time, units)
        return (states * weights).sum(axis=0), weights.mean(axis=-1), weights
    keys = states @ w["W_k"] + w["b_k"]
    values = states @ w["W_v"] + w["b_v"]
    scores = (keys @ w["query"])[:, 0] / np.float32(np.sqrt(w["W_k"].shape[1]))
    weights = softmax(scores)
    return weights @ values, weights, weights


_CONTROLLER = []
_CONTROLLER_LOCK = threading.Lock()


def blas_controller():
    """threadpoolctl's view of the BLAS libraries loaded now, made once (it scans the
    process's libraries: the models make it when they load, before a page needs it)."""
    with _CONTROLLER_LOCK:
        if not _CONTROLLER:
            from threadpoolctl import ThreadpoolController

            _CONTROLLER.append(ThreadpoolController().select(user_api="blas"))
    return _CONTROLLER[0]


def one_blas_thread():
    """A context in which numpy's matrix products run on one thread.

    The products here are small and many (a step at a time); OpenBLAS's own threads
    spin waiting for each other when the cores are busy, which made a 100-token review
    take 12 ms instead of 3 on a loaded machine."""
    return blas_controller().limit(limits=1)


class SentimentForward:
    """P(positive) and attention of one sequence of token ids, in numpy (see the module doc)."""

    def __init__(self, weights, variant):
        self.weights = weights
        self.variant = variant
        blas_controller()

    def __call__(self, ids):
        """`(probability, token weights (time,), whole tensor)` for one list of ids.

        The whole tensor is what `attention_model(full=True)` returns for the variant:
        `(time,)` additive / dot_product, `(time, units)` per_unit, `(heads, time, time)`
        multi_head.
        """
        with one_blas_thread():
            return self._forward(ids)

    def _forward(self, ids):
        w = self.weights
        embedded = w["embedding"]["embeddings"][np.asarray(ids, dtype=np.int64)]
        states = bilstm(embedded, w["forward"], w["backward"])
        tensor = None
        if self.variant == "multi_head":
            mixed, tensor = multi_head(states, w["self_attention"])
            norm = w["norm"]
            states = layer_norm(states + mixed, norm["gamma"], norm["beta"], norm["epsilon"])
        context, weights, pooled = attention(states, self.variant, w["attention"])
        logit = context @ w["probability"]["kernel"][:, 0] + w["probability"]["bias"][0]
        return float(sigmoid(np.float64(logit))), weights, pooled if tensor is None else tensor


def weights_of_model(model, variant):
    """The same dict as `read_weights`, from a Keras model built by `build_sentiment_model`.

    None when the model is not that architecture; it then answers with Keras only.
    """
    try:
        encoder = model.get_layer("encoder")
        pooling = model.get_layer("attention")
        _, names = ATTENTION_GROUPS[variant]
        weights = {
            "embedding": {"embeddings": model.get_layer("embedding").embeddings},
            "probability": dict(zip(("kernel", "bias"), model.get_layer("probability").weights)),
            "forward": {k: getattr(encoder.forward_layer.cell, k) for k in LSTM_ARRAYS},
            "backward": {k: getattr(encoder.backward_layer.cell, k) for k in LSTM_ARRAYS},
            "attention": {name: getattr(pooling, name) for name in names},
        }
        if variant == "multi_head":
            arrays = model.get_layer("self_attention").weights  # q, k, v, output: kernel, bias
            weights["self_attention"] = {
                part: {"kernel": arrays[2 * i], "bias": arrays[2 * i + 1]}
                for i, part in enumerate(MHA_PARTS)
            }
            norm = model.get_layer("self_attention_norm")
            weights["norm"] = {"gamma": norm.gamma, "beta": norm.beta, "epsilon": norm.epsilon}
    except (ValueError, AttributeError, KeyError):
        return None

    def plain(value):
        return value if isinstance(value, float) else np.asarray(value, dtype=np.float32)

    return {
        layer: {
            k: ({p: plain(x) for p, x in v.items()} if isinstance(v, dict) else plain(v))
            for k, v in arrays.items()
        }
        for layer, arrays in weights.items()
    }


# ------------------------------------------------------------------ date and time converters


def read_converter_weights(model_file, task):
    """{layer: {array name: float32 array}} of a soft date/time converter `.keras` file.

    Raises:
        ModelFileError: the file is missing or is not a soft converter.
    """

    def read(h5, _config):
        return {
            **_encoder(h5),
            "attention": _vars(h5, "seq2_seq_attention", ("W", "b", "v")),
            "decoder": _vars(h5, "lstm/cell", LSTM_ARRAYS),
            "output": _vars(h5, "dense", ("kernel", "bias")),
        }

    needs = ("Seq2SeqAttention", "not a soft-attention converter")
    return _read_file(model_file, task, None, CONVERTER_CLASSES, read, needs)


def weights_of_converter(model):
    """The same dict as `read_converter_weights`, from a soft converter Keras model.

    None for any other model (the hard converter's attention, another architecture).
    """
    try:
        attention = model.get_layer("attention")
        if type(attention).__name__ != "Seq2SeqAttention":
            return None
        encoder = model.get_layer("encoder")
        decoder = model.get_layer("post_attention_lstm").cell
        weights = {
            "embedding": {"embeddings": model.get_layer("embedding").embeddings},
            "forward": {k: getattr(encoder.forward_layer.cell, k) for k in LSTM_ARRAYS},
            "backward": {k: getattr(encoder.backward_layer.cell, k) for k in LSTM_ARRAYS},
            "attention": {name: getattr(attention, name) for name in ("W", "b", "v")},
            "decoder": {k: getattr(decoder, k) for k in LSTM_ARRAYS},
            "output": dict(zip(("kernel", "bias"), model.get_layer("output_softmax").weights)),
        }
    except (ValueError, AttributeError, KeyError):
        return None
    return {
        layer: {k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()}
        for layer, arrays in weights.items()
    }


class ConverterForward:
    """The soft date/time converter's forward pass for one text's ids, in numpy.

    The arithmetic of `attnviz.models.dates.connect` with `Seq2SeqAttention`: a BiLSTM
    over the characters, then for each output character the attention over them from the
    previous decoder state, the context through one LSTM step, a softmax."""

    def __init__(self, weights, output_length):
        self.weights = weights
        self.output_length = output_length
        blas_controller()

    def __call__(self, ids):
        """`(probabilities (Ty, V), alignment (Ty, len(ids)))` for one list of ids (no 0)."""
        with one_blas_thread():
            return self._forward(ids)

    def _forward(self, ids):
        w = self.weights
        embedded = w["embedding"]["embeddings"][np.asarray(ids, dtype=np.int64)]
        states = bilstm(embedded, w["forward"], w["backward"])  # (time, features)
        kernel, recurrent, bias = (w["decoder"][k] for k in LSTM_ARRAYS)
        units = recurrent.shape[0]
        W, b, v = w["attention"]["W"], w["attention"]["b"], w["attention"]["v"][:, 0]
        from_states = states @ W[units:] + b  # the decoder state's rows of W come first
        h = np.zeros(units, dtype=np.float32)
        c = np.zeros(units, dtype=np.float32)
        probabilities = np.empty((self.output_length, len(w["output"]["bias"])), np.float32)
        alignment = np.zeros((self.output_length, len(ids)), dtype=np.float32)
        for t in range(self.output_length):
            if len(ids):
                alpha = softmax(np.tanh(from_states + h @ W[:units]) @ v)
                context = alpha @ states
                alignment[t] = alpha
            else:  # nothing to read: the masked softmax gives every position 0
                context = np.zeros(states.shape[-1], dtype=np.float32)
            gates = context @ kernel + h @ recurrent + bias
            ifo = sigmoid(gates[: 2 * units])
            c = ifo[units:] * c + ifo[:units] * np.tanh(gates[2 * units : 3 * units])
            h = sigmoid(gates[3 * units :]) * np.tanh(c)
            probabilities[t] = softmax(h @ w["output"]["kernel"] + w["output"]["bias"])
        return probabilities, alignment
