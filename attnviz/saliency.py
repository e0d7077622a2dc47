"""Attribution methods beside attention for the sentiment models.

- gradient x input (at the embedding, summed over the embedding dimension);
- integrated gradients (Sundararajan, Taly & Yan, 2017) from a zero-embedding
  baseline, all path points in one batched forward/backward pass, with the
  completeness gap |sum(IG) - (f(x) - f(baseline))| reported;
- occlusion / leave-one-out: P(positive) with the token minus P(positive) without
  it, every token removed in one batch (a removed token is masked out, which for
  this masked BiLSTM + attention is exactly the same as deleting it).

All scores are signed toward P(positive): a positive score means the token
pushed the prediction toward "positive".
"""

from dataclasses import dataclass, field

import numpy as np

from attnviz.sentiment import BATCH_BUCKETS, bucket

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

    def __init__(self, sentiment_model):
        import tensorflow as tf

        self.sentiment = sentiment_model
        model = sentiment_model.model
        variant = sentiment_model.variant
        self.embeddings = model.get_layer("embedding").embeddings.numpy()

        def gradients(embedded, mask):
            with tf.GradientTape() as tape:
                tape.watch(embedded)
                probability = probability_from_embeddings(model, variant, embedded, mask)
            # rows are independent, so d(sum)/d(row) is each row's own gradient
            return probability, tape.gradient(probability, embedded)

        # A plain graph with dynamic shapes: backprop through the LSTM loop ran
        # faster without XLA here (465 vs 696 ms for 34 x 512 tokens) and needs
        # no compile per shape.
        dim = self.embeddings.shape[1]
        self._gradients = tf.function(
            gradients,
            input_signature=[
                tf.TensorSpec([None, None, dim], tf.float32),
                tf.TensorSpec([None, None], tf.bool),
            ],
        )

    def gradient_batch(self, embedded, mask):
        """P(positive) and d P / d embedding for a batch (numpy in, numpy out)."""
        probability, grads = self._gradients(embedded.astype(np.float32), mask.astype(bool))
        return probability.numpy().astype(np.float64), grads.numpy().astype(np.float64)

    def path_gradients(self, ids, steps):
        """Gradients along the straight path from the zero embedding to the text's.

        Returns (f(x), f(baseline), grad at x, mean gradient over the `steps`
        midpoints, x): one batch of `steps + 2` rows.
        """
        width = bucket(len(ids), self.sentiment.length_buckets)
        x = np.zeros((width, self.embeddings.shape[1]), dtype=np.float64)
        x[: len(ids)] = self.embeddings[ids]
        alphas = np.concatenate([[1.0, 0.0], (np.arange(steps) + 0.5) / steps])
        embedded = alphas[:, None, None] * x[None]  # baseline is all zeros
        mask = np.zeros((len(alphas), width), dtype=bool)
        mask[:, : len(ids)] = True
        probability, grads = self.gradient_batch(embedded, mask)
        n = len(ids)
        return probability[0], probability[1], grads[0, :n], grads[2:, :n].mean(axis=0), x[:n]

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
    from attnviz import measures

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
    """`text` with the characters of one token removed (one adjoining space too)."""
    start, end = span
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {span} is outside a text of {len(text)} characters")
    if end < len(text) and text[end] == " " and (start == 0 or text[start - 1] == " "):
        end += 1
    return text[:start] + text[end:]
