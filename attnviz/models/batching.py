"""Padding token-id batches to a few fixed shapes, so compiled (XLA) programs are reused."""

import threading

import numpy as np

# The forward pass is compiled with XLA for fixed shapes: a batch is padded up to
# the next of these sizes (rows) and lengths (tokens), so a handful of compiled
# shapes serve every input. The model's own reading limit is the last length.
BATCH_BUCKETS = (1, 8, 32, 128)
LENGTH_BUCKETS = (16, 32, 64, 128, 256, 512)


def bucket(size, sizes):
    """The smallest of `sizes` that holds `size` (or `size` itself past the largest)."""
    return next((b for b in sizes if b >= size), size)


def pad_batch(sequences, rows=None, width=None):
    """Right-pad id lists with 0 into a `(rows, width)` int32 array."""
    rows = rows or len(sequences)
    width = width or max(len(s) for s in sequences)
    batch = np.zeros((rows, width), dtype=np.int32)
    for row, ids in enumerate(sequences):
        batch[row, : len(ids)] = ids
    return batch


def _shape_key(inputs):
    if isinstance(inputs, (list, tuple)):
        return tuple(_shape_key(x) for x in inputs)
    return tuple(np.shape(inputs))


class CompiledByShape:
    """A `tf.function` whose first call for each input shape runs under a lock.

    The first call of a shape traces (and with XLA compiles) a program. The app calls a
    model from many sessions and from the background preloader at once; two threads
    tracing the same function at the same moment once broke a run. So a new shape is
    traced by one thread at a time, and a shape already seen is called without the lock.
    """

    def __init__(self, function):
        self.function = function
        self._shapes = set()
        self._lock = threading.Lock()

    def __call__(self, inputs):
        key = _shape_key(inputs)
        if key in self._shapes:
            return self.function(inputs)
        with self._lock:
            outputs = self.function(inputs)
            self._shapes.add(key)
        return outputs
