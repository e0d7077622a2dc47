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


@keras.saving.register_keras_serializable(package="attnviz")
class Seq2SeqAttention(keras.layers.Layer):
    """One decoder step of the attention in the Keras/Coursera date-translation model.

    Given the encoder states `a_t` and the previous post-attention LSTM state
    `s`, it repeats `s` over the input positions and computes

        e_t = v · tanh(W [s; a_t] + b)        (Dense(tanh) -> Dense(1))
        alpha = softmax(e) over the real (unmasked) input positions
        context = sum_t alpha_t a_t

    The bias of the final Dense(1) is left out: it adds the same number to every
    score, which the softmax cancels.

    Args:
        units: size of the hidden tanh layer (the tutorial uses 10).
        **kwargs: forwarded to `keras.layers.Layer`.

    Call arguments:
        inputs: list `[encoder_states, decoder_state]`: `encoder_states` is
            `(batch_size, input_length, features)`, `decoder_state` is
            `(batch_size, state_units)`.
        mask: optional `[encoder_mask, None]`, `encoder_mask` a bool tensor
            `(batch_size, input_length)` with False on padding (passed on
            automatically from an `Embedding(mask_zero=True)` below).

    Returns:
        A tuple `(context, weights)`: `context` is `(batch_size, 1, features)`
        (ready to feed a one-step LSTM) and `weights` is `(batch_size, 1, input_length)`,
        >= 0, summing to 1 over the real positions, exactly 0 on padding.
    """

    def __init__(self, units=10, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.supports_masking = True

    def build(self, input_shape):
        states_shape, decoder_shape = input_shape
        features = states_shape[-1] + decoder_shape[-1]
        self.W = self.add_weight(
            name="W", shape=(features, self.units), initializer="glorot_uniform"
        )
        self.b = self.add_weight(name="b", shape=(self.units,), initializer="zeros")
        self.v = self.add_weight(name="v", shape=(self.units, 1), initializer="glorot_uniform")

    def distribution(self, states, decoder_state, encoder_mask=None):
        """The attention weights alpha `(batch, input_length)` for one decoder step."""
        length = ops.shape(states)[1]
        repeated = ops.repeat(ops.expand_dims(decoder_state, 1), length, axis=1)
        # (batch, time, state_units + features)
        joined = ops.concatenate([repeated, states], axis=-1)
        hidden = ops.tanh(ops.matmul(joined, self.W) + self.b)  # (batch, time, units)
        scores = ops.squeeze(ops.matmul(hidden, self.v), axis=-1)  # (batch, time)
        return masked_softmax(scores, encoder_mask)  # (batch, time)

    def call(self, inputs, mask=None):
        states, decoder_state = inputs
        encoder_mask = mask[0] if isinstance(mask, (list, tuple)) else mask
        weights = self.distribution(states, decoder_state, encoder_mask)  # (batch, time)
        context = ops.sum(states * ops.expand_dims(weights, -1), axis=1)  # (batch, features)
        return ops.expand_dims(context, 1), ops.expand_dims(weights, 1)

    def compute_mask(self, inputs, mask=None):
        return [None, None]

    def compute_output_shape(self, input_shape):
        states_shape, _ = input_shape
        batch, length, features = states_shape
        return (batch, 1, features), (batch, 1, length)

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units})
        return config


@keras.saving.register_keras_serializable(package="attnviz")
class DecoderStartState(keras.layers.Layer):
    """The post-attention LSTM's state before the first output step: all zeros.

    Args:
        units: size of the decoder state.
        **kwargs: forwarded to `keras.layers.Layer`.

    Call arguments:
        inputs: any tensor whose first axis is the batch, e.g. the encoder states
            `(batch_size, input_length, features)`.
        mask: ignored.

    Returns:
        A zero tensor `(batch_size, units)`.
    """

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.supports_masking = True

    def call(self, inputs, mask=None):
        return ops.zeros((ops.shape(inputs)[0], self.units), dtype=self.compute_dtype)

    def compute_mask(self, inputs, mask=None):
        return None

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.units)

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units})
        return config


@keras.saving.register_keras_serializable(package="attnviz")
class PerUnitAttention(keras.layers.Layer):
    """The original Keras-tutorial attention: a softmax over time for each unit.

    For encoder states `h_t` with `features` units it computes

        e_t = tanh(h_t W + b)                      (one score per token per unit)
        a[:, j] = softmax(e[:, j]) over the real tokens, separately for each unit j
        context_j = sum_t a_tj h_tj

    Unlike `AdditiveAttention`, which gives one weight per token, every hidden
    unit chooses its own tokens; the mean over units is a per-token summary that
    still sums to 1.

    Args:
        **kwargs: forwarded to `keras.layers.Layer`.

    Call arguments:
        inputs: float tensor `(batch_size, timesteps, features)`.
        mask: optional bool tensor `(batch_size, timesteps)`; False marks padding.

    Returns:
        A tuple `(context, weights)`: `context` is `(batch_size, features)` and
        `weights` is `(batch_size, timesteps, features)`; each unit's column sums
        to 1 over the real tokens and is exactly 0 on padding.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def build(self, input_shape):
        features = input_shape[-1]
        self.W = self.add_weight(name="W", shape=(features, features), initializer="glorot_uniform")
        self.b = self.add_weight(name="b", shape=(features,), initializer="zeros")

    def call(self, inputs, mask=None):
        scores = ops.tanh(ops.matmul(inputs, self.W) + self.b)  # (batch, time, feat)
        if mask is not None:
            mask = ops.expand_dims(mask, -1)  # (batch, time, 1)
        weights = masked_softmax(scores, mask, axis=1)  # softmax over time, per unit
        context = ops.sum(inputs * weights, axis=1)  # (batch, feat)
        return context, weights

    def compute_mask(self, inputs, mask=None):
        return [None, None]

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1]), tuple(input_shape)


@keras.saving.register_keras_serializable(package="attnviz")
class LearnedQueryAttention(keras.layers.Layer):
    """Scaled dot-product attention with one learned query vector.

    For encoder states `h_t` it computes keys `k_t = h_t W_k + b_k`, values
    `v_t = h_t W_v + b_v` and

        a = softmax(q · k_t / sqrt(key_dim)) over the real tokens
        context = sum_t a_t v_t

    The query `q` is a trained parameter: the question the model learned to ask
    of every review.

    Args:
        key_dim: size of the query and keys.
        value_dim: size of the values (and of the context).
        **kwargs: forwarded to `keras.layers.Layer`.

    Call arguments:
        inputs: float tensor `(batch_size, timesteps, features)`.
        mask: optional bool tensor `(batch_size, timesteps)`; False marks padding.

    Returns:
        A tuple `(context, weights)`: `context` is `(batch_size, value_dim)` and
        `weights` is `(batch_size, timesteps)`, summing to 1, exactly 0 on padding.
    """

    def __init__(self, key_dim=64, value_dim=64, **kwargs):
        super().__init__(**kwargs)
        self.key_dim = key_dim
        self.value_dim = value_dim
        self.supports_masking = True

    def build(self, input_shape):
        features = input_shape[-1]
        self.query = self.add_weight(
            name="query", shape=(self.key_dim, 1), initializer="glorot_uniform"
        )
        self.W_k = self.add_weight(
            name="W_k", shape=(features, self.key_dim), initializer="glorot_uniform"
        )
        self.b_k = self.add_weight(name="b_k", shape=(self.key_dim,), initializer="zeros")
        self.W_v = self.add_weight(
            name="W_v", shape=(features, self.value_dim), initializer="glorot_uniform"
        )
        self.b_v = self.add_weight(name="b_v", shape=(self.value_dim,), initializer="zeros")

    def call(self, inputs, mask=None):
        keys = ops.matmul(inputs, self.W_k) + self.b_k  # (batch, time, key_dim)
        values = ops.matmul(inputs, self.W_v) + self.b_v  # (batch, time, value_dim)
        scores = ops.squeeze(ops.matmul(keys, self.query), -1)  # (batch, time)
        weights = masked_softmax(scores / (self.key_dim**0.5), mask)  # (batch, time)
        context = ops.sum(values * ops.expand_dims(weights, -1), axis=1)  # (batch, value_dim)
        return context, weights

    def compute_mask(self, inputs, mask=None):
        return [None, None]

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.value_dim), (input_shape[0], input_shape[1])

    def get_config(self):
        config = super().get_config()
        config.update({"key_dim": self.key_dim, "value_dim": self.value_dim})
        return config


@keras.saving.register_keras_serializable(package="attnviz")
class HardSeq2SeqAttention(Seq2SeqAttention):
    """Hard attention for one decoder step: the context is ONE encoder state.

    It scores the input positions exactly like `Seq2SeqAttention` (alpha, a
    softmax over the real positions), then picks one position `s` and returns
    `context = a_s` instead of the expected value `sum_t alpha_t a_t`:

        training:   s ~ Categorical(alpha), drawn with the Gumbel-max trick
                    s = argmax_t(log alpha_t + g_t), g_t ~ Gumbel(0, 1);
                    gradients pass straight through the relaxed one-hot
                    softmax((log alpha + g) / temperature) (Jang et al., 2017)
        inference:  s = argmax_t(log alpha_t + noise_t); `noise` defaults to 0
                    (argmax); Gumbel noise from a seeded generator draws a sample.

    Args:
        units: size of the hidden tanh layer of the scorer.
        temperature: temperature of the relaxed one-hot used for the
            straight-through gradient while training (the forward pass is
            always one-hot).
        seed: seed of the Gumbel noise drawn while training.
        **kwargs: forwarded to `keras.layers.Layer`.

    Call arguments:
        inputs: list `[encoder_states, decoder_state]` or
            `[encoder_states, decoder_state, noise]`: `encoder_states` is
            `(batch_size, input_length, features)`, `decoder_state` is
            `(batch_size, state_units)`, `noise` is `(batch_size, input_length)`
            added to the log-weights before the argmax.
        mask: optional list whose first entry is the encoder mask
            `(batch_size, input_length)`, False on padding.
        training: sample (True) or take the argmax plus `noise` (False).

    Returns:
        A tuple `(context, choice, weights)`: `context` is `(batch_size, 1, features)`,
        `choice` is the one-hot `(batch_size, 1, input_length)` of the chosen
        position (never a padded one) and `weights` is alpha `(batch_size, 1,
        input_length)`, the distribution the choice was drawn from.
    """

    def __init__(self, units=10, temperature=1.0, seed=None, **kwargs):
        super().__init__(units=units, **kwargs)
        self.temperature = temperature
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def build(self, input_shape):
        super().build(input_shape[:2])

    def call(self, inputs, mask=None, training=None):
        states, decoder_state = inputs[0], inputs[1]
        noise = inputs[2] if len(inputs) > 2 else None
        encoder_mask = mask[0] if isinstance(mask, (list, tuple)) else mask
        weights = self.distribution(states, decoder_state, encoder_mask)  # (batch, time)
        log_weights = ops.log(ops.maximum(weights, 1e-30))  # (batch, time)
        if training:
            uniform = keras.random.uniform(
                ops.shape(weights), minval=1e-10, maxval=1.0, seed=self.seed_generator
            )
            noise = -ops.log(-ops.log(uniform))  # Gumbel(0, 1)
        perturbed = log_weights if noise is None else log_weights + ops.cast(noise, "float32")
        if encoder_mask is not None:  # padding can never be chosen
            perturbed = ops.where(encoder_mask, perturbed, -1e9)
        length = ops.shape(states)[1]
        choice = ops.one_hot(ops.argmax(perturbed, axis=-1), length, dtype=states.dtype)
        if training:  # straight-through: one-hot forward, relaxed one-hot backward
            relaxed = masked_softmax(perturbed / self.temperature, encoder_mask)
            choice = choice + relaxed - ops.stop_gradient(relaxed)
        context = ops.sum(states * ops.expand_dims(choice, -1), axis=1)  # (batch, features)
        return (
            ops.expand_dims(context, 1),
            ops.expand_dims(choice, 1),
            ops.expand_dims(weights, 1),
        )

    def compute_mask(self, inputs, mask=None):
        return [None, None, None]

    def compute_output_shape(self, input_shape):
        batch, length, features = input_shape[0]
        return (batch, 1, features), (batch, 1, length), (batch, 1, length)

    def get_config(self):
        config = super().get_config()
        config.update({"temperature": self.temperature, "seed": self.seed})
        return config
