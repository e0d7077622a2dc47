"""Attribution methods beside attention for the sentiment models.

- gradient x input (at the embedding, summed over the embedding dimension);
- integrated gradients (Sundararajan, Taly & Yan, 2017) from a zero-embedding
  baseline, all path points in one batched forward/backward pass, with the
  completeness gap |sum(IG) - (f(x) - f(baseline))| reported;
- occlusion / leave-one-out: P(positive) with the token minus P(positive) without
  it, every token removed in one batch (a removed token is masked out, which for
  this masked BiLSTM + attention is exactly the same as deleting it).

Both run the BiLSTM encoder through its own loops (`attnviz.explain.fast_lstm`:
`lstm_sequence`, `lstm_restarts`) rather than the Keras layer, which gives the same numbers with
less work: integrated gradients back-propagates by hand through the LSTM (no
weight gradients, no padding, no mask), and occlusion reuses what deleting token
t cannot change: the forward LSTM before t and the backward LSTM after t, so
each removal re-runs only the forward LSTM from t+1 and the backward LSTM from
t-1 (about half the LSTM steps). The multi_head variant mixes all positions
after the encoder, so its occlusion runs the whole masked model instead.

All scores are signed toward P(positive): a positive score means the token
pushed the prediction toward "positive".
"""

from dataclasses import dataclass, field

import numpy as np

from attnviz.explain.fast_lstm import bilstm, encoder_weights, lstm_restarts, lstm_sequence
from attnviz.models.batching import BATCH_BUCKETS
from attnviz.models.sentiment import SentimentModel

METHODS = ("attention", "grad_x_input", "integrated_gradients", "occlusion")
METHOD_PAPERS = {
    "attention": "Bahdanau, Cho & Bengio (2015); Yang et al. (2016)",
    "grad_x_input": "Shrikumar et al. (2016); Simonyan, Vedaldi & Zisserman (2014)",
    "integrated_gradients": "Sundararajan, Taly & Yan (2017), Axiomatic Attribution for Deep Networks",
    "occlusion": "Zeiler & Fergus (2014); Li, Monroe & Jurafsky (2016), leave-one-out",
}
IG_STEPS = 32  # path points; doubled (up to IG_MAX_STEPS) until completeness holds
IG_MAX_STEPS = 128
IG_TOLERANCE = 0.05  # completeness gap allowed, relative to |f(x) - f(baseline)|
# Path points x tokens per gradient batch. The backward pass keeps every LSTM gate of
# every row: 130 points of an 800-word review in one batch took the server from 0.86 to
# 1.75 GB; in batches of this size a long review costs what a short one does.
IG_CELLS = 8192


@dataclass
class Attributions:
    """Per-token scores of several methods for one text.

    Attributes:
        tokens, spans, oov, truncated: as in `Explanation`.
        probability: P(positive) of the text.
        scores: method name -> np.ndarray, one score per token. "attention" is
            the (unsigned) attention weight; the others are signed toward P(positive).
        baseline_probability: P(positive) of the integrated-gradients baseline.
        ig_steps: path points used by integrated gradients.
        ig_gap: |sum(IG) - (f(x) - f(baseline))|.
    """

    text: str
    tokens: list
    spans: list
    oov: list
    truncated: bool
    probability: float
    label: str
    scores: dict = field(default_factory=dict)
    baseline_probability: float = float("nan")
    ig_steps: int = 0
    ig_gap: float = float("nan")

    @property
    def ig_relative_gap(self):
        change = abs(self.probability - self.baseline_probability)
        return self.ig_gap / change if change > 0 else float("nan")


def probability_from_embeddings(model, variant, embedded, mask):
    """Run the trained layers after the embedding: `(batch, time, dim)` -> `(batch,)`."""
    states = model.get_layer("encoder")(embedded, mask=mask, training=False)
    return probability_from_states(model, variant, states, mask)


def probability_from_states(model, variant, states, mask):
    """Run the trained layers after the encoder: `(batch, time, 2 * units)` -> `(batch,)`."""
    if variant == "multi_head":
        mixed = model.get_layer("self_attention")(
            states, states, query_mask=mask, value_mask=mask, training=False
        )
        joined = model.get_layer("self_attention_residual")([states, mixed])
        states = model.get_layer("self_attention_norm")(joined)
    context, _ = model.get_layer("attention")(states, mask=mask)
    return model.get_layer("probability")(context)[:, 0]


class Attributor:
    """Gradient-based and occlusion attributions for one `SentimentModel`."""

    # Occlusion re-runs the LSTMs for at most this many removals at a time, fewer
    # for long texts so a chunk holds at most OCCLUSION_CELLS (removal, position) states.
    OCCLUSION_CHUNK = 128
    OCCLUSION_CELLS = 128 * 400

    def __init__(self, sentiment_model):
        import tensorflow as tf

        self.sentiment = sentiment_model
        model = sentiment_model.model
        variant = sentiment_model.variant
        self.embeddings = model.get_layer("embedding").embeddings.numpy()
        self.lstm = encoder_weights(model)
        dim = self.embeddings.shape[1]
        embedded_spec = tf.TensorSpec([None, None, dim], tf.float32)

        # Plain graphs with dynamic shapes: the LSTM loops ran faster without XLA
        # here and need no compile per shape.
        def masked_gradients(embedded, mask):
            with tf.GradientTape() as tape:
                tape.watch(embedded)
                probability = probability_from_embeddings(model, variant, embedded, mask)
            # rows are independent, so d(sum)/d(row) is each row's own gradient
            return probability, tape.gradient(probability, embedded)

        def gradients(embedded):  # every position is a token: no mask
            with tf.GradientTape() as tape:
                tape.watch(embedded)
                if self.lstm is None:
                    states = model.get_layer("encoder")(embedded, training=False)
                else:
                    states = bilstm(embedded, self.lstm)
                probability = probability_from_states(model, variant, states, None)
            return probability, tape.gradient(probability, embedded)

        self._masked_gradients = tf.function(
            masked_gradients, input_signature=[embedded_spec, tf.TensorSpec([None, None], tf.bool)]
        )
        self._gradients = tf.function(gradients, input_signature=[embedded_spec])
        if self.lstm is not None and variant != "multi_head":
            units = self.lstm[0][1].shape[0]
            specs = [tf.TensorSpec([None, 4 * units], tf.float32)] * 2
            specs += [tf.TensorSpec([None, units], tf.float32)] * 4
            bounds = [tf.TensorSpec([], tf.int32)] * 2
            self._encode_one = tf.function(
                self._encode_one_graph, input_signature=[tf.TensorSpec([None, dim], tf.float32)]
            )
            self._removals = tf.function(self._removals_graph, input_signature=specs + bounds)
            self._removal_pair = tf.function(
                self._removal_pair_graph, input_signature=specs + bounds * 2
            )
        else:  # self-attention mixes every position: occlusion runs the whole model
            self._encode_one = None

    def gradient_batch(self, embedded, mask=None):
        """P(positive) and d P / d embedding for a batch (numpy in, numpy out).

        `mask` `(batch, time)` marks the real tokens (None: all of them).
        """
        embedded = np.asarray(embedded, dtype=np.float32)
        if mask is None or np.all(mask):
            probability, grads = self._gradients(embedded)
        else:
            probability, grads = self._masked_gradients(embedded, np.asarray(mask, dtype=bool))
        return probability.numpy().astype(np.float64), grads.numpy().astype(np.float64)

    def path_gradients(self, ids, steps):
        """Gradients along the straight path from the zero embedding to the text's.

        Returns (f(x), f(baseline), grad at x, mean gradient over the `steps`
        midpoints, x): one batch of `steps + 2` rows, as long as the text (no padding).
        """
        x = self.embeddings[ids].astype(np.float64)
        alphas = np.concatenate([[1.0, 0.0], (np.arange(steps) + 0.5) / steps])
        embedded = alphas[:, None, None] * x[None]  # baseline is all zeros
        rows = max(2, IG_CELLS // len(ids))
        parts = [self.gradient_batch(embedded[i : i + rows]) for i in range(0, len(alphas), rows)]
        probability = np.concatenate([p for p, _ in parts])
        grads = np.concatenate([g for _, g in parts])
        return probability[0], probability[1], grads[0], grads[2:].mean(axis=0), x

    def integrated_gradients(self, ids):
        """IG scores per token, f(baseline), steps used and the completeness gap."""
        steps = IG_STEPS
        while True:
            fx, fb, grad_x, mean_grad, x = self.path_gradients(ids, steps)
            scores = (x * mean_grad).sum(axis=1)
            gap = abs(scores.sum() - (fx - fb))
            if gap <= IG_TOLERANCE * abs(fx - fb) or steps >= IG_MAX_STEPS:
                return scores, fx, fb, steps, gap, (x * grad_x).sum(axis=1)
            steps *= 2

    def occlusion(self, ids):
        """P(with token) - P(without it) for every token, all removals batched.

        Removing the only token leaves an empty review, whose P(positive) is what
        the model says with nothing to attend to.
        """
        if self._encode_one is None:
            return self.masked_occlusion(ids)
        n = len(ids)
        encoded = self._encode_one(self.embeddings[ids].astype(np.float32))
        states, p_with = encoded[:6], float(encoded[6])
        # Removals in chunks of similar size whose bounds mirror around the middle:
        # chunk k's forward re-runs are as long as chunk (last - k)'s backward ones,
        # so the two run side by side in one call.
        chunk = max(1, min(self.OCCLUSION_CHUNK, self.OCCLUSION_CELLS // n))
        count = -(-n // chunk)
        half = [n * k // count for k in range(count // 2 + 1)]
        bounds = half + [n - b for b in reversed(half[: (count + 1) // 2])]
        chunks = [None] * count
        for k in range(count // 2):
            mirror = count - 1 - k
            first, second = self._removal_pair(
                *states, bounds[k], bounds[k + 1], bounds[mirror], bounds[mirror + 1]
            )
            chunks[k], chunks[mirror] = first.numpy(), second.numpy()
        if count % 2:
            k = count // 2
            chunks[k] = self._removals(*states, bounds[k], bounds[k + 1]).numpy()
        return p_with - np.concatenate(chunks).astype(np.float64)

    def masked_occlusion(self, ids):
        """Occlusion by running the whole model on every text with one token masked out."""
        n = len(ids)
        rows = np.tile(np.asarray(ids, dtype=np.int32), (n + 1, 1))
        rows[np.arange(1, n + 1), np.arange(n)] = 0  # row t+1: token t masked out
        chunk = BATCH_BUCKETS[-1]
        probabilities = np.concatenate(
            [
                self.sentiment.forward(list(rows[start : start + chunk]))[0]
                for start in range(0, n + 1, chunk)
            ]
        )
        return probabilities[0] - probabilities[1:]

    def _encode_one_graph(self, embedded):
        """One text `(time, dim)`: input projections, LSTM states (h, c) of both
        directions in text order, and P(positive)."""
        import tensorflow as tf

        (kernel_f, recurrent_f, bias_f), (kernel_b, recurrent_b, bias_b) = self.lstm
        z_f = tf.matmul(embedded, kernel_f) + bias_f
        z_b = tf.matmul(embedded, kernel_b) + bias_b
        h_f, c_f = lstm_sequence(z_f[:, None], recurrent_f)
        h_b, c_b = lstm_sequence(tf.reverse(z_b, [0])[:, None], recurrent_b)
        h_f, c_f, h_b, c_b = h_f[:, 0], c_f[:, 0], h_b[::-1, 0], c_b[::-1, 0]
        states = tf.concat([h_f, h_b], axis=-1)[None]
        model = self.sentiment.model
        probability = probability_from_states(model, self.sentiment.variant, states, None)
        return z_f, z_b, h_f, c_f, h_b, c_b, probability[0]

    def _removals_graph(self, z_f, z_b, h_f, c_f, h_b, c_b, first, last):
        """P(positive) with token t masked out, for t in [first, last).

        Masking token t leaves the forward states before t and the backward
        states after t as they were; only the forward LSTM from t+1 (starting
        from its state at t-1) and the backward LSTM from t-1 (starting from its
        state at t+1) run again, on shared inputs with each row starting at its
        own step.
        """
        import tensorflow as tf

        n = tf.shape(z_f)[0]
        rows = last - first
        removed = tf.range(first, last)
        zero = tf.zeros_like(h_f[:1])
        t = removed[None, :, None]  # (1, rows, 1) against positions (steps, 1, 1)
        # forward over positions first+1 .. n-1; row t starts at position t+1
        init_h = tf.gather(tf.concat([zero, h_f[:-1]], 0), removed)
        init_c = tf.gather(tf.concat([zero, c_f[:-1]], 0), removed)
        h = lstm_restarts(z_f[first + 1 :], self.lstm[0][1], init_h, init_c, removed - first)
        position = tf.range(first + 1, n)[:, None, None]
        after = tf.where(position > t, h, h_f[first + 1 :, None])
        before = tf.broadcast_to(h_f[None, : first + 1], [rows, first + 1, tf.shape(h_f)[1]])
        forward = tf.concat([before, tf.transpose(after, [1, 0, 2])], axis=1)
        # backward over positions last-2 .. 0; row t starts at position t-1
        init_h = tf.gather(tf.concat([h_b[1:], zero], 0), removed)
        init_c = tf.gather(tf.concat([c_b[1:], zero], 0), removed)
        h = lstm_restarts(
            tf.reverse(z_b[: last - 1], [0]), self.lstm[1][1], init_h, init_c, last - 1 - removed
        )
        position = tf.range(last - 1)[:, None, None]
        before = tf.where(position < t, tf.reverse(h, [0]), h_b[: last - 1, None])
        after = tf.broadcast_to(h_b[None, last - 1 :], [rows, n - last + 1, tf.shape(h_b)[1]])
        backward = tf.concat([tf.transpose(before, [1, 0, 2]), after], axis=1)
        # position t holds an old state, but the mask gives it exactly zero weight
        states = tf.concat([forward, backward], axis=-1)
        mask = tf.not_equal(tf.range(n)[None, :], removed[:, None])
        model = self.sentiment.model
        return probability_from_states(model, self.sentiment.variant, states, mask)

    def _removal_pair_graph(self, z_f, z_b, h_f, c_f, h_b, c_b, first, last, first2, last2):
        states = (z_f, z_b, h_f, c_f, h_b, c_b)
        return self._removals_graph(*states, first, last), self._removals_graph(
            *states, first2, last2
        )

    def attributions(self, text, methods=METHODS):
        unknown = [m for m in methods if m not in METHODS]
        if unknown:
            raise ValueError(f"unknown method(s) {unknown}; choose from {METHODS}")
        explanation = self.sentiment.explain(text)  # validates the text
        ids = self.sentiment.encode(text)[1]
        result = Attributions(
            text=text,
            tokens=explanation.tokens,
            spans=explanation.spans,
            oov=explanation.oov,
            truncated=explanation.truncated,
            probability=explanation.probability,
            label=explanation.label,
        )
        if "attention" in methods:
            result.scores["attention"] = explanation.weights
        if "grad_x_input" in methods or "integrated_gradients" in methods:
            ig, fx, fb, steps, gap, grad_x_input = self.integrated_gradients(ids)
            if "grad_x_input" in methods:
                result.scores["grad_x_input"] = grad_x_input
            if "integrated_gradients" in methods:
                result.scores["integrated_gradients"] = ig
                result.baseline_probability, result.ig_steps, result.ig_gap = fb, steps, gap
        if "occlusion" in methods:
            result.scores["occlusion"] = self.occlusion(ids)
        return result


def agreement(attributions, k=5):
    """How far each method agrees with attention on which tokens matter.

    Signed methods are compared by magnitude (|score|): attention says how much
    a token was looked at, not in which direction it pushed.

    Returns:
        A list of dicts `{"method", "spearman", "top_k_overlap"}`, one per
        method other than attention that `attributions` holds.
    """
    from attnviz.explain import measures

    attention = attributions.scores.get("attention")
    if attention is None:
        raise ValueError("the attributions hold no attention scores to compare with")
    rows = []
    for method in METHODS[1:]:
        if method in attributions.scores:
            magnitude = np.abs(attributions.scores[method])
            rows.append(
                {
                    "method": method,
                    "spearman": measures.spearman(attention, magnitude),
                    "top_k_overlap": measures.top_k_overlap(attention, magnitude, k),
                }
            )
    return rows


def remove_token(text, span):
    """`text` with the characters of one token removed, and one adjoining space.

    The space after the token goes when the token starts the text or follows a
    space ("a good film" -> "a film"); otherwise the space before it goes
    ("is lovely." -> "is.").
    """
    start, end = span
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {span} is outside a text of {len(text)} characters")
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] == " "):
        end += 1
    elif start > 0 and text[start - 1] == " ":
        start -= 1
    return text[:start] + text[end:]


# `SentimentModel.attributions` uses this class (models never import explain).
SentimentModel.attributor_class = Attributor
