"""Reading the files training wrote (model card, `.keras` model) with errors that name the fix."""

import json
import threading

from attnviz.models.paths import ModelFileError


class KerasOnDemand:
    """A Keras model given as itself, or as a function that loads it on first use (once).

    The models answer one text in numpy (`attnviz.models.npforward`); only batches and
    the attributions need the Keras model, so loading it (and importing TensorFlow) waits
    until then.
    """

    def __init__(self, model):
        self.loaded = None if callable(model) and not hasattr(model, "layers") else model
        self._load = model if self.loaded is None else None
        self._lock = threading.Lock()

    def get(self):
        """The Keras model, loading it now if nobody has yet (one thread loads it)."""
        if self.loaded is None:
            with self._lock:
                if self.loaded is None:
                    self.loaded = self._load()
        return self.loaded


def read_card(card_file, task, variant=None):
    if not card_file.is_file():
        raise ModelFileError(card_file, "Model card is missing", task, variant)
    try:
        return json.loads(card_file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        problem = f"Model card is not valid JSON ({exc})"
        raise ModelFileError(card_file, problem, task, variant) from exc


def read_keras_model(model_file, task, variant=None):
    """`keras.saving.load_model` with errors that name the file and the fix."""
    import keras

    from attnviz.models import layers  # noqa: F401  (registers the custom layers)

    if not model_file.is_file():
        raise ModelFileError(model_file, "Model file is missing", task, variant)
    try:
        return keras.saving.load_model(model_file, compile=False)
    except Exception as exc:  # a truncated zip, wrong version, ... all mean "rebuild"
        problem = f"Model file could not be read ({type(exc).__name__}: {exc})"
        raise ModelFileError(model_file, problem, task, variant) from exc
