"""The hand-written LSTM loops (attnviz.explain.fast_lstm) against Keras' own LSTMCell / LSTM.

They copy LSTMCell's arithmetic, so they are pinned to the Keras version in
requirements.txt: upgrading Keras fails the first test until these checks are re-run
and `fast_lstm.KERAS_VERSION` is updated.
"""

import re

import keras
import numpy as np
import pytest
import tensorflow as tf

from attnviz.explain import fast_lstm
from attnviz.models.paths import PROJECT_DIR

UNITS, DIM, ROWS, STEPS = 3, 4, 2, 6


def pinned_keras_version():
    text = (PROJECT_DIR / "requirements.txt").read_text()
    return re.search(r"^keras==(\S+)$", text, re.MULTILINE).group(1)


def test_checked_against_the_pinned_keras():
    assert fast_lstm.KERAS_VERSION == pinned_keras_version() == keras.__version__


@pytest.fixture(scope="module")
def cell():
    keras.utils.set_random_seed(3)
    lstm_cell = keras.layers.LSTMCell(UNITS)
    lstm_cell.build((None, DIM))
    rng = np.random.default_rng(1)
    # Non-zero biases so the bias path is checked too.
    lstm_cell.bias.assign(rng.normal(0, 0.5, size=(4 * UNITS,)).astype(np.float32))
    return lstm_cell


def weights_of(lstm_cell):
    return tuple(
        np.asarray(w, dtype=np.float32)
        for w in (lstm_cell.kernel, lstm_cell.recurrent_kernel, lstm_cell.bias)
    )


def inputs(seed=0):
    return np.random.default_rng(seed).normal(0, 1, size=(ROWS, STEPS, DIM)).astype(np.float32)


def test_one_step_equals_lstm_cell(cell):
    kernel, recurrent, bias = weights_of(cell)
    rng = np.random.default_rng(2)
    x = rng.normal(0, 1, size=(ROWS, DIM)).astype(np.float32)
    h = rng.normal(0, 1, size=(ROWS, UNITS)).astype(np.float32)
    c = rng.normal(0, 1, size=(ROWS, UNITS)).astype(np.float32)
    keras_h, (keras_h2, keras_c) = cell(x, [h, c], training=False)
    ours_h, ours_c, _ = fast_lstm.lstm_step(x @ kernel + bias, h, c, recurrent)
    np.testing.assert_allclose(ours_h.numpy(), np.asarray(keras_h), rtol=0, atol=1e-6)
    np.testing.assert_allclose(ours_c.numpy(), np.asarray(keras_c), rtol=0, atol=1e-6)
    np.testing.assert_allclose(np.asarray(keras_h2), np.asarray(keras_h))


def test_sequence_equals_keras_lstm(cell):
    kernel, recurrent, bias = weights_of(cell)
    layer = keras.layers.LSTM(UNITS, return_sequences=True)
    layer.build((None, STEPS, DIM))
    layer.set_weights([kernel, recurrent, bias])
    x = inputs()
    z = tf.einsum("btd,dg->tbg", x, kernel) + bias
    h, _ = fast_lstm.lstm_sequence(z, recurrent)
    expected = np.asarray(layer(x, training=False))  # (rows, time, units)
    np.testing.assert_allclose(np.transpose(h.numpy(), (1, 0, 2)), expected, rtol=0, atol=1e-6)


def test_hand_gradient_equals_autodiff(cell):
    kernel, recurrent, bias = weights_of(cell)
    z = tf.constant(tf.einsum("btd,dg->tbg", inputs(4), kernel) + bias)
    upstream = np.random.default_rng(5).normal(0, 1, size=(STEPS, ROWS, UNITS))
    upstream = tf.constant(upstream.astype(np.float32))
    with tf.GradientTape() as tape:
        tape.watch(z)
        h, _ = fast_lstm.lstm_sequence(z, recurrent)
        loss = tf.reduce_sum(h * upstream)
    expected = tape.gradient(loss, z)
    _, c, gates = fast_lstm.lstm_sequence(z, recurrent, keep_gates=True)
    ours = fast_lstm.lstm_gradient(upstream, c, gates, recurrent)
    np.testing.assert_allclose(ours.numpy(), expected.numpy(), rtol=0, atol=1e-5)


def test_restarts_continue_from_the_given_state(cell):
    kernel, recurrent, bias = weights_of(cell)
    z = tf.einsum("btd,dg->tbg", inputs(6)[:1], kernel)[:, 0] + bias  # (steps, 4 * units)
    h_full, c_full = fast_lstm.lstm_sequence(z[:, None], recurrent)
    starts = np.array([0, 2, 5], dtype=np.int32)
    h0 = np.stack([np.zeros(UNITS), h_full[1, 0], h_full[4, 0]]).astype(np.float32)
    c0 = np.stack([np.zeros(UNITS), c_full[1, 0], c_full[4, 0]]).astype(np.float32)
    h = fast_lstm.lstm_restarts(z, recurrent, h0, c0, tf.constant(starts)).numpy()
    for row, start in enumerate(starts):
        # Restarting at `start` from the state after step start-1 is the uninterrupted run.
        np.testing.assert_allclose(h[start:, row], h_full[start:, 0].numpy(), atol=1e-6)
        np.testing.assert_allclose(h[:start, row], np.broadcast_to(h0[row], (start, UNITS)))
