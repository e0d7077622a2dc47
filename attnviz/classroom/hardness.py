"""From soft to hard attention on Attention 101's tiny example.

Lowering the softmax temperature sharpens the weights; at temperature 0 they
become the one-hot argmax (hard attention, deterministic). Hard attention while
training draws one position from the weights instead (`sample_position`).
"""

import numpy as np

# The slider's stops, from soft to hard; 0 stands for the argmax (temperature -> 0).
TEMPERATURE_STOPS = (5.0, 2.0, 1.0, 0.5, 0.25, 0.1, 0.0)


def tempered_weights(scores, temperature):
    """softmax(scores / temperature); the one-hot argmax for temperature 0.

    Raises:
        ValueError: empty scores or a negative temperature.
    """
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 1 or len(scores) == 0:
        raise ValueError(f"expected a non-empty row of scores, got shape {scores.shape}")
    if temperature < 0:
        raise ValueError(f"temperature must be 0 (argmax) or positive, not {temperature}")
    if temperature == 0:
        weights = np.zeros_like(scores)
        weights[int(np.argmax(scores))] = 1.0
        return weights
    scaled = scores / temperature
    e = np.exp(scaled - scaled.max())
    return e / e.sum()


def sample_position(weights, seed, draw=0):
    """One position drawn from `weights` (draw number `draw` of the stream `seed`)."""
    weights = np.asarray(weights, dtype=np.float64)
    rng = np.random.default_rng([int(seed), int(draw)])
    return int(rng.choice(len(weights), p=weights / weights.sum()))


def one_hot(position, n):
    weights = np.zeros(n, dtype=np.float64)
    weights[position] = 1.0
    return weights
