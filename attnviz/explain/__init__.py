"""Explanations of a prediction: attribution methods and measures of attention weights (depends on models, never the other way)."""
