"""Keras layers that compute attention and hand back their weights.

Every layer here is registered for `.keras` serialization under the package
name ``attnviz`` and supports masks: a padded position gets exactly zero weight.
"""

import keras
from keras import ops


def masked_softmax(scores, mask=None, axis=-1):
    """Softmax of `scores` along `axis` that gives masked-out positions exactly 0.

    Args:
        scores: float tensor.
        mask: bool tensor broadcastable to `scores`; False marks padding. None means
            every position is real.
        axis: the axis to normalise over.

    Returns:
        A tensor shaped like `scores` whose entries along `axis` are >= 0 and sum
        to 1 over the unmasked positions (all zeros where a row has no real position).
    """
    if mask is None:
        return ops.softmax(scores, axis=axis)
    mask = ops.cast(mask, scores.dtype)
    # Push padding far down before the max so it cannot win, then zero it exactly.
    shifted = scores + (1.0 - mask) * -1e9
    shifted = shifted - ops.max(shifted, axis=axis, keepdims=True)
    exp = ops.exp(shifted) * mask
    total = ops.sum(exp, axis=axis, keepdims=True)
    return exp / ops.maximum(total, 1e-30)


@keras.saving.register_keras_serializable(package="attnviz")
class AdditiveAttention(keras.layers.Layer):
    """Additive attention pooling: one weight per token, then a weighted sum.

    For encoder states `h_t` it computes

        u_t = tanh(W h_t + b)
        score_t = u_t · v
        a = softmax(score) over the real (unmasked) tokens
        context = sum_t a_t h_t

    This is the attention of the classic Keras LSTM+attention sentiment tutorial
    (Yang et al., 2016, without the hierarchy).

    Args:
        units: size of the hidden projection `u_t`.
        **kwargs: forwarded to `keras.layers.Layer`.

    Call arguments:
        inputs: float tensor `(batch_size, timesteps, features)`.
        mask: optional bool tensor `(batch_size, timesteps)`; False marks padding.

    Returns:
        A tuple `(context, weights)`: `context` is `(batch_size, features)` and
        `weights` is `(batch_size, timesteps)`, >= 0, summing to 1 over real tokens,
        exactly 0 on padding.
    """

    def __init__(self, units=64, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.supports_masking = True

    def build(self, input_shape):
        features = input_shape[-1]
        self.W = self.add_weight(
            name="W", shape=(features, self.units), initializer="glorot_uniform"
        )
        self.b = self.add_weight(name="b", shape=(self.units,), initializer="zeros")
        self.v = self.add_weight(name="v", shape=(self.units, 1), initializer="glorot_uniform")

    def call(self, inputs, mask=None):
        u = ops.tanh(ops.matmul(inputs, self.W) + self.b)  # (batch, time, units)
        scores = ops.squeeze(ops.matmul(u, self.v), axis=-1)  # (batch, time)
        weights = masked_softmax(scores, mask)  # (batch, time)
        context = ops.sum(inputs * ops.expand_dims(weights, -1), axis=1)  # (batch, feat)
        return context, weights

    def compute_mask(self, inputs, mask=None):
        return [None, None]

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1]), (input_shape[0], input_shape[1])

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units})
        return config
