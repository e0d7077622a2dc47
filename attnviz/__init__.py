"""attnviz: see what attention does inside a neural network.

`import attnviz` is cheap; TensorFlow loads when a model is first loaded.
"""

__version__ = "0.1.0"

_LAZY = {
    "load_sentiment_model": "attnviz.models.sentiment",
    "load_date_model": "attnviz.models.dates",
    "load_time_model": "attnviz.models.dates",
    "ModelFileError": "attnviz.models.paths",
}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        import importlib

        if name == "load_sentiment_model":
            importlib.import_module("attnviz.explain")  # gives SentimentModel.attributions
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'attnviz' has no attribute {name!r}")
