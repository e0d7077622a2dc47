"""Gradient estimators for hard attention, checked against the exact gradient on a tiny problem.

One `HardSeq2SeqAttention` step over `T` encoder states `h_i` with a loss of the
context, `loss(c) = |c - target|^2`. Hard attention reads one state `s ~ alpha`,
so the quantity training lowers is the expected loss

    L(theta) = sum_i alpha_i(theta) * loss(h_i)

whose gradient with respect to the scorer's weights theta (W, b, v) is exact and
cheap here (T terms). Two per-draw estimates of it:

- REINFORCE with a baseline: (loss(h_s) - b) * grad log alpha_s, b = L (a constant
  for the draw): unbiased, noisy.
- Straight-through Gumbel-softmax (what `HardSeq2SeqAttention` does when training):
  forward one-hot, backward through softmax((log alpha + g) / tau): biased, quiet.

`study()` returns both estimates' mean, bias and variance over many draws.
"""

from dataclasses import dataclass

import numpy as np

TINY_STATES = np.array(
    [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.5], [0.5, -1.0]], dtype=np.float32
)  # (T=4, features=2)
TINY_DECODER_STATE = np.array([0.3, -0.2], dtype=np.float32)
TINY_TARGET = np.array([0.8, 0.6], dtype=np.float32)


@dataclass
class EstimatorStats:
    """Mean, bias and spread of one estimator over `draws` draws.

    Attributes:
        mean: `(parameters,)` average estimate.
        bias_norm: |mean - exact|.
        relative_bias: bias_norm / |exact|.
        cosine: cosine similarity of the mean with the exact gradient.
        total_variance: sum over parameters of the per-draw variance.
        standard_error: `(parameters,)` standard error of the mean.
    """

    mean: np.ndarray
    bias_norm: float
    relative_bias: float
    cosine: float
    total_variance: float
    standard_error: np.ndarray


def tiny_layer(units=3, seed=0, temperature=1.0):
    """A built `HardSeq2SeqAttention` with seeded random weights for the tiny problem."""
    from attnviz.models.layers import HardSeq2SeqAttention

    layer = HardSeq2SeqAttention(units, temperature=temperature, seed=seed)
    features, state = TINY_STATES.shape[1], TINY_DECODER_STATE.shape[0]
    layer.build([(None, None, features), (None, state)])
    rng = np.random.default_rng(seed)
    layer.set_weights([rng.normal(0, 1.0, w.shape).astype(np.float32) for w in layer.weights])
    return layer


def _inputs(rows):
    states = np.repeat(TINY_STATES[None], rows, axis=0)
    decoder = np.repeat(TINY_DECODER_STATE[None], rows, axis=0)
    return states, decoder


def _loss(context):
    import tensorflow as tf

    return tf.reduce_sum(tf.square(context - TINY_TARGET), axis=-1)


def _flat(jacobians, rows):
    import tensorflow as tf

    return tf.concat([tf.reshape(j, (rows, -1)) for j in jacobians], axis=1).numpy()


def exact_gradient(layer):
    """Gradient of L = sum_i alpha_i loss(h_i) with respect to the layer's weights."""
    import tensorflow as tf

    states, decoder = _inputs(1)
    losses = _loss(tf.constant(TINY_STATES))  # (T,)
    with tf.GradientTape() as tape:
        alpha = layer.distribution(tf.constant(states), tf.constant(decoder))[0]  # (T,)
        expected = tf.reduce_sum(alpha * losses)
    return np.concatenate([g.numpy().ravel() for g in tape.gradient(expected, layer.weights)])


def straight_through_gradients(layer, draws, seed=0):
    """`(draws, parameters)`: one straight-through Gumbel-softmax estimate per draw."""
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    states, decoder = _inputs(draws)
    with tf.GradientTape() as tape:
        context, _, _ = layer([tf.constant(states), tf.constant(decoder)], training=True)
        per_draw = _loss(context[:, 0])  # (draws,)
    return _flat(tape.jacobian(per_draw, layer.weights), draws)


def reinforce_gradients(layer, draws, seed=0):
    """`(draws, parameters)`: one REINFORCE-with-baseline estimate per draw."""
    import tensorflow as tf

    from attnviz.models.hard import gumbel_noise

    states, decoder = _inputs(draws)
    noise = gumbel_noise(draws, 1, TINY_STATES.shape[0], seed)[:, 0]  # (draws, T)
    losses = _loss(tf.constant(TINY_STATES))  # (T,)
    with tf.GradientTape() as tape:
        _, choice, alpha = layer(
            [tf.constant(states), tf.constant(decoder), tf.constant(noise)], training=False
        )
        choice, alpha = choice[:, 0], alpha[:, 0]  # (draws, T)
        baseline = tf.stop_gradient(tf.reduce_sum(alpha * losses, axis=-1))  # L, per row
        path_loss = tf.reduce_sum(choice * losses, axis=-1)  # loss(h_s)
        log_prob = tf.math.log(tf.reduce_sum(choice * alpha, axis=-1))
        surrogate = tf.stop_gradient(path_loss - baseline) * log_prob  # (draws,)
    return _flat(tape.jacobian(surrogate, layer.weights), draws)


def summarize(estimates, exact):
    mean = estimates.mean(axis=0)
    bias = float(np.linalg.norm(mean - exact))
    norm = float(np.linalg.norm(exact))
    return EstimatorStats(
        mean=mean,
        bias_norm=bias,
        relative_bias=bias / max(norm, 1e-30),
        cosine=float(mean @ exact / max(np.linalg.norm(mean) * norm, 1e-30)),
        total_variance=float(estimates.var(axis=0, ddof=1).sum()),
        standard_error=estimates.std(axis=0, ddof=1) / np.sqrt(len(estimates)),
    )


def study(draws=4000, seed=0, temperature=1.0):
    """{"exact": gradient, "reinforce": EstimatorStats, "straight_through": EstimatorStats}."""
    layer = tiny_layer(seed=seed, temperature=temperature)
    exact = exact_gradient(layer)
    return {
        "exact": exact,
        "reinforce": summarize(reinforce_gradients(layer, draws, seed), exact),
        "straight_through": summarize(straight_through_gradients(layer, draws, seed), exact),
    }


if __name__ == "__main__":  # python -m attnviz.train.estimators
    result = study()
    print("exact gradient norm", float(np.linalg.norm(result["exact"])))
    for name in ("reinforce", "straight_through"):
        stats = result[name]
        print(
            f"{name}: relative bias {stats.relative_bias:.3f}, cosine {stats.cosine:.3f}, "
            f"total variance {stats.total_variance:.4f}"
        )
