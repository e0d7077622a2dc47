"""Explanations of a prediction: attribution methods and measures of attention weights.

Depends on `attnviz.models`, never the other way: importing this package attaches the
attribution methods to `SentimentModel.attributions`.
"""

from attnviz.explain import saliency  # noqa: F401  (sets SentimentModel.attributor_class)
