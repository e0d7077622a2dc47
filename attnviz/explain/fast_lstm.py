"""The BiLSTM encoder's forward and backward pass, written out for the attributions.

Integrated gradients and occlusion run the encoder many times per review; these
loops give the same numbers as the Keras layer with less work (about 2x): no
weight gradients, no padding or mask, and occlusion restarts each LSTM only where
a removed token can change it (see `attnviz.explain.saliency`).

They copy the arithmetic of `keras.layers.LSTMCell` (gate order i, f, g, o;
sigmoid and tanh; one bias) for the Keras version pinned in requirements.txt
(`KERAS_VERSION`). `tests/test_fast_lstm.py` checks every function here against
Keras' own `LSTMCell` / `LSTM` and fails when Keras is upgraded, so the copy is
re-checked then; `encoder_weights` returns None for any encoder these loops do
not compute, and the attributions then run the Keras layers instead.
"""

import numpy as np

# The Keras release whose LSTMCell these loops were checked against.
KERAS_VERSION = "3.15.1"


def encoder_weights(model):
    """`[(kernel, recurrent_kernel, bias)]` of the encoder's forward and backward LSTM.

    None when the encoder is not the plain BiLSTM that `lstm_sequence` computes
    (tanh / sigmoid activations, biases, outputs concatenated); the attributions
    then run the Keras layer itself.
    """
    import keras

    encoder = model.get_layer("encoder")
    layers = [getattr(encoder, "forward_layer", None), getattr(encoder, "backward_layer", None)]
    if getattr(encoder, "merge_mode", None) != "concat" or not all(
        isinstance(layer, keras.layers.LSTM) for layer in layers
    ):
        return None
    weights = []
    for layer in layers:
        cell = layer.cell
        plain = (
            cell.activation is keras.activations.tanh
            and cell.recurrent_activation is keras.activations.sigmoid
            and cell.use_bias
            and layer.return_sequences
            and not layer.stateful
        )
        if not plain:
            return None
        weights.append(
            tuple(
                np.asarray(w, dtype=np.float32)
                for w in (cell.kernel, cell.recurrent_kernel, cell.bias)
            )
        )
    if layers[0].go_backwards or not layers[1].go_backwards:
        return None
    return weights


def lstm_step(z, h, c, recurrent):
    """One LSTM step from the input projections `z` `(rows, 4 * units)`, bias included.

    The same arithmetic as `keras.layers.LSTMCell` (gate order i, f, g, o).
    Returns `(h, c, gates)`, `gates` `(rows, 4 * units)` holding i, f, g, o.
    """
    import tensorflow as tf

    units = recurrent.shape[0]
    z = z + tf.matmul(h, recurrent)
    sig = tf.sigmoid(z)
    i, f, o = sig[:, :units], sig[:, units : 2 * units], sig[:, 3 * units :]
    g = tf.tanh(z[:, 2 * units : 3 * units])
    c = f * c + i * g
    return o * tf.tanh(c), c, tf.concat([i, f, g, o], axis=-1)


def lstm_sequence(z, recurrent, keep_gates=False):
    """Run an LSTM from zeros over time-major input projections `z` `(time, rows, 4 * units)`.

    Returns `(h, c)`, each `(time, rows, units)`, and with `keep_gates` also the
    gates `(time, rows, 4 * units)` that `lstm_gradient` needs.
    """
    import tensorflow as tf

    units = recurrent.shape[0]
    steps = tf.shape(z)[0]
    h0 = c0 = tf.zeros([tf.shape(z)[1], units])
    widths = (units, units, 4 * units) if keep_gates else (units, units)
    arrays = [tf.TensorArray(tf.float32, size=steps, element_shape=[None, w]) for w in widths]

    def body(t, h, c, *arrays):
        h, c, gates = lstm_step(z[t], h, c, recurrent)
        return (t + 1, h, c) + tuple(a.write(t, x) for a, x in zip(arrays, (h, c, gates)))

    loop = tf.while_loop(lambda t, *_: t < steps, body, (0, h0, c0, *arrays))
    return tuple(a.stack() for a in loop[3:])


def lstm_gradient(dh_out, c_seq, gates, recurrent):
    """Back-propagate through `lstm_sequence` (from zeros): d loss / d `z`.

    `dh_out` `(time, rows, units)` is d loss / d each output `h`; `c_seq` and
    `gates` are what `lstm_sequence(..., keep_gates=True)` returned.
    """
    import tensorflow as tf

    units = recurrent.shape[0]
    steps = tf.shape(dh_out)[0]
    c_prev = tf.concat([tf.zeros_like(c_seq[:1]), c_seq[:-1]], axis=0)
    transposed = tf.transpose(recurrent)
    dz_seq = tf.TensorArray(tf.float32, size=steps, element_shape=[None, 4 * units])

    def body(k, dh_next, dc_next, dz_seq):
        t = steps - 1 - k
        i, f, g, o = tf.split(gates[t], 4, axis=-1)
        tanh_c = tf.tanh(c_seq[t])
        dh = dh_out[t] + dh_next
        dc = dc_next + dh * o * (1.0 - tanh_c * tanh_c)
        dz = tf.concat(
            [
                dc * g * i * (1.0 - i),
                dc * c_prev[t] * f * (1.0 - f),
                dc * i * (1.0 - g * g),
                dh * tanh_c * o * (1.0 - o),
            ],
            axis=-1,
        )
        return k + 1, tf.matmul(dz, transposed), dc * f, dz_seq.write(t, dz)

    zeros = tf.zeros_like(dh_out[0])
    *_, dz_seq = tf.while_loop(lambda k, *_: k < steps, body, (0, zeros, zeros, dz_seq))
    return dz_seq.stack()


def lstm_restarts(z, recurrent, h0, c0, starts):
    """Rows of one LSTM that start at different steps of shared inputs.

    Row r keeps its state `(h0[r], c0[r])` before step `starts[r]` and runs the
    LSTM over `z[starts[r]:]` `(steps, 4 * units)` from there. Returns `h`
    `(steps, rows, units)` (row r holds `h0[r]` before its start).
    """
    import tensorflow as tf

    units = recurrent.shape[0]
    steps = tf.shape(z)[0]
    rows = tf.shape(h0)[0]
    starts = starts[:, None]
    out = tf.TensorArray(tf.float32, size=steps, element_shape=[None, units])

    def body(t, h, c, out):
        h_next, c_next, _ = lstm_step(z[t][None], h, c, recurrent)
        running = starts <= t
        h = tf.where(running, h_next, h0)
        return t + 1, h, tf.where(running, c_next, c0), out.write(t, h)

    *_, out = tf.while_loop(lambda t, *_: t < steps, body, (0, h0, c0, out))
    return tf.cond(
        steps > 0, lambda: out.stack(), lambda: tf.zeros([0, rows, units], dtype=tf.float32)
    )


def bilstm(embedded, weights):
    """The encoder `(batch, time, dim)` -> `(batch, time, 2 * units)`, no padding.

    Equal to the Keras Bidirectional(LSTM) without a mask; its gradient is
    `lstm_gradient` (no weight gradients, which attributions never need).
    """
    import tensorflow as tf

    (kernel_f, recurrent_f, bias_f), (kernel_b, recurrent_b, bias_b) = weights

    def direction(recurrent):
        @tf.custom_gradient
        def run(z):
            h, c, gates = lstm_sequence(z, recurrent, keep_gates=True)
            return h, lambda dh: lstm_gradient(dh, c, gates, recurrent)

        return run

    z_f = tf.einsum("btd,dg->tbg", embedded, kernel_f) + bias_f
    z_b = tf.einsum("btd,dg->tbg", tf.reverse(embedded, [1]), kernel_b) + bias_b
    h_f = direction(recurrent_f)(z_f)
    h_b = tf.reverse(direction(recurrent_b)(z_b), [0])
    return tf.transpose(tf.concat([h_f, h_b], axis=-1), [1, 0, 2])
